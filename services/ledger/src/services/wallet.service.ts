import {
  type Actor,
  ledgerEvents,
  type Wallet,
  walletCreatedData,
  walletStatusChangedData,
} from '@moneypal/contracts';
import { applyOnce, type CloudEvent, decodeIdCursor, encodeCursor, isSupportedCurrency } from '@moneypal/kit';
import type { Executor, LedgerDatabase } from '../database.js';
import { isAdmin, mayRead, userIdOf } from '../domain/actor.js';
import {
  createWalletRecord,
  decideStatusChange,
  type PublicWalletBalance,
  statusAfterOwnerDeleted,
  toPublicWallet,
  toPublicWalletBalance,
  type WalletStatus,
} from '../domain/wallet.js';
import { ledgerError } from '../errors.js';
import type * as accountRepository from '../repositories/account.repository.js';
import type * as catalogRepository from '../repositories/catalog.repository.js';
import type * as ownerRepository from '../repositories/owner.repository.js';
import type * as walletRepository from '../repositories/wallet.repository.js';
import { type TraceContext, writeEvent } from './events.js';

/** The inbox consumer name of the ledger's event handlers. */
export const ledgerConsumer = 'ledger';

/** A user as identity announced them, as much as the ledger keeps: the name others see. */
export interface NamedOwner {
  ownerId: string;
  displayName: string;
  userName: string;
  /** When identity last changed the user: an older announcement never replaces a newer one. */
  updatedAt: Date;
}

export interface WalletServiceOptions {
  db: LedgerDatabase;
  clock: () => Date;
  newId: () => string;
  /** The currency of the wallet every new user gets. */
  defaultCurrency: string;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
  repositories: {
    wallets: typeof walletRepository;
    accounts: typeof accountRepository;
    catalog: typeof catalogRepository;
    owners: typeof ownerRepository;
  };
}

export interface WalletListQuery {
  owner_id?: string | undefined;
  currency?: string | undefined;
  status?: WalletStatus | undefined;
  type?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const noSuchWallet = () =>
  ledgerError(
    'wallet_not_found',
    'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
  );

/** Wallets: opening, reading, balances, savings plan choice, and the reactions to identity's events. */
export class WalletService {
  private readonly db: LedgerDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly wallets: typeof walletRepository;
  private readonly accounts: typeof accountRepository;
  private readonly catalog: typeof catalogRepository;
  private readonly owners: typeof ownerRepository;

  constructor(private readonly options: WalletServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.wallets = options.repositories.wallets;
    this.accounts = options.repositories.accounts;
    this.catalog = options.repositories.catalog;
    this.owners = options.repositories.owners;
  }

  /** Opens a wallet for the calling user; it becomes their default of the currency when they have none. */
  async openWallet(
    actor: Actor,
    input: { currency: string; type: string },
    trace?: TraceContext,
  ): Promise<Wallet> {
    const ownerId = userIdOf(actor);
    if (ownerId === null) throw ledgerError('forbidden', 'a service cannot own a wallet');
    if (!isSupportedCurrency(input.currency)) {
      throw ledgerError(
        'validation_failed',
        `The currency ${input.currency} is not supported: use an ISO 4217 code MoneyPal holds, such as USD.`,
        {
          errors: [{ path: 'currency', message: 'is not a supported currency' }],
        },
      );
    }
    if (!(await this.catalog.findWalletType(this.db, input.type))) {
      throw ledgerError(
        'validation_failed',
        `There is no wallet type ${input.type}: list them with GET /v1/wallet-types.`,
        {
          errors: [{ path: 'type', message: 'is not a wallet type' }],
        },
      );
    }
    try {
      return await this.insertWallet(ownerId, input, trace);
    } catch (error) {
      // Another wallet of the currency became the default meanwhile: this one is not.
      if (this.wallets.isDefaultWalletConflict(error)) return this.insertWallet(ownerId, input, trace, false);
      throw error;
    }
  }

  private async insertWallet(
    ownerId: string,
    input: { currency: string; type: string },
    trace: TraceContext | undefined,
    mayBeDefault = true,
  ): Promise<Wallet> {
    const wallet = await this.db.transaction().execute(async (trx) => {
      await this.owners.lockOwner(trx, ownerId);
      if (await this.owners.isOwnerDeleted(trx, ownerId))
        throw ledgerError('forbidden', 'the user is deleted');
      const isDefault = mayBeDefault && !(await this.wallets.hasDefaultWallet(trx, ownerId, input.currency));
      return this.createWallet(trx, { ownerId, ...input, isDefault }, trace);
    });
    this.options.onEventsWritten();
    return wallet;
  }

