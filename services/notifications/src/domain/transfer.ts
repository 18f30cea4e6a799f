import type { TransferType } from '@moneypal/contracts';

/** What of a posted transfer decides whether anyone hears of it. */
export interface PostedTransfer {
  type: TransferType;
  fromOwnerId: string | null;
  toOwnerId: string | null;
}

/**
 * The payer and payee to tell about a transfer: only money that moved from one user to
 * another (a transfer, or a payment to a provider). Deposits, withdrawals, savings moves
 * and movements between one user's own wallets tell nobody.
 */
export function partiesToNotify(transfer: PostedTransfer): { payerId: string; payeeId: string } | null {
  if (transfer.type !== 'transfer' && transfer.type !== 'payment') return null;
  if (transfer.fromOwnerId === null || transfer.toOwnerId === null) return null;
  if (transfer.fromOwnerId === transfer.toOwnerId) return null;
  return { payerId: transfer.fromOwnerId, payeeId: transfer.toOwnerId };
}

/**
 * How a message names the other party of a transfer: as the ledger named them on the event
 * ("Ada Lovelace (@ada)", or "Deleted user"), else by the user name kept from identity.
 */
export function counterpartyLabelOf(
  name: string | null | undefined,
  handle: string | null | undefined,
  knownUserName: string | undefined,
): string | null {
  if (name === null || name === undefined) return knownUserName ?? null;
  return handle === null || handle === undefined ? name : `${name} (@${handle})`;
}
