import type { Actor, Hold, ledgerRequests } from '@moneypal/contracts';
import { AppError, decodeIdCursor, encodeCursor } from '@moneypal/kit';
import type { z } from 'zod';
import type { LedgerDatabase } from '../database.js';
import { isAdmin, isService, mayDebit, mayRead, userIdOf } from '../domain/actor.js';
import { assertMaySettle, type HoldRecord, mayReadHold, toPublicHold } from '../domain/hold.js';
import type { SettlementAction } from '../domain/movement.js';
import { partyOf } from '../domain/transfer.js';
import type { PublicWalletBalance } from '../domain/wallet.js';
import { ledgerError } from '../errors.js';
import type * as holdRepository from '../repositories/hold.repository.js';
import type * as ownerRepository from '../repositories/owner.repository.js';
import type * as walletRepository from '../repositories/wallet.repository.js';
import type { TraceContext } from './events.js';
import {
  assertOneRecipient,
  type MovementService,
  type Replayable,
  recipientFieldOf,
} from './movement.service.js';
import type { MovementPlan, TransferResult } from './posting.service.js';

export type CreateHoldRequest = z.infer<typeof ledgerRequests.createHold.request>;
export type CaptureHoldRequest = z.infer<typeof ledgerRequests.captureHold.request>;
export type VoidHoldRequest = z.infer<typeof ledgerRequests.voidHold.request>;
export type ListHoldsRequest = z.infer<typeof ledgerRequests.listHolds.request>;

export interface HoldResult {
  hold: Hold;
  balance: PublicWalletBalance;
}

export interface HoldServiceOptions {
  db: LedgerDatabase;
  clock: () => Date;
  newId: () => string;
  /** Claims keys, resolves recipients and posts, as for every other movement. */
  movements: MovementService;
  /** How long an expiry sweep keeps the holds it took before another sweep may take them again. */
  expiryLeaseMs?: number;
  /** Most holds one expiry sweep takes. */
  expiryBatchSize?: number;
  repositories: {
    holds: typeof holdRepository;
    wallets: typeof walletRepository;
    owners: Pick<typeof ownerRepository, 'findOwnerNames'>;
  };
}

/** The ledger itself, when it settles a hold at its expiry. */
const expiryActor: Actor = { service: 'ledger' };
const defaultExpiryLeaseMs = 60_000;
const defaultExpiryBatchSize = 200;

/**
 * Escrow holds: the payer's money moves from main to the wallet's held account at once,
 * then one settlement moves it out again, to the payee (capture, in full or in part, the
 * rest back) or back to the payer (void, or expiry). Every step is a posting like any
 * other (idempotency key, account locks, group commit, outbox); the hold's state is read
 * and written under the payer's wallet lock, so exactly one settlement wins.
 */
export class HoldService {
  private readonly db: LedgerDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly movements: MovementService;
  private readonly holds: typeof holdRepository;
  private readonly wallets: typeof walletRepository;
  private readonly owners: Pick<typeof ownerRepository, 'findOwnerNames'>;
  private readonly expiryLeaseMs: number;
  private readonly expiryBatchSize: number;

  constructor(options: HoldServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.movements = options.movements;
    this.holds = options.repositories.holds;
    this.wallets = options.repositories.wallets;
    this.owners = options.repositories.owners;
    this.expiryLeaseMs = options.expiryLeaseMs ?? defaultExpiryLeaseMs;
    this.expiryBatchSize = options.expiryBatchSize ?? defaultExpiryBatchSize;
  }

