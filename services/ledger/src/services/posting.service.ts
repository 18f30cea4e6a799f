import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Actor,
  type Hold,
  holdEventData,
  isLedgerRefusalCode,
  ledgerEvents,
  type Transfer,
  transferPostedData,
} from '@moneypal/contracts';
import { AppError, type ClaimingOutbox, type CloudEvent, GroupCommit } from '@moneypal/kit';
import type { Executor, LedgerDatabase } from '../database.js';
import { userIdOf } from '../domain/actor.js';
import {
  expiredBack,
  type HoldRecord,
  holdAfterTransfer,
  type Settlement,
  settlementOf,
  toPublicHold,
} from '../domain/hold.js';
import type {
  IdempotentOperation,
  ReplayedResponse,
  StoredPosting,
  StoredResponse,
} from '../domain/idempotency.js';
import {
  checkParties,
  isReversal,
  type LockedWallet,
  legsOf,
  type MovementIntent,
  type MovementParties,
  releaseAmountOf,
  reversalAmountOf,
  ruleTypeOf,
} from '../domain/movement.js';
import { type LockedAccount, type PlannedEntry, planEntries, postingTimeOf } from '../domain/posting.js';
import { checkLimits, type DailyUsage, hasDailyLimits, noUsage, utcDayOf } from '../domain/rules.js';
import {
  type EntryView,
  entriesOwnedBy,
  entriesVisibleTo,
  type OwnerName,
  partiesOf,
  publicEntriesOf,
  seesAllEntries,
  type TransferRecord,
  toPublicTransfer,
} from '../domain/transfer.js';
import { type PublicWalletBalance, toPublicWalletBalance } from '../domain/wallet.js';
import { ledgerError } from '../errors.js';
import type * as accountRepository from '../repositories/account.repository.js';
import type { LockedPosting } from '../repositories/account.repository.js';
import type * as dailyUsageRepository from '../repositories/daily-usage.repository.js';
import type { DailyUsageKey } from '../repositories/daily-usage.repository.js';
import type * as holdRepository from '../repositories/hold.repository.js';
import type * as idempotencyRepository from '../repositories/idempotency.repository.js';
import type { IdempotencyRecord } from '../repositories/idempotency.repository.js';
import type * as ownerRepository from '../repositories/owner.repository.js';
import type * as transferRepository from '../repositories/transfer.repository.js';
import type { Posting } from '../repositories/transfer.repository.js';
import { builtLedgerEvent, type TraceContext } from './events.js';

export interface PostingServiceOptions {
  db: LedgerDatabase;
  clock: () => Date;
  newId: () => string;
  /** The outbox relay: the events of posted movements are claimed for it, and it publishes them after the commit. */
  outbox: ClaimingOutbox;
  /** Tries of a transaction that hit a deadlock or a serialization failure. */
  maxAttempts?: number;
  /** Most movements applied in one database transaction (group commit). */
  maxBatchSize?: number;
  /** Most batches in their transactions at once; the movements that arrive meanwhile wait for the next. */
  maxConcurrentBatches?: number;
  repositories: {
    accounts: typeof accountRepository;
    dailyUsage: typeof dailyUsageRepository;
    idempotency: typeof idempotencyRepository;
    transfers: typeof transferRepository;
    holds: typeof holdRepository;
    owners: Pick<typeof ownerRepository, 'findOwnerNames'>;
  };
}

export interface TransferResult {
  transfer: Transfer;
  balance: PublicWalletBalance;
  /** On a hold or its settlement: the hold as the transfer left it. */
  hold?: Hold;
}

/** Who asks under which key for what; the hash decides whether a retry is the same request. */
export interface Claim {
  actor: Actor;
  scope: string;
  key: string;
  operation: IdempotentOperation;
  requestHash: string;
}

