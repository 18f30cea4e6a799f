import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Actor,
  ledgerEvents,
  type TransactionType,
  type Transfer,
  transferPostedData,
} from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import type { Executor, LedgerDatabase } from '../database.js';
import { isAdmin, isService, mayDebit, scopeOf, userIdOf } from '../domain/actor.js';
import {
  type IdempotentOperation,
  requestHashOf,
  type StoredResponse,
  storedRefusalCodes,
} from '../domain/idempotency.js';
import { checkParties, legsOf, type MovementIntent } from '../domain/movement.js';
import { planEntries, postingTimeOf } from '../domain/posting.js';
import { checkLimits, hasDailyLimits, noUsage, utcDayOf } from '../domain/rules.js';
import { type EntryView, type TransferRecord, toPublicTransfer } from '../domain/transfer.js';
import { type PublicWalletBalance, type SystemAccountCode, toPublicWalletBalance } from '../domain/wallet.js';
import { ledgerError } from '../errors.js';
import { ensureSystemAccount, lockPostingAccounts } from '../repositories/account.repository.js';
import { lockDailyUsage } from '../repositories/daily-usage.repository.js';
import * as idempotency from '../repositories/idempotency.repository.js';
import { insertPosting, TransferKeyUsedError } from '../repositories/transfer.repository.js';
import * as wallets from '../repositories/wallet.repository.js';
import { ledgerEvent, type TraceContext } from './events.js';

/** Finds users by a unique field; identity answers it, the ledger never stores users. */
export interface UserDirectory {
  /** The id of the live user with that id, email or user name; null when there is none. */
  findUserId(lookup: { id: string } | { email: string } | { user_name: string }): Promise<string | null>;
}

export interface MovementServiceOptions {
  db: LedgerDatabase;
  clock: () => Date;
  newId: () => string;
  users: UserDirectory;
  idempotencyRetentionHours: number;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
  /** Tries of a transaction that hit a deadlock or a serialization failure. */
  maxAttempts?: number;
}

export interface TransferResult {
  transfer: Transfer;
  balance: PublicWalletBalance;
}

export interface Replayable<Result> {
  result: Result;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

export interface TransferRequest {
  actor: Actor;
  from_wallet_id: string;
  to_wallet_id?: string | undefined;
  to_user?: string | undefined;
  to_user_id?: string | undefined;
  amount: number;
  description?: string | undefined;
  type: 'transfer' | 'payment';
  metadata?: Record<string, string> | undefined;
  idempotency_key: string;
}

export interface DepositRequest {
  actor: Actor;
  wallet_id: string;
  amount: number;
  reference: string;
  source: SystemAccountCode;
  idempotency_key: string;
  metadata?: Record<string, string> | undefined;
}

export interface WithdrawSavingsRequest {
  actor: Actor;
  wallet_id: string;
  amount: number;
  idempotency_key: string;
}

/** Who asks under which key for what; the hash decides whether a retry is the same request. */
interface Claim {
  actor: Actor;
  scope: string;
  key: string;
  operation: IdempotentOperation;
  requestHash: string;
}

/** A movement ready to post, or the refusal it met before its transaction (stored with the key). */
interface MovementPlan {
  intent: MovementIntent;
  /** Every account of these wallets, and these system accounts, are locked. */
  walletIds: string[];
  systemAccountIds: string[];
  /** Whether the actor may debit a wallet of this owner. */
  mayMoveFrom: (ownerId: string) => boolean;
  description: string | null;
  metadata: Record<string, string>;
}

type Outcome =
  | { kind: 'posted'; result: TransferResult }
  | { kind: 'refused'; error: AppError }
  | { kind: 'stored'; response: StoredResponse };

const defaultMaxAttempts = 5;
/** PostgreSQL's serialization_failure and deadlock_detected: the whole transaction may simply run again. */
const retryableSqlStates = new Set(['40001', '40P01']);

function isRetryable(error: unknown): boolean {
  if (idempotency.isIdempotencyRecordConflict(error)) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && retryableSqlStates.has(code);
}

/**
 * Every movement of money: transfers and payments between wallets, deposits from a system
 * account, savings back to main. Each is one database transaction keyed by the caller's
 * Idempotency-Key (ARCHITECTURE §5): claim the key, lock the accounts in id order, check,
 * write everything in one statement, commit.
 */
export class MovementService {
  private readonly db: LedgerDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly maxAttempts: number;
  private readonly systemAccounts = new Map<string, string>();
  /** Idempotency keys (scope and key) this process is working on right now. */
  private readonly keysInFlight = new Set<string>();