  private async createWallet(
    trx: Executor,
    input: { ownerId: string; type: string; currency: string; isDefault: boolean },
    trace?: TraceContext,
  ): Promise<Wallet> {
    const now = this.clock();
    const record = createWalletRecord(input, this.newId(), now);
    await this.wallets.insertWallet(trx, record, {
      main: this.newId(),
      savings: this.newId(),
      held: this.newId(),
    });
    const wallet = toPublicWallet(record, { main: 0n, savings: 0n, held: 0n });
    await writeEvent(trx, {
      type: ledgerEvents.walletCreated,
      schema: walletCreatedData,
      subject: record.id,
      data: { wallet },
      time: now,
      trace,
    });
    return wallet;
  }

  async listWallets(
    actor: Actor,
    query: WalletListQuery,
  ): Promise<{ data: Wallet[]; next_cursor: string | null }> {
    const self = userIdOf(actor);
    const readsAll = mayRead(actor, null);
    // A user lists only their own wallets; asking for another owner's finds nothing.
    if (!readsAll && query.owner_id !== undefined && query.owner_id !== self)
      return { data: [], next_cursor: null };
    const afterId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await this.wallets.listWallets(
      this.db,
      {
        ownerId: readsAll ? query.owner_id : self!,
        currency: query.currency,
        status: query.status,
        type: query.type,
      },
      { afterId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(({ wallet, balances }) => toPublicWallet(wallet, balances)),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.wallet.id) : null,
    };
  }

  async getWallet(actor: Actor, walletId: string): Promise<Wallet> {
    const found = await this.wallets.findWallet(this.db, walletId);
    if (!found || !mayRead(actor, found.wallet.owner_id)) throw noSuchWallet();
    return toPublicWallet(found.wallet, found.balances);
  }

  /** Balances now, or as of `at`: each account's balance after its last entry at or before it. */
  async getWalletBalance(actor: Actor, walletId: string, at?: string): Promise<PublicWalletBalance> {
    const found = await this.wallets.findWallet(this.db, walletId);
    if (!found || !mayRead(actor, found.wallet.owner_id)) throw noSuchWallet();
    if (at === undefined) return toPublicWalletBalance(found.wallet, found.balances, this.clock());
    const instant = new Date(at);
    return toPublicWalletBalance(
      found.wallet,
      await this.accounts.balancesAsOf(this.db, walletId, instant),
      instant,
    );
  }

  /** Another service (or a user about themselves) asks for a user's balance. */
  async getBalanceOfOwner(
    actor: Actor,
    ownerId: string,
    currency?: string,
  ): Promise<{ wallet_id: string; currency: string; balance: number; savings: number }> {
    if (!mayRead(actor, ownerId)) throw ledgerError('wallet_not_found', 'no wallet for that user');
    const found = await this.wallets.findDefaultWallet(this.db, ownerId, currency);
    if (!found) throw ledgerError('wallet_not_found', 'no wallet for that user');
    const wallet = toPublicWallet(found.wallet, found.balances);
    return { wallet_id: wallet.id, currency: wallet.currency, balance: wallet.main, savings: wallet.savings };
  }

  /** The owner chooses a savings plan for a wallet, or none. */
  async selectSavingsPlan(actor: Actor, walletId: string, planId: string | null): Promise<Wallet> {
    const found = await this.wallets.findWallet(this.db, walletId);
    if (!found || found.wallet.owner_id !== userIdOf(actor)) throw noSuchWallet();
    if (found.wallet.status === 'closed')
      throw ledgerError('wallet_frozen', 'The wallet is closed: no money moves in or out of it.');
    if (planId !== null && !(await this.catalog.findSavingsPlan(this.db, planId))) {
      throw ledgerError('not_found', 'No savings plan has this id: list them with GET /v1/savings-plans.');
    }
    const now = this.clock();
    await this.wallets.updateSavingsPlan(this.db, walletId, planId, now);
    return toPublicWallet({ ...found.wallet, savings_plan_id: planId, updated_at: now }, found.balances);
  }

