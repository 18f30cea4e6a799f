import { AppError, type Logger } from '@moneypal/kit';
import { z } from 'zod';
import {
  captureIdOfRefund,
  type PayPalCapture,
  type PayPalClient,
  PayPalError,
  type PayPalPayoutItem,
  PayPalUnreachableError,
} from '../clients/paypal/client.js';
import { WebhookSignatureError, type WebhookTransmission } from '../clients/paypal/webhooks.js';
import type { PaymentsDatabase } from '../database.js';
import type { PaymentRecord } from '../domain/payment.js';
import { paymentsError } from '../errors.js';
import type * as paymentRepository from '../repositories/payment.repository.js';
import type * as webhookReceiptRepository from '../repositories/webhook-receipt.repository.js';
import type { TraceContext } from './events.js';
import type { PayoutService } from './payout.service.js';
import { badGatewayOf, isPayPalFailure } from './paypal-failure.js';
import type { RefundService } from './refund.service.js';
import type { SettlementService } from './settlement.service.js';

/** Checks that a webhook is PayPal's (`PayPalWebhookVerifier`). */
export interface WebhookVerifier {
  verify(headers: Readonly<Record<string, string>>, body: string): Promise<WebhookTransmission>;
}

export interface WebhookServiceOptions {
  db: PaymentsDatabase;
  repositories: { payments: typeof paymentRepository; webhookReceipts: typeof webhookReceiptRepository };
  paypal: PayPalClient;
  verifier: WebhookVerifier;
  settlement: SettlementService;
  refunds: RefundService;
  payouts: PayoutService;
  clock: () => Date;
  logger: Logger;
}

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

/** The envelope of a PayPal webhook event, as far as payments reads it. */
const webhookEventSchema = z.looseObject({
  id: z.string().min(1).max(255),
  event_type: z.string().min(1).max(255),
  resource: z.looseObject({
    id: z.string().min(1).optional(),
    payout_item_id: z.string().min(1).optional(),
    links: z.array(z.object({ href: z.string(), rel: z.string() })).optional(),
    supplementary_data: z
      .looseObject({ related_ids: z.looseObject({ order_id: z.string().optional() }).optional() })
      .optional(),
  }),
});
type WebhookEvent = z.infer<typeof webhookEventSchema>;

interface Applied {
  outcome: 'applied' | 'ignored';
  paymentId: string | null;
}

const ignored: Applied = { outcome: 'ignored', paymentId: null };

/** Capture events: the resource is the capture. */
const captureEventTypes: ReadonlySet<string> = new Set([
  'PAYMENT.CAPTURE.COMPLETED',
  'PAYMENT.CAPTURE.PENDING',
  'PAYMENT.CAPTURE.DENIED',
  'PAYMENT.CAPTURE.DECLINED',
]);
/** A refund of part or all of a capture: the resource is the refund. */
const refundEventType = 'PAYMENT.CAPTURE.REFUNDED';
/** PayPal took the money back (a chargeback): the resource is linked `up` to its capture. */
const reversalEventType = 'PAYMENT.CAPTURE.REVERSED';
/** Payout item events: the resource is the payout item. */
const payoutItemEventTypes: ReadonlySet<string> = new Set([
  'PAYMENT.PAYOUTS-ITEM.SUCCEEDED',
  'PAYMENT.PAYOUTS-ITEM.FAILED',
  'PAYMENT.PAYOUTS-ITEM.BLOCKED',
  'PAYMENT.PAYOUTS-ITEM.DENIED',
  'PAYMENT.PAYOUTS-ITEM.CANCELED',
  'PAYMENT.PAYOUTS-ITEM.HELD',
  'PAYMENT.PAYOUTS-ITEM.REFUNDED',
  'PAYMENT.PAYOUTS-ITEM.RETURNED',
  'PAYMENT.PAYOUTS-ITEM.UNCLAIMED',
]);
/** Order events: the resource is the order. */
const orderEventTypes: ReadonlySet<string> = new Set(['CHECKOUT.ORDER.APPROVED', 'CHECKOUT.ORDER.COMPLETED']);

/**
 * PayPal's webhooks: verified before anything is believed, recorded by event id so a
 * redelivery changes nothing, and applied through the same transitions as the buyer's
 * own requests. An event's body says what happened to which resource; the resource's
 * state is then read from PayPal, so events arriving late, twice or out of order all
 * end in the state PayPal has.
 */
export class WebhookService {
  private readonly db: PaymentsDatabase;
  private readonly payments: typeof paymentRepository;
  private readonly webhookReceipts: typeof webhookReceiptRepository;

  constructor(private readonly options: WebhookServiceOptions) {
    this.db = options.db;
    this.payments = options.repositories.payments;
    this.webhookReceipts = options.repositories.webhookReceipts;
  }

  async receive(
    request: { headers: Record<string, string>; body: string },
    trace?: TraceContext,
  ): Promise<{ event_id: string; outcome: WebhookOutcome }> {
    await this.verify(request.headers, request.body);
    const event = parseEvent(request.body);
    if (await this.webhookReceipts.findWebhookReceipt(this.db, event.id)) {
      return { event_id: event.id, outcome: 'duplicate' };
    }
    const applied = await this.apply(event, trace);
    // Applying is idempotent, so copies that raced past the check above changed nothing more; one records it.
    const recorded = await this.webhookReceipts.insertWebhookReceipt(this.db, {
      event_id: event.id,
      event_type: event.event_type,
      resource_id: event.resource.id ?? null,
      payment_id: applied.paymentId,
      outcome: applied.outcome,
      received_at: this.options.clock(),
    });
    const outcome = recorded ? applied.outcome : 'duplicate';
    this.options.logger.info(
      { paypal_event_id: event.id, event_type: event.event_type, payment_id: applied.paymentId, outcome },
      'PayPal webhook received',
    );
    return { event_id: event.id, outcome };
  }