  constructor(private readonly options: MovementServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  }

  async transfer(request: TransferRequest, trace?: TraceContext): Promise<Replayable<TransferResult>> {
    const named = [request.to_wallet_id, request.to_user, request.to_user_id].filter(
      (to) => to !== undefined,
    );
    if (named.length !== 1) {
      throw ledgerError('validation_failed', 'give exactly one of to_wallet_id, to_user or to_user_id', {
        errors: [
          { path: 'to_wallet_id', message: 'give exactly one of to_wallet_id, to_user or to_user_id' },
        ],
      });
    }
    const claim = this.claimOf(request.actor, request.idempotency_key, 'transfer', { ...request });
    return this.whileInFlight(claim, async () => {
      const recipient =
        request.to_wallet_id !== undefined ? request.to_wallet_id : await this.resolveRecipient(request);
      if (recipient instanceof AppError) return this.execute(claim, recipient, trace);
      return this.execute(
        claim,
        {
          intent: {
            kind: 'transfer',
            type: request.type,
            amount: BigInt(request.amount),
            fromWalletId: request.from_wallet_id,
            toWalletId: recipient,
          },
          walletIds: [request.from_wallet_id, recipient],
          systemAccountIds: [],
          mayMoveFrom: (ownerId) => mayDebit(request.actor, ownerId),
          description: request.description ?? null,
          metadata: request.metadata ?? {},
        },
        trace,
      );
    });
  }

  /**
   * Credits a wallet from a system account: `back-office` by an admin, `paypal-clearing`
   * by a service (billing, for a captured payment).
   */
  async deposit(request: DepositRequest, trace?: TraceContext): Promise<Replayable<TransferResult>> {
    if (request.source === 'back-office' && !isAdmin(request.actor)) {
      throw ledgerError('forbidden', 'only an admin credits a wallet from the back office');
    }
    if (request.source === 'paypal-clearing' && !isService(request.actor)) {
      throw ledgerError('forbidden', 'only a service credits a wallet from paypal-clearing');
    }
    const claim = this.claimOf(request.actor, request.idempotency_key, 'deposit', { ...request });
    return this.whileInFlight(claim, async () => {
      const wallet = await wallets.findWallet(this.db, request.wallet_id);
      if (!wallet) return this.execute(claim, ledgerError('not_found', 'no such wallet'), trace);
      const systemAccountId = await this.systemAccountOf(request.source, wallet.wallet.currency);
      return this.execute(
        claim,
        {
          intent: {
            kind: 'deposit',
            type: 'deposit',
            amount: BigInt(request.amount),
            systemAccountId,
            toWalletId: request.wallet_id,
          },
          walletIds: [request.wallet_id],
          systemAccountIds: [systemAccountId],
          mayMoveFrom: () => true,
          description: request.reference,
          metadata: { ...request.metadata, source: request.source, reference: request.reference },
        },
        trace,
      );
    });
  }

  /** Moves savings back to main in the same wallet; only its owner may. */
  async withdrawSavings(
    request: WithdrawSavingsRequest,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    const claim = this.claimOf(request.actor, request.idempotency_key, 'savings_withdraw', { ...request });
    const ownerId = userIdOf(request.actor);
    return this.whileInFlight(claim, () =>
      this.execute(
        claim,
        {
          intent: {
            kind: 'savings_withdraw',
            type: 'savings',
            amount: BigInt(request.amount),
            walletId: request.wallet_id,
          },
          walletIds: [request.wallet_id],
          systemAccountIds: [],
          mayMoveFrom: (owner) => ownerId !== null && owner === ownerId,
          description: null,
          metadata: {},
        },
        trace,
      ),
    );
  }

