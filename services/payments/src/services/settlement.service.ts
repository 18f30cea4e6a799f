import type { Actor, Payment } from '@moneypal/contracts';
import type { Logger } from '@moneypal/kit';
import { fromPayPalMoney } from '../clients/paypal/amounts.js';
import {
  captureOf,
  type PayPalCapture,
  type PayPalClient,
  PayPalError,
  type PayPalOrder,
} from '../clients/paypal/client.js';
import type { PaymentsDatabase } from '../database.js';
import { isAdmin, mayRead, userIdOf } from '../domain/actor.js';
import { capturableStatuses, type PaymentRecord } from '../domain/payment.js';
import {
  alreadyCapturingIssues,
  type CaptureStep,
  declineIssues,
  eventTypeOf,
  notApprovedIssues,
  sourcesOf,
  stepsForCapture,
} from '../domain/settlement.js';
import { paymentsError } from '../errors.js';
import type * as paymentRepository from '../repositories/payment.repository.js';
import type * as refundRepository from '../repositories/refund.repository.js';
import { type TraceContext, writePaymentEvent } from './events.js';
import { publicPaymentOf } from './payment-view.js';
import { badGatewayOf, isPayPalFailure } from './paypal-failure.js';

export interface SettlementServiceOptions {
  db: PaymentsDatabase;
  repositories: { payments: typeof paymentRepository; refunds: typeof refundRepository };
  paypal: PayPalClient;
  clock: () => Date;
  logger: Logger;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

/** PayPal's ids that a transition records on the payment. */
interface PayPalIds {
  captureId?: string | undefined;
}

const noSuchPayment = () => paymentsError('not_found', 'No payment of yours has this id.');

/**
 * What happens to a payment after its order exists: capture (by the buyer's return or by
 * PayPal's webhook, whichever comes first), the buyer's cancellation, and PayPal's word on
 * a capture (refunds are `RefundService`'s). Every change is a conditional transition written with
 * its event in one transaction, so racing paths and repeated messages change a payment
 * once and publish each event once.
 */
export class SettlementService {
  private readonly db: PaymentsDatabase;
  private readonly payments: typeof paymentRepository;
  private readonly refunds: typeof refundRepository;
  private readonly clock: () => Date;
  /** Captures running in this process, by payment: a second asker shares the first one's PayPal call. */
  private readonly running = new Map<string, Promise<PaymentRecord>>();

  constructor(private readonly options: SettlementServiceOptions) {
    this.db = options.db;
    this.payments = options.repositories.payments;
    this.refunds = options.repositories.refunds;
    this.clock = options.clock;
  }

  /**
   * Captures an approved payment for its payer or an admin. A payment already captured,
   * pending, failed or refunded is answered as it is. A declined capture fails the
   * payment as `declined` and answers it (not an error): the outcome is the payment's.
   */
  async capture(actor: Actor, paymentId: string, trace?: TraceContext): Promise<Payment> {
    const payment = await this.visiblePayment(actor, paymentId);
    if (userIdOf(actor) !== payment.payer_id && !isAdmin(actor)) {
      throw paymentsError('forbidden', 'only the payer or an admin captures a payment');
    }
    return this.present(await this.settle(payment.id, trace));
  }

  /**
   * The buyer came back through the cancel link: a payment still `created` fails as
   * `cancelled`, unless PayPal says the buyer approved it after all (the capture then
   * decides). Any other payment is answered as it is.
   */
  async cancel(actor: Actor, paymentId: string, trace?: TraceContext): Promise<Payment> {
    const payment = await this.visiblePayment(actor, paymentId);
    if (userIdOf(actor) !== payment.payer_id)
      throw paymentsError('forbidden', 'only the payer cancels a payment');
    if (payment.status !== 'created') return this.present(payment);
    if (payment.paypal_order_id !== null) {
      let orderStatus: string;
      try {
        orderStatus = (await this.options.paypal.getOrder(payment.paypal_order_id)).status;
      } catch (error) {
        if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the order');
        throw error;
      }
      if (orderStatus === 'APPROVED' || orderStatus === 'COMPLETED') return this.present(payment);
    }
    return this.present(
      await this.apply(
        payment,
        [{ target: 'failed', failureReason: 'cancelled', from: ['created'] }],
        {},
        trace,
      ),
    );
  }

