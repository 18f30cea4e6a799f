import { describe, expect, it } from 'vitest';
import {
  checkParties,
  type LockedWallet,
  legsOf,
  type MovementIntent,
  releaseAmountOf,
  reversalAmountOf,
} from './movement.js';

function wallet(id: string, overrides: Partial<LockedWallet> = {}): LockedWallet {
  return {
    id,
    ownerId: `owner-${id}`,
    type: 'personal',
    currency: 'USD',
    status: 'active',
    savingsPlan: null,
    limits: null,
    main: {
      id: `${id}-main`,
      walletId: id,
      kind: 'main',
      currency: 'USD',
      balance: 1000n,
      lastEntryAt: null,
    },
    savings: {
      id: `${id}-savings`,
      walletId: id,
      kind: 'savings',
      currency: 'USD',
      balance: 50n,
      lastEntryAt: null,
    },
    held: {
      id: `${id}-held`,
      walletId: id,
      kind: 'held',
      currency: 'USD',
      balance: 0n,
      lastEntryAt: null,
    },
    ...overrides,
  };
}

const walletsOf = (...wallets: LockedWallet[]) => new Map(wallets.map((item) => [item.id, item]));
const transfer = (from: string, to: string): MovementIntent => ({
  kind: 'transfer',
  type: 'transfer',
  amount: 100n,
  fromWalletId: from,
  toWalletId: to,
  recipientField: 'to_wallet_id',
});
const anyone = () => true;

