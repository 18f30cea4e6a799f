import type { Transfer } from './api/types';
import { i18n } from './i18n';

const t = i18n.getFixedT(null, 'transactions');

export type Direction = 'in' | 'out' | 'within';

/** Which way a transfer moved money for the person who owns `walletIds`. */
export function directionOf(transfer: Transfer, walletIds: ReadonlySet<string>): Direction {
  const fromMine = transfer.from_wallet_id !== null && walletIds.has(transfer.from_wallet_id);
  const toMine = transfer.to_wallet_id !== null && walletIds.has(transfer.to_wallet_id);
  if (fromMine && toMine) return 'within';
  return toMine ? 'in' : 'out';
}

/**
 * The system accounts whose movements carry a machine reference (`paypal:…`, `payout …`) as
 * their description: such a description is for reconciliation, not for the person.
 */
const automaticAccounts: ReadonlySet<string> = new Set(['paypal-clearing', 'payouts-clearing']);

/** Where the money of a deposit came from, or of a withdrawal went: a system account's name. */
function systemAccountOf(transfer: Transfer): string | undefined {
  return transfer.metadata.source ?? transfer.metadata.destination;
}

/** A short name for a movement, from the person's side of it, in plain words. */
export function transactionLabel(transfer: Transfer, direction: Direction): string {
  switch (transfer.type) {
    case 'deposit':
      return systemAccountOf(transfer) === 'paypal-clearing' ? t('labels.topUp') : t('labels.moneyAdded');
    case 'withdrawal':
      if (transfer.metadata.released_by !== undefined) return t('labels.releasedBySupport');
      if (systemAccountOf(transfer) === 'payouts-clearing') return t('labels.cashOut');
      if (systemAccountOf(transfer) === 'paypal-clearing') return t('labels.refundToPayPal');
      return t('labels.moneyWithdrawn');
    case 'savings':
      return t('labels.savingsMove');
    case 'payment':
      return direction === 'in' ? t('labels.paymentReceived') : t('labels.paymentToProvider');
    case 'transfer':
      if (direction === 'within') return t('labels.betweenWallets');
      return direction === 'in' ? t('labels.moneyReceived') : t('labels.moneySent');
    case 'reversal':
      return direction === 'in' ? t('labels.moneyBack') : t('labels.moneyTakenBack');
    case 'clearing':
      return t('labels.clearing');
    case 'hold':
      return direction === 'in' ? t('labels.heldForYou') : t('labels.heldInEscrow');
    case 'hold_capture':
      return direction === 'in' ? t('labels.releasedToYou') : t('labels.released');
    case 'hold_void':
      return t('labels.returned');
  }
}

/** The person's own note on a movement, or the reason support gave; never a machine reference. */
export function noteOf(transfer: Transfer): string | null {
  if (transfer.metadata.release_reason !== undefined) return transfer.metadata.release_reason;
  const account = systemAccountOf(transfer);
  return account !== undefined && automaticAccounts.has(account) ? null : transfer.description;
}

/**
 * The amount as a person reads it in a list: signed when it is plainly money in or out of
 * their balance, unsigned when it only moved between their own accounts or when a list row
 * cannot tell how an escrow settled (the details screen can).
 */
export function shownAmountOf(
  transfer: Transfer,
  direction: Direction,
): { amountMinor: bigint; tone: Direction } {
  const amount = BigInt(transfer.amount);
  const neutral = { amountMinor: amount, tone: 'within' as const };
  switch (transfer.type) {
    case 'hold':
      // The payee has nothing yet; the payer's money left their balance.
      return direction === 'in' ? neutral : { amountMinor: -amount, tone: 'out' };
    case 'hold_capture':
      return neutral;
    case 'hold_void':
      // All of it goes back to the payer; the payee gets nothing.
      return direction === 'out' ? { amountMinor: amount, tone: 'in' } : neutral;
    default:
      if (direction === 'within') return neutral;
      return direction === 'in' ? { amountMinor: amount, tone: 'in' } : { amountMinor: -amount, tone: 'out' };
  }
}

