import { paypalIds } from './ids.js';
import { proportionOf } from './money.js';

/**
 * The simulator's state: orders, their captures and the captures' refunds, and every
 * transition between PayPal's statuses. Each transition returns the webhook events it
 * causes; turning them into JSON and sending them is someone else's job.
 */

/** What the buyer's approval made of the capture: chosen on the approval page, or the configured default. */
export type CaptureOutcome = 'completed' | 'declined' | 'pending';

/** Order statuses the simulator reaches (PayPal also has SAVED and VOIDED). */
export type OrderStatus = 'CREATED' | 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED';

/** What a refund is when it is made: completed at once, or pending until it completes later (e.g. an e-check). */
export type RefundOutcome = 'completed' | 'pending';

export type CaptureStatus = 'COMPLETED' | 'DECLINED' | 'PENDING' | 'PARTIALLY_REFUNDED' | 'REFUNDED';

export interface Money {
  currency: string;
  minor: bigint;
}

/** Where the buyer goes after the approval page, and how it is labelled. */
export interface ExperienceContext {
  returnUrl: string | null;
  cancelUrl: string | null;
  brandName: string | null;
}

export interface PurchaseUnitRequest {
  referenceId: string;
  amount: Money;
  description: string | null;
  customId: string | null;
  invoiceId: string | null;
  softDescriptor: string | null;
}

/** A validated `POST /v2/checkout/orders` body. */
export interface OrderRequest {
  /**
   * `payment_source` when the experience came in `payment_source.paypal.experience_context`
   * (the order starts PAYER_ACTION_REQUIRED, link `payer-action`); `application_context`
   * for the deprecated form (CREATED, link `approve`).
   */
  form: 'payment_source' | 'application_context';
  purchaseUnits: PurchaseUnitRequest[];
  experience: ExperienceContext;
}

export interface Payer {
  payerId: string;
  emailAddress: string;
  givenName: string;
  surname: string;
  countryCode: string;
}

export interface PurchaseUnit extends PurchaseUnitRequest {
  captureIds: string[];
}

export interface Order {
  id: string;
  form: OrderRequest['form'];
  status: OrderStatus;
  purchaseUnits: PurchaseUnit[];
  experience: ExperienceContext;
  payer: Payer | null;
  /** Chosen at approval; null means "whatever the simulator is configured to do at capture time". */
  captureOutcome: CaptureOutcome | null;
  /** When the buyer last cancelled at the approval page; PayPal leaves the order's status as it was. */
  cancelTime: Date | null;
  createTime: Date;
  updateTime: Date;
}

export interface Capture {
  id: string;
  orderId: string;
  referenceId: string;
  status: CaptureStatus;
  /** `status_details.reason` while PENDING. */
  pendingReason: string | null;
  amount: Money;
  paypalFeeMinor: bigint;
  refundedMinor: bigint;
  customId: string | null;
  invoiceId: string | null;
  refundIds: string[];
  createTime: Date;
  updateTime: Date;
}

export interface RefundRequest {
  /** null refunds what is left of the capture. */
  amount: Money | null;
  customId: string | null;
  invoiceId: string | null;
  noteToPayer: string | null;
}

export interface Refund {
  id: string;
  captureId: string;
  /** A pending refund already counts against what is left of its capture. */
  status: 'COMPLETED' | 'PENDING';
  amount: Money;
  paypalFeeMinor: bigint;
  /** Everything refunded from the capture up to and including this refund. */
  totalRefundedMinor: bigint;
  customId: string | null;
  invoiceId: string | null;
  noteToPayer: string | null;
  createTime: Date;
  updateTime: Date;
}

/** A change a webhook tells the merchant about. */
export type OrderBookEvent =
  | { type: 'CHECKOUT.ORDER.APPROVED'; orderId: string }
  | {
      type:
        | 'PAYMENT.CAPTURE.COMPLETED'
        | 'PAYMENT.CAPTURE.DECLINED'
        | 'PAYMENT.CAPTURE.PENDING'
        | 'PAYMENT.CAPTURE.DENIED';
      captureId: string;
    }
  | { type: 'PAYMENT.CAPTURE.REFUNDED'; refundId: string };

/**
 * A transition PayPal refuses, named by the `issue` it answers with
 * (`INVALID_RESOURCE_ID` for an unknown id, which is a 404).
 */
export class TransitionRefused extends Error {
  constructor(
    readonly issue: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransitionRefused';
  }
}

/** PayPal's fee on a sandbox capture: 3.49 % of the gross amount. */
const paypalFeeBasisPoints = 349n;

