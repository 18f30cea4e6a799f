import {
  type Actor,
  type Payout,
  type PayoutStatus,
  payoutsEvents,
  type payoutsRequests,
  uuid,
} from '@moneypal/contracts';
import { AppError, decodeIdCursor, encodeCursor, type Logger } from '@moneypal/kit';
import type { z } from 'zod';
import { payPalAmountProblem } from '../clients/paypal/amounts.js';
import {
  duplicatePayoutBatchIdOf,
  type PayPalClient,
  PayPalError,
  type PayPalPayoutItem,
} from '../clients/paypal/client.js';
import type { PaymentsDatabase } from '../database.js';
import { isAdmin, mayRead, readsAll, userIdOf } from '../domain/actor.js';
import { requestHashOf } from '../domain/idempotency.js';
import {
  isFinal,
  openPayoutStatuses,
  type PayoutFailureReason,
  type PayoutRecord,
  payoutChangeOf,
  toPublicPayout,
} from '../domain/payout.js';
import { paymentsError } from '../errors.js';
import type * as payoutRepository from '../repositories/payout.repository.js';
import { type TraceContext, writePayoutEvent } from './events.js';
import type { Replayable, WalletDirectory } from './payment.service.js';
import { isPayPalFailure } from './paypal-failure.js';

/** The ledger, as payouts need it; each call is keyed by the payout id, so a repeat moves nothing more. */
export interface PayoutLedger {
  /**
   * Debits the wallet's main balance (for an admin's release, its whole balance) to
   * payouts-clearing; answers the withdrawal's transfer id.
   */
  withdraw(payout: PayoutRecord): Promise<string>;
  /** The payout was paid: its money moves on from payouts-clearing to paypal-clearing. */
  settle(payout: PayoutRecord, transferId: string): Promise<void>;
  /** The payout failed or came back: its money returns to the wallet's main balance. */
  giveBack(payout: PayoutRecord, transferId: string): Promise<void>;
}

export interface PayoutServiceOptions {
  db: PaymentsDatabase;
  repositories: { payouts: typeof payoutRepository };
  paypal: PayPalClient;
  wallets: WalletDirectory;
  ledger: PayoutLedger;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  /** true when PayPal is the local simulator: payouts are labelled as such. */
  sandbox: boolean;
  onEventsWritten: () => void;
  /** How often the payouts loop runs: sends what is left to send, reads what PayPal has not answered. */
  pollIntervalMs: number;
  /** How long a request or a loop pass holds a payout it works on. */
  leaseMs?: number;
}

export type CreatePayoutRequest = z.infer<typeof payoutsRequests.create.request>;
export type ReleaseWalletRequest = z.infer<typeof payoutsRequests.release.request>;

export interface PayoutListQuery {
  status?: PayoutStatus | undefined;
  wallet_id?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Longer than PayPal's client and the ledger take on their worst day, so a hold never ends under live work. */
const defaultLeaseMs = 120_000;
/** Payouts one loop pass takes on. */
const loopBatchSize = 50;

/**
 * The ledger's refusals of a debit, by the payout failure they are kept as and answered
 * again on a retry of its key; `conflict` is a released wallet whose balance changed.
 */
const refusalReasons: Readonly<Record<string, PayoutFailureReason>> = {
  insufficient_funds: 'insufficient_funds',
  limit_exceeded: 'limit_exceeded',
  wallet_frozen: 'wallet_frozen',
  conflict: 'balance_changed',
};

const eventOfStatus: Partial<Record<PayoutStatus, string>> = {
  succeeded: payoutsEvents.payoutSucceeded,
  failed: payoutsEvents.payoutFailed,
  returned: payoutsEvents.payoutReturned,
};

const noSuchPayout = () => paymentsError('not_found', 'No payout of yours has this id.');

/**
 * Payouts: money out of a wallet to a PayPal account. A payout is inserted holding the
 * user's Idempotency-Key, debited through the ledger, then sent as a PayPal batch whose
 * `sender_batch_id` is its id. Whatever is left undone (PayPal down, the process stopped)
 * the payouts loop does later; PayPal's webhooks and the loop's reads of the item drive
 * one conditional transition, so each final status, and its ledger movement, happens once.
 */
export class PayoutService {
  private readonly db: PaymentsDatabase;
  private readonly payouts: typeof payoutRepository;
  private readonly clock: () => Date;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(private readonly options: PayoutServiceOptions) {
    this.db = options.db;
    this.payouts = options.repositories.payouts;
    this.clock = options.clock;
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
  }

