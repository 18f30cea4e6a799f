import { randomUUID } from 'node:crypto';
import type { Payment } from '@moneypal/contracts';
import { newId } from '@moneypal/kit';

/**
 * A payment as payments describes one: by default just created (awaiting the payer's
 * approval at PayPal) for 10.00 USD, at `now`; `overrides` give the payer, the state and the rest.
 */
export function paymentOf(overrides: Partial<Payment> = {}, now = new Date()): Payment {
  const id = overrides.id ?? newId();
  const at = now.toISOString();
  return {
    id,
    payer_id: randomUUID(),
    wallet_id: randomUUID(),
    paid_to: null,
    amount: 1_000,
    currency: 'USD',
    description: null,
    status: 'created',
    failure_reason: null,
    approve_url: `http://127.0.0.1/sandbox/approve/${id}`,
    paypal_order_id: `ORDER-${id}`,
    paypal_capture_id: null,
    sandbox: true,
    created_at: at,
    updated_at: at,
    captured_at: null,
    refunded_at: null,
    refunded_amount: 0,
    refunds: [],
    metadata: {},
    ...overrides,
  };
}
