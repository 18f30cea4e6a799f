import { maxSafeMinor } from '@moneypal/kit';
import { ledgerError } from '../errors.js';
import type { AccountKind } from './wallet.js';

/** An account as read under its row lock, at the start of a posting. */
export interface LockedAccount {
  id: string;
  walletId: string | null;
  kind: AccountKind;
  currency: string;
  balance: bigint;
  lastEntryAt: Date | null;
}

/** One side of a posting: a signed amount on an account (positive credits it). */
export interface Leg {
  accountId: string;
  amount: bigint;
}

export interface PlannedEntry {
  id: string;
  accountId: string;
  amount: bigint;
  balanceAfter: bigint;
}

/**
 * The entries of a posting, each with the account's balance after it. Legs that sum to
 * anything but zero, name an account that is not locked, or mix currencies are bugs of
 * the caller and fail as such; an account without the funds refuses the posting.
 */
export function planEntries(
  accounts: ReadonlyMap<string, LockedAccount>,
  legs: readonly Leg[],
  newId: () => string,
): PlannedEntry[] {
  const sum = legs.reduce((total, leg) => total + leg.amount, 0n);
  if (sum !== 0n) throw new Error(`a posting must sum to zero, got ${sum}`);
  const seen = new Set<string>();
  let currency: string | undefined;
  const entries: PlannedEntry[] = [];
  for (const leg of legs) {
    if (leg.amount === 0n) continue;
    const account = accounts.get(leg.accountId);
    if (!account) throw new Error(`account ${leg.accountId} is not locked by this posting`);
    if (seen.has(account.id)) throw new Error(`account ${account.id} appears twice in one posting`);
    seen.add(account.id);
    if (currency !== undefined && account.currency !== currency) {
      throw new Error(`a posting mixes ${currency} and ${account.currency}`);
    }
    currency = account.currency;
    const balanceAfter = account.balance + leg.amount;
    if (account.kind !== 'system' && balanceAfter < 0n) {
      throw ledgerError(
        'insufficient_funds',
        account.kind === 'savings'
          ? 'The savings balance is lower than the amount: move less.'
          : 'The balance is lower than the amount: send less, or add money to the wallet first.',
      );
    }
    if (balanceAfter > maxSafeMinor || balanceAfter < -maxSafeMinor) {
      throw ledgerError(
        'limit_exceeded',
        'The balance would pass the largest amount the API carries (9007199254740991 minor units).',
        { limit: 'balance' },
      );
    }
    entries.push({ id: newId(), accountId: account.id, amount: leg.amount, balanceAfter });
  }
  if (entries.length < 2) throw new Error('a posting needs at least two entries');
  return entries;
}

/**
 * The time of a posting: now, unless an account it touches has a later entry (a clock
 * that stepped back, or another replica's clock ahead of ours). Entry times then never go
 * backwards on any account, so "the last entry at or before T" is a balance it really had.
 */
export function postingTimeOf(now: Date, accounts: Iterable<LockedAccount>): Date {
  let time = now.getTime();
  for (const account of accounts) {
    if (account.lastEntryAt !== null && account.lastEntryAt.getTime() > time) {
      time = account.lastEntryAt.getTime();
    }
  }
  return new Date(time);
}
