import type { PayPalLink } from './errors.js';
import { formatAmountValue } from './money.js';
import type { Capture, Money, Order, OrderBook, Payer, Refund } from './orders.js';

/**
 * The JSON PayPal answers with for orders, captures and refunds, built from the order
 * book. Amounts become decimal strings here and nowhere else.
 */

export interface ResourceUrls {
  /** Base of the API links (`self`, `capture`, `up`, `refund`). */
  apiUrl: string;
  /** Base of the approval page links (`approve`, `payer-action`). */
  checkoutUrl: string;
}

/** The merchant every order is paid to. */
export interface Merchant {
  merchantId: string;
  emailAddress: string;
}

type Json = Record<string, unknown>;

export function paypalTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function moneyJson(money: Money): { currency_code: string; value: string } {
  return { currency_code: money.currency, value: formatAmountValue(money.minor, money.currency) };
}

export function approvalUrl(urls: ResourceUrls, orderId: string): string {
  return `${urls.checkoutUrl}/checkoutnow?token=${encodeURIComponent(orderId)}`;
}

function orderLinks(order: Order, urls: ResourceUrls): PayPalLink[] {
  const self = `${urls.apiUrl}/v2/checkout/orders/${order.id}`;
  const selfLink: PayPalLink = { href: self, rel: 'self', method: 'GET' };
  const update: PayPalLink = { href: self, rel: 'update', method: 'PATCH' };
  const capture: PayPalLink = { href: `${self}/capture`, rel: 'capture', method: 'POST' };
  switch (order.status) {
    case 'CREATED':
      return [
        selfLink,
        { href: approvalUrl(urls, order.id), rel: 'approve', method: 'GET' },
        update,
        capture,
      ];
    case 'PAYER_ACTION_REQUIRED':
      return [selfLink, { href: approvalUrl(urls, order.id), rel: 'payer-action', method: 'GET' }];
    case 'APPROVED':
      return [selfLink, update, capture];
    case 'COMPLETED':
      return [selfLink];
  }
}

function payerJson(payer: Payer): Json {
  return {
    name: { given_name: payer.givenName, surname: payer.surname },
    email_address: payer.emailAddress,
    payer_id: payer.payerId,
    address: { country_code: payer.countryCode },
  };
}

function paymentSourceJson(order: Order): Json | undefined {
  if (order.payer) {
    return {
      paypal: {
        email_address: order.payer.emailAddress,
        account_id: order.payer.payerId,
        account_status: 'VERIFIED',
        name: { given_name: order.payer.givenName, surname: order.payer.surname },
        address: { country_code: order.payer.countryCode },
      },
    };
  }
  return order.form === 'payment_source' ? { paypal: {} } : undefined;
}

function payeeJson(merchant: Merchant): Json {
  return { email_address: merchant.emailAddress, merchant_id: merchant.merchantId };
}

/** Drops undefined and null members, as PayPal leaves out fields that have no value. */
function compact(object: Json): Json {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined && value !== null),
  );
}

interface CaptureJsonOptions {
  /** GET capture and webhooks carry the order id and the payee; captures inside an order do not. */
  standalone: boolean;
}

export function captureJson(
  capture: Capture,
  urls: ResourceUrls,
  merchant: Merchant,
  options: CaptureJsonOptions,
): Json {
  const self = `${urls.apiUrl}/v2/payments/captures/${capture.id}`;
  const refundable = capture.status === 'COMPLETED' || capture.status === 'PARTIALLY_REFUNDED';
  const currency = capture.amount.currency;
  const links: PayPalLink[] = [
    { href: self, rel: 'self', method: 'GET' },
    ...(refundable ? [{ href: `${self}/refund`, rel: 'refund', method: 'POST' } as const] : []),
    { href: `${urls.apiUrl}/v2/checkout/orders/${capture.orderId}`, rel: 'up', method: 'GET' },
  ];
  return compact({
    id: capture.id,
    status: capture.status,
    status_details: capture.pendingReason ? { reason: capture.pendingReason } : undefined,
    amount: moneyJson(capture.amount),
    final_capture: true,
    disbursement_mode: 'INSTANT',
    seller_protection: {
      status: 'ELIGIBLE',
      dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'],
    },
    seller_receivable_breakdown:
      capture.status === 'DECLINED'
        ? undefined
        : {
            gross_amount: moneyJson(capture.amount),
            paypal_fee: moneyJson({ currency, minor: capture.paypalFeeMinor }),
            net_amount: moneyJson({ currency, minor: capture.amount.minor - capture.paypalFeeMinor }),
          },
    custom_id: capture.customId,
    invoice_id: capture.invoiceId,
    supplementary_data: options.standalone ? { related_ids: { order_id: capture.orderId } } : undefined,
    payee: options.standalone ? payeeJson(merchant) : undefined,
    links,
    create_time: paypalTime(capture.createTime),
    update_time: paypalTime(capture.updateTime),
  });
}

