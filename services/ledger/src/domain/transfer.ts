import type { Actor, Transfer, TransferType } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';
import { isAdmin, userIdOf } from './actor.js';
import type { AccountKind } from './wallet.js';

/** A transfer as stored. */
export interface TransferRecord {
  id: string;
  type: TransferType;
  amount: bigint;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  from_wallet_id: string | null;
  to_wallet_id: string | null;
  from_owner_id: string | null;
  to_owner_id: string | null;
  initiator_id: string | null;
  idempotency_scope: string;
  idempotency_key: string;
  created_at: Date;
  /** On a reversal only: the transfer it reverses. */
  reversal_of: string | null;
  /** On a hold and its settlement only: the hold. */
  hold_id: string | null;
}

/** An entry with the account it posts to, as a reader sees it. */
export interface EntryView {
  id: string;
  accountId: string;
  walletId: string | null;
  kind: AccountKind;
  amount: bigint;
  balanceAfter: bigint;
}

/**
 * The entries of a transfer that `actor` may read: every one for an admin or a service; for
 * a user, only those on the accounts of their own wallets. Another party's entry carries its
 * `balance_after`, and showing it would tell the sender of one cent the recipient's balance
 * (SPEC §6.6).
 */
export function entriesVisibleTo<Entry extends { walletId: string | null }>(
  actor: Actor,
  transfer: Pick<TransferRecord, 'from_wallet_id' | 'to_wallet_id' | 'from_owner_id' | 'to_owner_id'>,
  entries: readonly Entry[],
): Entry[] {
  if (seesAllEntries(actor)) return [...entries];
  return entriesOwnedBy(userIdOf(actor)!, transfer, entries);
}

/** Whether `actor` reads every entry of a transfer: an admin or a service. */
export function seesAllEntries(actor: Actor): boolean {
  return userIdOf(actor) === null || isAdmin(actor);
}

/** The entries of a transfer on the accounts of the user's own wallets. */
export function entriesOwnedBy<Entry extends { walletId: string | null }>(
  self: string,
  transfer: Pick<TransferRecord, 'from_wallet_id' | 'to_wallet_id' | 'from_owner_id' | 'to_owner_id'>,
  entries: readonly Entry[],
): Entry[] {
  const ownWallets = new Set<string>();
  if (transfer.from_owner_id === self && transfer.from_wallet_id !== null)
    ownWallets.add(transfer.from_wallet_id);
  if (transfer.to_owner_id === self && transfer.to_wallet_id !== null) ownWallets.add(transfer.to_wallet_id);
  return entries.filter((entry) => entry.walletId !== null && ownWallets.has(entry.walletId));
}

/** An owner's name as identity last announced it, and whether identity deleted the owner. */
export interface OwnerName {
  displayName: string;
  userName: string;
  deleted: boolean;
}

/** How a deleted user is named to everyone who reads their past transfers. */
export const deletedUserName = 'Deleted user';

/**
 * The display name and handle (user name) of a party: null for a system account or an owner
 * the ledger has no name for; a deleted user is "Deleted user", without a handle.
 */
export function partyOf(
  ownerId: string | null,
  names: ReadonlyMap<string, OwnerName>,
): { name: string | null; handle: string | null } {
  const owner = ownerId === null ? undefined : names.get(ownerId);
  if (owner === undefined) return { name: null, handle: null };
  if (owner.deleted) return { name: deletedUserName, handle: null };
  return { name: owner.displayName, handle: owner.userName };
}

/** The names of a transfer's two parties, as `Transfer` carries them. */
export function partiesOf(
  transfer: Pick<TransferRecord, 'from_owner_id' | 'to_owner_id'>,
  names: ReadonlyMap<string, OwnerName>,
): Pick<Transfer, 'from_name' | 'from_handle' | 'to_name' | 'to_handle'> {
  const from = partyOf(transfer.from_owner_id, names);
  const to = partyOf(transfer.to_owner_id, names);
  return { from_name: from.name, from_handle: from.handle, to_name: to.name, to_handle: to.handle };
}

export function toPublicTransfer(transfer: TransferRecord, entries?: readonly EntryView[]): Transfer {
  return {
    id: transfer.id,
    type: transfer.type,
    status: 'posted',
    amount: toSafeNumber(transfer.amount),
    currency: transfer.currency,
    description: transfer.description,
    metadata: transfer.metadata,
    from_wallet_id: transfer.from_wallet_id,
    to_wallet_id: transfer.to_wallet_id,
    initiator_id: transfer.initiator_id,
    created_at: transfer.created_at.toISOString(),
    ...(transfer.reversal_of === null ? {} : { reversal_of: transfer.reversal_of }),
    ...(transfer.hold_id === null ? {} : { hold_id: transfer.hold_id }),
    ...(entries === undefined ? {} : { entries: publicEntriesOf(entries) }),
  };
}

export function publicEntriesOf(entries: readonly EntryView[]): NonNullable<Transfer['entries']> {
  return entries.map((entry) => ({
    id: entry.id,
    account_id: entry.accountId,
    wallet_id: entry.walletId,
    account: entry.kind,
    amount: toSafeNumber(entry.amount),
    balance_after: toSafeNumber(entry.balanceAfter),
  }));
}