  /**
   * An admin freezes, unfreezes or closes a wallet. The owner's lock and the wallet's account
   * locks (taken in the order of a deletion and of every posting) make the decision on fresh
   * balances and owner state; the status, its record and the event commit together. Asking
   * for the status the wallet has changes and records nothing.
   */
  async changeWalletStatus(
    actor: Actor,
    input: { wallet_id: string; status: WalletStatus; reason: string },
    trace?: TraceContext,
  ): Promise<Wallet> {
    const adminId = isAdmin(actor) ? userIdOf(actor) : null;
    if (adminId === null) throw ledgerError('forbidden', "only an admin changes a wallet's status");
    const found = await this.wallets.findWallet(this.db, input.wallet_id);
    if (!found) throw noSuchWallet();
    const ownerId = found.wallet.owner_id;
    let changed = false;
    const wallet = await this.db.transaction().execute(async (trx) => {
      await this.owners.lockOwner(trx, ownerId);
      const locked = await this.wallets.lockWallet(trx, input.wallet_id);
      if (!locked) throw noSuchWallet();
      const ownerDeleted = await this.owners.isOwnerDeleted(trx, ownerId);
      const from = locked.wallet.status;
      if (!decideStatusChange({ status: from, balances: locked.balances, ownerDeleted }, input.status)) {
        return toPublicWallet(locked.wallet, locked.balances);
      }
      const now = this.clock();
      await this.wallets.setWalletStatus(trx, [input.wallet_id], input.status, now);
      await this.wallets.insertStatusChange(trx, {
        id: this.newId(),
        wallet_id: input.wallet_id,
        from_status: from,
        to_status: input.status,
        reason: input.reason,
        changed_by: adminId,
        changed_at: now,
      });
      await writeEvent(trx, {
        type: ledgerEvents.walletStatusChanged,
        schema: walletStatusChangedData,
        subject: input.wallet_id,
        data: {
          wallet_id: input.wallet_id,
          owner_id: ownerId,
          from,
          to: input.status,
          reason: input.reason,
          changed_by: adminId,
          changed_at: now.toISOString(),
        },
        time: now,
        trace,
      });
      changed = true;
      return toPublicWallet({ ...locked.wallet, status: input.status, updated_at: now }, locked.balances);
    });
    if (changed) this.options.onEventsWritten();
    return wallet;
  }

  /**
   * A new user gets a personal wallet of the default currency, once: the inbox makes a
   * redelivered event change nothing, and a user who already has a default wallet of the
   * currency gets no second one. The user's name is kept for history either way.
   */
  async openDefaultWalletOnce(event: CloudEvent, owner: NamedOwner): Promise<void> {
    const currency = this.options.defaultCurrency;
    const userId = owner.ownerId;
    let opened = false;
    await applyOnce(this.db, ledgerConsumer, event, async (trx) => {
      await this.owners.lockOwner(trx, userId);
      await this.owners.recordOwnerName(trx, owner);
      // A deletion applied first (events of one user may arrive out of order) wins.
      if (await this.owners.isOwnerDeleted(trx, userId)) return;
      if (await this.wallets.hasDefaultWallet(trx, userId, currency)) return;
      await this.createWallet(
        trx,
        { ownerId: userId, type: 'personal', currency, isDefault: true },
        {
          requestId: event.requestid ?? event.id,
          traceparent: event.traceparent,
        },
      );
      opened = true;
    });
    if (opened) this.options.onEventsWritten();
  }

  /** Keeps the owner's new name (identity changed the user), so that history shows it from now on. */
  async renameOwnerOnce(event: CloudEvent, owner: NamedOwner): Promise<void> {
    await applyOnce(this.db, ledgerConsumer, event, (trx) => this.owners.recordOwnerName(trx, owner));
  }

  /**
   * A deleted user's wallets: the empty ones close, the others freeze with their money in them,
   * and no wallet is opened for the user afterwards, so no money can come in any more.
   */
  async retireWalletsOnce(event: CloudEvent, userId: string): Promise<void> {
    await applyOnce(this.db, ledgerConsumer, event, async (trx) => {
      await this.owners.lockOwner(trx, userId);
      const now = this.clock();
      await this.owners.markOwnerDeleted(trx, userId, now);
      const owned = await this.wallets.lockWalletsOfOwner(trx, userId);
      const live = owned.filter((wallet) => wallet.status !== 'closed');
      const closing = live.filter((wallet) => statusAfterOwnerDeleted(wallet.balances) === 'closed');
      const freezing = live.filter((wallet) => statusAfterOwnerDeleted(wallet.balances) === 'frozen');
      await this.wallets.setWalletStatus(
        trx,
        closing.map((wallet) => wallet.id),
        'closed',
        now,
      );
      await this.wallets.setWalletStatus(
        trx,
        freezing.filter((wallet) => wallet.status !== 'frozen').map((wallet) => wallet.id),
        'frozen',
        now,
      );
    });
  }
}