/** The sandbox buyer every approval is made by. */
const sandboxBuyer = {
  emailAddress: 'sandbox-buyer@personal.example.com',
  givenName: 'Sandbox',
  surname: 'Buyer',
  countryCode: 'US',
};

const captureEventTypes = {
  COMPLETED: 'PAYMENT.CAPTURE.COMPLETED',
  DECLINED: 'PAYMENT.CAPTURE.DECLINED',
  PENDING: 'PAYMENT.CAPTURE.PENDING',
} as const;

export class OrderBook {
  private readonly orders = new Map<string, Order>();
  private readonly captures = new Map<string, Capture>();
  private readonly refunds = new Map<string, Refund>();

  constructor(private readonly clock: () => Date) {}

  findOrder(id: string): Order | undefined {
    return this.orders.get(id);
  }

  findCapture(id: string): Capture | undefined {
    return this.captures.get(id);
  }

  findRefund(id: string): Refund | undefined {
    return this.refunds.get(id);
  }

  createOrder(request: OrderRequest): Order {
    const now = this.clock();
    const order: Order = {
      id: paypalIds.resource(),
      form: request.form,
      status: request.form === 'payment_source' ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
      purchaseUnits: request.purchaseUnits.map((unit) => ({ ...unit, captureIds: [] })),
      experience: request.experience,
      payer: null,
      captureOutcome: null,
      cancelTime: null,
      createTime: now,
      updateTime: now,
    };
    this.orders.set(order.id, order);
    return order;
  }

  /** The buyer approves; approving again (e.g. after INSTRUMENT_DECLINED) replaces the chosen outcome. */
  approveOrder(orderId: string, outcome: CaptureOutcome | null): { order: Order; events: OrderBookEvent[] } {
    const order = this.requireOrder(orderId);
    if (order.status === 'COMPLETED') {
      throw new TransitionRefused('ORDER_ALREADY_CAPTURED', `order ${orderId} is already captured`);
    }
    order.status = 'APPROVED';
    order.payer ??= { payerId: paypalIds.account(), ...sandboxBuyer };
    order.captureOutcome = outcome;
    order.updateTime = this.clock();
    return { order, events: [{ type: 'CHECKOUT.ORDER.APPROVED', orderId }] };
  }

  /** The buyer cancels at the approval page: PayPal only redirects, the order stays as it was. */
  cancelOrder(orderId: string): Order {
    const order = this.requireOrder(orderId);
    if (order.status === 'COMPLETED') {
      throw new TransitionRefused('ORDER_ALREADY_CAPTURED', `order ${orderId} is already captured`);
    }
    order.cancelTime = this.clock();
    return order;
  }

  /**
   * Captures every purchase unit of an approved order. The order is COMPLETED afterwards
   * whatever the captures' statuses are: PayPal's spec warns that a COMPLETED order may
   * hold a DECLINED capture.
   */
  captureOrder(orderId: string, defaultOutcome: CaptureOutcome): { order: Order; events: OrderBookEvent[] } {
    const order = this.requireOrder(orderId);
    if (order.status === 'COMPLETED') {
      throw new TransitionRefused('ORDER_ALREADY_CAPTURED', `order ${orderId} is already captured`);
    }
    if (order.status !== 'APPROVED') {
      throw new TransitionRefused('ORDER_NOT_APPROVED', `order ${orderId} is ${order.status}, not APPROVED`);
    }
    const outcome = order.captureOutcome ?? defaultOutcome;
    const status = outcome === 'completed' ? 'COMPLETED' : outcome === 'declined' ? 'DECLINED' : 'PENDING';
    const now = this.clock();
    const events: OrderBookEvent[] = [];
    for (const unit of order.purchaseUnits) {
      const capture: Capture = {
        id: paypalIds.resource(),
        orderId,
        referenceId: unit.referenceId,
        status,
        pendingReason: status === 'PENDING' ? 'PENDING_REVIEW' : null,
        amount: unit.amount,
        paypalFeeMinor: proportionOf(unit.amount.minor, paypalFeeBasisPoints, 10_000n),
        refundedMinor: 0n,
        customId: unit.customId,
        invoiceId: unit.invoiceId,
        refundIds: [],
        createTime: now,
        updateTime: now,
      };
      this.captures.set(capture.id, capture);
      unit.captureIds.push(capture.id);
      events.push({ type: captureEventTypes[status], captureId: capture.id });
    }
    order.status = 'COMPLETED';
    order.updateTime = now;
    return { order, events };
  }