/** Every kind of movement, in the order a filter offers them. */
export const transactionTypes: readonly Transfer['type'][] = [
  'deposit',
  'transfer',
  'payment',
  'withdrawal',
  'savings',
  'reversal',
  'clearing',
  'hold',
  'hold_capture',
  'hold_void',
];

/** A kind of movement, named as a filter lists it ("Transfers", "Escrow holds"). */
export function transactionTypeName(type: Transfer['type']): string {
  return t(`types.${type}`);
}

/**
 * One row of activity: a transfer as it is, or the two transfers of one payment to a
 * provider through PayPal (PayPal's money credited to the wallet, then paid on at once to the
 * provider), which are one movement for the person who paid.
 */
export type ActivityRow =
  | { kind: 'transfer'; transfer: Transfer; direction: Direction }
  | { kind: 'paypal-payment'; transfer: Transfer; funding: Transfer };

/** The PayPal payment a transfer belongs to, when billing moved it for one. */
const paymentIdOf = (transfer: Transfer): string | undefined => transfer.metadata.payment;

/** PayPal's credit of a payment into one of the person's wallets. */
function isPayPalFunding(transfer: Transfer, walletIds: ReadonlySet<string>): boolean {
  return (
    transfer.type === 'deposit' &&
    transfer.metadata.source === 'paypal-clearing' &&
    paymentIdOf(transfer) !== undefined &&
    transfer.to_wallet_id !== null &&
    walletIds.has(transfer.to_wallet_id)
  );
}

/** The payment of that credit on to a provider, from the wallet it credited. */
function isPaymentOf(transfer: Transfer, funding: Transfer): boolean {
  return (
    transfer.type === 'payment' &&
    transfer.from_wallet_id === funding.to_wallet_id &&
    transfer.amount === funding.amount &&
    transfer.currency === funding.currency &&
    paymentIdOf(transfer) === paymentIdOf(funding) &&
    transfer.metadata.refund === undefined
  );
}

/**
 * The rows of a list of transfers, newest first: a PayPal payment's funding and its payment
 * to the provider become one row where the payment stands; anything else stays a row of
 * its own. A funding whose payment is not in the list (not loaded yet, or the provider could
 * not be paid) stays alone: the money did reach the wallet.
 */
export function activityRowsOf(
  transfers: readonly Transfer[],
  walletIds: ReadonlySet<string>,
): ActivityRow[] {
  const fundings = new Map<string, Transfer>();
  for (const transfer of transfers) {
    if (isPayPalFunding(transfer, walletIds)) fundings.set(paymentIdOf(transfer)!, transfer);
  }
  // A payment's transfer id → its funding, and the fundings that joined their payment's row.
  const fundingOf = new Map<string, Transfer>();
  const joined = new Set<string>();
  for (const transfer of transfers) {
    const funding = fundings.get(paymentIdOf(transfer) ?? '');
    if (funding !== undefined && isPaymentOf(transfer, funding)) {
      fundingOf.set(transfer.id, funding);
      joined.add(funding.id);
    }
  }
  return transfers.flatMap((transfer): ActivityRow[] => {
    if (joined.has(transfer.id)) return [];
    const funding = fundingOf.get(transfer.id);
    return funding === undefined
      ? [{ kind: 'transfer', transfer, direction: directionOf(transfer, walletIds) }]
      : [{ kind: 'paypal-payment', transfer, funding }];
  });
}

/** A person as others see them: "Ada Lovelace (@ada)", "Deleted user", or null when unnamed. */
export function personLabel(
  name: string | null | undefined,
  handle: string | null | undefined,
): string | null {
  if (name === null || name === undefined) return null;
  return handle === null || handle === undefined ? name : t('person', { name, handle });
}

/** The other person of a movement, from the reader's side: "Sent to …" or "Received from …". */
export function counterpartyLine(transfer: Transfer, direction: Direction): string | null {
  if (direction === 'within') return null;
  const other =
    direction === 'in'
      ? personLabel(transfer.from_name, transfer.from_handle)
      : personLabel(transfer.to_name, transfer.to_handle);
  if (other === null) return null;
  return direction === 'in' ? t('receivedFrom', { person: other }) : t('sentTo', { person: other });
}
