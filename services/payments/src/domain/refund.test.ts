import { describe, expect, it } from 'vitest';
import { refundAmountOf, refundStatusOfPayPal, statusAfterRefunds } from './refund.js';

describe('refundAmountOf', () => {
  const completed = (amount: bigint) => ({ amount, status: 'completed' as const });

  it('refunds all that is left when no amount is asked', () => {
    expect(refundAmountOf(1000n, [], null)).toEqual({ amountMinor: 1000n });
    expect(refundAmountOf(1000n, [completed(300n), { amount: 200n, status: 'pending' }], null)).toEqual({
      amountMinor: 500n,
    });
  });

  it('counts requested and pending refunds as taken, and failed ones as given back', () => {
    const refunds = [
      { amount: 300n, status: 'requested' as const },
      { amount: 900n, status: 'failed' as const },
    ];
    expect(refundAmountOf(1000n, refunds, 700n)).toEqual({ amountMinor: 700n });
    expect(refundAmountOf(1000n, refunds, 701n)).toEqual({ refusal: 'above_what_is_left', leftMinor: 700n });
  });

  it('refuses any refund once all is refunded or reserved', () => {
    expect(refundAmountOf(1000n, [completed(1000n)], null)).toEqual({
      refusal: 'nothing_left',
      leftMinor: 0n,
    });
    expect(refundAmountOf(1000n, [completed(400n), completed(600n)], 1n)).toEqual({
      refusal: 'nothing_left',
      leftMinor: 0n,
    });
  });
});

describe('statusAfterRefunds', () => {
  it('is partially refunded until the refunds sum to the amount', () => {
    expect(statusAfterRefunds(1000n, 1n)).toBe('partially_refunded');
    expect(statusAfterRefunds(1000n, 999n)).toBe('partially_refunded');
    expect(statusAfterRefunds(1000n, 1000n)).toBe('refunded');
  });
});

describe('refundStatusOfPayPal', () => {
  it('maps PayPal’s refund statuses, and none it does not know', () => {
    expect(refundStatusOfPayPal('COMPLETED')).toBe('completed');
    expect(refundStatusOfPayPal('PENDING')).toBe('pending');
    expect(refundStatusOfPayPal('FAILED')).toBe('failed');
    expect(refundStatusOfPayPal('CANCELLED')).toBe('failed');
    expect(refundStatusOfPayPal('SOMETHING_NEW')).toBeNull();
  });
});
