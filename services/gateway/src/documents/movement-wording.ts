import type { Invoice, Transfer } from '@moneypal/contracts';

/*
 * A movement in plain words, as the web app names it (apps/web/src/transactions.ts), for the
 * documents the gateway renders: statements and receipts name people and kinds of
 * movement, never raw ids.
 */

export type Direction = 'in' | 'out' | 'within';

/** The system accounts whose movements carry a machine reference as their description. */
const automaticAccounts: ReadonlySet<string> = new Set(['paypal-clearing', 'payouts-clearing']);

/** How a system account is named to a person. */
const systemAccountNames: Readonly<Record<string, string>> = {
  'paypal-clearing': 'PayPal',
  'payouts-clearing': 'PayPal payout',
  'back-office': 'MoneyPal',
};

function systemAccountOf(transfer: Transfer): string | undefined {
  return transfer.metadata.source ?? transfer.metadata.destination;
}

/** A short name for a movement, from one side of it. */
export function movementLabel(transfer: Transfer, direction: Direction): string {
  switch (transfer.type) {
    case 'deposit':
      return systemAccountOf(transfer) === 'paypal-clearing' ? 'Top-up through PayPal' : 'Money added';
    case 'withdrawal':
      if (transfer.metadata.released_by !== undefined) return 'Balance paid out by support';
      if (systemAccountOf(transfer) === 'payouts-clearing') return 'Cash out to PayPal';
      if (systemAccountOf(transfer) === 'paypal-clearing') return 'Refund to your PayPal';
      return 'Money withdrawn';
    case 'savings':
      return 'Savings move';
    case 'payment':
      return direction === 'in' ? 'Payment received' : 'Payment to a provider';
    case 'transfer':
      if (direction === 'within') return 'Between your wallets';
      return direction === 'in' ? 'Money received' : 'Money sent';
    case 'reversal':
      return direction === 'in' ? 'Money back' : 'Money taken back';
    case 'clearing':
      return 'Clearing';
    case 'hold':
      return direction === 'in' ? 'Payment held for you' : 'Payment held in escrow';
    case 'hold_capture':
      return direction === 'in' ? 'Escrow released to you' : 'Escrow released';
    case 'hold_void':
      return 'Escrow returned';
  }
}

/** A person as others see them: "Ada Lovelace (@ada)", "Deleted user", or null when unnamed. */
export function personLabel(
  name: string | null | undefined,
  handle: string | null | undefined,
): string | null {
  if (name === null || name === undefined) return null;
  return handle === null || handle === undefined ? name : `${name} (@${handle})`;
}

/** One side of a transfer in words: the person, or the system account money came from or went to. */
export function partyLabel(transfer: Transfer, side: 'from' | 'to'): string {
  const person =
    side === 'from'
      ? personLabel(transfer.from_name, transfer.from_handle)
      : personLabel(transfer.to_name, transfer.to_handle);
  if (person !== null) return person;
  const account = systemAccountOf(transfer);
  return (account === undefined ? undefined : systemAccountNames[account]) ?? 'MoneyPal';
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

/** The person's own note on a movement, or the reason support gave; never a machine reference. */
export function noteOf(transfer: Transfer): string | null {
  if (transfer.metadata.release_reason !== undefined) return transfer.metadata.release_reason;
  const account = systemAccountOf(transfer);
  return account !== undefined && automaticAccounts.has(account) ? null : transfer.description;
}

/**
 * Which way a statement's movement went for the wallet: a change of its balance in or out,
 * or between two wallets of one owner (both sides carry the same handle).
 */
export function directionOfMovement(transfer: Transfer, amount: number): Direction {
  const sameOwner = transfer.from_handle != null && transfer.from_handle === transfer.to_handle;
  if (sameOwner || transfer.type === 'savings') return 'within';
  return amount > 0 ? 'in' : 'out';
}

export const invoiceStatusNames: Readonly<Record<Invoice['status'], string>> = {
  pending: 'Pending',
  paid: 'Paid',
  failed: 'Failed',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  held: 'Held in escrow',
  cancelled: 'Cancelled',
};