  /** PayPal says the buyer approved the order (webhook): capture it, as the buyer's return would. */
  async settleApprovedOrder(payment: PaymentRecord, trace?: TraceContext): Promise<PaymentRecord> {
    return this.settle(payment.id, trace);
  }

  /**
   * Brings a payment in line with its capture as PayPal has it now (fetched by the caller,
   * never taken from a webhook body alone). A capture of another amount than the
   * payment's changes nothing and is logged: it would credit what was not paid.
   */
  async applyCapture(
    payment: PaymentRecord,
    capture: PayPalCapture,
    trace?: TraceContext,
  ): Promise<PaymentRecord> {
    if (capture.amount !== undefined && !this.isAmountOf(payment, capture.amount)) {
      this.options.logger.error(
        { payment_id: payment.id, paypal_capture_id: capture.id, paypal_amount: capture.amount },
        'PayPal holds a capture of another amount than the payment',
      );
      throw paymentsError('bad_gateway', 'PayPal holds a capture of another amount than the payment');
    }
    const steps = stepsForCapture(capture.status);
    if (steps.length === 0) {
      this.options.logger.warn(
        { payment_id: payment.id, paypal_capture_id: capture.id, capture_status: capture.status },
        'PayPal capture status changes nothing',
      );
      return payment;
    }
    if (payment.status === 'failed' && steps.some((step) => step.target === 'captured')) {
      this.options.logger.error(
        { payment_id: payment.id, paypal_capture_id: capture.id, failure_reason: payment.failure_reason },
        'PayPal completed a capture of a failed payment: reconcile by hand',
      );
    }
    return this.apply(payment, steps, { captureId: capture.id }, trace);
  }

  private async visiblePayment(actor: Actor, paymentId: string): Promise<PaymentRecord> {
    const payment = await this.payments.findPayment(this.db, paymentId);
    if (!payment || !mayRead(actor, payment.payer_id)) throw noSuchPayment();
    return payment;
  }

  private settle(paymentId: string, trace: TraceContext | undefined): Promise<PaymentRecord> {
    return this.once(`capture:${paymentId}`, () => this.settleNow(paymentId, trace));
  }

  /**
   * Reads the order at PayPal first, so that a capture is asked for only once the buyer
   * approved: a capture PayPal refused would otherwise stay attached to its request id.
   */
  private async settleNow(paymentId: string, trace: TraceContext | undefined): Promise<PaymentRecord> {
    const payment = await this.payments.findPayment(this.db, paymentId);
    if (!payment) throw noSuchPayment();
    if (!capturableStatuses.includes(payment.status)) return payment;
    if (payment.paypal_order_id === null) {
      throw paymentsError('payment_not_capturable', 'the payment has no PayPal order yet');
    }
    let order: PayPalOrder;
    try {
      order = await this.options.paypal.getOrder(payment.paypal_order_id);
    } catch (error) {
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the order');
      throw error;
    }
    if (order.status === 'COMPLETED') return this.applyOrderCapture(payment, order, trace);
    if (order.status !== 'APPROVED') {
      throw paymentsError('payment_not_capturable', 'the buyer has not approved the payment at PayPal', {
        paypal_order_status: order.status,
      });
    }
    const approved = await this.apply(payment, [{ target: 'approved' }], {}, trace);
    return this.captureAtPayPal(approved, payment.paypal_order_id, trace);
  }

  private async captureAtPayPal(
    payment: PaymentRecord,
    orderId: string,
    trace: TraceContext | undefined,
  ): Promise<PaymentRecord> {
    let order: PayPalOrder;
    try {
      order = await this.options.paypal.captureOrder(orderId, `capture-${payment.id}`);
    } catch (error) {
      if (error instanceof PayPalError && error.status === 422 && error.hasIssue(declineIssues)) {
        return this.apply(payment, [{ target: 'failed', failureReason: 'declined' }], {}, trace);
      }
      if (error instanceof PayPalError && (error.status === 409 || error.hasIssue(alreadyCapturingIssues))) {
        return this.reconcileOrder(payment, orderId, trace);
      }
      if (error instanceof PayPalError && error.hasIssue(notApprovedIssues)) {
        throw paymentsError('payment_not_capturable', 'the buyer has not approved the payment at PayPal');
      }
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'capturing the order');
      throw error;
    }
    return this.applyOrderCapture(payment, order, trace);
  }