  /**
   * Holds money of the payer's wallet for a payee. The rules and daily limits of the
   * payer's wallet type for the request's `type` apply (`transfer`, or `payment` when a
   * service holds for a bill), as for the transfer it stands for; the payer's available
   * balance drops at once.
   */
  async createHold(request: CreateHoldRequest, trace?: TraceContext): Promise<Replayable<HoldResult>> {
    assertOneRecipient(request);
    const claim = this.movements.claimOf(request.actor, request.idempotency_key, 'hold', { ...request });
    return this.movements.whileInFlight(claim, async () => {
      const expiresAt = request.expires_at === undefined ? null : new Date(request.expires_at);
      // A refusal stored with the key, after any earlier answer under it: a retry of a
      // hold that was opened replays it, even once its expiry has passed.
      if (expiresAt !== null && expiresAt <= this.clock()) {
        return holdResultOf(
          await this.movements.execute(
            claim,
            ledgerError(
              'validation_failed',
              'The expiry must be in the future: send an `expires_at` after now.',
              {
                errors: [{ path: 'expires_at', message: 'must be in the future' }],
              },
            ),
            trace,
          ),
        );
      }
      const recipient = request.to_wallet_id ?? (await this.movements.resolveRecipient(request));
      const plan: MovementPlan | AppError =
        recipient instanceof AppError
          ? recipient
          : {
              intent: {
                kind: 'hold',
                type: 'hold',
                ruleType: request.type,
                amount: BigInt(request.amount),
                fromWalletId: request.from_wallet_id,
                toWalletId: recipient,
                recipientField: recipientFieldOf(request),
                hold: { id: this.newId(), expiresAt, onExpiry: request.on_expiry },
              },
              walletIds: [request.from_wallet_id, recipient],
              systemAccountIds: [],
              mayMoveFrom: (ownerId) => mayDebit(request.actor, ownerId),
              description: request.description ?? null,
              metadata: request.metadata ?? {},
            };
      return holdResultOf(await this.movements.execute(claim, plan, trace));
    });
  }

  /** The payer (or an admin, or a service for the payer) releases the hold to the payee: all of it, or `amount` and the rest back. */
  async captureHold(request: CaptureHoldRequest, trace?: TraceContext): Promise<Replayable<HoldResult>> {
    const claim = this.movements.claimOf(request.actor, request.idempotency_key, 'hold_capture', {
      ...request,
    });
    return this.movements.whileInFlight(claim, async () => {
      const hold = await this.holds.findHold(this.db, request.hold_id);
      if (!hold || !mayReadHold(request.actor, hold)) {
        return holdResultOf(await this.movements.execute(claim, noSuchHold(), trace));
      }
      assertMaySettle(request.actor, hold, 'capture');
      const requested = request.amount === undefined ? null : BigInt(request.amount);
      const plan = this.settlementPlanOf(hold, 'capture', requested, hold.from_wallet_id, null);
      return holdResultOf(await this.movements.execute(claim, plan, trace));
    });
  }

  /**
   * The payee (declining the job), an admin or a service gives the hold back to the payer.
   * The answer shows the caller's side: the payee's wallet when the payee voids.
   */
  async voidHold(request: VoidHoldRequest, trace?: TraceContext): Promise<Replayable<HoldResult>> {
    const claim = this.movements.claimOf(request.actor, request.idempotency_key, 'hold_void', { ...request });
    return this.movements.whileInFlight(claim, async () => {
      const hold = await this.holds.findHold(this.db, request.hold_id);
      if (!hold || !mayReadHold(request.actor, hold)) {
        return holdResultOf(await this.movements.execute(claim, noSuchHold(), trace));
      }
      assertMaySettle(request.actor, hold, 'void');
      const self = userIdOf(request.actor);
      const reported =
        self === hold.payee_id && !isAdmin(request.actor) ? hold.to_wallet_id : hold.from_wallet_id;
      const plan = this.settlementPlanOf(hold, 'void', null, reported, request.reason ?? null);
      return holdResultOf(await this.movements.execute(claim, plan, trace));
    });
  }

