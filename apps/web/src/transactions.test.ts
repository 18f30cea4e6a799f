import { describe, expect, it } from 'vitest';
import type { Transfer } from './api/types';
import { activityRowsOf } from './transactions';

const mine = '0190a4c1-0000-7000-8000-0000000000a1';
const providers = '0190a4c1-0000-7000-8000-0000000000b1';
const paymentId = '0190a4c1-0000-7000-8000-0000000000c1';

function transfer(id: string, fields: Partial<Transfer>): Transfer {
  return {
    id: `0190a4c1-0000-7000-8000-0000000000${id}`,
    type: 'transfer',
    status: 'posted',
    amount: 30_000,
    currency: 'USD',
    description: null,
    metadata: {},
    from_wallet_id: null,
    to_wallet_id: null,
    initiator_id: null,
    created_at: '2026-01-15T10:00:00Z',
    ...fields,
  };
}

const funding = transfer('d1', {
  type: 'deposit',
  to_wallet_id: mine,
  description: 'paypal:PP856EUVR2OHM790Z',
  metadata: { payment: paymentId, source: 'paypal-clearing' },
});
const payment = transfer('d2', {
  type: 'payment',
  from_wallet_id: mine,
  to_wallet_id: providers,
  description: 'Piano lesson',
  metadata: { payment: paymentId },
});
const topUp = transfer('d3', {
  type: 'deposit',
  amount: 10_000,
  to_wallet_id: mine,
  metadata: { payment: '0190a4c1-0000-7000-8000-0000000000c2', source: 'paypal-clearing' },
});
const wallets = new Set([mine]);
const kinds = (rows: ReturnType<typeof activityRowsOf>) => rows.map((row) => [row.kind, row.transfer.id]);

describe('activityRowsOf', () => {
  it('makes one row, where the payment stands, of a provider payment made through PayPal', () => {
    const rows = activityRowsOf([payment, funding, topUp], wallets);
    expect(kinds(rows)).toEqual([
      ['paypal-payment', payment.id],
      ['transfer', topUp.id],
    ]);
    expect(rows[0]).toMatchObject({ funding: { id: funding.id } });
    expect(rows[1]).toMatchObject({ direction: 'in' });
  });

  it('leaves PayPal’s credit alone when its payment is not in the list, or is another movement', () => {
    expect(kinds(activityRowsOf([funding, topUp], wallets))).toEqual([
      ['transfer', funding.id],
      ['transfer', topUp.id],
    ]);
    const refund = { ...payment, id: transfer('d4', {}).id, metadata: { payment: paymentId, refund: 'r1' } };
    const otherAmount = { ...payment, id: transfer('d5', {}).id, amount: 29_999 };
    const fromElsewhere = { ...payment, id: transfer('d6', {}).id, from_wallet_id: providers };
    for (const other of [refund, otherAmount, fromElsewhere]) {
      expect(kinds(activityRowsOf([other, funding], wallets))).toEqual([
        ['transfer', other.id],
        ['transfer', funding.id],
      ]);
    }
    // A credit that did not come through PayPal's clearing is never joined to a payment.
    const backOffice = { ...funding, metadata: { payment: paymentId } };
    expect(kinds(activityRowsOf([payment, backOffice], wallets))).toEqual([
      ['transfer', payment.id],
      ['transfer', backOffice.id],
    ]);
  });
});