/** A movement ready to post. */
export interface MovementPlan {
  intent: MovementIntent;
  /** Every account of these wallets, and these system accounts, are locked. */
  walletIds: string[];
  systemAccountIds: string[];
  /** Whether the actor may debit a wallet of this owner. */
  mayMoveFrom: (ownerId: string) => boolean;
  description: string | null;
  metadata: Record<string, string>;
}

/** A movement to post, or the refusal it met before its transaction (stored with its key). */
export interface Movement {
  claim: Claim;
  plan: MovementPlan | AppError;
  trace: TraceContext | undefined;
}

export type Outcome =
  | { kind: 'posted'; result: TransferResult; events: CloudEvent[] }
  | { kind: 'refused'; error: AppError }
  | { kind: 'stored'; response: ReplayedResponse }
  /** Nothing was written for it (the key is in flight, or was used for another request). */
  | { kind: 'failed'; error: AppError };

/** What a batch locked, with the wallets as each transaction type sees them. */
interface LockedBatch extends LockedPosting {
  walletsByType: Map<string, Map<string, LockedWallet>>;
  /** How much of each reversed transfer is moved back, with the reversals planned so far in the batch. */
  reversed: Map<string, bigint>;
  /** The holds being settled, as read under the locks, with the settlements planned so far in the batch. */
  holds: Map<string, HoldRecord>;
  /** The names of the wallets' owners, for the events that tell them apart. */
  names: Map<string, OwnerName>;
}

/** A movement whose key is claimed and whose parties passed their checks, waiting for its turn. */
interface Admitted {
  index: number;
  movement: Movement;
  plan: MovementPlan;
  parties: MovementParties;
}

/** The outcomes of one transaction's movements, and what it writes for them. */
interface PlannedBatch {
  outcomes: Outcome[];
  postings: Posting[];
  refusals: IdempotencyRecord[];
  /** Holds opened, and holds settled (as they are after it), by the postings. */
  openedHolds: HoldRecord[];
  settledHolds: HoldRecord[];
}

/** Thrown inside an all-or-nothing transaction to roll it back; carries the outcomes to answer. */
class AtomicBatchRefused extends Error {
  constructor(readonly outcomes: Outcome[]) {
    super('an all-or-nothing batch met a refusal');
  }
}

/** The event that tells of a hold in each of its states. */
const holdEventTypes = {
  held: ledgerEvents.holdCreated,
  captured: ledgerEvents.holdCaptured,
  voided: ledgerEvents.holdVoided,
  expired: ledgerEvents.holdExpired,
} as const;

const defaultMaxAttempts = 5;
const defaultMaxBatchSize = 200;
const defaultMaxConcurrentBatches = 1;
/** PostgreSQL's serialization_failure and deadlock_detected: the whole transaction may simply run again. */
const retryableSqlStates = new Set(['40001', '40P01']);

/**
 * Posts planned movements: claims their idempotency keys, locks their accounts in id
 * order, checks and plans each on the running balances, and writes everything in one
 * statement, then hands the events to the outbox relay. Movements that arrive while a
 * transaction runs go together into the next one (group commit); each keeps its own
 * outcome, idempotency record and event.
 */
export class PostingService {
  private readonly db: LedgerDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly maxAttempts: number;
  private readonly accounts: typeof accountRepository;
  private readonly dailyUsage: typeof dailyUsageRepository;
  private readonly idempotency: typeof idempotencyRepository;
  private readonly transfers: typeof transferRepository;
  private readonly holds: typeof holdRepository;
  private readonly owners: Pick<typeof ownerRepository, 'findOwnerNames'>;
  /** Movements that arrive while a transaction runs go together into the next one. */
  private readonly movements: GroupCommit<Movement, Outcome>;