  /**
   * Settles the holds whose expiry has come, each by its `on_expiry`: takes a batch no other
   * sweep holds (see `claimDueHolds`) and posts each settlement under the key
   * `expire:<hold id>`, so that a sweep run twice, on two replicas or after a restart,
   * settles a hold once. A capture, void or other sweep that came first leaves it as it is.
   * Answers how many holds this sweep settled.
   */
  async expireDueHolds(trace?: TraceContext): Promise<number> {
    const now = this.clock();
    const due = await this.holds.claimDueHolds(this.db, {
      now,
      leaseUntil: new Date(now.getTime() + this.expiryLeaseMs),
      limit: this.expiryBatchSize,
    });
    const outcomes = await Promise.allSettled(due.map((hold) => this.expire(hold, trace)));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') throw outcome.reason;
    }
    return outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value).length;
  }

  async getHold(actor: Actor, holdId: string): Promise<Hold> {
    const hold = await this.holds.findHold(this.db, holdId);
    if (!hold || !mayReadHold(actor, hold)) throw noSuchHold();
    return (await this.named([hold]))[0]!;
  }

  /**
   * Newest first: the holds the user pays (`out`) or is paid by (`in`), or every hold for an
   * admin or a service; with `wallet_id`, those from or to that wallet (the user's own).
   */
  async listHolds(request: ListHoldsRequest): Promise<{ data: Hold[]; next_cursor: string | null }> {
    const { actor } = request;
    if (request.wallet_id !== undefined) {
      const wallet = await this.wallets.findWallet(this.db, request.wallet_id);
      if (!wallet || !mayRead(actor, wallet.wallet.owner_id))
        throw ledgerError(
          'wallet_not_found',
          'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
        );
    }
    const readsAll = isAdmin(actor) || isService(actor);
    const rows = await this.holds.listHolds(
      this.db,
      {
        userId: readsAll ? undefined : userIdOf(actor)!,
        walletId: request.wallet_id,
        status: request.status,
        direction: request.direction,
      },
      // One row more than asked tells whether another page follows.
      {
        beforeId: request.cursor === undefined ? undefined : decodeIdCursor(request.cursor),
        limit: request.limit + 1,
      },
    );
    const page = rows.slice(0, request.limit);
    const last = page.at(-1);
    return {
      data: await this.named(page),
      next_cursor: rows.length > request.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /** Holds as readers see them, their parties named. */
  private async named(holds: readonly HoldRecord[]): Promise<Hold[]> {
    const names = await this.owners.findOwnerNames(
      this.db,
      holds.flatMap((hold) => [hold.payer_id, hold.payee_id]),
    );
    return holds.map((hold) => {
      const payer = partyOf(hold.payer_id, names);
      const payee = partyOf(hold.payee_id, names);
      return {
        ...toPublicHold(hold),
        payer_name: payer.name,
        payer_handle: payer.handle,
        payee_name: payee.name,
        payee_handle: payee.handle,
      };
    });
  }

  /** Settles one due hold by its `on_expiry`; false when something else settled it first or the key is in flight. */
  private async expire(hold: HoldRecord, trace?: TraceContext): Promise<boolean> {
    const claim = this.movements.claimOf(expiryActor, `expire:${hold.id}`, 'hold_expiry', {
      hold_id: hold.id,
    });
    try {
      const { replayed } = await this.movements.whileInFlight(claim, () =>
        this.movements.execute(
          claim,
          this.settlementPlanOf(hold, 'expire', null, hold.from_wallet_id, null),
          trace,
        ),
      );
      return !replayed;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  }

  /** A settlement of the hold: both wallets are locked, the payer's first by id order like any. */
  private settlementPlanOf(
    hold: HoldRecord,
    action: SettlementAction,
    requestedAmount: bigint | null,
    reportedWalletId: string,
    description: string | null,
  ): MovementPlan {
    return {
      intent: {
        kind: 'hold_settlement',
        type: action === 'void' ? 'hold_void' : 'hold_capture',
        action,
        holdId: hold.id,
        amount: hold.amount,
        capturedAmount: 0n,
        requestedAmount,
        fromWalletId: hold.from_wallet_id,
        toWalletId: hold.to_wallet_id,
        reportedWalletId,
      },
      walletIds: [hold.from_wallet_id, hold.to_wallet_id],
      systemAccountIds: [],
      // Who may settle was checked against the hold; the posting moves only the hold's money.
      mayMoveFrom: () => true,
      description,
      // The hold's own pairs, so that a history filtered by them finds its settlement too.
      metadata: hold.metadata,
    };
  }
}

function noSuchHold(): AppError {
  return ledgerError('not_found', 'No hold you take part in has this id.');
}

/** A posting's answer as a hold request answers it: the hold and the caller's balance. */
function holdResultOf({ result, replayed }: Replayable<TransferResult>): Replayable<HoldResult> {
  // Every posting of a hold or a settlement answers its hold (see `PostingService.plan`).
  return { result: { hold: result.hold!, balance: result.balance }, replayed };
}
