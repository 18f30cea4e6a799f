import { describe, expect, it } from 'vitest';
import { payoutChangeOf } from './payout.js';

describe('payoutChangeOf', () => {
  it('pays, fails, blocks and returns an open payout', () => {
    expect(payoutChangeOf('processing', 'SUCCESS')).toEqual({ status: 'succeeded' });
    expect(payoutChangeOf('pending', 'FAILED')).toEqual({ status: 'failed', reason: 'failed' });
    expect(payoutChangeOf('processing', 'BLOCKED')).toEqual({ status: 'failed', reason: 'blocked' });
    expect(payoutChangeOf('unclaimed', 'RETURNED')).toEqual({ status: 'returned', reason: 'returned' });
    expect(payoutChangeOf('unclaimed', 'SUCCESS')).toEqual({ status: 'succeeded' });
  });

  it('keeps an unclaimed payout open, and a sent one processing while PayPal has not decided', () => {
    expect(payoutChangeOf('processing', 'UNCLAIMED')).toEqual({ status: 'unclaimed' });
    expect(payoutChangeOf('unclaimed', 'UNCLAIMED')).toBeNull();
    expect(payoutChangeOf('pending', 'PENDING')).toEqual({ status: 'processing' });
    expect(payoutChangeOf('processing', 'ONHOLD')).toBeNull();
    expect(payoutChangeOf('processing', 'SOMETHING_NEW')).toBeNull();
  });

  it('never changes a final payout, whatever comes late', () => {
    expect(payoutChangeOf('succeeded', 'UNCLAIMED')).toBeNull();
    expect(payoutChangeOf('succeeded', 'FAILED')).toBeNull();
    expect(payoutChangeOf('failed', 'SUCCESS')).toBeNull();
    expect(payoutChangeOf('returned', 'SUCCESS')).toBeNull();
  });
});
