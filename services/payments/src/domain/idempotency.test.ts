import { describe, expect, it } from 'vitest';
import { requestHashOf } from './idempotency.js';

describe('requestHashOf', () => {
  it('ignores key order, the actor and the key itself', () => {
    const first = requestHashOf({
      actor: { user_id: 'a', role: 'user' },
      idempotency_key: 'k1',
      amount: 5,
      currency: 'USD',
      wallet_id: 'w',
    });
    const second = requestHashOf({
      wallet_id: 'w',
      currency: 'USD',
      amount: 5,
      idempotency_key: 'k2',
      actor: { user_id: 'a', role: 'admin' },
    });
    expect(first).toBe(second);
  });

  it('differs for another amount, payee or description', () => {
    const base = { amount: 5, currency: 'USD', wallet_id: 'w' };
    const hash = requestHashOf(base);
    expect(requestHashOf({ ...base, amount: 6 })).not.toBe(hash);
    expect(requestHashOf({ ...base, paid_to: 'bob' })).not.toBe(hash);
    expect(requestHashOf({ ...base, description: 'x' })).not.toBe(hash);
  });

  it('treats an absent field and an undefined one alike', () => {
    expect(requestHashOf({ amount: 5, paid_to: undefined })).toBe(requestHashOf({ amount: 5 }));
  });
});
