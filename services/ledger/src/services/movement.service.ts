import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Actor,
  isLedgerRefusalCode,
  ledgerEvents,
  type TransactionType,
  type Transfer,
  transferPostedData,
  userLookupOf,
} from '@moneypal/contracts';
import { AppError, type ClaimingOutbox, type CloudEvent, GroupCommit } from '@moneypal/kit';
import type { Executor, LedgerDatabase } from '../database.js';
import { isAdmin, isService, mayDebit, scopeOf, userIdOf } from '../domain/actor.js';
import { type IdempotentOperation, requestHashOf, type StoredResponse } from '../domain/idempotency.js';
import { checkParties, type LockedWallet, legsOf, type MovementIntent } from '../domain/movement.js';
import { type LockedAccount, planEntries, postingTimeOf } from '../domain/posting.js';
import { checkLimits, type DailyUsage, hasDailyLimits, noUsage, utcDayOf } from '../domain/rules.js';
import {
  type EntryView,
  entriesVisibleTo,
  type TransferRecord,
  toPublicTransfer,
} from '../domain/transfer.js';
import { type PublicWalletBalance, type SystemAccountCode, toPublicWalletBalance } from '../domain/wallet.js';
import { ledgerError } from '../errors.js';
import type * as accountRepository from '../repositories/account.repository.js';
import type { LockedPosting } from '../repositories/account.repository.js';
import type * as dailyUsageRepository from '../repositories/daily-usage.repository.js';
import type { DailyUsageKey } from '../repositories/daily-usage.repository.js';
import type * as idempotencyRepository from '../repositories/idempotency.repository.js';
import type { IdempotencyRecord } from '../repositories/idempotency.repository.js';
import type * as transferRepository from '../repositories/transfer.repository.js';
import type { Posting } from '../repositories/transfer.repository.js';
import type * as walletRepository from '../repositories/wallet.repository.js';
import { ledgerEvent, type TraceContext } from './events.js';

/** Finds users by a unique field; identity answers it, the ledger never stores users. */
export interface UserDirectory {
  /** The id of the live user with that id, email or user name; null when there is none. */
  findUserId(lookup: { id: string } | { email: string } | { user_name: string }): Promise<string | null>;
}

/** What the ledger counts as movements are decided, for its metrics. */
export interface MovementMetrics {
  /** A movement committed: a transfer of this type was posted. */
  transferPosted(type: string): void;
  /** A request was answered with the stored answer (result or refusal) of an earlier one with its key. */
  idempotentReplay(operation: string): void;
}

export interface MovementServiceOptions {
  db: LedgerDatabase;
  clock: () => Date;
  newId: () => string;
  users: UserDirectory;
  idempotencyRetentionHours: number;
  /** The outbox relay: the events of posted movements are claimed for it, and it publishes them after the commit. */
  outbox: ClaimingOutbox;
  /** Tries of a transaction that hit a deadlock or a serialization failure. */
  maxAttempts?: number;
  /** Most movements applied in one database transaction (group commit). */
  maxBatchSize?: number;
  /** Most batches in their transactions at once; the movements that arrive meanwhile wait for the next. */
  maxConcurrentBatches?: number;
  metrics?: MovementMetrics;
  repositories: {
    wallets: typeof walletRepository;
    accounts: typeof accountRepository;
    dailyUsage: typeof dailyUsageRepository;
    idempotency: typeof idempotencyRepository;
    transfers: typeof transferRepository;
  };
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
  /** Minor units as the contract carries them (a safe integer); made a bigint before any arithmetic. */
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

export interface WithdrawRequest {
  actor: Actor;
  wallet_id: string;
  amount: number;
  reference: string;
  destination: SystemAccountCode;
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
  | { kind: 'posted'; result: TransferResult; event: CloudEvent }
  | { kind: 'refused'; error: AppError }
  | { kind: 'stored'; response: StoredResponse }
  /** Nothing was written for it (the key is in flight, or was used for another request). */
  | { kind: 'failed'; error: AppError };

/** What a batch locked, with the wallets as each transaction type sees them. */
interface LockedBatch extends LockedPosting {
  walletsByType: Map<string, Map<string, LockedWallet>>;
}

/** A movement waiting for, or in, a batch. */
interface Movement {
  claim: Claim;
  plan: MovementPlan | AppError;
  trace: TraceContext | undefined;
}

const defaultMaxAttempts = 5;
const defaultMaxBatchSize = 200;
const defaultMaxConcurrentBatches = 1;
/** PostgreSQL's serialization_failure and deadlock_detected: the whole transaction may simply run again. */
const retryableSqlStates = new Set(['40001', '40P01']);

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
  private readonly wallets: typeof walletRepository;
  private readonly accounts: typeof accountRepository;
  private readonly dailyUsage: typeof dailyUsageRepository;
  private readonly idempotency: typeof idempotencyRepository;
  private readonly transfers: typeof transferRepository;
  private readonly systemAccounts = new Map<string, string>();
  /** Idempotency keys (scope and key) this process is working on right now. */
  private readonly keysInFlight = new Set<string>();
  /** Movements that arrive while a transaction runs go together into the next one. */
  private readonly movements: GroupCommit<Movement, Outcome>;

