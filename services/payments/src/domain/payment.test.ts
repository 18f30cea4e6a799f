import { describe, expect, it } from 'vitest';
import { createPaymentRecord, toPublicPayment } from './payment.js';

const id = '01900000-0000-7000-8000-000000000001';

describe('toPublicPayment', () => {
  it('answers a new payment as created, without an order, amount as a number', () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const record = createPaymentRecord(
      {
        id,
        payerId: '01900000-0000-7000-8000-000000000002',
        walletId: '01900000-0000-7000-8000-000000000003',
        paidTo: null,
        amount: 1050n,
        currency: 'USD',
        description: null,
        metadata: { order_id: 'A-1042' },
        idempotencyKey: 'k',
        requestHash: 'h',
        sandbox: true,
        orderLeaseUntil: new Date(now.getTime() + 1000),
      },
      now,
    );
    expect(toPublicPayment(record, [])).toEqual({
      id,
      payer_id: record.payer_id,
      wallet_id: record.wallet_id,
      paid_to: null,
      amount: 1050,
      currency: 'USD',
      description: null,
      status: 'created',
      failure_reason: null,
      approve_url: null,
      paypal_order_id: null,
      paypal_capture_id: null,
      sandbox: true,
      created_at: '2030-01-01T00:00:00.000Z',
      updated_at: '2030-01-01T00:00:00.000Z',
      captured_at: null,
      refunded_at: null,
      refunded_amount: 0,
      refunds: [],
      metadata: { order_id: 'A-1042' },
    });
  });
});