  /** A PENDING capture clears (e.g. the e-check arrived). */
  completePendingCapture(captureId: string): { capture: Capture; events: OrderBookEvent[] } {
    const capture = this.requirePendingCapture(captureId);
    capture.status = 'COMPLETED';
    capture.pendingReason = null;
    capture.updateTime = this.clock();
    return { capture, events: [{ type: 'PAYMENT.CAPTURE.COMPLETED', captureId }] };
  }

  /** A PENDING capture is denied; PayPal's capture status for that is DECLINED, its event DENIED. */
  denyPendingCapture(captureId: string): { capture: Capture; events: OrderBookEvent[] } {
    const capture = this.requirePendingCapture(captureId);
    capture.status = 'DECLINED';
    capture.pendingReason = null;
    capture.updateTime = this.clock();
    return { capture, events: [{ type: 'PAYMENT.CAPTURE.DENIED', captureId }] };
  }

  /** PAYMENT.CAPTURE.REFUNDED is sent when the refund completes: at once, or when a pending one does. */
  refundCapture(
    captureId: string,
    request: RefundRequest,
    outcome: RefundOutcome,
  ): { refund: Refund; events: OrderBookEvent[] } {
    const capture = this.findCapture(captureId);
    if (!capture) throw new TransitionRefused('INVALID_RESOURCE_ID', `no capture ${captureId}`);
    if (capture.status === 'REFUNDED') {
      throw new TransitionRefused('CAPTURE_FULLY_REFUNDED', `capture ${captureId} is already fully refunded`);
    }
    if (capture.status === 'PENDING') {
      throw new TransitionRefused('PENDING_CAPTURE', `capture ${captureId} is still pending`);
    }
    if (capture.status === 'DECLINED') {
      throw new TransitionRefused('REFUND_NOT_ALLOWED', `capture ${captureId} was declined`);
    }
    const remainingMinor = capture.amount.minor - capture.refundedMinor;
    const amount = request.amount ?? { currency: capture.amount.currency, minor: remainingMinor };
    if (amount.currency !== capture.amount.currency) {
      throw new TransitionRefused(
        'CURRENCY_MISMATCH',
        `capture ${captureId} is in ${capture.amount.currency}, the refund in ${amount.currency}`,
      );
    }
    if (amount.minor > remainingMinor) {
      throw new TransitionRefused(
        'REFUND_AMOUNT_EXCEEDED',
        `capture ${captureId} has ${remainingMinor} minor units left`,
      );
    }
    const now = this.clock();
    capture.refundedMinor += amount.minor;
    capture.status = capture.refundedMinor === capture.amount.minor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    capture.updateTime = now;
    const refund: Refund = {
      id: paypalIds.resource(),
      captureId,
      status: outcome === 'completed' ? 'COMPLETED' : 'PENDING',
      amount,
      // PayPal returns the fee in proportion to the part refunded.
      paypalFeeMinor: proportionOf(capture.paypalFeeMinor, amount.minor, capture.amount.minor),
      totalRefundedMinor: capture.refundedMinor,
      customId: request.customId,
      invoiceId: request.invoiceId,
      noteToPayer: request.noteToPayer,
      createTime: now,
      updateTime: now,
    };
    this.refunds.set(refund.id, refund);
    capture.refundIds.push(refund.id);
    if (refund.status === 'PENDING') return { refund, events: [] };
    return { refund, events: [{ type: 'PAYMENT.CAPTURE.REFUNDED', refundId: refund.id }] };
  }

  /** A PENDING refund completes. */
  completePendingRefund(refundId: string): { refund: Refund; events: OrderBookEvent[] } {
    const refund = this.refunds.get(refundId);
    if (!refund) throw new TransitionRefused('INVALID_RESOURCE_ID', `no refund ${refundId}`);
    if (refund.status !== 'PENDING') {
      throw new TransitionRefused(
        'REFUND_NOT_PENDING',
        `refund ${refundId} is ${refund.status}, not PENDING`,
      );
    }
    refund.status = 'COMPLETED';
    refund.updateTime = this.clock();
    return { refund, events: [{ type: 'PAYMENT.CAPTURE.REFUNDED', refundId }] };
  }

  private requireOrder(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new TransitionRefused('INVALID_RESOURCE_ID', `no order ${orderId}`);
    return order;
  }

  private requirePendingCapture(captureId: string): Capture {
    const capture = this.captures.get(captureId);
    if (!capture) throw new TransitionRefused('INVALID_RESOURCE_ID', `no capture ${captureId}`);
    if (capture.status !== 'PENDING') {
      throw new TransitionRefused(
        'CAPTURE_NOT_PENDING',
        `capture ${captureId} is ${capture.status}, not PENDING`,
      );
    }
    return capture;
  }
}