  constructor(private readonly options: PostingServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
    this.accounts = options.repositories.accounts;
    this.dailyUsage = options.repositories.dailyUsage;
    this.idempotency = options.repositories.idempotency;
    this.transfers = options.repositories.transfers;
    this.holds = options.repositories.holds;
    this.owners = options.repositories.owners;
    this.movements = new GroupCommit({
      maxBatchSize: options.maxBatchSize ?? defaultMaxBatchSize,
      maxConcurrentBatches: options.maxConcurrentBatches ?? defaultMaxConcurrentBatches,
      // If the transaction fails as a whole (a deadlock, a key that a replica recorded just
      // after our snapshot, a bug met by one movement), no movement of it was applied, and
      // each runs again alone.
      runBatch: async (batch) =>
        this.announced(await this.db.transaction().execute((trx) => this.attempt(trx, batch))),
      runOne: async (movement) =>
        this.announced(await this.runInTransaction((trx) => this.attempt(trx, [movement])))[0]!,
    });
  }

  /**
   * Applies the movement in the next batch and answers its outcome once the batch
   * committed. Movements that arrive while `maxConcurrentBatches` batches are in their
   * transactions wait and go together into the next one: one transaction, a handful of
   * statements, however many movements.
   */
  post(movement: Movement): Promise<Outcome> {
    return this.movements.submit(movement);
  }

  /**
   * Applies all the movements in one transaction of their own, or none of them: when any
   * would be refused or fail, the transaction rolls back (nothing is stored, not even the
   * refusals) and the outcomes say which did.
   */
  async postAtomically(movements: readonly Movement[]): Promise<{ applied: boolean; outcomes: Outcome[] }> {
    try {
      return {
        applied: true,
        outcomes: this.announced(
          await this.runInTransaction((trx) => this.attemptAtomically(trx, movements)),
        ),
      };
    } catch (error) {
      if (error instanceof AtomicBatchRefused) return { applied: false, outcomes: error.outcomes };
      throw error;
    }
  }

  /** Outcomes of a committed transaction: the outbox relay publishes the events it wrote now. */
  private announced(outcomes: Outcome[]): Outcome[] {
    this.options.outbox.publishClaimed(
      outcomes.flatMap((outcome) => (outcome.kind === 'posted' ? outcome.events : [])),
    );
    return outcomes;
  }

  /** Runs a transaction of its own for some movements, again after a deadlock or serialization failure. */
  private async runInTransaction(work: (trx: Executor) => Promise<Outcome[]>): Promise<Outcome[]> {
    let transferKeyConflicts = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(work);
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
    const planned = await this.planBatch(trx, batch);
    await this.write(trx, planned);
    return planned.outcomes;
  }

  /** As `attempt`, but writes only when every movement posts (or had posted under its key); else rolls back. */
  private async attemptAtomically(trx: Executor, batch: readonly Movement[]): Promise<Outcome[]> {
    const planned = await this.planBatch(trx, batch);
    if (planned.outcomes.some((outcome) => outcome.kind !== 'posted' && !isStoredResult(outcome))) {
      throw new AtomicBatchRefused(planned.outcomes);
    }
    await this.write(trx, planned);
    return planned.outcomes;
  }

  /** Writes the postings and refusals, then the holds they open or settle (which name their transfers). */
  private async write(
    trx: Executor,
    { postings, refusals, openedHolds, settledHolds }: PlannedBatch,
  ): Promise<void> {
    await this.transfers.insertPostings(trx, { postings, refusals, outbox: this.options.outbox });
    await this.holds.insertHolds(trx, openedHolds);
    await this.holds.settleHolds(trx, settledHolds);
  }