  async create(request: CreatePayoutRequest, trace?: TraceContext): Promise<Replayable<Payout>> {
    const userId = userIdOf(request.actor);
    if (userId === null) throw paymentsError('forbidden', 'only a user pays out');
    const requestHash = requestHashOf({ ...request });
    const existing = await this.payouts.findPayoutByKey(this.db, userId, request.idempotency_key);
    if (existing) return this.resume(existing, requestHash);

    const wallet = await this.options.wallets.findWallet(request.actor, request.wallet_id);
    // An admin sees every wallet, but pays out only of their own.
    if (wallet === null || wallet.owner_id !== userId)
      throw paymentsError(
        'wallet_not_found',
        'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
      );
    const amount = BigInt(request.amount);
    const amountProblem = payPalAmountProblem(amount, wallet.currency);
    if (amountProblem !== null) {
      const path = amountProblem.field === 'currency' ? 'wallet_id' : 'amount';
      throw paymentsError('validation_failed', amountProblem.message, {
        errors: [{ path, message: amountProblem.message }],
      });
    }
    return this.insertAndAdvance(
      this.newRecord({
        userId,
        walletId: wallet.id,
        amount,
        currency: wallet.currency,
        receiver: request.receiver,
        metadata: request.metadata ?? {},
        idempotencyKey: request.idempotency_key,
        requestHash,
        release: null,
      }),
      trace,
    );
  }

  /**
   * An admin pays a frozen or closed wallet's whole balance (main and savings) out to a
   * PayPal account: a payout of the wallet's owner, recording the admin and the reason, whose
   * debit is the ledger's release. The admin's Idempotency-Key is scoped by the admin.
   */
  async release(request: ReleaseWalletRequest, trace?: TraceContext): Promise<Replayable<Payout>> {
    const adminId = isAdmin(request.actor) ? userIdOf(request.actor) : null;
    if (adminId === null) throw paymentsError('forbidden', 'only an admin releases a wallet');
    const wallet = await this.options.wallets.findWallet(request.actor, request.wallet_id);
    if (wallet === null)
      throw paymentsError(
        'wallet_not_found',
        'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
      );
    const requestHash = requestHashOf({ ...request });
    const idempotencyKey = `release:${adminId}:${request.idempotency_key}`;
    const existing = await this.payouts.findPayoutByKey(this.db, wallet.owner_id, idempotencyKey);
    if (existing) return this.resume(existing, requestHash);
    if (wallet.status === 'active') {
      throw paymentsError('conflict', 'the wallet is active: its owner moves its money', {
        wallet_id: wallet.id,
      });
    }
    const amount = BigInt(wallet.main) + BigInt(wallet.savings);
    if (amount <= 0n)
      throw paymentsError('conflict', 'the wallet holds nothing to release', { wallet_id: wallet.id });
    const amountProblem = payPalAmountProblem(amount, wallet.currency);
    if (amountProblem !== null) {
      throw paymentsError('validation_failed', amountProblem.message, {
        errors: [{ path: 'wallet_id', message: amountProblem.message }],
      });
    }
    return this.insertAndAdvance(
      this.newRecord({
        userId: wallet.owner_id,
        walletId: wallet.id,
        amount,
        currency: wallet.currency,
        receiver: request.receiver,
        metadata: {},
        idempotencyKey,
        requestHash,
        release: { by: adminId, reason: request.reason },
      }),
      trace,
    );
  }

  async get(actor: Actor, payoutId: string): Promise<Payout> {
    const payout = await this.payouts.findPayout(this.db, payoutId);
    if (!payout || !mayRead(actor, payout.user_id)) throw noSuchPayout();
    return toPublicPayout(payout);
  }