  /** Another capture of the order happened or is happening: take the order's capture as PayPal has it. */
  private async reconcileOrder(
    payment: PaymentRecord,
    orderId: string,
    trace: TraceContext | undefined,
  ): Promise<PaymentRecord> {
    let order: PayPalOrder;
    try {
      order = await this.options.paypal.getOrder(orderId);
    } catch (error) {
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the order');
      throw error;
    }
    const capture = captureOf(order);
    if (capture !== null) return this.applyCapture(payment, capture, trace);
    // Still completing at PayPal: its capture webhook will say how it ended.
    return (await this.payments.findPayment(this.db, payment.id)) ?? payment;
  }

  private async applyOrderCapture(
    payment: PaymentRecord,
    order: PayPalOrder,
    trace: TraceContext | undefined,
  ): Promise<PaymentRecord> {
    const capture = captureOf(order);
    if (capture === null) {
      this.options.logger.error(
        { payment_id: payment.id, paypal_order_id: order.id, order_status: order.status },
        'PayPal order has no capture',
      );
      throw paymentsError('bad_gateway', 'PayPal answered the capture without a capture');
    }
    return this.applyCapture(payment, capture, trace);
  }

  /**
   * Applies the steps in one transaction, each a conditional transition with its event;
   * returns the payment as it is afterwards, whether or not this call changed it.
   */
  private async apply(
    payment: PaymentRecord,
    steps: CaptureStep[],
    ids: PayPalIds,
    trace: TraceContext | undefined,
  ): Promise<PaymentRecord> {
    const now = this.clock();
    const { current, wroteEvents } = await this.db.transaction().execute(async (trx) => {
      let wrote = false;
      let latest: PaymentRecord | undefined;
      for (const step of steps) {
        const changed = await this.payments.transitionPayment(trx, payment.id, {
          from: step.from ?? sourcesOf[step.target],
          status: step.target,
          fields: fieldsOf(step, ids, now),
          now,
        });
        if (!changed) continue;
        latest = changed;
        const eventType = eventTypeOf(step.target);
        if (eventType !== null) {
          await writePaymentEvent(trx, eventType, await publicPaymentOf(trx, this.refunds, changed), trace);
          wrote = true;
        }
      }
      return { current: latest ?? (await this.payments.findPayment(trx, payment.id)), wroteEvents: wrote };
    });
    if (wroteEvents) this.options.onEventsWritten();
    if (!current) throw noSuchPayment();
    return current;
  }

  private isAmountOf(payment: PaymentRecord, amount: { currency_code: string; value: string }): boolean {
    if (amount.currency_code !== payment.currency) return false;
    try {
      return fromPayPalMoney(amount) === payment.amount;
    } catch {
      return false;
    }
  }

  private present(payment: PaymentRecord) {
    return publicPaymentOf(this.db, this.refunds, payment);
  }

  /** Runs `work` unless the same key runs already in this process, in which case its outcome is shared. */
  private once(key: string, work: () => Promise<PaymentRecord>): Promise<PaymentRecord> {
    let running = this.running.get(key);
    if (running === undefined) {
      running = work().finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    return running;
  }
}

/** The columns a transition sets besides the status. */
function fieldsOf(step: CaptureStep, ids: PayPalIds, now: Date): paymentRepository.TransitionFields {
  const captureId = ids.captureId === undefined ? {} : { paypal_capture_id: ids.captureId };
  switch (step.target) {
    case 'approved':
      return {};
    case 'pending':
      return { ...captureId, approve_url: null };
    case 'captured':
      return { ...captureId, captured_at: now, approve_url: null };
    case 'failed':
      return { ...captureId, failure_reason: step.failureReason ?? 'declined', approve_url: null };
  }
}
