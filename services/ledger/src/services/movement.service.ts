import {
  type Actor,
  type ledgerRequests,
  type transferBatchResultSchema,
  userLookupOf,
} from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import type { z } from 'zod';
import type { LedgerDatabase } from '../database.js';
import { isAdmin, isService, mayDebit, scopeOf, userIdOf } from '../domain/actor.js';
import { type IdempotentOperation, requestHashOf } from '../domain/idempotency.js';
import type { RecipientField } from '../domain/movement.js';
import type { SystemAccountCode } from '../domain/wallet.js';
import { ledgerError } from '../errors.js';
import type * as accountRepository from '../repositories/account.repository.js';
import type * as idempotencyRepository from '../repositories/idempotency.repository.js';
import type * as transferRepository from '../repositories/transfer.repository.js';
import type * as walletRepository from '../repositories/wallet.repository.js';
import type { TraceContext } from './events.js';
import type {
  Claim,
  Movement,
  MovementPlan,
  Outcome,
  PostingService,
  TransferResult,
} from './posting.service.js';

export type { TransferResult } from './posting.service.js';

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
  /** Posts the planned movements: claim, lock, check, write, in groups. */
  posting: PostingService;
  metrics?: MovementMetrics;
  repositories: {
    wallets: typeof walletRepository;
    accounts: typeof accountRepository;
    idempotency: typeof idempotencyRepository;
    transfers: typeof transferRepository;
  };
}

export interface Replayable<Result> {
  result: Result;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** The bus requests as the ledger serves them (validated, defaults applied). */
export type TransferRequest = z.infer<typeof ledgerRequests.transfer.request>;
export type DepositRequest = z.infer<typeof ledgerRequests.deposit.request>;
export type WithdrawRequest = z.infer<typeof ledgerRequests.withdraw.request>;
export type WithdrawSavingsRequest = z.infer<typeof ledgerRequests.withdrawSavings.request>;
export type ReverseTransferRequest = z.infer<typeof ledgerRequests.reverseTransfer.request>;
export type SettleWithdrawalRequest = z.infer<typeof ledgerRequests.settleWithdrawal.request>;
export type ReverseWithdrawalRequest = z.infer<typeof ledgerRequests.reverseWithdrawal.request>;
export type ReleaseWalletRequest = z.infer<typeof ledgerRequests.releaseWallet.request>;
export type TransferBatchRequest = z.infer<typeof ledgerRequests.transferBatch.request>;
export type TransferBatchResult = z.input<typeof transferBatchResultSchema>;
type TransferBatchItemResult = TransferBatchResult['results'][number];

/**
 * Every movement of money: transfers and payments between wallets, deposits from a system
 * account, withdrawals to one, savings back to main. Each use case checks who may ask,
 * resolves what the request names and plans the movement; the posting service applies it
 * in one database transaction keyed by the caller's Idempotency-Key (ARCHITECTURE §5).
 * The escrow holds (`HoldService`) claim, resolve and post through the same steps.
 */
export class MovementService {
  private readonly db: LedgerDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly posting: PostingService;
  private readonly wallets: typeof walletRepository;
  private readonly accounts: typeof accountRepository;
  private readonly idempotency: typeof idempotencyRepository;
  private readonly systemAccounts = new Map<string, string>();
  /** Idempotency keys (scope and key) this process is working on right now. */
  private readonly keysInFlight = new Set<string>();

  constructor(private readonly options: MovementServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.posting = options.posting;
    this.wallets = options.repositories.wallets;
    this.accounts = options.repositories.accounts;
    this.idempotency = options.repositories.idempotency;
  }

  async transfer(request: TransferRequest, trace?: TraceContext): Promise<Replayable<TransferResult>> {
    assertOneRecipient(request);
    const claim = this.claimOf(request.actor, request.idempotency_key, 'transfer', { ...request });
    return this.whileInFlight(claim, async () =>
      this.execute(claim, await this.transferPlanOf(request), trace),
    );
  }

