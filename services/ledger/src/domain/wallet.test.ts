import { describe, expect, it } from 'vitest';
import { decideStatusChange, type WalletBalances, type WalletStatus } from './wallet.js';

const empty: WalletBalances = { main: 0n, savings: 0n, held: 0n };
const wallet = (status: WalletStatus, balances: WalletBalances = empty, ownerDeleted = false) => ({
  status,
  balances,
  ownerDeleted,
});

describe('decideStatusChange', () => {
  it('changes nothing when the wallet has the status asked for, whatever else holds', () => {
    expect(decideStatusChange(wallet('active'), 'active')).toBe(false);
    expect(decideStatusChange(wallet('frozen', { main: 5n, savings: 0n, held: 0n }, true), 'frozen')).toBe(
      false,
    );
    expect(decideStatusChange(wallet('closed', empty, true), 'closed')).toBe(false);
  });

  it('freezes and unfreezes a wallet with money in it', () => {
    const balances = { main: 10n, savings: 3n, held: 2n };
    expect(decideStatusChange(wallet('active', balances), 'frozen')).toBe(true);
    expect(decideStatusChange(wallet('frozen', balances), 'active')).toBe(true);
  });

  it('closes a wallet only when its main, savings and held balances are zero', () => {
    expect(decideStatusChange(wallet('active'), 'closed')).toBe(true);
    expect(decideStatusChange(wallet('frozen', empty, true), 'closed')).toBe(true);
    for (const balances of [
      { main: 1n, savings: 0n, held: 0n },
      { main: 0n, savings: 1n, held: 0n },
      { main: 0n, savings: 0n, held: 1n },
    ]) {
      expect(() => decideStatusChange(wallet('active', balances), 'closed')).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
    }
  });

  it('never reopens a closed wallet', () => {
    for (const to of ['active', 'frozen'] as const) {
      expect(() => decideStatusChange(wallet('closed'), to)).toThrow(
        expect.objectContaining({ code: 'conflict' }),
      );
    }
  });

  it("never makes a deleted owner's wallet active, but may freeze it", () => {
    expect(() => decideStatusChange(wallet('frozen', empty, true), 'active')).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(decideStatusChange(wallet('active', empty, true), 'frozen')).toBe(true);
  });
});
