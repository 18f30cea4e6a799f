import type { Actor, Hold, HoldStatus } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';
import { ledgerError } from '../errors.js';
import { isAdmin, isService, userIdOf } from './actor.js';
import type { HoldExpiryAction, LockedWallet, SettlementAction } from './movement.js';

/** A hold as stored. */
export interface HoldRecord {
  id: string;
  status: HoldStatus;
  amount: bigint;
  captured_amount: bigint;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  from_wallet_id: string;
  to_wallet_id: string;
  payer_id: string;
  payee_id: string;
  expires_at: Date | null;
  on_expiry: HoldExpiryAction;
  created_at: Date;
  settled_at: Date | null;
  settled_by: string | null;
  transfer_id: string;
  settlement_transfer_id: string | null;
}

/** How a settlement ends a hold, decided under the wallets' locks. */
export interface Settlement {
  type: 'hold_capture' | 'hold_void';
  status: Exclude<HoldStatus, 'held'>;
  /** To the payee; the rest of the hold goes back to the payer. */
  capturedAmount: bigint;
}

export function toPublicHold(hold: HoldRecord): Hold {
  return {
    id: hold.id,
    status: hold.status,
    amount: toSafeNumber(hold.amount),
    captured_amount: toSafeNumber(hold.captured_amount),
    currency: hold.currency,
    description: hold.description,
    metadata: hold.metadata,
    from_wallet_id: hold.from_wallet_id,
    to_wallet_id: hold.to_wallet_id,
    payer_id: hold.payer_id,
    payee_id: hold.payee_id,
    expires_at: hold.expires_at?.toISOString() ?? null,
    on_expiry: hold.on_expiry,
    created_at: hold.created_at.toISOString(),
    settled_at: hold.settled_at?.toISOString() ?? null,
    settled_by: hold.settled_by,
    transfer_id: hold.transfer_id,
    settlement_transfer_id: hold.settlement_transfer_id,
  };
}

/**
 * The hold as the posting of `transferId` left it: as opened when that is the transfer that
 * held the money, else as settled (a settled hold never changes again). A stored answer is
 * rebuilt with it, equal to the first.
 */
export function holdAfterTransfer(hold: HoldRecord, transferId: string): HoldRecord {
  if (transferId !== hold.transfer_id) return hold;
  return {
    ...hold,
    status: 'held',
    captured_amount: 0n,
    settled_at: null,
    settled_by: null,
    settlement_transfer_id: null,
  };
}

/** Admins and services read every hold; a user reads the holds they pay or are paid by. */
export function mayReadHold(actor: Actor, hold: Pick<HoldRecord, 'payer_id' | 'payee_id'>): boolean {
  if (isAdmin(actor) || isService(actor)) return true;
  const self = userIdOf(actor);
  return self === hold.payer_id || self === hold.payee_id;
}

/**
 * Whether the actor may end the hold that way: the payer captures (releases the money), the
 * payee voids (declines the job), an admin does either (a dispute), and a service does either
 * on a party's behalf (billing, for an escrow bill). `forbidden` for the other party: they
 * see the hold, so hiding it would tell them nothing.
 */
export function assertMaySettle(
  actor: Actor,
  hold: Pick<HoldRecord, 'payer_id' | 'payee_id'>,
  action: 'capture' | 'void',
): void {
  if (isAdmin(actor) || isService(actor)) return;
  const self = userIdOf(actor);
  if (action === 'capture' && self === hold.payer_id) return;
  if (action === 'void' && self === hold.payee_id) return;
  throw ledgerError(
    'forbidden',
    action === 'capture'
      ? 'only the payer or an admin captures a hold'
      : 'only the payee or an admin voids a hold',
  );
}

function assertActive(wallet: LockedWallet, side: string): void {
  if (wallet.status !== 'active') {
    throw ledgerError('wallet_frozen', `the ${side} wallet is ${wallet.status}`, { wallet_id: wallet.id });
  }
}

/**
 * How a settlement ends the hold, on the hold's state read under the payer's and payee's
 * locks: refused with `hold_already_settled` when another capture, void or expiry came
 * first. A capture pays the payee (all, or `requestedAmount` and the rest back) and needs
 * both wallets active, as any payment does; a void gives everything back to the payer,
 * whatever the wallets' statuses, since the money never leaves the payer's wallet. An
 * expiry applies `on_expiry`, but gives the money back when the payee could not be paid
 * (a wallet frozen or closed since): a hold always ends at its expiry.
 */
export function settlementOf(
  hold: HoldRecord,
  action: SettlementAction,
  requestedAmount: bigint | null,
  wallets: { payer: LockedWallet; payee: LockedWallet },
): Settlement {
  if (hold.status !== 'held') {
    throw ledgerError('hold_already_settled', `the hold is already ${hold.status}`, {
      hold_id: hold.id,
      status: hold.status,
    });
  }
  switch (action) {
    case 'capture': {
      const capturedAmount = requestedAmount ?? hold.amount;
      if (capturedAmount > hold.amount) {
        throw ledgerError(
          'validation_failed',
          `A capture takes at most the hold’s amount, ${hold.amount}: capture less.`,
          {
            errors: [{ path: 'amount', message: `must be at most the hold's amount, ${hold.amount}` }],
          },
        );
      }
      assertActive(wallets.payer, 'paying');
      assertActive(wallets.payee, 'receiving');
      return { type: 'hold_capture', status: 'captured', capturedAmount };
    }
    case 'void':
      return { type: 'hold_void', status: 'voided', capturedAmount: 0n };
    case 'expire': {
      const payable = wallets.payer.status === 'active' && wallets.payee.status === 'active';
      return hold.on_expiry === 'capture' && payable
        ? { type: 'hold_capture', status: 'expired', capturedAmount: hold.amount }
        : expiredBack;
    }
  }
}

/** An expiry that gives the whole hold back to the payer. */
export const expiredBack: Settlement = { type: 'hold_void', status: 'expired', capturedAmount: 0n };