  /** Newest first: the user's own payouts, or every payout for an admin or a service. */
  async list(actor: Actor, query: PayoutListQuery): Promise<{ data: Payout[]; next_cursor: string | null }> {
    const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await this.payouts.listPayouts(
      this.db,
      {
        userId: readsAll(actor) ? undefined : (userIdOf(actor) ?? undefined),
        status: query.status,
        walletId: query.wallet_id,
      },
      { beforeId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toPublicPayout),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /**
   * What PayPal says of an item (a webhook's item, read again from PayPal), applied to its
   * payout; null when no payout of ours has it.
   */
  async applyItem(item: PayPalPayoutItem, trace?: TraceContext): Promise<PayoutRecord | null> {
    const payoutId = item.sender_batch_id;
    if (payoutId === undefined || !uuid.safeParse(payoutId).success) return null;
    const payout = await this.payouts.findPayout(this.db, payoutId);
    if (!payout || payout.transfer_id === null) return null;
    return this.applyStatus(payout, item, trace);
  }

  /** Runs the payouts loop every `pollIntervalMs` until `stop`. */
  start(): void {
    this.timer = setInterval(() => {
      this.pass ??= this.runPass().finally(() => {
        this.pass = undefined;
      });
    }, this.options.pollIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  /**
   * One pass of the loop: open payouts whose time has come (sent again if pending, read
   * from PayPal otherwise), then final payouts whose ledger part is left. Each payout's
   * failure is logged and retried on a later pass; the others go on.
   */
  private async runPass(): Promise<void> {
    const now = this.clock();
    for (const id of await this.payouts.findDuePayoutIds(this.db, now, loopBatchSize)) {
      const payout = await this.payouts.claimDuePayout(
        this.db,
        id,
        now,
        new Date(now.getTime() + this.leaseMs),
      );
      if (!payout) continue;
      try {
        if (payout.status === 'pending') await this.advance(payout, undefined);
        else await this.poll(payout);
      } catch (error) {
        this.options.logger.warn({ err: error, payout_id: payout.id }, 'payout left for a later pass');
        await this.payouts.postpone(this.db, payout.id, this.nextAttemptAt());
      }
    }
    for (const payout of await this.payouts.findLedgerTodo(this.db, loopBatchSize)) {
      try {
        await this.completeInLedger(payout);
      } catch (error) {
        this.options.logger.warn(
          { err: error, payout_id: payout.id },
          'payout ledger movement left for a later pass',
        );
      }
    }
  }

  private newRecord(input: {
    userId: string;
    walletId: string;
    amount: bigint;
    currency: string;
    receiver: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
    requestHash: string;
    release: { by: string; reason: string } | null;
  }): PayoutRecord {
    const now = this.clock();
    return {
      id: this.options.newId(),
      user_id: input.userId,
      wallet_id: input.walletId,
      amount: input.amount,
      currency: input.currency,
      receiver: input.receiver,
      metadata: input.metadata,
      status: 'pending',
      failure_reason: null,
      transfer_id: null,
      paypal_batch_id: null,
      paypal_item_id: null,
      idempotency_key: input.idempotencyKey,
      request_hash: input.requestHash,
      // The request holds the new payout until it is sent, or this runs out.
      next_attempt_at: new Date(now.getTime() + this.leaseMs),
      ledger_done_at: null,
      released_by: input.release?.by ?? null,
      release_reason: input.release?.reason ?? null,
      sandbox: this.options.sandbox,
      created_at: now,
      updated_at: now,
      completed_at: null,
    };
  }

  /** Inserts a new payout (a concurrent request with its key answers as its retry) and takes it as far as it goes. */
  private async insertAndAdvance(
    record: PayoutRecord,
    trace: TraceContext | undefined,
  ): Promise<Replayable<Payout>> {
    try {
      await this.payouts.insertPayout(this.db, record);
    } catch (error) {
      if (!this.payouts.isIdempotencyKeyConflict(error)) throw error;
      const winner = await this.payouts.findPayoutByKey(this.db, record.user_id, record.idempotency_key);
      if (!winner) throw error;
      return this.resume(winner, record.request_hash);
    }
    const payout = await this.advance(record, trace);
    if (payout.status === 'failed' && payout.transfer_id === null) throw refusalOf(payout);
    return { result: toPublicPayout(payout), replayed: false };
  }

  /**
   * A retry of a key used before: the same body gets the payout it made (a refused debit
   * its refusal again); another body is refused.
   */
  private resume(existing: PayoutRecord, requestHash: string): Replayable<Payout> {
    if (existing.request_hash !== requestHash) {
      throw paymentsError('idempotency_mismatch', 'the Idempotency-Key was used with another request');
    }
    if (existing.status === 'failed' && existing.transfer_id === null) throw refusalOf(existing);
    const held = existing.next_attempt_at !== null && existing.next_attempt_at > this.clock();
    if (existing.status === 'pending' && existing.transfer_id === null && held) {
      throw paymentsError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
    }
    return { result: toPublicPayout(existing), replayed: true };
  }

  /**
   * Takes a pending payout held by the caller as far as it goes: the debit (unless done),
   * then the batch sent to PayPal. A refused debit fails the payout; a ledger or PayPal
   * that does not answer leaves it pending for a later pass.
   */
  private async advance(payout: PayoutRecord, trace: TraceContext | undefined): Promise<PayoutRecord> {
    let current = payout;
    if (current.transfer_id === null) {
      let transferId: string;
      try {
        transferId = await this.options.ledger.withdraw(current);
      } catch (error) {
        const reason = error instanceof AppError ? refusalReasons[error.code] : undefined;
        if (reason !== undefined) return (await this.fail(current, reason, trace)) ?? current;
        await this.payouts.postpone(this.db, current.id, this.nextAttemptAt());
        throw error;
      }
      current = await this.recordWithdrawal(current, transferId, trace);
    }
    return this.send(current, trace);
  }

  private async recordWithdrawal(
    payout: PayoutRecord,
    transferId: string,
    trace: TraceContext | undefined,
  ): Promise<PayoutRecord> {
    const recorded = await this.db.transaction().execute(async (trx) => {
      const row = await this.payouts.recordWithdrawal(trx, payout.id, transferId, this.clock());
      if (row) await writePayoutEvent(trx, payoutsEvents.payoutCreated, row, trace);
      return row;
    });
    if (!recorded) return (await this.payouts.findPayout(this.db, payout.id)) ?? payout;
    this.options.onEventsWritten();
    return recorded;
  }

  /**
   * Sends the payout as a PayPal batch of one item. PayPal refusing its `sender_batch_id` as
   * used means an earlier attempt reached it: the payout goes on with that batch.
   */
  private async send(payout: PayoutRecord, trace: TraceContext | undefined): Promise<PayoutRecord> {
    let batchId: string;
    let itemId: string | null = null;
    try {
      const batch = await this.options.paypal.createPayoutBatch({
        senderBatchId: payout.id,
        amountMinor: payout.amount,
        currency: payout.currency,
        receiver: payout.receiver,
        note: 'Payout from MoneyPal',
      });
      batchId = batch.batch_header.payout_batch_id;
      itemId = batch.items?.[0]?.payout_item_id ?? null;
    } catch (error) {
      const duplicateOf = error instanceof PayPalError ? duplicatePayoutBatchIdOf(error) : null;
      if (duplicateOf !== null) {
        batchId = duplicateOf;
      } else if (error instanceof PayPalError && !error.retryable && error.status !== 401) {
        this.options.logger.warn(
          { payout_id: payout.id, paypal_error: error.name, paypal_debug_id: error.debugId },
          'PayPal refused a payout',
        );
        return (await this.fail(payout, 'denied', trace)) ?? payout;
      } else if (isPayPalFailure(error) || (error instanceof AppError && error.code === 'unavailable')) {
        // PayPal down, slow or failing: the loop sends it again, with the same sender_batch_id.
        this.options.logger.warn({ payout_id: payout.id, err: error }, 'payout not sent yet: PayPal failed');
        await this.payouts.postpone(this.db, payout.id, this.nextAttemptAt());
        return (await this.payouts.findPayout(this.db, payout.id)) ?? payout;
      } else {
        throw error;
      }
    }
    const sent = await this.payouts.recordSent(
      this.db,
      payout.id,
      { batchId, itemId, nextAttemptAt: this.nextAttemptAt() },
      this.clock(),
    );
    return sent ?? (await this.payouts.findPayout(this.db, payout.id)) ?? payout;
  }

  /** Reads the payout's item from PayPal (by its batch while its item id is unknown) and applies it. */
  private async poll(payout: PayoutRecord): Promise<void> {
    let item: PayPalPayoutItem | undefined;
    if (payout.paypal_item_id !== null) {
      item = await this.options.paypal.getPayoutItem(payout.paypal_item_id);
    } else if (payout.paypal_batch_id !== null) {
      item = (await this.options.paypal.getPayoutBatch(payout.paypal_batch_id)).items?.[0];
    }
    const applied = item === undefined ? payout : await this.applyStatus(payout, item, undefined);
    if (!isFinal(applied.status)) await this.payouts.postpone(this.db, payout.id, this.nextAttemptAt());
  }

  /**
   * Applies an item's status: one conditional update on the payout's current status, so
   * that of webhooks and polls racing, in any order, one makes each change. A final status
   * writes its event in the same transaction, and its ledger movement follows.
   */
  private async applyStatus(
    payout: PayoutRecord,
    item: PayPalPayoutItem,
    trace: TraceContext | undefined,
  ): Promise<PayoutRecord> {
    const change = payoutChangeOf(payout.status, item.transaction_status);
    if (change === null) return payout;
    const changed = await this.db.transaction().execute(async (trx) => {
      const row = await this.payouts.changeStatus(
        trx,
        payout.id,
        {
          from: openPayoutStatuses,
          to: change.status,
          ...('reason' in change ? { reason: change.reason } : {}),
          item: { itemId: item.payout_item_id, batchId: item.payout_batch_id },
        },
        this.clock(),
      );
      const type = row ? eventOfStatus[row.status] : undefined;
      if (row && type) await writePayoutEvent(trx, type, row, trace);
      return row;
    });
    if (!changed) return (await this.payouts.findPayout(this.db, payout.id)) ?? payout;
    if (isFinal(changed.status)) {
      this.options.onEventsWritten();
      await this.completeInLedger(changed);
    }
    return changed;
  }

  /** Fails a payout that is still open, with its event; a refused debit leaves nothing for the ledger. */
  private async fail(
    payout: PayoutRecord,
    reason: PayoutFailureReason,
    trace: TraceContext | undefined,
  ): Promise<PayoutRecord | undefined> {
    const failed = await this.db.transaction().execute(async (trx) => {
      const row = await this.payouts.changeStatus(
        trx,
        payout.id,
        { from: openPayoutStatuses, to: 'failed', reason, ledgerDone: payout.transfer_id === null },
        this.clock(),
      );
      if (row) await writePayoutEvent(trx, payoutsEvents.payoutFailed, row, trace);
      return row;
    });
    if (!failed) return undefined;
    this.options.onEventsWritten();
    if (failed.transfer_id !== null) await this.completeInLedger(failed);
    return failed;
  }

  /** The ledger movement of a final status: settled when paid, given back otherwise. */
  private async completeInLedger(payout: PayoutRecord): Promise<void> {
    if (payout.transfer_id !== null) {
      if (payout.status === 'succeeded') await this.options.ledger.settle(payout, payout.transfer_id);
      else await this.options.ledger.giveBack(payout, payout.transfer_id);
    }
    await this.payouts.markLedgerDone(this.db, payout.id, this.clock());
  }

  private nextAttemptAt(): Date {
    return new Date(this.clock().getTime() + this.options.pollIntervalMs);
  }
}

/** The ledger's refusal of a payout's debit, as its first request was answered. */
function refusalOf(payout: PayoutRecord): AppError {
  const { code, message } = refusals[payout.failure_reason as keyof typeof refusals];
  return paymentsError(code, message, { payout_id: payout.id });
}

const refusals = {
  insufficient_funds: {
    code: 'insufficient_funds',
    message: "the payout is above the wallet's available balance",
  },
  limit_exceeded: {
    code: 'limit_exceeded',
    message: "the payout breaks a withdrawal limit of the wallet's type",
  },
  wallet_frozen: { code: 'wallet_frozen', message: 'the wallet is frozen or closed' },
  balance_changed: {
    code: 'conflict',
    message: 'the wallet’s balance changed while it was released; release it again',
  },
} as const;
