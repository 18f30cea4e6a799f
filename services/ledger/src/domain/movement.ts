import type { holdExpiryActions, TransactionType, TransferType } from '@moneypal/contracts';
import { ledgerError } from '../errors.js';
import type { Leg, LockedAccount } from './posting.js';
import type { TransactionLimits } from './rules.js';
import { type SavingsTerms, splitCredit } from './savings.js';
import type { WalletStatus } from './wallet.js';

export type HoldExpiryAction = (typeof holdExpiryActions)[number];

/**
 * How a hold is asked to end: `capture` by its payer, `void` by its payee, `expire` by the
 * ledger itself at `expires_at` (an admin, or a service for a party, may capture or void).
 */
export type SettlementAction = 'capture' | 'void' | 'expire';

/** A wallet as the posting sees it: read together with its accounts, under their row locks. */
export interface LockedWallet {
  id: string;
  ownerId: string;
  type: string;
  currency: string;
  status: WalletStatus;
  savingsPlan: SavingsTerms | null;
  /** The wallet type's rule for the movement's transaction type. */
  limits: TransactionLimits | null;
  main: LockedAccount;
  savings: LockedAccount;
  /** Where the wallet's open holds keep their money. */
  held: LockedAccount;
}

/** The field by which a request named the recipient, so that a refusal of it names that field. */
export type RecipientField = 'to_wallet_id' | 'to_user' | 'to_user_id';

/** What a request asks to move, before anything is known about the wallets. */
export type MovementIntent =
  | {
      kind: 'transfer';
      type: Extract<TransactionType, 'transfer' | 'payment'>;
      amount: bigint;
      fromWalletId: string;
      toWalletId: string;
      recipientField: RecipientField;
    }
  | {
      kind: 'deposit';
      type: 'deposit';
      amount: bigint;
      systemAccountId: string;
      toWalletId: string;
    }
  | {
      kind: 'withdrawal';
      type: 'withdrawal';
      amount: bigint;
      fromWalletId: string;
      systemAccountId: string;
    }
  | { kind: 'savings_withdraw'; type: 'savings'; amount: bigint; walletId: string }
  | {
      kind: 'reversal';
      type: Extract<TransferType, 'reversal'>;
      /** What is moved back; 0 until the posting resolves it (see `reversalAmountOf`). */
      amount: bigint;
      /** null: all that is left to reverse of the original. */
      requestedAmount: bigint | null;
      reversalOf: { id: string; amount: bigint };
      /** The original's payee, who gives the money back. */
      fromWalletId: string;
      /** The original's payer. */
      toWalletId: string;
    }
  | {
      kind: 'withdrawal_reversal';
      type: Extract<TransferType, 'reversal'>;
      /** What is moved back; 0 until the posting resolves it (see `reversalAmountOf`). */
      amount: bigint;
      requestedAmount: null;
      reversalOf: { id: string; amount: bigint };
      /** The system account the withdrawal went to. */
      systemAccountId: string;
      /** The wallet the withdrawal came from. */
      toWalletId: string;
    }
  | {
      kind: 'release';
      type: 'withdrawal';
      /** The wallet's whole balance, main and savings; 0 until the posting resolves it (see `releaseAmountOf`). */
      amount: bigint;
      /** The whole balance as the caller saw it, or null: whatever it is. */
      requestedAmount: bigint | null;
      fromWalletId: string;
      systemAccountId: string;
    }
  | {
      kind: 'clearing';
      type: Extract<TransferType, 'clearing'>;
      amount: bigint;
      fromAccountId: string;
      toAccountId: string;
      /** The wallet whose money this was: no entry touches it, the answer shows its balance. */
      walletId: string;
    }
  | {
      kind: 'hold';
      type: Extract<TransferType, 'hold'>;
      /**
       * The transaction type whose rules and daily limits of the payer's wallet type apply:
       * `transfer`, or `payment` when a service holds money for a bill.
       */
      ruleType: Extract<TransactionType, 'transfer' | 'payment'>;
      amount: bigint;
      fromWalletId: string;
      /** The payee's wallet: it receives nothing until the hold is captured. */
      toWalletId: string;
      recipientField: RecipientField;
      hold: { id: string; expiresAt: Date | null; onExpiry: HoldExpiryAction };
    }
  | {
      kind: 'hold_settlement';
      /** Decided under the locks with the hold's state (see `settlementOf`). */
      type: Extract<TransferType, 'hold_capture' | 'hold_void'>;
      action: SettlementAction;
      holdId: string;
      /** The hold's amount: all of it leaves the payer's held account. */
      amount: bigint;
      /** What the payee gets; decided under the locks, 0 until then. */
      capturedAmount: bigint;
      /** A capture's amount asked for; null: all of the hold. */
      requestedAmount: bigint | null;
      /** The payer's wallet. */
      fromWalletId: string;
      /** The payee's wallet. */
      toWalletId: string;
      /** The wallet whose balance the answer shows: the payee's when the payee voids, else the payer's. */
      reportedWalletId: string;
    };

