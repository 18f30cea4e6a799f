import type { Wallet } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';
import { ledgerError } from '../errors.js';

export type WalletStatus = 'active' | 'frozen' | 'closed';
export type AccountKind = 'main' | 'savings' | 'held' | 'system';
/** The system accounts through which money enters the ledger, one of each per currency. */
export type SystemAccountCode = 'paypal-clearing' | 'back-office' | 'payouts-clearing';

/** A wallet as stored. */
export interface WalletRecord {
  id: string;
  owner_id: string;
  type: string;
  currency: string;
  status: WalletStatus;
  is_default: boolean;
  savings_plan_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface WalletBalances {
  main: bigint;
  savings: bigint;
  /** Held in escrow by the wallet's open holds (as their payer). */
  held: bigint;
}

/** What can be spent now: the main balance of an active wallet, else nothing. */
export function availableOf(status: WalletStatus, main: bigint): bigint {
  return status === 'active' ? main : 0n;
}

export function toPublicWallet(wallet: WalletRecord, balances: WalletBalances): Wallet {
  return {
    id: wallet.id,
    owner_id: wallet.owner_id,
    type: wallet.type,
    currency: wallet.currency,
    status: wallet.status,
    is_default: wallet.is_default,
    savings_plan_id: wallet.savings_plan_id,
    main: toSafeNumber(balances.main),
    savings: toSafeNumber(balances.savings),
    available: toSafeNumber(availableOf(wallet.status, balances.main)),
    held: toSafeNumber(balances.held),
    created_at: wallet.created_at.toISOString(),
    updated_at: wallet.updated_at.toISOString(),
  };
}

export interface PublicWalletBalance {
  wallet_id: string;
  currency: string;
  main: number;
  savings: number;
  available: number;
  held: number;
  as_of: string;
}

export function toPublicWalletBalance(
  wallet: Pick<WalletRecord, 'id' | 'currency' | 'status'>,
  balances: WalletBalances,
  asOf: Date,
  /** `asOf` as ISO text, when the caller has formatted it already. */
  asOfText: string = asOf.toISOString(),
): PublicWalletBalance {
  return {
    wallet_id: wallet.id,
    currency: wallet.currency,
    main: toSafeNumber(balances.main),
    savings: toSafeNumber(balances.savings),
    available: toSafeNumber(availableOf(wallet.status, balances.main)),
    held: toSafeNumber(balances.held),
    as_of: asOfText,
  };
}

/** A new wallet, active, with no savings plan. */
export function createWalletRecord(
  input: { ownerId: string; type: string; currency: string; isDefault: boolean },
  id: string,
  now: Date,
): WalletRecord {
  return {
    id,
    owner_id: input.ownerId,
    type: input.type,
    currency: input.currency,
    status: 'active',
    is_default: input.isDefault,
    savings_plan_id: null,
    created_at: now,
    updated_at: now,
  };
}

/** Whether no money is left in the wallet: main, savings and held in escrow. */
function isEmpty(balances: WalletBalances): boolean {
  return balances.main === 0n && balances.savings === 0n && balances.held === 0n;
}

/**
 * What a deleted owner's wallet becomes: closed when nothing is left in it, else frozen
 * (the money stays, visible to an operator, and nothing moves in or out).
 */
export function statusAfterOwnerDeleted(balances: WalletBalances): 'closed' | 'frozen' {
  return isEmpty(balances) ? 'closed' : 'frozen';
}

/**
 * Whether an admin's status change applies: false when the wallet has that status already
 * (nothing to record), true when it changes, else a refusal. A closed wallet stays closed,
 * since its owner may have been paid out and told so; closing needs every balance at zero
 * (no open hold either),
 * so no money is ever shut away; a deleted owner's wallet never becomes active again, since
 * nobody could move its money on the owner's behalf.
 */
export function decideStatusChange(
  wallet: { status: WalletStatus; balances: WalletBalances; ownerDeleted: boolean },
  to: WalletStatus,
): boolean {
  if (wallet.status === to) return false;
  if (wallet.status === 'closed') throw ledgerError('conflict', 'a closed wallet cannot be reopened');
  if (to === 'closed' && !isEmpty(wallet.balances)) {
    throw ledgerError('conflict', 'a wallet closes only when its main, savings and held balances are zero', {
      main: toSafeNumber(wallet.balances.main),
      savings: toSafeNumber(wallet.balances.savings),
      held: toSafeNumber(wallet.balances.held),
    });
  }
  if (to === 'active' && wallet.ownerDeleted) {
    throw ledgerError('conflict', 'the owner of the wallet is deleted: it cannot be active again');
  }
  return true;
}
