import { isLedgerRefusalCode, ledgerRefusalCodes } from '@moneypal/contracts';
import { type ErrorCode, isErrorCode } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { requestHashOf } from './idempotency.js';

describe('requestHashOf', () => {
  it('ignores key order, the actor and the key itself', () => {
    const first = requestHashOf('transfer', {
      actor: { user_id: 'a', role: 'user' },
      idempotency_key: 'k1',
      amount: 5,
      from_wallet_id: 'w',
      metadata: { b: '2', a: '1' },
    });
    const second = requestHashOf('transfer', {
      metadata: { a: '1', b: '2' },
      from_wallet_id: 'w',
      amount: 5,
      idempotency_key: 'k2',
      actor: { user_id: 'a', role: 'admin' },
    });
    expect(first).toBe(second);
  });

  it('differs for another amount, another field or another operation', () => {
    const base = { from_wallet_id: 'w', amount: 5 };
    const hash = requestHashOf('transfer', base);
    expect(requestHashOf('transfer', { ...base, amount: 6 })).not.toBe(hash);
    expect(requestHashOf('transfer', { ...base, description: 'x' })).not.toBe(hash);
    expect(requestHashOf('deposit', base)).not.toBe(hash);
  });

  it('treats an absent field and an undefined one alike', () => {
    expect(requestHashOf('transfer', { amount: 5, description: undefined })).toBe(
      requestHashOf('transfer', { amount: 5 }),
    );
  });
});

describe('ledgerRefusalCodes', () => {
  it('names only error codes the kit knows', () => {
    const codes: readonly ErrorCode[] = ledgerRefusalCodes;
    expect(codes.filter((code) => !isErrorCode(code))).toEqual([]);
  });

  it('stores state refusals with the key and leaves request and transient errors out', () => {
    expect(isLedgerRefusalCode('insufficient_funds')).toBe(true);
    expect(isLedgerRefusalCode('forbidden')).toBe(false);
    expect(isLedgerRefusalCode('unavailable')).toBe(false);
    expect(isLedgerRefusalCode('idempotency_in_flight')).toBe(false);
  });
});