  /** Removes stored answers older than the retention (at least 24 h); returns how many. */
  async removeExpiredIdempotencyRecords(): Promise<number> {
    const cutoff = new Date(this.clock().getTime() - this.options.idempotencyRetentionHours * 3_600_000);
    return idempotency.deleteIdempotencyRecordsBefore(this.db, cutoff);
  }

  private claimOf(
    actor: Actor,
    key: string,
    operation: IdempotentOperation,
    request: Record<string, unknown>,
  ): Claim {
    return { actor, scope: scopeOf(actor), key, operation, requestHash: requestHashOf(operation, request) };
  }

  /**
   * The recipient's default wallet in the currency of the paying wallet, or the refusal to
   * store when the paying wallet, the user or such a wallet does not exist. Identity is
   * asked before the transaction opens, so no transaction waits on the network.
   */
  private async resolveRecipient(request: TransferRequest): Promise<string | AppError> {
    const from = await wallets.findWallet(this.db, request.from_wallet_id);
    if (!from || !mayDebit(request.actor, from.wallet.owner_id))
      return ledgerError('not_found', 'no such wallet');
    let userId: string | null = null;
    if (request.to_user_id !== undefined) {
      userId = await this.options.users.findUserId({ id: request.to_user_id });
    } else if (request.to_user !== undefined) {
      const name = request.to_user;
      userId = name.includes('@')
        ? await this.options.users.findUserId({ email: name })
        : name.length <= 32
          ? await this.options.users.findUserId({ user_name: name })
          : null;
    }
    if (userId === null) return ledgerError('not_found', 'no such user');
    const walletId = await wallets.findDefaultWalletId(this.db, userId, from.wallet.currency);
    if (walletId === undefined) {
      return ledgerError('not_found', `the user has no ${from.wallet.currency} wallet to receive money`);
    }
    return walletId;
  }

  private async systemAccountOf(code: SystemAccountCode, currency: string): Promise<string> {
    const cacheKey = `${code}/${currency}`;
    let id = this.systemAccounts.get(cacheKey);
    if (id === undefined) {
      id = await ensureSystemAccount(this.db, code, currency, this.newId(), this.clock());
      this.systemAccounts.set(cacheKey, id);
    }
    return id;
  }

  /**
   * Marks the key in flight in this process until `work` ends. A duplicate that arrives
   * meanwhile is refused at once, even before the first reaches the database (while it
   * asks identity for a recipient, say); replicas meet each other's keys in the database,
   * through the advisory lock `claimIdempotencyKey` takes.
   */
  private async whileInFlight<Result>(claim: Claim, work: () => Promise<Result>): Promise<Result> {
    const marker = `${claim.scope}\n${claim.key}`;
    if (this.keysInFlight.has(marker)) {
      throw ledgerError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
    }
    this.keysInFlight.add(marker);
    try {
      return await work();
    } finally {
      this.keysInFlight.delete(marker);
    }
  }

  /** Runs the movement's transaction, again after a deadlock or serialization failure, and answers. */
  private async execute(
    claim: Claim,
    plan: MovementPlan | AppError,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    let transferKeyConflicts = 0;
    for (let attempt = 1; ; attempt++) {
      let outcome: Outcome;
      try {
        outcome = await this.db.transaction().execute((trx) => this.attempt(trx, claim, plan, trace));
      } catch (error) {
        if (attempt < this.maxAttempts && isRetryable(error)) {
          // A short random pause, so that the transactions that collided do not collide again.
          await sleep(Math.floor(Math.random() * 5 * attempt));
          continue;
        }
        // The first time, the key's holder may have committed just after our snapshot: the
        // retry sees its record and replays it. Met again, the key moved money long ago.
        if (
          error instanceof TransferKeyUsedError &&
          transferKeyConflicts++ === 0 &&
          attempt < this.maxAttempts
        ) {
          continue;
        }
        if (error instanceof TransferKeyUsedError) {
          throw ledgerError(
            'conflict',
            'this Idempotency-Key moved money before and its stored answer has expired; use a new key',
          );
        }
        throw error;
      }
      switch (outcome.kind) {
        case 'posted':
          this.options.onEventsWritten();
          return { result: outcome.result, replayed: false };
        case 'refused':
          throw outcome.error;
        case 'stored': {
          const { response } = outcome;
          if (!response.ok)
            throw new AppError(response.error.code, response.error.message, response.error.details);
          return { result: response.result as TransferResult, replayed: true };
        }
      }
    }
  }

