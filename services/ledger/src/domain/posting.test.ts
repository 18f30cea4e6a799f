import { describe, expect, it } from 'vitest';
import { type LockedAccount, planEntries, postingTimeOf } from './posting.js';

let sequence = 0;
const newId = () => `entry-${++sequence}`;

function accountsOf(...accounts: LockedAccount[]): Map<string, LockedAccount> {
  return new Map(accounts.map((account) => [account.id, account]));
}

const account = (id: string, balance: bigint, kind: LockedAccount['kind'] = 'main'): LockedAccount => ({
  id,
  walletId: kind === 'system' ? null : `wallet-of-${id}`,
  kind,
  currency: 'USD',
  balance,
  lastEntryAt: null,
});

describe('planEntries', () => {
  it('gives each entry the balance after it and drops zero legs', () => {
    const entries = planEntries(
      accountsOf(account('a', 500n), account('b', 10n), account('s', 0n, 'savings')),
      [
        { accountId: 'a', amount: -300n },
        { accountId: 'b', amount: 300n },
        { accountId: 's', amount: 0n },
      ],
      newId,
    );
    expect(entries.map(({ accountId, amount, balanceAfter }) => [accountId, amount, balanceAfter])).toEqual([
      ['a', -300n, 200n],
      ['b', 300n, 310n],
    ]);
  });

  it('refuses to take a user account below zero, and allows exactly zero', () => {
    const accounts = accountsOf(account('a', 299n), account('b', 0n));
    expect(() =>
      planEntries(
        accounts,
        [
          { accountId: 'a', amount: -300n },
          { accountId: 'b', amount: 300n },
        ],
        newId,
      ),
    ).toThrow(expect.objectContaining({ code: 'insufficient_funds' }));
    const exact = planEntries(
      accountsOf(account('a', 300n), account('b', 0n)),
      [
        { accountId: 'a', amount: -300n },
        { accountId: 'b', amount: 300n },
      ],
      newId,
    );
    expect(exact[0]!.balanceAfter).toBe(0n);
  });

  it('lets a system account go negative', () => {
    const entries = planEntries(
      accountsOf(account('clearing', 0n, 'system'), account('b', 0n)),
      [
        { accountId: 'clearing', amount: -1000n },
        { accountId: 'b', amount: 1000n },
      ],
      newId,
    );
    expect(entries[0]!.balanceAfter).toBe(-1000n);
  });

  it('refuses a balance beyond 2^53-1', () => {
    expect(() =>
      planEntries(
        accountsOf(account('clearing', 0n, 'system'), account('b', 2n ** 53n - 1n)),
        [
          { accountId: 'clearing', amount: -1n },
          { accountId: 'b', amount: 1n },
        ],
        newId,
      ),
    ).toThrow(expect.objectContaining({ code: 'limit_exceeded' }));
  });

  it('treats legs that do not sum to zero, or unlocked accounts, as bugs', () => {
    const accounts = accountsOf(account('a', 500n), account('b', 0n));
    expect(() =>
      planEntries(
        accounts,
        [
          { accountId: 'a', amount: -300n },
          { accountId: 'b', amount: 299n },
        ],
        newId,
      ),
    ).toThrow(/sum to zero/);
    expect(() =>
      planEntries(
        accounts,
        [
          { accountId: 'a', amount: -1n },
          { accountId: 'z', amount: 1n },
        ],
        newId,
      ),
    ).toThrow(/not locked/);
  });

  it('refuses to mix currencies, as a bug', () => {
    const euro = { ...account('e', 0n), currency: 'EUR' };
    expect(() =>
      planEntries(
        accountsOf(account('a', 500n), euro),
        [
          { accountId: 'a', amount: -1n },
          { accountId: 'e', amount: 1n },
        ],
        newId,
      ),
    ).toThrow(/mixes/);
  });
});

describe('postingTimeOf', () => {
  const now = new Date('2030-01-01T12:00:00.000Z');

  it('is now when no account has a later entry', () => {
    expect(postingTimeOf(now, [account('a', 0n), { ...account('b', 0n), lastEntryAt: new Date(0) }])).toEqual(
      now,
    );
  });

  it('never goes back before the last entry of an account it touches', () => {
    const later = new Date('2030-01-01T12:00:01.000Z');
    expect(postingTimeOf(now, [account('a', 0n), { ...account('b', 0n), lastEntryAt: later }])).toEqual(
      later,
    );
  });
});