export function refundJson(refund: Refund, urls: ResourceUrls): Json {
  const currency = refund.amount.currency;
  return compact({
    id: refund.id,
    amount: moneyJson(refund.amount),
    seller_payable_breakdown: {
      gross_amount: moneyJson(refund.amount),
      paypal_fee: moneyJson({ currency, minor: refund.paypalFeeMinor }),
      net_amount: moneyJson({ currency, minor: refund.amount.minor - refund.paypalFeeMinor }),
      total_refunded_amount: moneyJson({ currency, minor: refund.totalRefundedMinor }),
    },
    invoice_id: refund.invoiceId,
    custom_id: refund.customId,
    note_to_payer: refund.noteToPayer,
    status: refund.status,
    create_time: paypalTime(refund.createTime),
    update_time: paypalTime(refund.updateTime),
    links: refundLinks(refund, urls),
  });
}

/** `Prefer: return=minimal` (PayPal's default) answers a refund with its id, status and links only. */
export function minimalRefundJson(refund: Refund, urls: ResourceUrls): Json {
  return { id: refund.id, status: refund.status, links: refundLinks(refund, urls) };
}

function refundLinks(refund: Refund, urls: ResourceUrls): PayPalLink[] {
  return [
    { href: `${urls.apiUrl}/v2/payments/refunds/${refund.id}`, rel: 'self', method: 'GET' },
    { href: `${urls.apiUrl}/v2/payments/captures/${refund.captureId}`, rel: 'up', method: 'GET' },
  ];
}

function capturesOf(book: OrderBook, captureIds: string[], urls: ResourceUrls, merchant: Merchant): Json[] {
  return captureIds.map((id) => captureJson(book.findCapture(id)!, urls, merchant, { standalone: false }));
}

/** The whole order, as GET and `Prefer: return=representation` answer it. */
export function orderJson(book: OrderBook, order: Order, urls: ResourceUrls, merchant: Merchant): Json {
  return compact({
    id: order.id,
    intent: 'CAPTURE',
    status: order.status,
    payment_source: paymentSourceJson(order),
    purchase_units: order.purchaseUnits.map((unit) =>
      compact({
        reference_id: unit.referenceId,
        amount: moneyJson(unit.amount),
        payee: payeeJson(merchant),
        description: unit.description,
        custom_id: unit.customId,
        invoice_id: unit.invoiceId,
        soft_descriptor: unit.softDescriptor,
        payments:
          unit.captureIds.length > 0
            ? { captures: capturesOf(book, unit.captureIds, urls, merchant) }
            : undefined,
      }),
    ),
    payer: order.payer ? payerJson(order.payer) : undefined,
    create_time: paypalTime(order.createTime),
    update_time:
      order.updateTime.getTime() === order.createTime.getTime() ? undefined : paypalTime(order.updateTime),
    links: orderLinks(order, urls),
  });
}

/** The minimal answer to a create: id, status and links (and an empty `payment_source.paypal` in that form). */
export function minimalCreatedOrderJson(order: Order, urls: ResourceUrls): Json {
  return compact({
    id: order.id,
    status: order.status,
    payment_source: paymentSourceJson(order),
    links: orderLinks(order, urls),
  });
}

/** The minimal answer to a capture: what was captured and by whom, without amounts of the order itself. */
export function minimalCapturedOrderJson(
  book: OrderBook,
  order: Order,
  urls: ResourceUrls,
  merchant: Merchant,
): Json {
  return compact({
    id: order.id,
    status: order.status,
    payment_source: paymentSourceJson(order),
    purchase_units: order.purchaseUnits.map((unit) => ({
      reference_id: unit.referenceId,
      payments: { captures: capturesOf(book, unit.captureIds, urls, merchant) },
    })),
    payer: order.payer ? payerJson(order.payer) : undefined,
    links: orderLinks(order, urls),
  });
}