  private async verify(headers: Record<string, string>, body: string): Promise<void> {
    try {
      await this.options.verifier.verify(headers, body);
    } catch (error) {
      if (error instanceof WebhookSignatureError) {
        this.options.logger.warn(
          { paypal_transmission_id: error.transmissionId, reason: error.reason },
          'PayPal webhook refused: its signature does not verify',
        );
        throw paymentsError('webhook_signature_invalid', 'the webhook signature does not verify');
      }
      if (error instanceof PayPalUnreachableError)
        throw badGatewayOf(error, 'fetching the webhook certificate');
      throw error;
    }
  }

  private async apply(event: WebhookEvent, trace: TraceContext | undefined): Promise<Applied> {
    const resourceId = event.resource.id;
    if (orderEventTypes.has(event.event_type) && resourceId !== undefined) {
      return this.applyOrderEvent(resourceId, trace);
    }
    if (captureEventTypes.has(event.event_type) && resourceId !== undefined) {
      return this.applyCaptureEvent(resourceId, relatedOrderIdOf(event.resource), trace);
    }
    if (event.event_type === refundEventType && resourceId !== undefined) {
      const payment = await this.options.refunds.applyRefundWebhook(resourceId, trace);
      return payment === null ? ignored : { outcome: 'applied', paymentId: payment.id };
    }
    if (event.event_type === reversalEventType) {
      const captureId = captureIdOfRefund(event.resource);
      if (captureId === null) return ignored;
      return this.applyCaptureEvent(captureId, undefined, trace);
    }
    const payoutItemId = event.resource.payout_item_id;
    if (payoutItemEventTypes.has(event.event_type) && payoutItemId !== undefined) {
      return this.applyPayoutItemEvent(payoutItemId, trace);
    }
    return ignored;
  }

  /** The buyer approved (or the order completed): capture as the buyer's return would. */
  private async applyOrderEvent(orderId: string, trace: TraceContext | undefined): Promise<Applied> {
    const payment = await this.payments.findPaymentByOrderId(this.db, orderId);
    if (!payment) return ignored;
    try {
      await this.options.settlement.settleApprovedOrder(payment, trace);
    } catch (error) {
      if (error instanceof AppError && error.code === 'payment_not_capturable') {
        this.options.logger.warn(
          { payment_id: payment.id, paypal_order_id: orderId, details: error.details },
          'PayPal webhook says the order is approved, PayPal says it is not',
        );
        return { outcome: 'ignored', paymentId: payment.id };
      }
      throw error;
    }
    return { outcome: 'applied', paymentId: payment.id };
  }

  /** Something happened to a capture: read it from PayPal and bring its payment in line. */
  private async applyCaptureEvent(
    captureId: string,
    orderIdInBody: string | undefined,
    trace: TraceContext | undefined,
  ): Promise<Applied> {
    let capture: PayPalCapture;
    try {
      capture = await this.options.paypal.getCapture(captureId);
    } catch (error) {
      if (error instanceof PayPalError && error.status === 404) return ignored;
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the capture');
      throw error;
    }
    const payment = await this.paymentOfCapture(capture, orderIdInBody);
    if (!payment) return ignored;
    await this.options.settlement.applyCapture(payment, capture, trace);
    return { outcome: 'applied', paymentId: payment.id };
  }

  /** Something happened to a payout item: read it from PayPal and bring its payout in line. */
  private async applyPayoutItemEvent(itemId: string, trace: TraceContext | undefined): Promise<Applied> {
    let item: PayPalPayoutItem;
    try {
      item = await this.options.paypal.getPayoutItem(itemId);
    } catch (error) {
      if (error instanceof PayPalError && error.status === 404) return ignored;
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the payout item');
      throw error;
    }
    const payout = await this.options.payouts.applyItem(item, trace);
    return payout === null ? ignored : { outcome: 'applied', paymentId: null };
  }

  /** By capture id once known (pending, captured), else by the order it belongs to. */
  private async paymentOfCapture(
    capture: PayPalCapture,
    orderIdInBody: string | undefined,
  ): Promise<PaymentRecord | undefined> {
    const byCapture = await this.payments.findPaymentByCaptureId(this.db, capture.id);
    if (byCapture) return byCapture;
    const orderId = capture.supplementary_data?.related_ids?.order_id ?? orderIdInBody;
    return orderId === undefined ? undefined : this.payments.findPaymentByOrderId(this.db, orderId);
  }
}

function relatedOrderIdOf(resource: WebhookEvent['resource']): string | undefined {
  return resource.supplementary_data?.related_ids?.order_id;
}

/** The event in a verified body; a body PayPal signed but that is not an event is refused. */
function parseEvent(body: string): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const event = webhookEventSchema.safeParse(json);
  if (!event.success) {
    throw paymentsError('validation_failed', 'the webhook body is not a PayPal event', {
      errors: event.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return event.data;
}
