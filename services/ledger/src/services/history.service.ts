import type { Actor, Transfer } from '@moneypal/contracts';
import { decodeIdCursor, encodeCursor } from '@moneypal/kit';
import type { LedgerDatabase } from '../database.js';
import { mayRead, userIdOf } from '../domain/actor.js';
import { entriesVisibleTo, partiesOf, toPublicTransfer } from '../domain/transfer.js';
import { ledgerError } from '../errors.js';
import type * as ownerRepository from '../repositories/owner.repository.js';
import type * as transferRepository from '../repositories/transfer.repository.js';
import type * as walletRepository from '../repositories/wallet.repository.js';

export interface HistoryQuery {
  wallet_id?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  direction?: 'in' | 'out' | undefined;
  counterparty?: string | undefined;
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
  };
}

/** Transaction history and single transfers, as the actor may see them, with the parties named. */
export class HistoryService {
  private readonly db: LedgerDatabase;
  private readonly transfers: typeof transferRepository;
  private readonly wallets: typeof walletRepository;
  private readonly owners: Pick<typeof ownerRepository, 'findOwnerNames'>;

  constructor(options: HistoryServiceOptions) {
    this.db = options.db;
    this.owners = options.repositories.owners;
    this.transfers = options.repositories.transfers;
    this.wallets = options.repositories.wallets;
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
        counterparty: query.counterparty,
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
