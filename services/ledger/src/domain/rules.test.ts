import { describe, expect, it } from 'vitest';
import { checkLimits, hasDailyLimits, noUsage, type TransactionLimits, utcDayOf } from './rules.js';

const none: TransactionLimits = { minAmount: null, maxAmount: null, dailyTotal: null, dailyCount: null };

function refusalOf(action: () => void): { code: string; details?: unknown } {
  try {
    action();
  } catch (error) {
    return error as { code: string; details?: unknown };
  }
  throw new Error('expected a refusal');
}

describe('checkLimits', () => {
  it('lets anything through without a rule or with an empty one', () => {
    expect(() => checkLimits(10n ** 15n, null, noUsage)).not.toThrow();
    expect(() => checkLimits(10n ** 15n, none, { total: 10n ** 15n, count: 10_000 })).not.toThrow();
  });

  it('refuses below the minimum and accepts the minimum itself', () => {
    const limits = { ...none, minAmount: 100n };
    expect(refusalOf(() => checkLimits(99n, limits, noUsage))).toMatchObject({
      code: 'limit_exceeded',
      details: { limit: 'min_amount', value: 100 },
    });
    expect(() => checkLimits(100n, limits, noUsage)).not.toThrow();
  });

  it('refuses above the maximum and accepts the maximum itself', () => {
    const limits = { ...none, maxAmount: 500n };
    expect(refusalOf(() => checkLimits(501n, limits, noUsage))).toMatchObject({
      details: { limit: 'max_amount' },
    });
    expect(() => checkLimits(500n, limits, noUsage)).not.toThrow();
  });

  it('refuses what would pass the daily total, counting what was used today', () => {
    const limits = { ...none, dailyTotal: 1000n };
    expect(() => checkLimits(400n, limits, { total: 600n, count: 3 })).not.toThrow();
    expect(refusalOf(() => checkLimits(401n, limits, { total: 600n, count: 3 }))).toMatchObject({
      details: { limit: 'daily_total' },
    });
  });

  it('refuses the transaction after the daily count is reached', () => {
    const limits = { ...none, dailyCount: 3 };
    expect(() => checkLimits(1n, limits, { total: 2n, count: 2 })).not.toThrow();
    expect(refusalOf(() => checkLimits(1n, limits, { total: 3n, count: 3 }))).toMatchObject({
      details: { limit: 'daily_count', value: 3 },
    });
  });

  it('knows when a rule needs the daily usage', () => {
    expect(hasDailyLimits(null)).toBe(false);
    expect(hasDailyLimits({ ...none, minAmount: 1n, maxAmount: 5n })).toBe(false);
    expect(hasDailyLimits({ ...none, dailyCount: 1 })).toBe(true);
    expect(hasDailyLimits({ ...none, dailyTotal: 1n })).toBe(true);
  });
});

describe('utcDayOf', () => {
  it('is the UTC calendar day, whatever the local time zone', () => {
    expect(utcDayOf(new Date('2030-03-01T23:59:59.999Z'))).toBe('2030-03-01');
    expect(utcDayOf(new Date('2030-03-02T00:00:00.000+02:00'))).toBe('2030-03-01');
  });
});
