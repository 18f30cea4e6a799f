import { type Actor, type Payment, paymentsEvents, uuid } from '@moneypal/contracts';
import type { Logger } from '@moneypal/kit';
import { fromPayPalMoney, payPalAmountProblem } from '../clients/paypal/amounts.js';
import {
  captureIdOfRefund,
  type PayPalCapture,
  type PayPalClient,
  PayPalError,
  type PayPalRefund,
} from '../clients/paypal/client.js';
import type { Executor, PaymentsDatabase } from '../database.js';
import { isAdmin, mayRead, userIdOf } from '../domain/actor.js';
import { requestHashOf } from '../domain/idempotency.js';
import { type PaymentRecord, refundableStatuses } from '../domain/payment.js';
import {
  type RefundRecord,
  refundAmountOf,
  refundStatusOfPayPal,
  statusAfterRefunds,
  toPublicRefund,
} from '../domain/refund.js';
import { paymentsError } from '../errors.js';
import type * as paymentRepository from '../repositories/payment.repository.js';
import type * as refundRepository from '../repositories/refund.repository.js';
import { type TraceContext, writePaymentEvent } from './events.js';
import type { Replayable } from './payment.service.js';
import { publicPaymentOf } from './payment-view.js';
import { badGatewayOf, isPayPalFailure } from './paypal-failure.js';
import type { SettlementService } from './settlement.service.js';

export interface RefundServiceOptions {
  db: PaymentsDatabase;
  repositories: { payments: typeof paymentRepository; refunds: typeof refundRepository };
  paypal: PayPalClient;
  /** Brings a payment to its capture before a refund made outside MoneyPal is applied. */
  settlement: SettlementService;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
  /** How long one request holds the right to ask PayPal for a refund. */
  leaseMs?: number;
}

export interface RefundRequest {
  actor: Actor;
  payment_id: string;
  amount?: number | undefined;
  reason?: string | undefined;
  idempotency_key: string;
}

/** Longer than PayPal's client takes on its worst day, so a lease never ends under a live request. */
const defaultLeaseMs = 120_000;

const noSuchPayment = () => paymentsError('not_found', 'No payment of yours has this id.');

/** PayPal refused the refund (or ended it FAILED or CANCELLED): its amount is refundable again. */
const refusedByPayPal = (issue: string | null) =>
  paymentsError('payment_not_refundable', 'PayPal refuses to refund the payment', {
    paypal_issues: issue === null ? [] : [issue],
  });

/**
 * Refunds of captured payments, each a row of its own: several partial refunds up to the
 * captured amount, or one of all that is left. An admin's refund reserves its amount under
 * the payment's row lock before PayPal is asked, so refunds racing each other never pass
 * the captured amount; PayPal's refusal gives the amount back. Each refund asks PayPal with
 * its own PayPal-Request-Id (`refund-<payment id>-<refund id>`) and is completed once,
 * by PayPal's answer or its PAYMENT.CAPTURE.REFUNDED webhook, whichever comes first, in
 * the transaction that adds it to the payment and publishes `payments.payment.refunded`.
 */
export class RefundService {
  private readonly db: PaymentsDatabase;
  private readonly payments: typeof paymentRepository;
  private readonly refunds: typeof refundRepository;
  private readonly clock: () => Date;
  private readonly leaseMs: number;

  constructor(private readonly options: RefundServiceOptions) {
    this.db = options.db;
    this.payments = options.repositories.payments;
    this.refunds = options.repositories.refunds;
    this.clock = options.clock;
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
  }

  /**
   * An admin refunds `amount` of a captured payment (all that is left without it), once
   * per Idempotency-Key (Stripe's semantics, scoped by admin): a retry answers the payment
   * as it is now and refunds nothing more; the same key with another request is refused.
   */
  async refund(request: RefundRequest, trace?: TraceContext): Promise<Replayable<Payment>> {
    const payment = await this.payments.findPayment(this.db, request.payment_id);
    if (!payment || !mayRead(request.actor, payment.payer_id)) throw noSuchPayment();
    const adminId = isAdmin(request.actor) ? userIdOf(request.actor) : null;
    if (adminId === null) throw paymentsError('forbidden', 'only an admin refunds a payment');
    const requestHash = requestHashOf({ ...request });
    const existing = await this.refunds.findRefundByKey(this.db, adminId, request.idempotency_key);
    if (existing) return this.resume(existing, requestHash, trace);

    let reserved: { refund: RefundRecord; isNew: boolean };
    try {
      reserved = await this.db
        .transaction()
        .execute((trx) => this.reserve(trx, request, adminId, requestHash));
    } catch (error) {
      if (!this.refunds.isRefundKeyConflict(error)) throw error;
      // The same key was used at the same time for another payment's refund.
      const winner = await this.refunds.findRefundByKey(this.db, adminId, request.idempotency_key);
      if (!winner) throw error;
      return this.resume(winner, requestHash, trace);
    }
    if (!reserved.isNew) return this.resume(reserved.refund, requestHash, trace);
    return { result: await this.askPayPal(reserved.refund, trace), replayed: false };
  }