  constructor(private readonly options: MovementServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
    this.wallets = options.repositories.wallets;
    this.accounts = options.repositories.accounts;
    this.dailyUsage = options.repositories.dailyUsage;
    this.idempotency = options.repositories.idempotency;
    this.transfers = options.repositories.transfers;
    this.movements = new GroupCommit({
      maxBatchSize: options.maxBatchSize ?? defaultMaxBatchSize,
      maxConcurrentBatches: options.maxConcurrentBatches ?? defaultMaxConcurrentBatches,
      // If the transaction fails as a whole (a deadlock, a key that a replica recorded just
      // after our snapshot, a bug met by one movement), no movement of it was applied, and
      // each runs again alone.
      runBatch: async (batch) =>
        this.announced(await this.db.transaction().execute((trx) => this.attempt(trx, batch))),
      runOne: async (movement) => this.announced([await this.runAlone(movement)])[0]!,
    });
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
      const wallet = await this.wallets.findWallet(this.db, request.wallet_id);
      if (!wallet) return this.execute(claim, ledgerError('wallet_not_found', 'no such wallet'), trace);
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

  /**
   * Debits a wallet's main balance to a system account: a service only (billing, when a
   * PayPal funding is refunded). The rules of the wallet's type for `withdrawal` apply.
   */
  async withdraw(request: WithdrawRequest, trace?: TraceContext): Promise<Replayable<TransferResult>> {
    if (!isService(request.actor)) {
      throw ledgerError('forbidden', 'only a service debits a wallet to a system account');
    }
    const claim = this.claimOf(request.actor, request.idempotency_key, 'withdrawal', { ...request });
    return this.whileInFlight(claim, async () => {
      const wallet = await this.wallets.findWallet(this.db, request.wallet_id);
      if (!wallet) return this.execute(claim, ledgerError('wallet_not_found', 'no such wallet'), trace);
      const systemAccountId = await this.systemAccountOf(request.destination, wallet.wallet.currency);
      return this.execute(
        claim,
        {
          intent: {
            kind: 'withdrawal',
            type: 'withdrawal',
            amount: BigInt(request.amount),
            fromWalletId: request.wallet_id,
            systemAccountId,
          },
          walletIds: [request.wallet_id],
          systemAccountIds: [systemAccountId],
          mayMoveFrom: () => true,
          description: request.reference,
          metadata: { ...request.metadata, destination: request.destination, reference: request.reference },
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
    return this.idempotency.deleteIdempotencyRecordsBefore(this.db, cutoff);
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
    const from = await this.wallets.findWallet(this.db, request.from_wallet_id);
    if (!from || !mayDebit(request.actor, from.wallet.owner_id))
      return ledgerError('wallet_not_found', 'no such wallet');
    let userId: string | null = null;
    if (request.to_user_id !== undefined) {
      userId = await this.options.users.findUserId({ id: request.to_user_id });
    } else if (request.to_user !== undefined) {
      const lookup = userLookupOf(request.to_user);
      userId = lookup === null ? null : await this.options.users.findUserId(lookup);
    }
    const recipientPath = request.to_user_id !== undefined ? 'to_user_id' : 'to_user';
    if (userId === null) {
      return ledgerError('recipient_not_found', 'no such user', {
        errors: [{ path: recipientPath, message: 'names nobody' }],
      });
    }
    const walletId = await this.wallets.findDefaultWalletId(this.db, userId, from.wallet.currency);
    if (walletId === undefined) {
      return ledgerError(
        'recipient_has_no_wallet',
        `the user has no ${from.wallet.currency} wallet to receive money`,
        {
          errors: [{ path: recipientPath, message: `has no ${from.wallet.currency} wallet` }],
        },
      );
    }
    return walletId;
  }

  private async systemAccountOf(code: SystemAccountCode, currency: string): Promise<string> {
    const cacheKey = `${code}/${currency}`;
    let id = this.systemAccounts.get(cacheKey);
    if (id === undefined) {
      id = await this.accounts.ensureSystemAccount(this.db, code, currency, this.newId(), this.clock());
      this.systemAccounts.set(cacheKey, id);
    }
    return id;
  }

  /**
   * Marks the key in flight in this process until `work` ends. A duplicate that arrives
   * meanwhile is refused at once, even before the first reaches the database (while it
   * asks identity for a recipient, say); replicas meet each other's keys in the database,
   * through the advisory lock `claimIdempotencyKeys` takes.
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

  /**
   * Applies the movement in the next batch and answers. Movements that arrive while
   * `maxConcurrentBatches` batches are in their transactions wait and go together into the
   * next one (group commit): one transaction, a handful of statements, however many
   * movements. Each keeps its own outcome, idempotency record and event.
   */
  private async execute(
    claim: Claim,
    plan: MovementPlan | AppError,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    const outcome = await this.movements.submit({ claim, plan, trace });
    switch (outcome.kind) {
      case 'posted':
        // Settled only once its batch committed.
        this.options.metrics?.transferPosted(outcome.result.transfer.type);
        return { result: outcome.result, replayed: false };
      case 'refused':
      case 'failed':
        throw outcome.error;
      case 'stored': {
        this.options.metrics?.idempotentReplay(claim.operation);
        const { response } = outcome;
        if (!response.ok)
          throw new AppError(response.error.code, response.error.message, response.error.details);
        return { result: response.result as TransferResult, replayed: true };
      }
    }
  }

  /** Outcomes of a committed transaction: the outbox relay publishes the events it wrote now. */
  private announced(outcomes: Outcome[]): Outcome[] {
    this.options.outbox.publishClaimed(
      outcomes.flatMap((outcome) => (outcome.kind === 'posted' ? [outcome.event] : [])),
    );
    return outcomes;
  }

  /** Runs one movement's transaction, again after a deadlock or serialization failure. */
  private async runAlone(movement: Movement): Promise<Outcome> {
    let transferKeyConflicts = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const [outcome] = await this.db.transaction().execute((trx) => this.attempt(trx, [movement]));
        return outcome!;
      } catch (error) {
        if (attempt < this.maxAttempts && this.isRetryable(error)) {
          // A short random pause, so that the transactions that collided do not collide again.
          await sleep(Math.floor(Math.random() * 5 * attempt));
          continue;
        }
        // The first time, the key's holder may have committed just after our snapshot: the
        // retry sees its record and replays it. Met again, the key moved money long ago.
        if (
          error instanceof this.transfers.TransferKeyUsedError &&
          transferKeyConflicts++ === 0 &&
          attempt < this.maxAttempts
        ) {
          continue;
        }
        if (error instanceof this.transfers.TransferKeyUsedError) {
          throw ledgerError(
            'conflict',
            'this Idempotency-Key moved money before and its stored answer has expired; use a new key',
          );
        }
        throw error;
      }
    }
  }

  /** A transaction that may simply run again: a key recorded meanwhile, a deadlock or a serialization failure. */
  private isRetryable(error: unknown): boolean {
    if (this.idempotency.isIdempotencyRecordConflict(error)) return true;
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    return typeof code === 'string' && retryableSqlStates.has(code);
  }

  /**
   * One transaction for a batch: claims every key, locks every account the batch touches
   * (one statement, id order), then checks and plans each movement in turn on the running
   * balances and usage, and writes everything in one statement. A refusal leaves only its
   * key and answer; an error that is not a refusal fails the whole transaction.
   */
  private async attempt(trx: Executor, batch: readonly Movement[]): Promise<Outcome[]> {
    const claims = await this.idempotency.claimIdempotencyKeys(
      trx,
      batch.map(({ claim }) => claim),
    );
    const outcomes: (Outcome | undefined)[] = [];
    const toPost: { index: number; movement: Movement; plan: MovementPlan }[] = [];
    const refusals: IdempotencyRecord[] = [];
    const refuse = (claim: Claim, error: AppError): Outcome => {
      refusals.push(this.recordOf(claim, { ok: false, error: error.toJSON() }, this.clock()));
      return { kind: 'refused', error };
    };
    const claimedHere = new Set<string>();
    batch.forEach((movement, index) => {
      const { claim, plan } = movement;
      const { locked, record: stored } = claims[index]!;
      // The advisory lock is re-entrant within a transaction: a key twice in one batch is in flight.
      const marker = `${claim.scope}\n${claim.key}`;
      if (!locked || claimedHere.has(marker)) {
        outcomes[index] = {
          kind: 'failed',
          error: ledgerError(
            'idempotency_in_flight',
            'a request with this Idempotency-Key is still in flight',
          ),
        };
        return;
      }
      claimedHere.add(marker);
      if (stored) {
        outcomes[index] =
          stored.request_hash === claim.requestHash
            ? { kind: 'stored', response: stored.response }
            : {
                kind: 'failed',
                error: ledgerError(
                  'idempotency_mismatch',
                  'this Idempotency-Key was used with another request',
                ),
              };
        return;
      }
      if (plan instanceof AppError) {
        outcomes[index] = isLedgerRefusalCode(plan.code)
          ? refuse(claim, plan)
          : { kind: 'failed', error: plan };
        return;
      }
      toPost.push({ index, movement, plan });
    });

    const postings: Posting[] = [];
    if (toPost.length > 0) {
      const locked: LockedBatch = {
        ...(await this.accounts.lockPostingAccounts(trx, {
          walletIds: [...new Set(toPost.flatMap(({ plan }) => plan.walletIds))],
          accountIds: [...new Set(toPost.flatMap(({ plan }) => plan.systemAccountIds))],
          transactionTypes: [...new Set(toPost.map(({ plan }) => plan.intent.type))],
        })),
        walletsByType: new Map(),
      };
      const now = this.clock();
      const usage = await this.lockUsageOf(trx, locked, toPost, now);
      for (const { index, movement, plan } of toPost) {
        try {
          const { posting, result } = await this.plan(trx, locked, usage, movement, plan, now);
          postings.push(posting);
          outcomes[index] = { kind: 'posted', result, event: posting.event };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // A refusal has changed nothing: the balances and usage are those before it.
          outcomes[index] = isLedgerRefusalCode(error.code)
            ? refuse(movement.claim, error)
            : { kind: 'failed', error };
        }
      }
    }
    await this.transfers.insertPostings(trx, { postings, refusals, outbox: this.options.outbox });
    return outcomes as Outcome[];
  }

  /**
   * Locks, in one statement, the daily usage rows of the movements whose wallet has daily
   * limits for their type; a movement whose checks fail here is refused later, in turn.
   */
  private async lockUsageOf(
    trx: Executor,
    locked: LockedBatch,
    toPost: readonly { movement: Movement; plan: MovementPlan }[],
    now: Date,
  ): Promise<Map<string, DailyUsage>> {
    const keys: DailyUsageKey[] = [];
    for (const { plan } of toPost) {
      try {
        const parties = checkParties(
          plan.intent,
          this.walletsFor(locked, plan.intent.type),
          plan.mayMoveFrom,
        );
        if (!hasDailyLimits(parties.subject.limits)) continue;
        const time = postingTimeOf(now, this.accountsOf(locked, plan));
        keys.push({ walletId: parties.subject.id, transactionType: plan.intent.type, day: utcDayOf(time) });
      } catch {
        // Refused when its turn comes.
      }
    }
    return keys.length === 0 ? new Map() : this.dailyUsage.lockDailyUsage(trx, keys);
  }

  /** The locked wallets as one movement type sees them: with that type's limits (built once per type). */
  private walletsFor(locked: LockedBatch, transactionType: string): Map<string, LockedWallet> {
    let wallets = locked.walletsByType.get(transactionType);
    if (wallets === undefined) {
      wallets = new Map();
      for (const [id, { limitsByType, ...wallet }] of locked.wallets) {
        wallets.set(id, { ...wallet, limits: limitsByType.get(transactionType) ?? null });
      }
      locked.walletsByType.set(transactionType, wallets);
    }
    return wallets;
  }

  /** The locked accounts one movement touches. */
  private accountsOf(locked: LockedPosting, plan: MovementPlan): LockedAccount[] {
    const accounts: LockedAccount[] = [];
    for (const walletId of plan.walletIds) {
      const wallet = locked.wallets.get(walletId);
      if (wallet) accounts.push(wallet.main, wallet.savings);
    }
    for (const accountId of plan.systemAccountIds) {
      const account = locked.accounts.get(accountId);
      if (account) accounts.push(account);
    }
    return accounts;
  }

  /**
   * Checks (parties, status, currency, rules, savings plan, funds) and plans one movement
   * on the running balances and usage, then moves them on by it. Every check comes before
   * that, so a refusal leaves them as they were.
   */
  private async plan(
    trx: Executor,
    locked: LockedBatch,
    usageByKey: Map<string, DailyUsage>,
    movement: Movement,
    plan: MovementPlan,
    now: Date,
  ): Promise<{ posting: Posting; result: TransferResult }> {
    const { claim, trace } = movement;
    const { intent } = plan;
    const parties = checkParties(intent, this.walletsFor(locked, intent.type), plan.mayMoveFrom);
    const time = postingTimeOf(now, this.accountsOf(locked, plan));
    const day = utcDayOf(time);
    const { subject } = parties;
    const subjectDay: DailyUsageKey = { walletId: subject.id, transactionType: intent.type, day };
    const usageKey = this.dailyUsage.dailyUsageKeyOf(subjectDay);
    let usage = noUsage;
    if (hasDailyLimits(subject.limits)) {
      // Locked with the batch, unless a later entry moved the posting to another day.
      usage =
        usageByKey.get(usageKey) ?? (await this.dailyUsage.lockDailyUsage(trx, [subjectDay])).get(usageKey)!;
    }
    checkLimits(intent.amount, subject.limits, usage);
    const entries = planEntries(locked.accounts, legsOf(intent, parties), this.newId);

    const record: TransferRecord = {
      id: this.newId(),
      type: intent.type as TransactionType,
      amount: intent.amount,
      currency: parties.reported.currency,
      description: plan.description,
      metadata: plan.metadata,
      from_wallet_id: parties.from?.id ?? null,
      to_wallet_id: parties.to?.id ?? null,
      from_owner_id: parties.from?.ownerId ?? null,
      to_owner_id: parties.to?.ownerId ?? null,
      initiator_id: userIdOf(claim.actor),
      idempotency_scope: claim.scope,
      idempotency_key: claim.key,
      created_at: time,
    };
    const views: EntryView[] = entries.map((entry) => {
      const account = locked.accounts.get(entry.accountId)!;
      return { ...entry, walletId: account.walletId, kind: account.kind };
    });
    // The caller's answer (stored for its retries too) shows the entries it may read; the
    // event carries none, since no consumer needs another account's balance.
    const transfer = toPublicTransfer(record, entriesVisibleTo(claim.actor, record, views));
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
    const event = ledgerEvent({
      type: ledgerEvents.transferPosted,
      schema: transferPostedData,
      subject: record.id,
      data: {
        transfer: toPublicTransfer(record),
        from_owner_id: record.from_owner_id,
        to_owner_id: record.to_owner_id,
      },
      time,
      trace,
    });
    // Checked and planned: the movements after it in the batch see its balances and usage.
    for (const entry of entries) {
      const account = locked.accounts.get(entry.accountId)!;
      account.balance = entry.balanceAfter;
      account.lastEntryAt = time;
    }
    if (hasDailyLimits(subject.limits)) {
      usageByKey.set(usageKey, { total: usage.total + intent.amount, count: usage.count + 1 });
    }
    return {
      posting: {
        transfer: record,
        entries,
        usage: { walletId: subject.id, day },
        event,
        idempotency: this.recordOf(claim, { ok: true, result }, time),
      },
      result,
    };
  }

  private recordOf(claim: Claim, response: StoredResponse, createdAt: Date): IdempotencyRecord {
    return {
      scope: claim.scope,
      key: claim.key,
      operation: claim.operation,
      request_hash: claim.requestHash,
      response,
      created_at: createdAt,
    };
  }
}
