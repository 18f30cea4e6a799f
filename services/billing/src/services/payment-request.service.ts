import {
  type Actor,
  isLedgerRefusalCode,
  type PaymentRequest,
  type PaymentRequestStatus,
  paymentRequestEventData,
  paymentRequestEvents,
  userLookupOf,
} from '@moneypal/contracts';
import { AppError, decodeCursor, encodeCursor, isErrorCode, toSafeNumber } from '@moneypal/kit';
import type { IdentityClient } from '../clients/identity.client.js';
import type { LedgerClient } from '../clients/ledger.client.js';
import type { BillingDatabase, Executor } from '../database.js';
import { userIdOf } from '../domain/actor.js';
import {
  assertPending,
  expiryOf,
  mayReadPaymentRequest,
  type PaymentRequestRecord,
  paymentRequestCursorPosition,
  paymentRequestIdOfCursorPosition,
  payRequestHashOf,
  payTransferDescriptionOf,
  payTransferKeyOf,
  toPublicPaymentRequest,
} from '../domain/payment-request.js';
import { billingError } from '../errors.js';
import type * as lockRepository from '../repositories/lock.repository.js';
import type * as partyNameRepository from '../repositories/party-name.repository.js';
import type * as paymentRequestRepository from '../repositories/payment-request.repository.js';
import { type TraceContext, writeEvent } from './events.js';

export interface PaymentRequestServiceOptions {
  db: BillingDatabase;
  repositories: {
    paymentRequests: typeof paymentRequestRepository;
    partyNames: Pick<typeof partyNameRepository, 'findPartyNames'>;
    locks: typeof lockRepository;
  };
  clock: () => Date;
  newId: () => string;
  ledger: LedgerClient;
  identity: IdentityClient;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

export interface CreatePaymentRequest {
  from_user: string;
  to_wallet_id: string;
  amount: number;
  description?: string | undefined;
  expires_at?: string | undefined;
}

export interface PaymentRequestListQuery {
  direction?: 'incoming' | 'outgoing' | undefined;
  status?: PaymentRequestStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface PayResult {
  result: PaymentRequest;
  /** True when this is the stored answer to an earlier pay with the same key. */
  replayed: boolean;
}

const noSuchPayer = () =>
  billingError('recipient_not_found', 'no such user', {
    errors: [{ path: 'from_user', message: 'names nobody' }],
  });

const noSuchRequest = () => billingError('not_found', 'no such payment request');

/** What a pay attempt came to inside its transaction: paid, a replay, or a refusal kept for the key. */
type PayOutcome =
  | { kind: 'paid'; request: PaymentRequestRecord }
  | { kind: 'replayed'; request: PaymentRequestRecord }
  | { kind: 'refused'; error: AppError }
  | { kind: 'stored'; answer: PayResult };

/**
 * Payment requests: a requester asks a payer for money, to land in one of the requester's
 * wallets; the payer pays it through the ledger or declines it, the requester may cancel it.
 * Every change of a request takes its row lock, so a pay, a decline and a cancel that race
 * are decided one at a time: the first ends the request, the others find it closed.
 */
export class PaymentRequestService {
  private readonly db: BillingDatabase;
  private readonly paymentRequests: typeof paymentRequestRepository;

  constructor(private readonly options: PaymentRequestServiceOptions) {
    this.db = options.db;
    this.paymentRequests = options.repositories.paymentRequests;
  }

  async create(actor: Actor, request: CreatePaymentRequest, trace?: TraceContext): Promise<PaymentRequest> {
    const requesterId = userIdOf(actor);
    if (requesterId === null) throw billingError('forbidden', 'only a user requests money');
    const now = this.options.clock();
    const expiresAt = expiryOf(request.expires_at, now);
    const payerId = await this.findPayer(request.from_user, trace);
    if (payerId === requesterId) {
      throw billingError('validation_failed', 'a payment request cannot ask its own requester', {
        errors: [{ path: 'from_user', message: 'is you' }],
      });
    }
    // As the requester, so the ledger answers `wallet_not_found` for a wallet that is not theirs.
    const wallet = await this.options.ledger.getWallet({ actor, wallet_id: request.to_wallet_id }, trace);
    if (wallet.status !== 'active') {
      throw billingError('wallet_frozen', `the receiving wallet is ${wallet.status}`, {
        errors: [{ path: 'to_wallet_id', message: `is ${wallet.status}` }],
      });
    }
    const record: PaymentRequestRecord = {
      id: this.options.newId(),
      requester_id: requesterId,
      payer_id: payerId,
      to_wallet_id: wallet.id,
      amount: BigInt(request.amount),
      currency: wallet.currency,
      description: request.description ?? null,
      status: 'pending',
      expires_at: expiresAt,
      created_at: now,
      updated_at: now,
      from_wallet_id: null,
      transfer_id: null,
      paid_at: null,
      pay_idempotency_key: null,
      pay_request_hash: null,
      closed_at: null,
      decline_reason: null,
      refused_attempts: 0,
    };
    const created = await this.db.transaction().execute(async (trx) => {
      await this.paymentRequests.insertPaymentRequest(trx, record);
      return this.announce(trx, paymentRequestEvents.created, record, now, trace);
    });
    this.options.onEventsWritten();
    return created;
  }