/** The intents that reverse a transfer: what is left of it is read under the locks. */
export type ReversalIntent = Extract<MovementIntent, { kind: 'reversal' | 'withdrawal_reversal' }>;

export function isReversal(intent: MovementIntent): intent is ReversalIntent {
  return intent.kind === 'reversal' || intent.kind === 'withdrawal_reversal';
}

/** The transaction type whose rules and daily usage apply to a movement (none is named after a reversal or a settlement). */
export function ruleTypeOf(intent: MovementIntent): string {
  return intent.kind === 'hold' ? intent.ruleType : intent.type;
}

/** The wallets of a movement once checked; `subject` is the one whose rules and daily usage apply. */
export interface MovementParties {
  /** null when the money comes from a system account (a deposit). */
  from: LockedWallet | null;
  /** null when the money goes to a system account (a withdrawal). */
  to: LockedWallet | null;
  subject: LockedWallet;
  /** The wallet whose balance the reply shows: the caller's side. */
  reported: LockedWallet;
}

const noSuchWallet = () =>
  ledgerError(
    'wallet_not_found',
    'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
  );

function assertActive(wallet: LockedWallet, side: string): void {
  if (wallet.status !== 'active') {
    throw ledgerError('wallet_frozen', `the ${side} wallet is ${wallet.status}`, { wallet_id: wallet.id });
  }
}

/**
 * Checks who takes part, in the order that reveals nothing: a wallet the actor may not
 * move from is `wallet_not_found` before any of its properties is looked at; then sameness,
 * status and currency. `mayMoveFrom` says whether the actor may debit a wallet of that owner.
 */
export function checkParties(
  intent: MovementIntent,
  wallets: ReadonlyMap<string, LockedWallet>,
  mayMoveFrom: (ownerId: string) => boolean,
): MovementParties {
  switch (intent.kind) {
    case 'transfer':
    case 'hold': {
      const from = wallets.get(intent.fromWalletId);
      if (!from || !mayMoveFrom(from.ownerId)) throw noSuchWallet();
      const to = wallets.get(intent.toWalletId);
      if (!to) {
        throw ledgerError('recipient_not_found', 'No wallet has this id: check the recipient’s wallet id.', {
          errors: [{ path: 'to_wallet_id', message: 'is no wallet' }],
        });
      }
      if (from.id === to.id) {
        throw ledgerError('validation_failed', `a ${intent.kind} cannot go to the wallet it comes from`, {
          errors: [{ path: intent.recipientField, message: 'is the wallet the money comes from' }],
        });
      }
      assertActive(from, 'paying');
      assertActive(to, 'receiving');
      if (from.currency !== to.currency) {
        throw ledgerError('currency_mismatch', `the wallets hold ${from.currency} and ${to.currency}`);
      }
      return { from, to, subject: from, reported: from };
    }
    case 'deposit': {
      const to = wallets.get(intent.toWalletId);
      if (!to) throw noSuchWallet();
      assertActive(to, 'receiving');
      return { from: null, to, subject: to, reported: to };
    }
    case 'withdrawal': {
      const from = wallets.get(intent.fromWalletId);
      if (!from || !mayMoveFrom(from.ownerId)) throw noSuchWallet();
      assertActive(from, 'paying');
      return { from, to: null, subject: from, reported: from };
    }
    case 'reversal': {
      // The wallets of a posted transfer exist for ever; an admin may move from any.
      const from = wallets.get(intent.fromWalletId)!;
      const to = wallets.get(intent.toWalletId)!;
      if (!mayMoveFrom(from.ownerId)) throw noSuchWallet();
      assertActive(from, 'paying');
      assertActive(to, 'receiving');
      return { from, to, subject: from, reported: from };
    }
    case 'release': {
      const from = wallets.get(intent.fromWalletId);
      if (!from || !mayMoveFrom(from.ownerId)) throw noSuchWallet();
      if (from.status === 'active') {
        throw ledgerError('conflict', 'the wallet is active: its owner moves its money', {
          wallet_id: from.id,
        });
      }
      // An admin's act, not the owner's spending: no wallet type's rule applies.
      const wallet = { ...from, limits: null };
      return { from: wallet, to: null, subject: wallet, reported: wallet };
    }
    case 'withdrawal_reversal': {
      // A failed payout's money lands whatever the wallet's status: it must not vanish,
      // and a frozen or closed wallet keeps it as it keeps the rest of its balance.
      const to = wallets.get(intent.toWalletId)!;
      return { from: null, to, subject: to, reported: to };
    }
    case 'clearing': {
      // No wallet takes part: no wallet type's rule applies.
      const wallet = { ...wallets.get(intent.walletId)!, limits: null };
      return { from: null, to: null, subject: wallet, reported: wallet };
    }
    case 'hold_settlement': {
      // The wallets of a hold exist for ever; who may settle it was checked with the hold,
      // and the statuses that matter depend on how it ends (see `settlementOf`).
      const from = wallets.get(intent.fromWalletId)!;
      const to = wallets.get(intent.toWalletId)!;
      return { from, to, subject: from, reported: wallets.get(intent.reportedWalletId)! };
    }
    case 'savings_withdraw': {
      const wallet = wallets.get(intent.walletId);
      if (!wallet || !mayMoveFrom(wallet.ownerId)) throw noSuchWallet();
      assertActive(wallet, 'given');
      return { from: wallet, to: wallet, subject: wallet, reported: wallet };
    }
  }
}