  /**
   * Many transfers of one actor, each with its own key and outcome, in the batch's order.
   * Each item is the single transfer it stands for (same checks, same key space and
   * stored answer). Without `atomic`, the items join the group commit together and each
   * is posted or refused on its own; with it, they go into one transaction that commits
   * only when every item posts, and otherwise answers each failure beside `batch_failed`
   * for the others.
   */
  async transferBatch(request: TransferBatchRequest, trace?: TraceContext): Promise<TransferBatchResult> {
    const { actor, atomic } = request;
    const items: TransferRequest[] = request.transfers.map((item) => ({ actor, ...item }));
    const claims = items.map((item) => this.claimOf(actor, item.idempotency_key, 'transfer', { ...item }));
    const marked = claims.map((claim) => this.markInFlight(claim));
    try {
      const results: (TransferBatchItemResult | undefined)[] = [];
      const movements: (Movement | undefined)[] = [];
      const recipients = new Map<string, Promise<string | AppError>>();
      await Promise.all(
        items.map(async (item, index) => {
          if (!marked[index]) {
            results[index] = failedItem(inFlightError());
            return;
          }
          try {
            assertOneRecipient(item);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            results[index] = failedItem(error);
            return;
          }
          const plan = await this.transferPlanOf(item, recipients);
          movements[index] = { claim: claims[index]!, plan, trace };
        }),
      );
      const toPost = movements.flatMap((movement, index) => (movement ? [{ index, movement }] : []));
      if (atomic) {
        if (results.some((result) => result !== undefined)) {
          return { results: items.map((_, index) => results[index] ?? failedItem(batchFailedError())) };
        }
        const { applied, outcomes } = await this.posting.postAtomically(
          toPost.map(({ movement }) => movement),
        );
        return {
          results: outcomes.map((outcome, index) =>
            applied || isFailure(outcome)
              ? this.itemResultOf(claims[index]!, outcome)
              : failedItem(batchFailedError()),
          ),
        };
      }
      const settled = await Promise.allSettled(
        toPost.map(async ({ index, movement }) => {
          results[index] = this.itemResultOf(movement.claim, await this.posting.post(movement));
        }),
      );
      for (const outcome of settled) {
        if (outcome.status === 'rejected') {
          if (!(outcome.reason instanceof AppError)) throw outcome.reason;
        }
      }
      settled.forEach((outcome, position) => {
        if (outcome.status === 'rejected') results[toPost[position]!.index] = failedItem(outcome.reason);
      });
      return { results: results as TransferBatchItemResult[] };
    } finally {
      claims.forEach((claim, index) => {
        if (marked[index]) this.keysInFlight.delete(markerOf(claim));
      });
    }
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
      if (!wallet)
        return this.execute(
          claim,
          ledgerError(
            'wallet_not_found',
            'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
          ),
          trace,
        );
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
      if (!wallet)
        return this.execute(
          claim,
          ledgerError(
            'wallet_not_found',
            'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
          ),
          trace,
        );
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

  /**
   * An admin moves a user-to-user transfer back, in full or in part, from its payee's main
   * balance to its payer's: a new transfer of type `reversal` linked to the original, whose
   * entries stay as they are. What is left to reverse is checked under the wallets' locks,
   * so reversals together never pass the original's amount.
   */
  async reverseTransfer(
    request: ReverseTransferRequest,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    if (!isAdmin(request.actor)) throw ledgerError('forbidden', 'only an admin reverses a transfer');
    const claim = this.claimOf(request.actor, request.idempotency_key, 'reversal', { ...request });
    return this.whileInFlight(claim, async () => {
      const original = await this.options.repositories.transfers.findTransfer(this.db, request.transfer_id);
      if (!original)
        return this.execute(
          claim,
          ledgerError('not_found', 'No transaction you may see has this id.'),
          trace,
        );
      if (
        (original.type !== 'transfer' && original.type !== 'payment') ||
        original.from_wallet_id === null ||
        original.to_wallet_id === null
      ) {
        throw ledgerError(
          'conflict',
          `only a transfer between two users' wallets can be reversed; this one is a ${original.type}`,
          { transfer_id: original.id, type: original.type },
        );
      }
      return this.execute(
        claim,
        {
          intent: {
            kind: 'reversal',
            type: 'reversal',
            amount: 0n,
            requestedAmount: request.amount === undefined ? null : BigInt(request.amount),
            reversalOf: { id: original.id, amount: original.amount },
            fromWalletId: original.to_wallet_id,
            toWalletId: original.from_wallet_id,
          },
          walletIds: [original.to_wallet_id, original.from_wallet_id],
          systemAccountIds: [],
          mayMoveFrom: () => true,
          description: request.reason,
          metadata: {},
        },
        trace,
      );
    });
  }

  /**
   * A payout was paid (a service only): its withdrawal's amount moves on from
   * `payouts-clearing` to `paypal-clearing`, the money having left through PayPal.
   */
  async settleWithdrawal(
    request: SettleWithdrawalRequest,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    if (!isService(request.actor)) throw ledgerError('forbidden', 'only a service settles a withdrawal');
    const claim = this.claimOf(request.actor, request.idempotency_key, 'withdrawal_settle', { ...request });
    return this.whileInFlight(claim, async () => {
      const withdrawal = await this.payoutWithdrawalOf(request.transfer_id);
      const from = await this.systemAccountOf('payouts-clearing', withdrawal.currency);
      const to = await this.systemAccountOf('paypal-clearing', withdrawal.currency);
      return this.execute(
        claim,
        {
          intent: {
            kind: 'clearing',
            type: 'clearing',
            amount: withdrawal.amount,
            fromAccountId: from,
            toAccountId: to,
            walletId: withdrawal.from_wallet_id!,
          },
          walletIds: [withdrawal.from_wallet_id!],
          systemAccountIds: [from, to],
          mayMoveFrom: () => true,
          description: 'payout paid through PayPal',
          metadata: { withdrawal_id: withdrawal.id },
        },
        trace,
      );
    });
  }

  /**
   * A payout failed or came back (a service only): its withdrawal's amount returns from
   * `payouts-clearing` to the wallet's main balance, as a reversal of the withdrawal. What
   * is left to reverse is read under the locks, so the money comes back at most once
   * whatever keys are used; it lands in a frozen or closed wallet too.
   */
  async reverseWithdrawal(
    request: ReverseWithdrawalRequest,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    if (!isService(request.actor)) throw ledgerError('forbidden', 'only a service reverses a withdrawal');
    const claim = this.claimOf(request.actor, request.idempotency_key, 'withdrawal_reversal', { ...request });
    return this.whileInFlight(claim, async () => {
      const withdrawal = await this.payoutWithdrawalOf(request.transfer_id);
      const systemAccountId = await this.systemAccountOf('payouts-clearing', withdrawal.currency);
      return this.execute(
        claim,
        {
          intent: {
            kind: 'withdrawal_reversal',
            type: 'reversal',
            amount: 0n,
            requestedAmount: null,
            reversalOf: { id: withdrawal.id, amount: withdrawal.amount },
            systemAccountId,
            toWalletId: withdrawal.from_wallet_id!,
          },
          walletIds: [withdrawal.from_wallet_id!],
          systemAccountIds: [systemAccountId],
          mayMoveFrom: () => true,
          description: request.reason,
          metadata: {},
        },
        trace,
      );
    });
  }

  /**
   * Releases a frozen or closed wallet's whole balance: an admin to `back-office`, or
   * payments to `payouts-clearing` for an admin's payout (`released_by`). The amount is
   * checked against the balance under the wallet's lock.
   */
  async releaseWallet(
    request: ReleaseWalletRequest,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    const admin = isAdmin(request.actor);
    if (admin ? request.destination !== 'back-office' : !isService(request.actor)) {
      throw ledgerError('forbidden', 'an admin releases a wallet to the back office; payments for a payout');
    }
    const releasedBy = admin ? userIdOf(request.actor) : (request.released_by ?? null);
    if (releasedBy === null) {
      throw ledgerError('validation_failed', 'released_by names the admin who releases the wallet', {
        errors: [{ path: 'released_by', message: 'is required from a service' }],
      });
    }
    const claim = this.claimOf(request.actor, request.idempotency_key, 'release', { ...request });
    return this.whileInFlight(claim, async () => {
      const wallet = await this.wallets.findWallet(this.db, request.wallet_id);
      if (!wallet)
        return this.execute(
          claim,
          ledgerError(
            'wallet_not_found',
            'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
          ),
          trace,
        );
      const systemAccountId = await this.systemAccountOf(request.destination, wallet.wallet.currency);
      return this.execute(
        claim,
        {
          intent: {
            kind: 'release',
            type: 'withdrawal',
            amount: 0n,
            requestedAmount: request.amount === undefined ? null : BigInt(request.amount),
            fromWalletId: request.wallet_id,
            systemAccountId,
          },
          walletIds: [request.wallet_id],
          systemAccountIds: [systemAccountId],
          mayMoveFrom: () => true,
          description: request.reason,
          metadata: {
            destination: request.destination,
            reference: `release of wallet ${request.wallet_id}`,
            released_by: releasedBy,
            release_reason: request.reason,
          },
        },
        trace,
      );
    });
  }

  /** A withdrawal to `payouts-clearing`; anything else is `not_found` (a service's mistake, not stored). */
  private async payoutWithdrawalOf(transferId: string) {
    const withdrawal = await this.options.repositories.transfers.findTransfer(this.db, transferId);
    if (
      withdrawal?.type !== 'withdrawal' ||
      withdrawal.from_wallet_id === null ||
      withdrawal.metadata.destination !== 'payouts-clearing'
    ) {
      throw ledgerError('not_found', 'No payout withdrawal has this id.', { transfer_id: transferId });
    }
    return withdrawal;
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

  /** Who asks under which key for what: the key's claim, with the hash that tells a retry from another request. */
  claimOf(
    actor: Actor,
    key: string,
    operation: IdempotentOperation,
    request: Record<string, unknown>,
  ): Claim {
    return { actor, scope: scopeOf(actor), key, operation, requestHash: requestHashOf(operation, request) };
  }

  /**
   * The plan of a transfer, or the refusal to store when the recipient cannot be resolved.
   * The parties themselves (may the actor debit, does the recipient wallet exist) are
   * checked once, under the locks, when the movement is posted.
   */
  private async transferPlanOf(
    request: TransferRequest,
    recipients?: Map<string, Promise<string | AppError>>,
  ): Promise<MovementPlan | AppError> {
    const recipient =
      request.to_wallet_id !== undefined
        ? request.to_wallet_id
        : await this.resolveRecipientOnce(request, recipients);
    if (recipient instanceof AppError) return recipient;
    return {
      intent: {
        kind: 'transfer',
        type: request.type,
        amount: BigInt(request.amount),
        fromWalletId: request.from_wallet_id,
        toWalletId: recipient,
        recipientField: recipientFieldOf(request),
      },
      walletIds: [request.from_wallet_id, recipient],
      systemAccountIds: [],
      mayMoveFrom: (ownerId) => mayDebit(request.actor, ownerId),
      description: request.description ?? null,
      metadata: request.metadata ?? {},
    };
  }

  /** Resolves each paying wallet and recipient once per batch, however many of its transfers name them. */
  private resolveRecipientOnce(
    request: TransferRequest,
    recipients: Map<string, Promise<string | AppError>> | undefined,
  ): Promise<string | AppError> {
    if (recipients === undefined) return this.resolveRecipient(request);
    const key = JSON.stringify([request.from_wallet_id, request.to_user ?? null, request.to_user_id ?? null]);
    let recipient = recipients.get(key);
    if (recipient === undefined) {
      recipient = this.resolveRecipient(request);
      recipients.set(key, recipient);
    }
    return recipient;
  }

  /**
   * The recipient's default wallet in the currency of the paying wallet, or the refusal to
   * store when the user or such a wallet does not exist. Identity is asked before the
   * transaction opens, so no transaction waits on the network. A paying wallet the actor
   * may not debit answers `wallet_not_found` before identity is asked, so that nothing is
   * learnt about the recipient through another user's wallet.
   */
  async resolveRecipient(request: TransferRequest): Promise<string | AppError> {
    const from = await this.wallets.findWallet(this.db, request.from_wallet_id);
    if (!from || !mayDebit(request.actor, from.wallet.owner_id))
      return ledgerError(
        'wallet_not_found',
        'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
      );
    let userId: string | null = null;
    if (request.to_user_id !== undefined) {
      userId = await this.options.users.findUserId({ id: request.to_user_id });
    } else if (request.to_user !== undefined) {
      const lookup = userLookupOf(request.to_user);
      userId = lookup === null ? null : await this.options.users.findUserId(lookup);
    }
    const recipientPath = request.to_user_id !== undefined ? 'to_user_id' : 'to_user';
    if (userId === null) {
      return ledgerError(
        'recipient_not_found',
        'Nobody has this user name or email: check the spelling, or ask the recipient for their user name.',
        {
          errors: [{ path: recipientPath, message: 'Nobody has this user name or email.' }],
        },
      );
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
   * through the advisory lock `lockPostingAccounts` takes for each key.
   */
  async whileInFlight<Result>(claim: Claim, work: () => Promise<Result>): Promise<Result> {
    if (!this.markInFlight(claim)) throw inFlightError();
    try {
      return await work();
    } finally {
      this.keysInFlight.delete(markerOf(claim));
    }
  }

  /** Marks the key in flight in this process; false when it already is. */
  private markInFlight(claim: Claim): boolean {
    const marker = markerOf(claim);
    if (this.keysInFlight.has(marker)) return false;
    this.keysInFlight.add(marker);
    return true;
  }

  /** One transfer's outcome as a batch answers it, counted as a single transfer's would be. */
  private itemResultOf(claim: Claim, outcome: Outcome): TransferBatchItemResult {
    switch (outcome.kind) {
      case 'posted':
        this.options.metrics?.transferPosted(outcome.result.transfer.type);
        return { status: 'posted', transfer: outcome.result.transfer, replayed: false };
      case 'refused':
      case 'failed':
        return failedItem(outcome.error);
      case 'stored': {
        this.options.metrics?.idempotentReplay(claim.operation);
        const { response } = outcome;
        if (!response.ok) return { status: 'failed', error: response.error };
        return { status: 'posted', transfer: (response.result as TransferResult).transfer, replayed: true };
      }
    }
  }

  /** Posts the movement in the next batch and answers its outcome. */
  async execute(
    claim: Claim,
    plan: MovementPlan | AppError,
    trace?: TraceContext,
  ): Promise<Replayable<TransferResult>> {
    const outcome = await this.posting.post({ claim, plan, trace });
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
}

/** A transfer names its recipient one way: a wallet, a user (name or email) or a user id. */
export function assertOneRecipient(
  request: Pick<TransferRequest, 'to_wallet_id' | 'to_user' | 'to_user_id'>,
): void {
  const named = [request.to_wallet_id, request.to_user, request.to_user_id].filter((to) => to !== undefined);
  if (named.length !== 1) {
    throw ledgerError(
      'validation_failed',
      'name the recipient with exactly one of `to_wallet_id`, `to_user` or `to_user_id`',
      {
        errors: [
          {
            path: 'to_wallet_id',
            message: 'name the recipient with exactly one of `to_wallet_id`, `to_user` or `to_user_id`',
          },
        ],
      },
    );
  }
}

/** The field by which a request (already checked by `assertOneRecipient`) named its recipient. */
export function recipientFieldOf(
  request: Pick<TransferRequest, 'to_wallet_id' | 'to_user' | 'to_user_id'>,
): RecipientField {
  if (request.to_user !== undefined) return 'to_user';
  return request.to_user_id !== undefined ? 'to_user_id' : 'to_wallet_id';
}

function markerOf(claim: Claim): string {
  return `${claim.scope}\n${claim.key}`;
}

function inFlightError(): AppError {
  return ledgerError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
}

function batchFailedError(): AppError {
  return ledgerError('batch_failed', 'not posted: another transfer of this all-or-nothing batch failed');
}

function failedItem(error: AppError): TransferBatchItemResult {
  return { status: 'failed', error: error.toJSON() };
}

/** An outcome that is not a posting, fresh or stored. */
function isFailure(outcome: Outcome): boolean {
  return (
    outcome.kind === 'refused' ||
    outcome.kind === 'failed' ||
    (outcome.kind === 'stored' && !outcome.response.ok)
  );
}