  /** Newest first; a user sees the requests they made or are asked to pay, an admin every one. */
  async list(
    actor: Actor,
    query: PaymentRequestListQuery,
  ): Promise<{ data: PaymentRequest[]; next_cursor: string | null }> {
    const afterId =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor, paymentRequestIdOfCursorPosition);
    const self = userIdOf(actor);
    if (self === null && query.direction !== undefined) return { data: [], next_cursor: null };
    const now = this.options.clock();
    const readsEvery =
      self === null || ('role' in actor && actor.role === 'admin' && query.direction === undefined);
    const rows = await this.paymentRequests.listPaymentRequests(
      this.db,
      {
        userId: readsEvery ? undefined : self!,
        direction: query.direction,
        status: query.status,
        now,
      },
      // One row more than asked tells whether another page follows.
      { afterId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await this.named(this.db, page, now),
      next_cursor:
        rows.length > query.limit && last ? encodeCursor(paymentRequestCursorPosition(last.id)) : null,
    };
  }

  async get(actor: Actor, id: string): Promise<PaymentRequest> {
    const record = await this.paymentRequests.findPaymentRequest(this.db, id);
    if (!record || !mayReadPaymentRequest(actor, record)) throw noSuchRequest();
    return (await this.named(this.db, [record], this.options.clock()))[0]!;
  }

  /**
   * The payer pays the request from `fromWalletId` through the ledger, once. The request's row
   * lock is held across the ledger's transfer, so a racing pay, decline or cancel waits and
   * then finds the request closed (or, with the same key, replays this answer). The ledger's
   * key counts the refused attempts (see `payTransferKeyOf`): an attempt whose outcome billing
   * never learnt is retried under the same key, and the ledger replays its transfer rather
   * than move the money again.
   */
  async pay(
    actor: Actor,
    id: string,
    fromWalletId: string,
    idempotencyKey: string,
    trace?: TraceContext,
  ): Promise<PayResult> {
    const payerId = userIdOf(actor);
    if (payerId === null) throw billingError('forbidden', 'only the payer pays a payment request');
    const requestHash = payRequestHashOf(id, fromWalletId);
    const stored = await this.storedAnswerOf(this.db, payerId, idempotencyKey, requestHash);
    if (stored) return stored;

    const outcome = await this.db.transaction().execute(async (trx): Promise<PayOutcome> => {
      // The payer's key first, then the request: a pay of another request under the same key,
      // racing this one, waits here and then meets this one's answer (or refusal) as a mismatch.
      await this.options.repositories.locks.lockName(
        trx,
        `payment-request-pay:${payerId}\n${idempotencyKey}`,
      );
      const storedMeanwhile = await this.storedAnswerOf(trx, payerId, idempotencyKey, requestHash);
      if (storedMeanwhile) return { kind: 'stored', answer: storedMeanwhile };
      const record = await this.paymentRequests.lockPaymentRequest(trx, id);
      this.assertParty(actor, record, 'payer', 'pay');
      // The same key won meanwhile (a concurrent retry): its answer is this one's.
      if (record.pay_idempotency_key === idempotencyKey) {
        if (record.pay_request_hash !== requestHash) throw mismatch();
        return { kind: 'replayed', request: record };
      }
      const now = this.options.clock();
      assertPending(record, now);
      let transferId: string;
      try {
        const { result } = await this.options.ledger.transfer(
          {
            actor,
            from_wallet_id: fromWalletId,
            to_wallet_id: record.to_wallet_id,
            amount: toSafeNumber(record.amount),
            description: payTransferDescriptionOf(record),
            type: 'transfer',
            metadata: { payment_request: record.id },
            idempotency_key: payTransferKeyOf(record.id, record.refused_attempts),
          },
          trace,
        );
        transferId = result.transfer.id;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.code === 'idempotency_mismatch') {
          throw billingError(
            'conflict',
            'an earlier pay of this request, from another wallet, may have moved the money: pay it again from that wallet to learn its outcome',
          );
        }
        if (!isLedgerRefusalCode(error.code)) throw error;
        // The ledger keeps this refusal under the attempt's key: the next attempt takes a new one.
        await this.paymentRequests.recordRefusal(trx, {
          payerId,
          idempotencyKey,
          paymentRequestId: record.id,
          requestHash,
          code: error.code,
          message: error.message,
          details: error.details ?? null,
          refusedAt: now,
        });
        return { kind: 'refused', error };
      }
      const paid = await this.paymentRequests.updatePaymentRequest(trx, record.id, {
        status: 'paid',
        from_wallet_id: fromWalletId,
        transfer_id: transferId,
        paid_at: now,
        updated_at: now,
        pay_idempotency_key: idempotencyKey,
        pay_request_hash: requestHash,
      });
      await this.announce(trx, paymentRequestEvents.paid, paid, now, trace);
      return { kind: 'paid', request: paid };
    });
    if (outcome.kind === 'refused') throw outcome.error;
    if (outcome.kind === 'stored') return outcome.answer;
    if (outcome.kind === 'paid') this.options.onEventsWritten();
    const [named] = await this.named(this.db, [outcome.request], this.options.clock());
    return { result: named!, replayed: outcome.kind === 'replayed' };
  }