/**
 * The legs of a movement. Every credit into a wallet from outside it (a deposit, an
 * incoming transfer or payment, a captured hold) passes through the wallet's savings plan;
 * moving savings back to main does not. Legs of zero post no entry.
 */
export function legsOf(intent: MovementIntent, parties: MovementParties): Leg[] {
  switch (intent.kind) {
    case 'transfer':
    case 'deposit': {
      const to = parties.to!;
      const split = splitCredit(intent.amount, to.savingsPlan);
      const source = intent.kind === 'deposit' ? intent.systemAccountId : parties.from!.main.id;
      return [
        { accountId: source, amount: -intent.amount },
        { accountId: to.main.id, amount: split.main },
        { accountId: to.savings.id, amount: split.savings },
      ];
    }
    case 'reversal':
      // Money given back, not income: straight to the payer's main balance, past any savings plan.
      return [
        { accountId: parties.from!.main.id, amount: -intent.amount },
        { accountId: parties.to!.main.id, amount: intent.amount },
      ];
    case 'withdrawal':
      return [
        { accountId: parties.from!.main.id, amount: -intent.amount },
        { accountId: intent.systemAccountId, amount: intent.amount },
      ];
    case 'release': {
      const { main, savings } = parties.from!;
      return [
        { accountId: main.id, amount: -main.balance },
        { accountId: savings.id, amount: -savings.balance },
        { accountId: intent.systemAccountId, amount: intent.amount },
      ];
    }
    case 'withdrawal_reversal':
      // The wallet's own money coming back: straight to main, past any savings plan.
      return [
        { accountId: intent.systemAccountId, amount: -intent.amount },
        { accountId: parties.to!.main.id, amount: intent.amount },
      ];
    case 'clearing':
      return [
        { accountId: intent.fromAccountId, amount: -intent.amount },
        { accountId: intent.toAccountId, amount: intent.amount },
      ];
    case 'hold':
      // The money stays in the payer's wallet, out of what can be spent.
      return [
        { accountId: parties.from!.main.id, amount: -intent.amount },
        { accountId: parties.from!.held.id, amount: intent.amount },
      ];
    case 'hold_settlement': {
      // What is captured is income of the payee, through their savings plan; the rest is
      // the payer's own money coming back, straight to main.
      const from = parties.from!;
      const to = parties.to!;
      const split =
        intent.capturedAmount > 0n
          ? splitCredit(intent.capturedAmount, to.savingsPlan)
          : { main: 0n, savings: 0n };
      return [
        { accountId: from.held.id, amount: -intent.amount },
        { accountId: to.main.id, amount: split.main },
        { accountId: to.savings.id, amount: split.savings },
        { accountId: from.main.id, amount: intent.amount - intent.capturedAmount },
      ];
    }
    case 'savings_withdraw': {
      const wallet = parties.reported;
      return [
        { accountId: wallet.savings.id, amount: -intent.amount },
        { accountId: wallet.main.id, amount: intent.amount },
      ];
    }
  }
}

/**
 * The amount a reversal moves back, given how much of the original earlier reversals
 * already did: the amount asked, or all that is left. Refused with `conflict` when nothing
 * or less than asked is left, so that reversals together never pass the original's amount.
 */
export function reversalAmountOf(intent: ReversalIntent, reversedMinor: bigint): bigint {
  const leftMinor = intent.reversalOf.amount - reversedMinor;
  if (leftMinor <= 0n) {
    throw ledgerError('conflict', 'the transfer is already reversed in full', {
      transfer_id: intent.reversalOf.id,
      reversed: Number(reversedMinor),
    });
  }
  const amountMinor = intent.requestedAmount ?? leftMinor;
  if (amountMinor > leftMinor) {
    throw ledgerError('conflict', `only ${leftMinor} of the transfer is left to reverse`, {
      transfer_id: intent.reversalOf.id,
      reversed: Number(reversedMinor),
      left: Number(leftMinor),
    });
  }
  return amountMinor;
}

/**
 * The amount a release moves: the wallet's whole balance (main and savings) under its lock.
 * Refused with `conflict` when there is none, or when the caller saw another balance.
 */
export function releaseAmountOf(
  intent: Extract<MovementIntent, { kind: 'release' }>,
  wallet: Pick<LockedWallet, 'id' | 'main' | 'savings'>,
): bigint {
  const wholeMinor = wallet.main.balance + wallet.savings.balance;
  if (wholeMinor <= 0n)
    throw ledgerError('conflict', 'the wallet holds nothing to release', { wallet_id: wallet.id });
  if (intent.requestedAmount !== null && intent.requestedAmount !== wholeMinor) {
    throw ledgerError('conflict', 'the amount is not the wallet’s whole balance', {
      wallet_id: wallet.id,
      balance: Number(wholeMinor),
    });
  }
  return wholeMinor;
}
