import { describe, expect, it } from 'vitest';
import type { Transfer } from './api/types';
import { returnDayError } from './screens/pay.screen';
import { shortReferenceOf } from './screens/transaction.screen';
import { directionOf, noteOf, shownAmountOf, transactionLabel } from './transactions';

const mine = 'wallet-mine';
const theirs = 'wallet-theirs';
const myWallets = new Set([mine]);

function transferOf(fields: Partial<Transfer>): Transfer {
  return {
    id: '0190d1f3-0a4b-7c2d-8e00-1a2b3c4d5e6f',
    type: 'transfer',
    status: 'posted',
    amount: 1200,
    currency: 'USD',
    description: null,
    metadata: {},
    from_wallet_id: mine,
    to_wallet_id: theirs,
    initiator_id: null,
    created_at: '2026-12-07T10:00:00Z',
    ...fields,
  };
}

describe('transactionLabel and noteOf', () => {
  it('calls a PayPal top-up so and hides its PayPal capture reference', () => {
    const topUp = transferOf({
      type: 'deposit',
      from_wallet_id: null,
      to_wallet_id: mine,
      description: 'paypal:PP856EUVR2OHM790Z',
      metadata: { source: 'paypal-clearing', reference: 'paypal:PP856EUVR2OHM790Z', payment: 'p-1' },
    });
    expect(transactionLabel(topUp, directionOf(topUp, myWallets))).toBe('Top-up through PayPal');
    expect(noteOf(topUp)).toBeNull();
  });

  it('keeps the reference the back office gave a deposit as its note', () => {
    const deposit = transferOf({
      type: 'deposit',
      from_wallet_id: null,
      to_wallet_id: mine,
      description: 'bank wire',
      metadata: { source: 'back-office', reference: 'bank wire' },
    });
    expect(transactionLabel(deposit, 'in')).toBe('Money added');
    expect(noteOf(deposit)).toBe('bank wire');
  });

  it('calls a payout a cash out to PayPal without its payout id, and its return money back', () => {
    const payout = transferOf({
      type: 'withdrawal',
      to_wallet_id: null,
      description: 'payout 0192f0d0-5b1a-7e2c-8d3f-4a5b6c7d8e9f',
      metadata: { destination: 'payouts-clearing', reference: 'payout 0192f0d0-5b1a-7e2c-8d3f-4a5b6c7d8e9f' },
    });
    expect(transactionLabel(payout, 'out')).toBe('Cash out to PayPal');
    expect(noteOf(payout)).toBeNull();
    const givenBack = transferOf({ type: 'reversal', from_wallet_id: null, to_wallet_id: mine });
    expect(transactionLabel(givenBack, directionOf(givenBack, myWallets))).toBe('Money back');
  });

  it('shows the reason support gave for paying out a released balance', () => {
    const release = transferOf({
      type: 'withdrawal',
      to_wallet_id: null,
      description: `release of wallet ${mine}`,
      metadata: { destination: 'back-office', released_by: 'admin-1', release_reason: 'Paid to the heir' },
    });
    expect(transactionLabel(release, 'out')).toBe('Balance paid out by support');
    expect(noteOf(release)).toBe('Paid to the heir');
  });

  it('names escrow movements from each side', () => {
    const hold = transferOf({ type: 'hold', hold_id: 'hold-1' });
    expect(transactionLabel(hold, 'out')).toBe('Payment held in escrow');
    expect(transactionLabel(hold, 'in')).toBe('Payment held for you');
    expect(transactionLabel(transferOf({ type: 'hold_capture' }), 'in')).toBe('Escrow released to you');
    expect(transactionLabel(transferOf({ type: 'hold_void' }), 'out')).toBe('Escrow returned');
  });
});

describe('shownAmountOf', () => {
  it('signs money sent and received', () => {
    expect(shownAmountOf(transferOf({}), 'out')).toEqual({ amountMinor: -1200n, tone: 'out' });
    expect(shownAmountOf(transferOf({}), 'in')).toEqual({ amountMinor: 1200n, tone: 'in' });
    expect(shownAmountOf(transferOf({}), 'within')).toEqual({ amountMinor: 1200n, tone: 'within' });
  });

  it('counts a hold out of the payer’s balance but not into the payee’s, and a return back into the payer’s', () => {
    expect(shownAmountOf(transferOf({ type: 'hold' }), 'out')).toEqual({ amountMinor: -1200n, tone: 'out' });
    expect(shownAmountOf(transferOf({ type: 'hold' }), 'in')).toEqual({ amountMinor: 1200n, tone: 'within' });
    expect(shownAmountOf(transferOf({ type: 'hold_void' }), 'out')).toEqual({
      amountMinor: 1200n,
      tone: 'in',
    });
    expect(shownAmountOf(transferOf({ type: 'hold_void' }), 'in')).toEqual({
      amountMinor: 1200n,
      tone: 'within',
    });
  });

  it('leaves a release unsigned: a list row cannot tell how much of it each side got', () => {
    expect(shownAmountOf(transferOf({ type: 'hold_capture' }), 'out').tone).toBe('within');
    expect(shownAmountOf(transferOf({ type: 'hold_capture' }), 'in').tone).toBe('within');
  });
});

describe('shortReferenceOf', () => {
  it('keeps the random end of an id, in capitals', () => {
    expect(shortReferenceOf('0190d1f3-0a4b-7c2d-8e00-1a2b3c4d5e6f')).toBe('3C4D5E6F');
  });
});

describe('returnDayError', () => {
  const now = new Date(2026, 11, 7, 12, 0);

  it('takes no day, or a day after today', () => {
    expect(returnDayError('', now)).toBeUndefined();
    expect(returnDayError('2026-12-08', now)).toBeUndefined();
  });

  it('refuses today, a past day and what is not a date', () => {
    expect(returnDayError('2026-12-07', now)).toBe('Choose a day after today.');
    expect(returnDayError('2025-01-01', now)).toBe('Choose a day after today.');
    expect(returnDayError('2026-02-30', now)).toBe('Enter a date, such as 2027-01-15.');
    expect(returnDayError('tomorrow', now)).toBe('Enter a date, such as 2027-01-15.');
  });
});