  /**
   * PayPal's PAYMENT.CAPTURE.REFUNDED webhook: the refund is read from PayPal and applied to
   * its row, found by our id (PayPal's `custom_id`) or PayPal's. A refund made at PayPal
   * outside MoneyPal (its dashboard) is recorded as one, after the payment is brought to its
   * capture. Answers the payment it applied to, or null when it is none of ours.
   */
  async applyRefundWebhook(paypalRefundId: string, trace?: TraceContext): Promise<PaymentRecord | null> {
    let paypalRefund: PayPalRefund;
    try {
      paypalRefund = await this.options.paypal.getRefund(paypalRefundId);
    } catch (error) {
      if (error instanceof PayPalError && error.status === 404) return null;
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the refund');
      throw error;
    }
    const customId = paypalRefund.custom_id;
    const ours =
      (customId !== undefined && uuid.safeParse(customId).success
        ? await this.refunds.findRefund(this.db, customId)
        : undefined) ?? (await this.refunds.findRefundByPayPalId(this.db, paypalRefund.id));
    const refund = ours ?? (await this.recordOutsideRefund(paypalRefund, trace));
    if (refund === null) return null;
    return this.applyPayPalRefund(refund, paypalRefund, trace);
  }

  /** Reserves the refund's amount under the payment's lock, unless the key took a refund meanwhile. */
  private async reserve(
    trx: Executor,
    request: RefundRequest,
    adminId: string,
    requestHash: string,
  ): Promise<{ refund: RefundRecord; isNew: boolean }> {
    const payment = await this.payments.lockPayment(trx, request.payment_id);
    if (!payment) throw noSuchPayment();
    // A request with the same key that held the lock before this one.
    const taken = await this.refunds.findRefundByKey(trx, adminId, request.idempotency_key);
    if (taken) return { refund: taken, isNew: false };
    if (!refundableStatuses.includes(payment.status) || payment.paypal_capture_id === null) {
      throw paymentsError(
        'payment_not_refundable',
        payment.status === 'refunded'
          ? 'the payment is refunded in full already'
          : `the payment is ${payment.status}, not captured`,
      );
    }
    const decided = refundAmountOf(
      payment.amount,
      await this.refunds.listRefundsOfPayments(trx, [payment.id]),
      request.amount === undefined ? null : BigInt(request.amount),
    );
    // A part of a whole-unit currency (HUF, TWD) that PayPal cannot write; all that is left always can.
    const amountProblem =
      'refusal' in decided ? null : payPalAmountProblem(decided.amountMinor, payment.currency);
    if (amountProblem !== null) {
      throw paymentsError('validation_failed', amountProblem.message, {
        errors: [{ path: amountProblem.field, message: amountProblem.message }],
      });
    }
    if ('refusal' in decided) {
      const message =
        decided.refusal === 'nothing_left'
          ? 'nothing is left to refund: earlier refunds take the whole payment'
          : `the refund is more than the ${decided.leftMinor} minor units left to refund`;
      throw paymentsError('payment_not_refundable', message, {
        errors: [{ path: 'amount', message: `must be at most ${decided.leftMinor}` }],
      });
    }
    const now = this.clock();
    const refund: RefundRecord = {
      id: this.options.newId(),
      payment_id: payment.id,
      amount: decided.amountMinor,
      reason: request.reason ?? null,
      status: 'requested',
      paypal_refund_id: null,
      failure_issue: null,
      requested_by: adminId,
      idempotency_key: request.idempotency_key,
      request_hash: requestHash,
      lease_until: new Date(now.getTime() + this.leaseMs),
      created_at: now,
      updated_at: now,
      completed_at: null,
    };
    await this.refunds.insertRefund(trx, refund);
    return { refund, isNew: true };
  }

