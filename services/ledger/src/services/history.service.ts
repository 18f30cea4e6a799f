import {
  type Actor,
  maxStatementDays,
  maxStatementMovements,
  type Statement,
  type Transfer,
  uuid,
} from '@moneypal/contracts';
import { decodeIdCursor, encodeCursor, toSafeNumber } from '@moneypal/kit';
import type { LedgerDatabase } from '../database.js';
import { mayRead, userIdOf } from '../domain/actor.js';
import { statementFiguresOf } from '../domain/statement.js';
import { entriesVisibleTo, partiesOf, partyOf, toPublicTransfer } from '../domain/transfer.js';
import { ledgerError } from '../errors.js';
import type * as ownerRepository from '../repositories/owner.repository.js';
import type * as statementRepository from '../repositories/statement.repository.js';
import type * as transferRepository from '../repositories/transfer.repository.js';
import type * as walletRepository from '../repositories/wallet.repository.js';

export interface HistoryQuery {
  wallet_id?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  direction?: 'in' | 'out' | undefined;
  counterparty?: string | undefined;
  q?: string | undefined;
  metadata?: Record<string, string> | undefined;
  min_amount?: number | undefined;
  max_amount?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface HistoryServiceOptions {
  db: LedgerDatabase;
  repositories: {
    transfers: typeof transferRepository;
    wallets: typeof walletRepository;
    owners: Pick<typeof ownerRepository, 'findOwnerNames'>;
    statements: typeof statementRepository;
  };
}

/** Transaction history and single transfers, as the actor may see them, with the parties named. */
export class HistoryService {
  private readonly db: LedgerDatabase;
  private readonly transfers: typeof transferRepository;
  private readonly wallets: typeof walletRepository;
  private readonly owners: Pick<typeof ownerRepository, 'findOwnerNames'>;
  private readonly statements: typeof statementRepository;

  constructor(options: HistoryServiceOptions) {
    this.db = options.db;
    this.owners = options.repositories.owners;
    this.transfers = options.repositories.transfers;
    this.wallets = options.repositories.wallets;
    this.statements = options.repositories.statements;
  }

  /**
   * Newest first. With `wallet_id`, the transfers of that wallet (the actor's own, or any
   * for an admin or a service); without, those of the user's wallets (or all for an admin).
   */
  async listTransactions(
    actor: Actor,
    query: HistoryQuery,
  ): Promise<{ data: Transfer[]; next_cursor: string | null }> {
    if (query.wallet_id !== undefined) {
      const wallet = await this.wallets.findWallet(this.db, query.wallet_id);
      if (!wallet || !mayRead(actor, wallet.wallet.owner_id))
        throw ledgerError(
          'wallet_not_found',
          'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
        );
    }
    const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const self = userIdOf(actor);
    const readsAll = mayRead(actor, null);
    const rows = await this.transfers.listTransfers(
      this.db,
      {
        walletId: query.wallet_id,
        ownerId: query.wallet_id === undefined && !readsAll ? self! : undefined,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
        type: query.type,
        direction: query.direction,
        minAmount: query.min_amount === undefined ? undefined : BigInt(query.min_amount),
        maxAmount: query.max_amount === undefined ? undefined : BigInt(query.max_amount),
        ...counterpartyFilterOf(query.counterparty),
        note: query.q,
        metadata: query.metadata,
      },
      // One row more than asked tells whether another page follows.
      { beforeId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const names = await this.owners.findOwnerNames(
      this.db,
      page.flatMap((transfer) => [transfer.from_owner_id, transfer.to_owner_id]),
    );
    return {
      data: page.map((transfer) => ({ ...toPublicTransfer(transfer), ...partiesOf(transfer, names) })),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /**
   * The statement of a wallet's main balance from `from` (inclusive) to `to` (exclusive), for
   * its owner, an admin or a service: the balance before the period, every movement of it
   * with the balance after, and the balance at its end. Counterparties are named; the
   * entries of other wallets are not carried (another party's balance is never shown).
   */
  async getStatement(
    actor: Actor,
    walletId: string,
    period: { from: string; to: string },
  ): Promise<Statement> {
    const from = new Date(period.from);
    const to = new Date(period.to);
    if (to <= from || to.getTime() - from.getTime() > maxStatementDays * 86_400_000) {
      throw ledgerError(
        'validation_failed',
        `the period must end after it starts and last at most ${maxStatementDays} days`,
        {
          errors: [
            { path: 'to', message: `must be after from and at most ${maxStatementDays} days after it` },
          ],
        },
      );
    }
    const found = await this.wallets.findWallet(this.db, walletId);
    if (!found || !mayRead(actor, found.wallet.owner_id))
      throw ledgerError('wallet_not_found', 'no such wallet');
    const opening = await this.statements.findMainBalanceBefore(this.db, walletId, from);
    if (opening === undefined) throw new Error(`wallet ${walletId} has no main account`);
    // One row more than carried tells that the period holds too many.
    const lines = await this.statements.listAccountMovements(
      this.db,
      opening.accountId,
      { from, to },
      maxStatementMovements + 1,
    );
    if (lines.length > maxStatementMovements) {
      throw ledgerError(
        'validation_failed',
        `the period holds more than ${maxStatementMovements} movements; ask for a shorter one`,
        {
          errors: [{ path: 'to', message: `the period holds more than ${maxStatementMovements} movements` }],
        },
      );
    }
    const names = await this.owners.findOwnerNames(this.db, [
      found.wallet.owner_id,
      ...lines.flatMap(({ transfer }) => [transfer.from_owner_id, transfer.to_owner_id]),
    ]);
    const owner = partyOf(found.wallet.owner_id, names);
    return {
      wallet: {
        id: found.wallet.id,
        type: found.wallet.type,
        currency: found.wallet.currency,
        owner_id: found.wallet.owner_id,
        owner_name: owner.name,
        owner_handle: owner.handle,
      },
      from: from.toISOString(),
      to: to.toISOString(),
      ...statementFiguresOf(opening.balance, lines),
      movements: lines.map((line) => ({
        transfer: { ...toPublicTransfer(line.transfer), ...partiesOf(line.transfer, names) },
        amount: toSafeNumber(line.amount),
        balance_after: toSafeNumber(line.balanceAfter),
      })),
    };
  }

  /** One transfer with its entries, for a party to it, an admin or a service. */
  async getTransaction(actor: Actor, transferId: string): Promise<Transfer> {
    const transfer = await this.transfers.findTransfer(this.db, transferId);
    const self = userIdOf(actor);
    const visible =
      transfer !== undefined &&
      (mayRead(actor, null) ||
        (self !== null && (transfer.from_owner_id === self || transfer.to_owner_id === self)));
    if (!visible) throw ledgerError('not_found', 'No transaction you may see has this id.');
    const entries = await this.transfers.findEntriesOfTransfer(this.db, transferId);
    const names = await this.owners.findOwnerNames(this.db, [transfer.from_owner_id, transfer.to_owner_id]);
    return {
      ...toPublicTransfer(transfer, entriesVisibleTo(actor, transfer, entries)),
      ...partiesOf(transfer, names),
    };
  }
}

/** A counterparty filter is an id (wallet or user) when it reads as one, else words of a name. */
function counterpartyFilterOf(counterparty: string | undefined): {
  counterparty?: string;
  counterpartyName?: string;
} {
  if (counterparty === undefined) return {};
  if (uuid.safeParse(counterparty).success) return { counterparty };
  // `@ada` is the user name `ada`; the words alone still match it.
  const words = counterparty.replace(/^@/, '').trim();
  return words.length === 0 ? {} : { counterpartyName: words };
}