  private async attempt(
    trx: Executor,
    claim: Claim,
    plan: MovementPlan | AppError,
    trace: TraceContext | undefined,
  ): Promise<Outcome> {
    const { locked, record: stored } = await idempotency.claimIdempotencyKey(trx, claim.scope, claim.key);
    if (!locked) {
      throw ledgerError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
    }
    if (stored) {
      if (stored.request_hash !== claim.requestHash) {
        throw ledgerError('idempotency_mismatch', 'this Idempotency-Key was used with another request');
      }
      return { kind: 'stored', response: stored.response };
    }
    try {
      if (plan instanceof AppError) throw plan;
      return { kind: 'posted', result: await this.post(trx, claim, plan, trace) };
    } catch (error) {
      // A refusal has written nothing yet: only the key and its answer are committed.
      if (!(error instanceof AppError) || !storedRefusalCodes.has(error.code)) throw error;
      await idempotency.insertIdempotencyRecord(trx, {
        scope: claim.scope,
        key: claim.key,
        operation: claim.operation,
        request_hash: claim.requestHash,
        response: { ok: false, error: error.toJSON() },
        created_at: this.clock(),
      });
      return { kind: 'refused', error };
    }
  }

  /**
   * Locks, checks (parties, status, currency, rules, savings plan, funds) and writes. Every
   * check comes before the one write, so a refusal leaves nothing to undo.
   */
  private async post(
    trx: Executor,
    claim: Claim,
    plan: MovementPlan,
    trace: TraceContext | undefined,
  ): Promise<TransferResult> {
    const { intent } = plan;
    const locked = await lockPostingAccounts(trx, {
      walletIds: plan.walletIds,
      accountIds: plan.systemAccountIds,
      transactionType: intent.type,
    });
    const parties = checkParties(intent, locked.wallets, plan.mayMoveFrom);
    const time = postingTimeOf(this.clock(), locked.accounts.values());
    const day = utcDayOf(time);
    const { subject } = parties;
    const usage = hasDailyLimits(subject.limits)
      ? await lockDailyUsage(trx, subject.id, intent.type, day)
      : noUsage;
    checkLimits(intent.amount, subject.limits, usage);
    const entries = planEntries(locked.accounts, legsOf(intent, parties), this.newId);

    const record: TransferRecord = {
      id: this.newId(),
      type: intent.type as TransactionType,
      amount: intent.amount,
      currency: parties.to.currency,
      description: plan.description,
      metadata: plan.metadata,
      from_wallet_id: parties.from?.id ?? null,
      to_wallet_id: parties.to.id,
      from_owner_id: parties.from?.ownerId ?? null,
      to_owner_id: parties.to.ownerId,
      initiator_id: userIdOf(claim.actor),
      idempotency_scope: claim.scope,
      idempotency_key: claim.key,
      created_at: time,
    };
    const views: EntryView[] = entries.map((entry) => {
      const account = locked.accounts.get(entry.accountId)!;
      return { ...entry, walletId: account.walletId, kind: account.kind };
    });
    const transfer = toPublicTransfer(record, views);
    const { reported } = parties;
    const balanceOf = (accountId: string, before: bigint) =>
      entries.find((entry) => entry.accountId === accountId)?.balanceAfter ?? before;
    const result: TransferResult = {
      transfer,
      balance: toPublicWalletBalance(
        reported,
        {
          main: balanceOf(reported.main.id, reported.main.balance),
          savings: balanceOf(reported.savings.id, reported.savings.balance),
        },
        time,
      ),
    };
    await insertPosting(trx, {
      transfer: record,
      entries,
      usage: { walletId: subject.id, day },
      event: ledgerEvent({
        type: ledgerEvents.transferPosted,
        schema: transferPostedData,
        subject: record.id,
        data: { transfer },
        time,
        trace,
      }),
      idempotency: {
        scope: claim.scope,
        key: claim.key,
        operation: claim.operation,
        request_hash: claim.requestHash,
        response: { ok: true, result },
        created_at: time,
      },
    });
    return result;
  }
}