  /** Claims the keys, locks the accounts, and checks and plans each movement; writes nothing. */
  private async planBatch(trx: Executor, batch: readonly Movement[]): Promise<PlannedBatch> {
    // The accounts of every movement with a plan are locked with the claims, in one round
    // trip: also those of a movement whose key turns out to be in flight or answered, which
    // only holds their locks a little longer.
    const plans = batch.flatMap(({ plan }) => (plan instanceof AppError ? [] : [plan]));
    const { claims, ...lockedPosting } = await this.accounts.lockPostingAccounts(trx, {
      claims: batch.map(({ claim }) => claim),
      walletIds: [...new Set(plans.flatMap((plan) => plan.walletIds))],
      accountIds: [...new Set(plans.flatMap((plan) => plan.systemAccountIds))],
      transactionTypes: [...new Set(plans.map((plan) => ruleTypeOf(plan.intent)))],
    });
    const replayed = await this.replayedPostings(
      trx,
      claims.flatMap(({ record }) => (record && 'posted' in record.response ? [record.response.posted] : [])),
    );
    const outcomes: (Outcome | undefined)[] = [];
    const claimed: { index: number; movement: Movement; plan: MovementPlan }[] = [];
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
            ? { kind: 'stored', response: replayedResponseOf(stored.response, replayed) }
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
      claimed.push({ index, movement, plan });
    });

    const postings: Posting[] = [];
    const openedHolds: HoldRecord[] = [];
    const settledHolds: HoldRecord[] = [];
    if (claimed.length > 0) {
      // Read under the wallets' locks, which every reversal of the same transfer takes too.
      const reversed = await this.transfers.sumReversedAmounts(trx, [
        ...new Set(
          claimed.flatMap(({ plan }) => (isReversal(plan.intent) ? [plan.intent.reversalOf.id] : [])),
        ),
      ]);
      // Likewise: every settlement of a hold locks its payer's wallet.
      const holds = await this.holds.findHolds(trx, [
        ...new Set(
          claimed.flatMap(({ plan }) => (plan.intent.kind === 'hold_settlement' ? [plan.intent.holdId] : [])),
        ),
      ]);
      const names = await this.owners.findOwnerNames(
        trx,
        [...lockedPosting.wallets.values()].map((wallet) => wallet.ownerId),
      );
      const locked: LockedBatch = { ...lockedPosting, walletsByType: new Map(), reversed, holds, names };
      // The parties are checked once, under the locks: who takes part does not depend on
      // the balances, so the movements before one in the batch cannot change the verdict.
      const admitted: Admitted[] = [];
      for (const { index, movement, plan } of claimed) {
        try {
          const parties = checkParties(
            plan.intent,
            this.walletsFor(locked, ruleTypeOf(plan.intent)),
            plan.mayMoveFrom,
          );
          admitted.push({ index, movement, plan, parties });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcomes[index] = isLedgerRefusalCode(error.code)
            ? refuse(movement.claim, error)
            : { kind: 'failed', error };
        }
      }
      const now = this.clock();
      const usage = await this.lockUsageOf(trx, locked, admitted, now);
      for (const admittedMovement of admitted) {
        const { index, movement } = admittedMovement;
        try {
          const { posting, result, hold } = await this.plan(trx, locked, usage, admittedMovement, now);
          postings.push(posting);
          if (hold?.status === 'held') openedHolds.push(hold);
          else if (hold) settledHolds.push(hold);
          outcomes[index] = { kind: 'posted', result, events: posting.events };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // A refusal has changed nothing: the balances and usage are those before it.
          outcomes[index] = isLedgerRefusalCode(error.code)
            ? refuse(movement.claim, error)
            : { kind: 'failed', error };
        }
      }
    }
    return { outcomes: outcomes as Outcome[], postings, refusals, openedHolds, settledHolds };
  }

  /**
   * Locks, in one statement, the daily usage rows of the movements whose wallet has daily
   * limits for their type.
   */
  private async lockUsageOf(
    trx: Executor,
    locked: LockedBatch,
    admitted: readonly Admitted[],
    now: Date,
  ): Promise<Map<string, DailyUsage>> {
    const keys: DailyUsageKey[] = [];
    for (const { plan, parties } of admitted) {
      if (!hasDailyLimits(parties.subject.limits)) continue;
      const time = postingTimeOf(now, this.accountsOf(locked, plan));
      keys.push({
        walletId: parties.subject.id,
        transactionType: ruleTypeOf(plan.intent),
        day: utcDayOf(time),
      });
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
      if (wallet) accounts.push(wallet.main, wallet.savings, wallet.held);
    }
    for (const accountId of plan.systemAccountIds) {
      const account = locked.accounts.get(accountId);
      if (account) accounts.push(account);
    }
    return accounts;
  }

  /**
   * Checks (rules, savings plan, funds) and plans one movement whose parties passed, on the
   * running balances and usage, then moves them on by it. Every check comes before that,
   * so a refusal leaves them as they were.
   */
  private async plan(
    trx: Executor,
    locked: LockedBatch,
    usageByKey: Map<string, DailyUsage>,
    { movement, plan, parties }: Admitted,
    now: Date,
  ): Promise<{ posting: Posting; result: TransferResult; hold: HoldRecord | undefined }> {
    const { claim, trace } = movement;
    let intent = isReversal(plan.intent)
      ? {
          ...plan.intent,
          amount: reversalAmountOf(plan.intent, locked.reversed.get(plan.intent.reversalOf.id)!),
        }
      : plan.intent.kind === 'release'
        ? { ...plan.intent, amount: releaseAmountOf(plan.intent, parties.from!) }
        : plan.intent;
    const time = postingTimeOf(now, this.accountsOf(locked, plan));
    const day = utcDayOf(time);
    const { subject } = parties;
    const ruleType = ruleTypeOf(intent);
    const subjectDay: DailyUsageKey = { walletId: subject.id, transactionType: ruleType, day };
    const usageKey = this.dailyUsage.dailyUsageKeyOf(subjectDay);
    let usage = noUsage;
    if (hasDailyLimits(subject.limits)) {
      // Locked with the batch, unless a later entry moved the posting to another day.
      usage =
        usageByKey.get(usageKey) ?? (await this.dailyUsage.lockDailyUsage(trx, [subjectDay])).get(usageKey)!;
    }
    checkLimits(intent.amount, subject.limits, usage);
    let entries: PlannedEntry[];
    let settlement: Settlement | undefined;
    if (intent.kind === 'hold_settlement') {
      // Found before the movement was planned, and holds are never removed.
      const held = locked.holds.get(intent.holdId)!;
      ({ intent, settlement, entries } = this.planSettlement(locked, intent, held, parties));
    } else {
      entries = planEntries(locked.accounts, legsOf(intent, parties), this.newId);
    }

    // A settlement that gives everything back goes from the payer's wallet to itself.
    const to = settlement?.capturedAmount === 0n ? parties.from : parties.to;
    const record: TransferRecord = {
      id: this.newId(),
      type: intent.type,
      amount: intent.amount,
      currency: parties.reported.currency,
      description: plan.description,
      metadata: plan.metadata,
      from_wallet_id: parties.from?.id ?? null,
      to_wallet_id: to?.id ?? null,
      from_owner_id: parties.from?.ownerId ?? null,
      to_owner_id: to?.ownerId ?? null,
      initiator_id: userIdOf(claim.actor),
      idempotency_scope: claim.scope,
      idempotency_key: claim.key,
      created_at: time,
      reversal_of: isReversal(intent) ? intent.reversalOf.id : null,
      hold_id:
        intent.kind === 'hold' ? intent.hold.id : intent.kind === 'hold_settlement' ? intent.holdId : null,
    };
    const hold = this.holdAfter(intent, settlement, locked, parties, record, claim.actor);
    const views: EntryView[] = entries.map((entry) => {
      const account = locked.accounts.get(entry.accountId)!;
      return { ...entry, walletId: account.walletId, kind: account.kind };
    });
    // The event carries no entries, since no consumer needs another account's balance; the
    // caller's answer (stored for its retries too) is the same transfer with the entries it
    // may read. It is built once, and the time formatted once, for both.
    const publicTransfer = toPublicTransfer(record);
    const transfer: Transfer = {
      ...publicTransfer,
      entries: publicEntriesOf(entriesVisibleTo(claim.actor, record, views)),
    };
    const { reported } = parties;
    const balances = {
      main: reported.main.balance,
      savings: reported.savings.balance,
      held: reported.held.balance,
    };
    for (const entry of entries) {
      if (entry.accountId === reported.main.id) balances.main = entry.balanceAfter;
      else if (entry.accountId === reported.savings.id) balances.savings = entry.balanceAfter;
      else if (entry.accountId === reported.held.id) balances.held = entry.balanceAfter;
    }
    const publicHold = hold && toPublicHold(hold);
    const result: TransferResult = {
      transfer,
      balance: toPublicWalletBalance(reported, balances, time, publicTransfer.created_at),
      ...(publicHold ? { hold: publicHold } : {}),
    };
    const events: CloudEvent[] = [
      builtLedgerEvent({
        type: ledgerEvents.transferPosted,
        schema: transferPostedData,
        subject: record.id,
        data: {
          transfer: { ...publicTransfer, ...partiesOf(record, locked.names) },
          from_owner_id: record.from_owner_id,
          to_owner_id: record.to_owner_id,
        },
        time,
        trace,
      }),
    ];
    if (publicHold) {
      events.push(
        builtLedgerEvent({
          type: holdEventTypes[publicHold.status],
          schema: holdEventData,
          subject: publicHold.id,
          data: { hold: publicHold },
          time,
          trace,
        }),
      );
    }
    // Checked and planned: the movements after it in the batch see its balances and usage.
    for (const entry of entries) {
      const account = locked.accounts.get(entry.accountId)!;
      account.balance = entry.balanceAfter;
      account.lastEntryAt = time;
    }
    if (isReversal(intent)) {
      locked.reversed.set(intent.reversalOf.id, locked.reversed.get(intent.reversalOf.id)! + intent.amount);
    }
    if (intent.kind === 'hold_settlement') locked.holds.set(intent.holdId, hold!);
    if (hasDailyLimits(subject.limits)) {
      usageByKey.set(usageKey, { total: usage.total + intent.amount, count: usage.count + 1 });
    }
    // Stored compactly: a retry's answer is rebuilt from the journal, equal to this one.
    const stored: StoredPosting = {
      transfer_id: record.id,
      wallet_id: result.balance.wallet_id,
      main: result.balance.main,
      savings: result.balance.savings,
      available: result.balance.available,
      held: result.balance.held,
      all_entries: seesAllEntries(claim.actor),
      ...(hold ? { hold_id: hold.id } : {}),
    };
    return {
      posting: {
        transfer: record,
        entries,
        usage: { walletId: subject.id, type: ruleType, day },
        events,
        idempotency: this.recordOf(claim, { ok: true, posted: stored }, time),
      },
      result,
      hold,
    };
  }

  /**
   * How a settlement ends its hold (see `settlementOf`) and its entries. An expiry that
   * would pay the payee falls back to giving the money back when the payee's side refuses
   * the credit (a flat savings plan above the amount, a balance at its limit): a hold
   * always ends at its expiry, and the sweeper never meets it again.
   */
  private planSettlement(
    locked: LockedBatch,
    intent: Extract<MovementIntent, { kind: 'hold_settlement' }>,
    hold: HoldRecord,
    parties: MovementParties,
  ): { intent: MovementIntent; settlement: Settlement; entries: PlannedEntry[] } {
    const planned = (settlement: Settlement) => {
      const resolved = { ...intent, type: settlement.type, capturedAmount: settlement.capturedAmount };
      return {
        intent: resolved,
        settlement,
        entries: planEntries(locked.accounts, legsOf(resolved, parties), this.newId),
      };
    };
    const settlement = settlementOf(hold, intent.action, intent.requestedAmount, {
      payer: parties.from!,
      payee: parties.to!,
    });
    if (intent.action !== 'expire' || settlement.capturedAmount === 0n) return planned(settlement);
    try {
      return planned(settlement);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return planned(expiredBack);
    }
  }

  /** The hold a posting opens, or the one it settles as it is after it; undefined for other movements. */
  private holdAfter(
    intent: MovementIntent,
    settlement: Settlement | undefined,
    locked: LockedBatch,
    parties: MovementParties,
    record: TransferRecord,
    actor: Actor,
  ): HoldRecord | undefined {
    if (intent.kind === 'hold') {
      const payer = parties.from!;
      const payee = parties.to!;
      return {
        id: intent.hold.id,
        status: 'held',
        amount: intent.amount,
        captured_amount: 0n,
        currency: record.currency,
        description: record.description,
        metadata: record.metadata,
        from_wallet_id: payer.id,
        to_wallet_id: payee.id,
        payer_id: payer.ownerId,
        payee_id: payee.ownerId,
        expires_at: intent.hold.expiresAt,
        on_expiry: intent.hold.onExpiry,
        created_at: record.created_at,
        settled_at: null,
        settled_by: null,
        transfer_id: record.id,
        settlement_transfer_id: null,
      };
    }
    if (intent.kind !== 'hold_settlement') return undefined;
    return {
      ...locked.holds.get(intent.holdId)!,
      status: settlement!.status,
      captured_amount: settlement!.capturedAmount,
      settled_at: record.created_at,
      // Nobody settles an expiry: the ledger does, by itself.
      settled_by: settlement!.status === 'expired' ? null : userIdOf(actor),
      settlement_transfer_id: record.id,
    };
  }

  /**
   * The answers of earlier postings whose keys came again, rebuilt from their transfers and
   * entries as `plan` answered them, by transfer id (no statement when there are none).
   */
  private async replayedPostings(
    trx: Executor,
    stored: readonly StoredPosting[],
  ): Promise<Map<string, TransferResult>> {
    const answers = new Map<string, TransferResult>();
    if (stored.length === 0) return answers;
    const journal = await this.transfers.findTransfersWithEntries(
      trx,
      stored.map((posting) => posting.transfer_id),
    );
    const holds = await this.holds.findHolds(trx, [
      ...new Set(stored.flatMap((posting) => (posting.hold_id === undefined ? [] : [posting.hold_id]))),
    ]);
    for (const posting of stored) {
      const found = journal.get(posting.transfer_id);
      // Journal entries are never removed: a stored posting without its transfer is a broken invariant.
      if (!found)
        throw new Error(`the stored answer names transfer ${posting.transfer_id}, which is missing`);
      const answer = answerOf(posting, found.transfer, found.entries);
      if (posting.hold_id !== undefined) {
        // Holds are written with their transfers and never removed.
        answer.hold = toPublicHold(holdAfterTransfer(holds.get(posting.hold_id)!, posting.transfer_id));
      }
      answers.set(posting.transfer_id, answer);
    }
    return answers;
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

/** A stored answer as the retry gets it, with a stored posting rebuilt (by `replayedPostings`). */
function replayedResponseOf(
  response: StoredResponse,
  replayed: ReadonlyMap<string, TransferResult>,
): ReplayedResponse {
  if (!('posted' in response)) return response;
  return { ok: true, result: replayed.get(response.posted.transfer_id)! };
}

/**
 * A posting's answer from its transfer, its entries and what was stored of it: the entries
 * its caller saw, and the balance shown then (as of the transfer's time).
 */
function answerOf(
  stored: StoredPosting,
  record: TransferRecord,
  entries: readonly EntryView[],
): TransferResult {
  const visible =
    stored.all_entries || record.initiator_id === null
      ? entries
      : entriesOwnedBy(record.initiator_id, record, entries);
  return {
    transfer: toPublicTransfer(record, visible),
    balance: {
      wallet_id: stored.wallet_id,
      currency: record.currency,
      main: stored.main,
      savings: stored.savings,
      available: stored.available,
      // Answers stored before holds existed: nothing was held then.
      held: stored.held ?? 0,
      as_of: record.created_at.toISOString(),
    },
  };
}

/** The stored result (not refusal) of an earlier identical request. */
function isStoredResult(outcome: Outcome): boolean {
  return outcome.kind === 'stored' && outcome.response.ok;
}
