import type { Transfer } from './api/types';

export type Direction = 'in' | 'out' | 'within';

/** Which way a transfer moved money for the person who owns `walletIds`. */
export function directionOf(transfer: Transfer, walletIds: ReadonlySet<string>): Direction {
  const fromMine = transfer.from_wallet_id !== null && walletIds.has(transfer.from_wallet_id);
  const toMine = transfer.to_wallet_id !== null && walletIds.has(transfer.to_wallet_id);
  if (fromMine && toMine) return 'within';
  return toMine ? 'in' : 'out';
}

/** A short name for a movement, from the person's side of it. */
export function transactionLabel(transfer: Transfer, direction: Direction): string {
  switch (transfer.type) {
    case 'deposit':
      return 'Money added';
    case 'withdrawal':
      return 'Money withdrawn';
    case 'savings':
      return 'Savings move';
    case 'payment':
      return direction === 'in' ? 'Payment received' : 'Payment to a provider';
    case 'transfer':
      if (direction === 'within') return 'Between your wallets';
      return direction === 'in' ? 'Money received' : 'Money sent';
    case 'reversal':
      return direction === 'in' ? 'Transfer reversed: money back' : 'Transfer reversed';
    case 'clearing':
      return 'Clearing';
    case 'hold':
      return direction === 'in' ? 'Money held for you' : 'Money held in escrow';
    case 'hold_capture':
      return direction === 'in' ? 'Escrow released to you' : 'Escrow released';
    case 'hold_void':
      return 'Escrow returned';
  }
}

export const transactionTypeNames: Readonly<Record<Transfer['type'], string>> = {
  deposit: 'Deposits',
  transfer: 'Transfers',
  payment: 'Payments',
  withdrawal: 'Withdrawals',
  savings: 'Savings moves',
  reversal: 'Reversals',
  clearing: 'Clearings',
  hold: 'Escrow holds',
  hold_capture: 'Escrow releases',
  hold_void: 'Escrow returns',
};

/** A person as others see them: "Ada Lovelace (@ada)", "Deleted user", or null when unnamed. */
export function personLabel(
  name: string | null | undefined,
  handle: string | null | undefined,
): string | null {
  if (name === null || name === undefined) return null;
  return handle === null || handle === undefined ? name : `${name} (@${handle})`;
}

/** The other person of a movement, from the reader's side: "Sent to …" or "Received from …". */
export function counterpartyLine(transfer: Transfer, direction: Direction): string | null {
  if (direction === 'within') return null;
  const other =
    direction === 'in'
      ? personLabel(transfer.from_name, transfer.from_handle)
      : personLabel(transfer.to_name, transfer.to_handle);
  if (other === null) return null;
  return direction === 'in' ? `Received from ${other}` : `Sent to ${other}`;
}