  /**
   * A retry of a key used before: the same request answers the payment as it is now (asking
   * PayPal again, with the same PayPal-Request-Id, if the first attempt could not reach it),
   * or PayPal's refusal again; another request is refused; a retry while another request
   * asks PayPal is in flight.
   */
  private async resume(
    existing: RefundRecord,
    requestHash: string,
    trace: TraceContext | undefined,
  ): Promise<Replayable<Payment>> {
    if (existing.request_hash !== requestHash) {
      throw paymentsError('idempotency_mismatch', 'the Idempotency-Key was used with another request');
    }
    if (existing.status === 'failed') throw refusedByPayPal(existing.failure_issue);
    if (existing.status !== 'requested') {
      return { result: await this.present(existing.payment_id), replayed: true };
    }
    const now = this.clock();
    const leased = await this.refunds.leaseRefund(
      this.db,
      existing.id,
      now,
      new Date(now.getTime() + this.leaseMs),
    );
    if (!leased) {
      const current = await this.refunds.findRefund(this.db, existing.id);
      if (current && current.status !== 'requested') return this.resume(current, requestHash, trace);
      throw paymentsError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
    }
    // The first attempt answered an error, so this is a new answer rather than a replay of it.
    return { result: await this.askPayPal(leased, trace), replayed: false };
  }