  /** The payer declines the request, with a reason or without. */
  async decline(actor: Actor, id: string, reason: string | undefined, trace?: TraceContext) {
    return this.close(actor, id, 'payer', trace, (now) => ({
      status: 'declined',
      closed_at: now,
      updated_at: now,
      decline_reason: reason ?? null,
    }));
  }

  /** The requester takes the request back. */
  async cancel(actor: Actor, id: string, trace?: TraceContext) {
    return this.close(actor, id, 'requester', trace, (now) => ({
      status: 'cancelled',
      closed_at: now,
      updated_at: now,
    }));
  }

  private async close(
    actor: Actor,
    id: string,
    party: 'payer' | 'requester',
    trace: TraceContext | undefined,
    changesAt: (now: Date) => paymentRequestRepository.PaymentRequestUpdate,
  ): Promise<PaymentRequest> {
    const closed = await this.db.transaction().execute(async (trx) => {
      const record = await this.paymentRequests.lockPaymentRequest(trx, id);
      this.assertParty(actor, record, party, party === 'payer' ? 'decline' : 'cancel');
      const now = this.options.clock();
      assertPending(record, now);
      const changed = await this.paymentRequests.updatePaymentRequest(trx, record.id, changesAt(now));
      const type = party === 'payer' ? paymentRequestEvents.declined : paymentRequestEvents.cancelled;
      return this.announce(trx, type, changed, now, trace);
    });
    this.options.onEventsWritten();
    return closed;
  }

  /**
   * Only one party does each thing: the payer pays and declines, the requester cancels. Anyone
   * who may not read the request meets `not_found`, as for one that does not exist.
   */
  private assertParty(
    actor: Actor,
    record: PaymentRequestRecord | undefined,
    party: 'payer' | 'requester',
    action: string,
  ): asserts record is PaymentRequestRecord {
    if (!record || !mayReadPaymentRequest(actor, record)) throw noSuchRequest();
    const partyId = party === 'payer' ? record.payer_id : record.requester_id;
    if (userIdOf(actor) !== partyId) {
      throw billingError('forbidden', `only the ${party} may ${action} a payment request`);
    }
  }

  /** The answer kept under the payer's key: a pay it made, or a refusal it met. */
  private async storedAnswerOf(
    db: Executor,
    payerId: string,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<PayResult | undefined> {
    const paid = await this.paymentRequests.findPaidWithKey(db, payerId, idempotencyKey);
    if (paid) {
      if (paid.pay_request_hash !== requestHash) throw mismatch();
      const [named] = await this.named(db, [paid], this.options.clock());
      return { result: named!, replayed: true };
    }
    const refusal = await this.paymentRequests.findRefusal(db, payerId, idempotencyKey);
    if (refusal) {
      if (refusal.request_hash !== requestHash) throw mismatch();
      if (!isErrorCode(refusal.code)) throw new Error(`a stored refusal has an unknown code ${refusal.code}`);
      throw new AppError(
        refusal.code,
        refusal.message,
        (refusal.details ?? undefined) as AppError['details'] | undefined,
      );
    }
    return undefined;
  }

  /** Writes the request's event in the transaction that changed it; answers the request as it reads now. */
  private async announce(
    trx: Executor,
    type: string,
    record: PaymentRequestRecord,
    now: Date,
    trace: TraceContext | undefined,
  ): Promise<PaymentRequest> {
    const [named] = await this.named(trx, [record], now);
    await writeEvent(trx, {
      type,
      schema: paymentRequestEventData,
      subject: record.id,
      data: { payment_request: named! },
      time: record.updated_at,
      trace,
    });
    return named!;
  }

  /** Requests as readers see them at `now`, both parties named. */
  private async named(
    db: Executor,
    records: readonly PaymentRequestRecord[],
    now: Date,
  ): Promise<PaymentRequest[]> {
    const names = await this.options.repositories.partyNames.findPartyNames(
      db,
      records.flatMap((record) => [record.requester_id, record.payer_id]),
    );
    return records.map((record) => toPublicPaymentRequest(record, names, now));
  }

  /** The payer's user id, by user name or email. */
  private async findPayer(name: string, trace: TraceContext | undefined): Promise<string> {
    const lookup = userLookupOf(name);
    if (lookup === null) throw noSuchPayer();
    try {
      const user = await this.options.identity.getUser(lookup, trace);
      return user.id;
    } catch (error) {
      if (error instanceof AppError && error.code === 'user_not_found') throw noSuchPayer();
      throw error;
    }
  }
}

const mismatch = () =>
  billingError('idempotency_mismatch', 'this Idempotency-Key was used with another request');
