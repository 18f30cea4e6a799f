import type { Transfer } from '@moneypal/contracts';
import { describe, expect, it } from 'vitest';
import {
  buildReportSummary,
  dayCountOf,
  daysOf,
  instantsOf,
  type MovementSum,
  movementsOf,
  movementsOfCapturedHold,
} from './report.js';

describe('days of a range', () => {
  it('lists every day, both ends included, across a month, a leap day and a year', () => {
    expect(daysOf('2028-02-27', '2028-03-01')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(daysOf('2029-12-31', '2030-01-01')).toEqual(['2029-12-31', '2030-01-01']);
    expect(daysOf('2030-01-05', '2030-01-05')).toEqual(['2030-01-05']);
    expect(dayCountOf('2028-01-01', '2028-12-31')).toBe(366);
    expect(dayCountOf('2029-01-01', '2029-12-31')).toBe(365);
  });

  it('covers the instants from the first day’s midnight to the midnight after the last (UTC)', () => {
    expect(instantsOf('2030-01-01', '2030-01-02')).toEqual({
      start: new Date('2030-01-01T00:00:00.000Z'),
      end: new Date('2030-01-03T00:00:00.000Z'),
    });
  });
});

const alice = '0190a8f0-0000-7000-8000-00000000000a';
const bob = '0190a8f0-0000-7000-8000-00000000000b';

function transfer(type: Transfer['type'], createdAt = '2030-01-01T23:59:59.999Z'): Transfer {
  return {
    id: '0190a8f0-0000-7000-8000-000000000001',
    type,
    status: 'posted',
    amount: 700,
    currency: 'EUR',
    description: null,
    metadata: {},
    from_wallet_id: null,
    to_wallet_id: null,
    initiator_id: null,
    created_at: createdAt,
  };
}

describe('movementsOf', () => {
  it('counts a payment and a transfer for both users, on the UTC day it was posted', () => {
    const sides = movementsOf({ transfer: transfer('payment'), from_owner_id: alice, to_owner_id: bob });
    expect(sides).toEqual([
      expect.objectContaining({
        userId: alice,
        direction: 'out',
        kind: 'payment',
        day: '2030-01-01',
        amount: 700n,
      }),
      expect.objectContaining({ userId: bob, direction: 'in', kind: 'payment', currency: 'EUR' }),
    ]);
    const late = movementsOf({
      transfer: transfer('transfer', '2030-01-02T00:30:00+02:00'),
      from_owner_id: alice,
      to_owner_id: bob,
    });
    expect(late.map((side) => [side.kind, side.direction, side.day])).toEqual([
      ['transfer', 'out', '2030-01-01'],
      ['transfer', 'in', '2030-01-01'],
    ]);
  });

  it('counts a deposit for its receiver only', () => {
    expect(movementsOf({ transfer: transfer('deposit'), from_owner_id: null, to_owner_id: bob })).toEqual([
      expect.objectContaining({ userId: bob, direction: 'in', kind: 'deposit' }),
    ]);
  });

  it("skips money between one user's own wallets, withdrawals and savings moves", () => {
    expect(movementsOf({ transfer: transfer('transfer'), from_owner_id: alice, to_owner_id: alice })).toEqual(
      [],
    );
    expect(
      movementsOf({ transfer: transfer('withdrawal'), from_owner_id: alice, to_owner_id: null }),
    ).toEqual([]);
    expect(movementsOf({ transfer: transfer('savings'), from_owner_id: alice, to_owner_id: alice })).toEqual(
      [],
    );
  });
});

describe('movementsOfCapturedHold', () => {
  const hold = {
    payer_id: '0190a8f0-0000-7000-8000-000000000001',
    payee_id: '0190a8f0-0000-7000-8000-000000000002',
    currency: 'USD',
    captured_amount: 900,
    settlement_transfer_id: '0190a8f0-0000-7000-8000-000000000003',
    settled_at: '2030-01-02T23:59:59.999Z',
  };

  it('counts what was captured for both users, under the settlement, on the UTC day it settled', () => {
    const common = {
      transferId: hold.settlement_transfer_id,
      kind: 'payment',
      currency: 'USD',
      day: '2030-01-02',
      amount: 900n,
    };
    expect(movementsOfCapturedHold(hold, 'payment')).toEqual([
      { ...common, userId: hold.payer_id, direction: 'out' },
      { ...common, userId: hold.payee_id, direction: 'in' },
    ]);
    expect(movementsOfCapturedHold(hold, 'transfer').map((movement) => movement.kind)).toEqual([
      'transfer',
      'transfer',
    ]);
  });

  it('counts nothing when nothing was captured, nothing settled, or the payer is the payee', () => {
    expect(movementsOfCapturedHold({ ...hold, captured_amount: 0 }, 'payment')).toEqual([]);
    expect(
      movementsOfCapturedHold({ ...hold, settlement_transfer_id: null, settled_at: null }, 'payment'),
    ).toEqual([]);
    expect(movementsOfCapturedHold({ ...hold, payee_id: hold.payer_id }, 'payment')).toEqual([]);
  });
});

describe('buildReportSummary', () => {
  const sum = (overrides: Partial<MovementSum>): MovementSum => ({
    currency: 'USD',
    day: null,
    kind: 'payment',
    direction: 'out',
    count: 1n,
    amount: 100n,
    ...overrides,
  });

  it('has a zero point for every day without activity and a section per currency, in order', () => {
    const report = buildReportSummary(
      { from: '2030-01-01', to: '2030-01-03' },
      [
        sum({ currency: 'USD', day: '2030-01-02', count: 2n, amount: 300n }),
        sum({ currency: 'USD', count: 2n, amount: 300n }),
        sum({ currency: 'EUR', kind: 'deposit', direction: 'in', day: '2030-01-01', amount: 50n }),
        sum({ currency: 'EUR', kind: 'deposit', direction: 'in', amount: 50n }),
      ],
      [{ currency: 'USD', role: 'payer', count: 2n, amount: 300n }],
    );
    expect(report.currencies.map((section) => section.currency)).toEqual(['EUR', 'USD']);
    const usd = report.currencies[1]!;
    expect(usd.totals.payments_made).toEqual({ count: 2, amount: 300 });
    expect(usd.totals.invoices_paid).toEqual({ count: 2, amount: 300 });
    expect(usd.totals.invoices_received).toEqual({ count: 0, amount: 0 });
    expect(usd.daily.map((point) => [point.date, point.payments_made.amount])).toEqual([
      ['2030-01-01', 0],
      ['2030-01-02', 300],
      ['2030-01-03', 0],
    ]);
    expect(report.currencies[0]!.daily[0]!.deposits).toEqual({ count: 1, amount: 50 });
    expect(report.currencies[0]!.totals.payments_made).toEqual({ count: 0, amount: 0 });
  });

  it('answers no section at all for a user without activity', () => {
    expect(buildReportSummary({ from: '2030-01-01', to: '2030-01-02' }, [], [])).toEqual({
      from: '2030-01-01',
      to: '2030-01-02',
      currencies: [],
    });
  });

  it('fails loudly on a sum a JSON number cannot carry exactly', () => {
    expect(() =>
      buildReportSummary({ from: '2030-01-01', to: '2030-01-01' }, [sum({ amount: 2n ** 53n })], []),
    ).toThrow(/beyond 2\^53-1/);
  });
});