  /** Asks PayPal for a refund whose lease this request holds, and applies PayPal's answer. */
  private async askPayPal(refund: RefundRecord, trace: TraceContext | undefined): Promise<Payment> {
    const payment = await this.payments.findPayment(this.db, refund.payment_id);
    if (!payment || payment.paypal_capture_id === null) throw noSuchPayment();
    let answer: PayPalRefund;
    try {
      answer = await this.options.paypal.refundCapture(
        payment.paypal_capture_id,
        `refund-${payment.id}-${refund.id}`,
        {
          amountMinor: refund.amount,
          currency: payment.currency,
          customId: refund.id,
          noteToPayer: refund.reason,
        },
      );
    } catch (error) {
      if (error instanceof PayPalError && error.status === 422) {
        const issue = error.issues[0]?.issue ?? error.name;
        await this.refunds.transitionRefund(this.db, refund.id, {
          from: ['requested'],
          status: 'failed',
          failureIssue: issue,
          now: this.clock(),
        });
        throw refusedByPayPal(issue);
      }
      // PayPal may have refunded or not: the amount stays reserved until a retry of the key asks again.
      await this.refunds.releaseRefund(this.db, refund.id);
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'refunding the capture');
      throw error;
    }
    const applied = await this.applyPayPalRefund(refund, answer, trace);
    const current = await this.refunds.findRefund(this.db, refund.id);
    if (current?.status === 'failed') throw refusedByPayPal(current.failure_issue);
    return this.present(applied.id);
  }

  /**
   * Brings a refund row to PayPal's refund: pending, failed (its amount refundable again), or
   * completed (added to the payment with its event, once). Answers the payment as it is after.
   */
  private async applyPayPalRefund(
    refund: RefundRecord,
    paypalRefund: PayPalRefund,
    trace: TraceContext | undefined,
  ): Promise<PaymentRecord> {
    const payment = await this.payments.findPayment(this.db, refund.payment_id);
    if (!payment) throw noSuchPayment();
    const captureId = captureIdOfRefund(paypalRefund);
    if (
      (paypalRefund.amount !== undefined &&
        !isAmountOf(paypalRefund.amount, payment.currency, refund.amount)) ||
      (captureId !== null && captureId !== payment.paypal_capture_id)
    ) {
      this.options.logger.error(
        { payment_id: payment.id, refund_id: refund.id, paypal_refund_id: paypalRefund.id },
        'PayPal holds a refund of another amount or capture than ours',
      );
      throw paymentsError('bad_gateway', 'PayPal holds a refund of another amount or capture than ours');
    }
    const status = refundStatusOfPayPal(paypalRefund.status);
    const now = this.clock();
    // A status PayPal adds later waits, as a pending refund does, for PayPal's next word.
    if (status === null || status === 'pending') {
      await this.refunds.transitionRefund(this.db, refund.id, {
        from: ['requested'],
        status: 'pending',
        paypalRefundId: paypalRefund.id,
        now,
      });
      return payment;
    }
    if (status === 'failed') {
      await this.refunds.transitionRefund(this.db, refund.id, {
        from: ['requested', 'pending'],
        status: 'failed',
        paypalRefundId: paypalRefund.id,
        failureIssue: paypalRefund.status,
        now,
      });
      return payment;
    }
    const completed = await this.db.transaction().execute(async (trx) => {
      const locked = await this.payments.lockPayment(trx, payment.id);
      if (!locked) throw noSuchPayment();
      const changed = await this.refunds.transitionRefund(trx, refund.id, {
        from: ['requested', 'pending'],
        status: 'completed',
        paypalRefundId: paypalRefund.id,
        now,
      });
      if (!changed) return null;
      const updated = await this.payments.addCompletedRefund(trx, payment.id, {
        amount: changed.amount,
        status: statusAfterRefunds(locked.amount, locked.refunded_amount + changed.amount),
        now,
      });
      await writePaymentEvent(
        trx,
        paymentsEvents.paymentRefunded,
        await publicPaymentOf(trx, this.refunds, updated),
        trace,
        toPublicRefund(changed),
      );
      return updated;
    });
    if (completed === null) return (await this.payments.findPayment(this.db, payment.id)) ?? payment;
    this.options.onEventsWritten();
    return completed;
  }

  /**
   * A refund PayPal made without MoneyPal asking (from its dashboard): recorded as a refund
   * without an admin or key, after the payment is brought to its capture, unless it would
   * pass what is left to refund here (logged, to reconcile by hand). Null when the refund's
   * capture is none of ours.
   */
  private async recordOutsideRefund(
    paypalRefund: PayPalRefund,
    trace: TraceContext | undefined,
  ): Promise<RefundRecord | null> {
    const captureId = captureIdOfRefund(paypalRefund);
    if (captureId === null || paypalRefund.amount === undefined) return null;
    let capture: PayPalCapture;
    try {
      capture = await this.options.paypal.getCapture(captureId);
    } catch (error) {
      if (error instanceof PayPalError && error.status === 404) return null;
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'reading the capture');
      throw error;
    }
    const orderId = capture.supplementary_data?.related_ids?.order_id;
    const found =
      (await this.payments.findPaymentByCaptureId(this.db, capture.id)) ??
      (orderId === undefined ? undefined : await this.payments.findPaymentByOrderId(this.db, orderId));
    if (!found) return null;
    const payment = await this.options.settlement.applyCapture(found, capture, trace);
    let amountMinor: bigint;
    try {
      amountMinor = fromPayPalMoney(paypalRefund.amount);
    } catch {
      amountMinor = -1n;
    }
    return this.db.transaction().execute(async (trx) => {
      const locked = await this.payments.lockPayment(trx, payment.id);
      if (!locked) throw noSuchPayment();
      // A copy of this webhook that held the lock first recorded it.
      const recorded = await this.refunds.findRefundByPayPalId(trx, paypalRefund.id);
      if (recorded) return recorded;
      const decided = refundAmountOf(
        locked.amount,
        await this.refunds.listRefundsOfPayments(trx, [locked.id]),
        amountMinor,
      );
      if (
        !refundableStatuses.includes(locked.status) ||
        paypalRefund.amount?.currency_code !== locked.currency ||
        amountMinor <= 0n ||
        'refusal' in decided
      ) {
        this.options.logger.error(
          { payment_id: locked.id, paypal_refund_id: paypalRefund.id, payment_status: locked.status },
          'PayPal holds a refund made outside MoneyPal that does not fit the payment: reconcile by hand',
        );
        return null;
      }
      const now = this.clock();
      const refund: RefundRecord = {
        id: this.options.newId(),
        payment_id: locked.id,
        amount: decided.amountMinor,
        reason: null,
        status: 'pending',
        paypal_refund_id: paypalRefund.id,
        failure_issue: null,
        requested_by: null,
        idempotency_key: null,
        request_hash: null,
        lease_until: null,
        created_at: now,
        updated_at: now,
        completed_at: null,
      };
      await this.refunds.insertRefund(trx, refund);
      return refund;
    });
  }

  private async present(paymentId: string): Promise<Payment> {
    const payment = await this.payments.findPayment(this.db, paymentId);
    if (!payment) throw noSuchPayment();
    return publicPaymentOf(this.db, this.refunds, payment);
  }
}

function isAmountOf(
  amount: { currency_code: string; value: string },
  currency: string,
  minor: bigint,
): boolean {
  if (amount.currency_code !== currency) return false;
  try {
    return fromPayPalMoney(amount) === minor;
  } catch {
    return false;
  }
}
