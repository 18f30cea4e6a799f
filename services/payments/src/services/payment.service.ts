import {
  type Actor,
  type Payment,
  type PaymentStatus,
  paymentsEvents,
  userLookupOf,
  type Wallet,
} from '@moneypal/contracts';
import { decodeIdCursor, encodeCursor, type Logger } from '@moneypal/kit';
import { payPalAmountProblem } from '../clients/paypal/amounts.js';
import { approveLinkOf, type PayPalClient } from '../clients/paypal/client.js';
import type { PaymentsDatabase } from '../database.js';
import { mayRead, readsAll, userIdOf } from '../domain/actor.js';
import { requestHashOf } from '../domain/idempotency.js';
import { createPaymentRecord, type PaymentRecord, toPublicPayment } from '../domain/payment.js';
import { paymentsError } from '../errors.js';
import type * as paymentRepository from '../repositories/payment.repository.js';
import type * as refundRepository from '../repositories/refund.repository.js';
import { type TraceContext, writePaymentEvent } from './events.js';
import { publicPaymentOf, publicPaymentsOf } from './payment-view.js';
import { badGatewayOf, isPayPalFailure } from './paypal-failure.js';

/** The ledger's wallets, as payments needs them. */
export interface WalletDirectory {
  /** The wallet as the ledger shows it to the actor, or null when it shows none. */
  findWallet(actor: Actor, walletId: string): Promise<Wallet | null>;
}

/** Identity's users, as payments needs them. */
export interface UserDirectory {
  /** The id of the user with that email or user name, or null when there is none. */
  findUserId(lookup: { email: string } | { user_name: string }): Promise<string | null>;
}

export interface PaymentServiceOptions {
  db: PaymentsDatabase;
  repositories: { payments: typeof paymentRepository; refunds: typeof refundRepository };
  paypal: PayPalClient;
  wallets: WalletDirectory;
  users: UserDirectory;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  /** Where buyers come back to from PayPal (the web app's origin). */
  publicUrl: string;
  /** true when PayPal is the local simulator: payments are labelled as such. */
  sandbox: boolean;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
  /** How long one request holds the creation of a payment's PayPal order. */
  orderLeaseMs?: number;
}

export interface CreatePaymentRequest {
  actor: Actor;
  amount: number;
  currency: string;
  wallet_id: string;
  paid_to?: string | undefined;
  description?: string | undefined;
  metadata?: Record<string, string> | undefined;
  idempotency_key: string;
}

export interface Replayable<Result> {
  result: Result;
  /** True when the key was used before with this request, and this is the payment it made. */
  replayed: boolean;
}

export interface PaymentListQuery {
  status?: PaymentStatus | undefined;
  /** Pairs the payment's metadata must all hold, exactly. */
  metadata?: Record<string, string> | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Longer than PayPal's client takes on its worst day (every attempt timing out), so a lease never ends under a live request. */
const defaultOrderLeaseMs = 120_000;

const noSuchPayment = () => paymentsError('not_found', 'No payment of yours has this id.');

/** Creating payments (with their PayPal order) and reading them. */
export class PaymentService {
  private readonly db: PaymentsDatabase;
  private readonly payments: typeof paymentRepository;
  private readonly refunds: typeof refundRepository;
  private readonly clock: () => Date;
  private readonly orderLeaseMs: number;
  private readonly publicUrl: string;