describe('checkParties', () => {
  it('answers wallet_not_found for a wallet the actor may not debit, before looking at anything else', () => {
    const frozenForeign = wallet('a', { status: 'frozen', currency: 'EUR' });
    expect(() =>
      checkParties(transfer('a', 'b'), walletsOf(frozenForeign, wallet('b')), () => false),
    ).toThrow(expect.objectContaining({ code: 'wallet_not_found' }));
  });

  it('answers recipient_not_found for a recipient wallet that does not exist', () => {
    expect(() => checkParties(transfer('a', 'b'), walletsOf(wallet('a')), anyone)).toThrow(
      expect.objectContaining({ code: 'recipient_not_found' }),
    );
  });

  it('refuses a transfer to the same wallet', () => {
    expect(() => checkParties(transfer('a', 'a'), walletsOf(wallet('a')), anyone)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('refuses frozen and closed wallets on either side', () => {
    for (const status of ['frozen', 'closed'] as const) {
      expect(() =>
        checkParties(transfer('a', 'b'), walletsOf(wallet('a', { status }), wallet('b')), anyone),
      ).toThrow(expect.objectContaining({ code: 'wallet_frozen' }));
      expect(() =>
        checkParties(transfer('a', 'b'), walletsOf(wallet('a'), wallet('b', { status })), anyone),
      ).toThrow(expect.objectContaining({ code: 'wallet_frozen' }));
    }
  });

  it('refuses wallets of different currencies', () => {
    expect(() =>
      checkParties(transfer('a', 'b'), walletsOf(wallet('a'), wallet('b', { currency: 'EUR' })), anyone),
    ).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
  });

  it('applies the rules of the debited wallet to a transfer and of the credited one to a deposit', () => {
    const parties = checkParties(transfer('a', 'b'), walletsOf(wallet('a'), wallet('b')), anyone);
    expect(parties.subject.id).toBe('a');
    const deposit: MovementIntent = {
      kind: 'deposit',
      type: 'deposit',
      amount: 5n,
      systemAccountId: 'clearing',
      toWalletId: 'b',
    };
    expect(checkParties(deposit, walletsOf(wallet('b')), anyone).subject.id).toBe('b');
  });
});

describe('legsOf', () => {
  it('splits an incoming transfer by the recipient savings plan', () => {
    const to = wallet('b', { savingsPlan: { kind: 'percentage', value: 1000n } });
    const parties = checkParties(transfer('a', 'b'), walletsOf(wallet('a'), to), anyone);
    expect(legsOf(transfer('a', 'b'), parties)).toEqual([
      { accountId: 'a-main', amount: -100n },
      { accountId: 'b-main', amount: 90n },
      { accountId: 'b-savings', amount: 10n },
    ]);
  });

  it('moves savings to main without a savings split', () => {
    const intent: MovementIntent = { kind: 'savings_withdraw', type: 'savings', amount: 30n, walletId: 'a' };
    const own = wallet('a', { savingsPlan: { kind: 'flat', value: 500n } });
    expect(legsOf(intent, checkParties(intent, walletsOf(own), anyone))).toEqual([
      { accountId: 'a-savings', amount: -30n },
      { accountId: 'a-main', amount: 30n },
    ]);
  });
});

describe('reversalAmountOf', () => {
  const reversal = (requestedAmount: bigint | null): Extract<MovementIntent, { kind: 'reversal' }> => ({
    kind: 'reversal',
    type: 'reversal',
    amount: 0n,
    requestedAmount,
    reversalOf: { id: 'original', amount: 600n },
    fromWalletId: 'payee',
    toWalletId: 'payer',
  });

  it('reverses all that is left when no amount is asked', () => {
    expect(reversalAmountOf(reversal(null), 0n)).toBe(600n);
    expect(reversalAmountOf(reversal(null), 450n)).toBe(150n);
  });

  it('reverses the amount asked up to what is left', () => {
    expect(reversalAmountOf(reversal(150n), 450n)).toBe(150n);
  });

  it('refuses more than is left, and anything once reversed in full, with conflict', () => {
    expect(() => reversalAmountOf(reversal(151n), 450n)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => reversalAmountOf(reversal(null), 600n)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe('payouts and releases', () => {
  const release = (requestedAmount: bigint | null): Extract<MovementIntent, { kind: 'release' }> => ({
    kind: 'release',
    type: 'withdrawal',
    amount: 0n,
    requestedAmount,
    fromWalletId: 'a',
    systemAccountId: 'back-office',
  });

  it('gives a withdrawal back to main, past the savings plan, into a closed wallet too', () => {
    const closed = wallet('a', {
      status: 'closed',
      savingsPlan: { kind: 'percentage', value: 5000n },
    });
    const intent: MovementIntent = {
      kind: 'withdrawal_reversal',
      type: 'reversal',
      amount: 300n,
      requestedAmount: null,
      reversalOf: { id: 'w', amount: 300n },
      systemAccountId: 'payouts-clearing',
      toWalletId: 'a',
    };
    const parties = checkParties(intent, walletsOf(closed), () => false);
    expect(legsOf(intent, parties)).toEqual([
      { accountId: 'payouts-clearing', amount: -300n },
      { accountId: 'a-main', amount: 300n },
    ]);
  });

  it('releases only a wallet that is not active, its whole balance, past its rules', () => {
    const limits = { minAmount: null, maxAmount: 1n, dailyTotal: null, dailyCount: null };
    expect(() => checkParties(release(null), walletsOf(wallet('a')), anyone)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    const frozen = wallet('a', { status: 'frozen', limits });
    const parties = checkParties(release(null), walletsOf(frozen), anyone);
    expect(parties.subject.limits).toBeNull();
    expect(releaseAmountOf(release(null), frozen)).toBe(1050n);
    expect(releaseAmountOf(release(1050n), frozen)).toBe(1050n);
    expect(legsOf({ ...release(null), amount: 1050n }, parties)).toEqual([
      { accountId: 'a-main', amount: -1000n },
      { accountId: 'a-savings', amount: -50n },
      { accountId: 'back-office', amount: 1050n },
    ]);
  });

  it('refuses a release of another amount than the whole balance, or of nothing, with conflict', () => {
    const frozen = wallet('a', { status: 'frozen' });
    expect(() => releaseAmountOf(release(1000n), frozen)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    const empty = wallet('b', {
      status: 'closed',
      main: { ...frozen.main, balance: 0n },
      savings: { ...frozen.savings, balance: 0n },
    });
    expect(() => releaseAmountOf(release(null), empty)).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });
});

describe('legsOf for escrow holds', () => {
  const hold: MovementIntent = {
    kind: 'hold',
    type: 'hold',
    ruleType: 'transfer',
    amount: 300n,
    fromWalletId: 'a',
    toWalletId: 'b',
    recipientField: 'to_wallet_id',
    hold: { id: 'hold', expiresAt: null, onExpiry: 'void' },
  };
  const settlement = (capturedAmount: bigint): MovementIntent => ({
    kind: 'hold_settlement',
    type: capturedAmount > 0n ? 'hold_capture' : 'hold_void',
    action: 'capture',
    holdId: 'hold',
    amount: 300n,
    capturedAmount,
    requestedAmount: null,
    fromWalletId: 'a',
    toWalletId: 'b',
    reportedWalletId: 'a',
  });

  it('holds money inside the payer wallet, from main to held, and checks the payee like a transfer', () => {
    const parties = checkParties(hold, walletsOf(wallet('a'), wallet('b')), anyone);
    expect(legsOf(hold, parties)).toEqual([
      { accountId: 'a-main', amount: -300n },
      { accountId: 'a-held', amount: 300n },
    ]);
    expect(() =>
      checkParties(hold, walletsOf(wallet('a'), wallet('b', { status: 'frozen' })), anyone),
    ).toThrow(expect.objectContaining({ code: 'wallet_frozen' }));
    expect(() => checkParties(hold, walletsOf(wallet('a')), anyone)).toThrow(
      expect.objectContaining({ code: 'recipient_not_found' }),
    );
  });

  it('pays a capture out of held through the payee savings plan, and the rest back to the payer main', () => {
    const payee = wallet('b', { savingsPlan: { kind: 'percentage', value: 1000n } });
    const parties = checkParties(settlement(200n), walletsOf(wallet('a'), payee), anyone);
    expect(legsOf(settlement(200n), parties)).toEqual([
      { accountId: 'a-held', amount: -300n },
      { accountId: 'b-main', amount: 180n },
      { accountId: 'b-savings', amount: 20n },
      { accountId: 'a-main', amount: 100n },
    ]);
  });

  it('gives a void all back to the payer main, past any savings plan of the payee', () => {
    const payee = wallet('b', { savingsPlan: { kind: 'flat', value: 500n } });
    const parties = checkParties(settlement(0n), walletsOf(wallet('a'), payee), anyone);
    expect(legsOf(settlement(0n), parties)).toEqual([
      { accountId: 'a-held', amount: -300n },
      { accountId: 'b-main', amount: 0n },
      { accountId: 'b-savings', amount: 0n },
      { accountId: 'a-main', amount: 300n },
    ]);
  });
});
