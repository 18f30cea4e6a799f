import { ledgerError } from '../errors.js';

/** A wallet type's limits for one transaction type; null is no limit. */
export interface TransactionLimits {
  minAmount: bigint | null;
  maxAmount: bigint | null;
  dailyTotal: bigint | null;
  dailyCount: number | null;
}

/** What a wallet has used of one transaction type on one UTC day. */
export interface DailyUsage {
  total: bigint;
  count: number;
}

export const noUsage: DailyUsage = { total: 0n, count: 0 };

export function hasDailyLimits(limits: TransactionLimits | null): boolean {
  return limits !== null && (limits.dailyTotal !== null || limits.dailyCount !== null);
}

/** The UTC day of an instant, as the `daily_usage` table keys it: `YYYY-MM-DD`. */
export function utcDayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Refuses an amount that breaks a limit, naming the limit. The usage must have been read
 * under a lock that stays held until the new usage is written, or two transfers could
 * each see room for themselves and together pass the daily limit.
 */
export function checkLimits(amountMinor: bigint, limits: TransactionLimits | null, usage: DailyUsage): void {
  if (limits === null) return;
  const refuse = (limit: string, value: bigint | number, message: string) => {
    throw ledgerError('limit_exceeded', message, { limit, value: Number(value) });
  };
  if (limits.minAmount !== null && amountMinor < limits.minAmount) {
    refuse(
      'min_amount',
      limits.minAmount,
      `The amount is below the minimum of ${limits.minAmount} minor units for this wallet type: send at least that much.`,
    );
  }
  if (limits.maxAmount !== null && amountMinor > limits.maxAmount) {
    refuse(
      'max_amount',
      limits.maxAmount,
      `The amount is above the maximum of ${limits.maxAmount} minor units for this wallet type: send less, or split it.`,
    );
  }
  if (limits.dailyTotal !== null && usage.total + amountMinor > limits.dailyTotal) {
    refuse(
      'daily_total',
      limits.dailyTotal,
      `The daily total of ${limits.dailyTotal} minor units for this wallet type would be passed: send less, or wait until tomorrow (UTC).`,
    );
  }
  if (limits.dailyCount !== null && usage.count + 1 > limits.dailyCount) {
    refuse(
      'daily_count',
      limits.dailyCount,
      `The daily count of ${limits.dailyCount} for this wallet type is reached: wait until tomorrow (UTC).`,
    );
  }
}
