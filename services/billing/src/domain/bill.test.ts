import { describe, expect, it } from 'vitest';
import { billHoldKeyOf, billRequestHashOf, billTransferKeyOf } from './bill.js';

describe('billRequestHashOf', () => {
  const bill = { to_user: 'bob', amount: 500, description: 'lessons' };

  it('is the same for the same body, whatever else the request carries', () => {
    expect(billRequestHashOf({ ...bill })).toBe(
      billRequestHashOf({ description: 'lessons', amount: 500, to_user: 'bob' }),
    );
    expect(billRequestHashOf({ ...bill, wallet_id: undefined })).toBe(billRequestHashOf(bill));
    const withActor = { ...bill, actor: { user_id: 'x', role: 'user' }, idempotency_key: 'k' };
    expect(billRequestHashOf(withActor)).toBe(billRequestHashOf(bill));
  });

  it('differs for another provider, amount, wallet or description', () => {
    const hash = billRequestHashOf(bill);
    expect(billRequestHashOf({ ...bill, to_user: 'carol' })).not.toBe(hash);
    expect(billRequestHashOf({ ...bill, amount: 501 })).not.toBe(hash);
    expect(billRequestHashOf({ ...bill, wallet_id: '0190a8f0-0000-7000-8000-000000000001' })).not.toBe(hash);
    expect(billRequestHashOf({ ...bill, description: undefined })).not.toBe(hash);
  });

  it('differs with escrow and with its expiry, and is unchanged by escrow left out or false', () => {
    const hash = billRequestHashOf(bill);
    expect(billRequestHashOf({ ...bill, escrow: false })).toBe(hash);
    const escrow = billRequestHashOf({ ...bill, escrow: true });
    expect(escrow).not.toBe(hash);
    expect(billRequestHashOf({ ...bill, escrow: true, on_expiry: 'void' })).toBe(escrow);
    expect(billRequestHashOf({ ...bill, escrow: true, on_expiry: 'capture' })).not.toBe(escrow);
    expect(billRequestHashOf({ ...bill, escrow: true, expires_at: '2031-01-01T00:00:00Z' })).not.toBe(escrow);
  });
});

describe('billTransferKeyOf', () => {
  it("prefixes the payer's key, and hashes one too long to prefix, within the ledger's 255 characters", () => {
    expect(billTransferKeyOf('abc')).toBe('bill:abc');
    const longest = 'k'.repeat(250);
    expect(billTransferKeyOf(longest)).toBe(`bill:${longest}`);
    const tooLong = 'k'.repeat(251);
    expect(billTransferKeyOf(tooLong)).toMatch(/^bill#[0-9a-f]{64}$/);
    expect(billTransferKeyOf('k'.repeat(255)).length).toBeLessThanOrEqual(255);
    expect(billTransferKeyOf(tooLong)).not.toBe(billTransferKeyOf('k'.repeat(252)));
  });
});

describe('billHoldKeyOf', () => {
  it("is never the key of a bill's transfer, and stays within the ledger's 255 characters", () => {
    expect(billHoldKeyOf('abc')).toBe('bill-hold:abc');
    expect(billHoldKeyOf('abc')).not.toBe(billTransferKeyOf('abc'));
    const longest = 'k'.repeat(245);
    expect(billHoldKeyOf(longest)).toBe(`bill-hold:${longest}`);
    expect(billHoldKeyOf(`${longest}k`)).toMatch(/^bill-hold#[0-9a-f]{64}$/);
    expect(billHoldKeyOf('k'.repeat(255)).length).toBeLessThanOrEqual(255);
  });
});