  constructor(private readonly options: PaymentServiceOptions) {
    this.db = options.db;
    this.payments = options.repositories.payments;
    this.refunds = options.repositories.refunds;
    this.clock = options.clock;
    this.orderLeaseMs = options.orderLeaseMs ?? defaultOrderLeaseMs;
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  /**
   * Creates a payment and its PayPal order (Stripe's idempotency semantics, scoped by
   * payer): the row is inserted first, holding the Idempotency-Key, then the order is
   * created with the payment id as PayPal-Request-Id. When PayPal fails, the answer is
   * `bad_gateway` and the payment stays without an order: a retry with the same key
   * creates it then, and PayPal answers the same order if the first attempt reached it.
   */
  async create(request: CreatePaymentRequest, trace?: TraceContext): Promise<Replayable<Payment>> {
    const payerId = userIdOf(request.actor);
    if (payerId === null) throw paymentsError('forbidden', 'only a user pays');
    const requestHash = requestHashOf({ ...request });
    const existing = await this.payments.findPaymentByKey(this.db, payerId, request.idempotency_key);
    if (existing) return this.resume(existing, requestHash, trace);

    const amount = BigInt(request.amount);
    const amountProblem = payPalAmountProblem(amount, request.currency);
    if (amountProblem !== null) {
      throw paymentsError('validation_failed', amountProblem.message, {
        errors: [{ path: amountProblem.field, message: amountProblem.message }],
      });
    }
    const wallet = await this.options.wallets.findWallet(request.actor, request.wallet_id);
    // An admin sees every wallet, but pays only from their own.
    if (wallet === null || wallet.owner_id !== payerId)
      throw paymentsError(
        'wallet_not_found',
        'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
      );
    if (wallet.status !== 'active') throw paymentsError('wallet_frozen', `the wallet is ${wallet.status}`);
    if (wallet.currency !== request.currency) {
      throw paymentsError(
        'currency_mismatch',
        `the wallet holds ${wallet.currency}, the payment is in ${request.currency}`,
      );
    }
    const paidTo = request.paid_to === undefined ? null : await this.resolvePayee(request.paid_to, payerId);

    const now = this.clock();
    const record = createPaymentRecord(
      {
        id: this.options.newId(),
        payerId,
        walletId: wallet.id,
        paidTo,
        amount,
        currency: request.currency,
        description: request.description ?? null,
        metadata: request.metadata ?? {},
        idempotencyKey: request.idempotency_key,
        requestHash,
        sandbox: this.options.sandbox,
        orderLeaseUntil: new Date(now.getTime() + this.orderLeaseMs),
      },
      now,
    );
    try {
      await this.payments.insertPayment(this.db, record);
    } catch (error) {
      if (!this.payments.isIdempotencyKeyConflict(error)) throw error;
      // A concurrent request with the same key inserted first: answer as its retry.
      const winner = await this.payments.findPaymentByKey(this.db, payerId, request.idempotency_key);
      if (!winner) throw error;
      return this.resume(winner, requestHash, trace);
    }
    return { result: await this.createOrder(record, trace), replayed: false };
  }

  async get(actor: Actor, paymentId: string): Promise<Payment> {
    const payment = await this.payments.findPayment(this.db, paymentId);
    if (!payment || !mayRead(actor, payment.payer_id)) throw noSuchPayment();
    return publicPaymentOf(this.db, this.refunds, payment);
  }

  /** Newest first: the user's own payments, or every payment for an admin or a service. */
  async list(
    actor: Actor,
    query: PaymentListQuery,
  ): Promise<{ data: Payment[]; next_cursor: string | null }> {
    const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await this.payments.listPayments(
      this.db,
      {
        payerId: readsAll(actor) ? undefined : (userIdOf(actor) ?? undefined),
        status: query.status,
        metadata: query.metadata,
      },
      // One row more than asked tells whether another page follows.
      { beforeId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await publicPaymentsOf(this.db, this.refunds, page),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /**
   * A retry of a key used before: the same body gets the payment it made (creating its
   * order now if the first attempt could not); another body is refused; a retry while
   * another request is creating the order is in flight.
   */
  private async resume(
    existing: PaymentRecord,
    requestHash: string,
    trace: TraceContext | undefined,
  ): Promise<Replayable<Payment>> {
    if (existing.request_hash !== requestHash) {
      throw paymentsError('idempotency_mismatch', 'the Idempotency-Key was used with another request');
    }
    if (existing.paypal_order_id !== null || existing.status !== 'created') {
      return { result: await publicPaymentOf(this.db, this.refunds, existing), replayed: true };
    }
    const now = this.clock();
    const leased = await this.payments.leaseOrderCreation(
      this.db,
      existing.id,
      now,
      new Date(now.getTime() + this.orderLeaseMs),
    );
    if (!leased) {
      const current = await this.payments.findPayment(this.db, existing.id);
      if (current && (current.paypal_order_id !== null || current.status !== 'created')) {
        return { result: await publicPaymentOf(this.db, this.refunds, current), replayed: true };
      }
      throw paymentsError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
    }
    // The first attempt answered an error, so this is a new answer rather than a replay of it.
    return { result: await this.createOrder(leased, trace), replayed: false };
  }

  /** Creates the PayPal order of a payment whose lease this request holds, and records it with the created event. */
  private async createOrder(payment: PaymentRecord, trace: TraceContext | undefined): Promise<Payment> {
    const returnTo = (path: string) =>
      `${this.publicUrl}${path}?payment_id=${encodeURIComponent(payment.id)}`;
    let orderId: string;
    let approveUrl: string | null;
    try {
      const order = await this.options.paypal.createOrder(
        {
          amountMinor: payment.amount,
          currency: payment.currency,
          description: payment.description,
          customId: payment.id,
          invoiceId: payment.id,
          returnUrl: returnTo('/pay/return'),
          cancelUrl: returnTo('/pay/cancel'),
          brandName: 'MoneyPal',
        },
        payment.id,
      );
      orderId = order.id;
      approveUrl = approveLinkOf(order);
    } catch (error) {
      await this.payments.releaseOrderCreation(this.db, payment.id);
      if (isPayPalFailure(error)) throw badGatewayOf(error, 'creating the order');
      throw error;
    }
    if (approveUrl === null) {
      await this.payments.releaseOrderCreation(this.db, payment.id);
      this.options.logger.error(
        { payment_id: payment.id, paypal_order_id: orderId },
        'PayPal order has no approve link',
      );
      throw paymentsError('bad_gateway', 'PayPal created the order without a link to approve it');
    }
    const recorded = await this.db.transaction().execute(async (trx) => {
      const row = await this.payments.recordOrder(trx, payment.id, { orderId, approveUrl }, this.clock());
      // A payment without its order has no capture, so it has no refunds either.
      if (row) await writePaymentEvent(trx, paymentsEvents.paymentCreated, toPublicPayment(row, []), trace);
      return row;
    });
    if (recorded) {
      this.options.onEventsWritten();
      return toPublicPayment(recorded, []);
    }
    // The payment changed meanwhile (cancelled by its payer): it is answered as it is.
    const current = await this.payments.findPayment(this.db, payment.id);
    if (!current) throw noSuchPayment();
    return toPublicPayment(current, []);
  }

  /** The payee's user id from their user name or email; a payer cannot pay themselves. */
  private async resolvePayee(paidTo: string, payerId: string): Promise<string> {
    const lookup = userLookupOf(paidTo);
    const userId = lookup === null ? null : await this.options.users.findUserId(lookup);
    if (userId === null) {
      throw paymentsError(
        'recipient_not_found',
        'Nobody has this user name or email: check the spelling, or ask the recipient for their user name.',
        {
          errors: [{ path: 'paid_to', message: 'Nobody has this user name or email.' }],
        },
      );
    }
    if (userId === payerId) {
      throw paymentsError(
        'validation_failed',
        'A payment cannot go to its own payer: name another user in `paid_to`.',
        {
          errors: [{ path: 'paid_to', message: 'is the payer' }],
        },
      );
    }
    return userId;
  }
}
