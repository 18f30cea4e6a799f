import { describe, expect, it } from 'vitest';
import { assertMaySettle, type HoldRecord, holdAfterTransfer, settlementOf } from './hold.js';
import type { LockedWallet } from './movement.js';
import type { WalletStatus } from './wallet.js';

const hold = (overrides: Partial<HoldRecord> = {}): HoldRecord => ({
  id: 'hold',
  status: 'held',
  amount: 500n,
  captured_amount: 0n,
  currency: 'USD',
  description: null,
  metadata: {},
  from_wallet_id: 'payer-wallet',
  to_wallet_id: 'payee-wallet',
  payer_id: 'payer',
  payee_id: 'payee',
  expires_at: new Date('2030-01-02T00:00:00Z'),
  on_expiry: 'void',
  created_at: new Date('2030-01-01T00:00:00Z'),
  settled_at: null,
  settled_by: null,
  transfer_id: 'opening',
  settlement_transfer_id: null,
  ...overrides,
});

/** Only the status of a wallet matters to how a hold ends. */
const wallet = (status: WalletStatus) => ({ status }) as LockedWallet;
const active = { payer: wallet('active'), payee: wallet('active') };

describe('settlementOf', () => {
  it('captures all of the hold, or the amount asked, when both wallets are active', () => {
    expect(settlementOf(hold(), 'capture', null, active)).toEqual({
      type: 'hold_capture',
      status: 'captured',
      capturedAmount: 500n,
    });
    expect(settlementOf(hold(), 'capture', 120n, active).capturedAmount).toBe(120n);
  });

  it('refuses a capture above the hold amount, naming the field', () => {
    expect(() => settlementOf(hold(), 'capture', 501n, active)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('refuses a capture to or from a frozen or closed wallet, but voids whatever the statuses', () => {
    for (const status of ['frozen', 'closed'] as const) {
      expect(() => settlementOf(hold(), 'capture', null, { ...active, payee: wallet(status) })).toThrow(
        expect.objectContaining({ code: 'wallet_frozen' }),
      );
      expect(() => settlementOf(hold(), 'capture', null, { ...active, payer: wallet(status) })).toThrow(
        expect.objectContaining({ code: 'wallet_frozen' }),
      );
      expect(settlementOf(hold(), 'void', null, { payer: wallet(status), payee: wallet(status) })).toEqual({
        type: 'hold_void',
        status: 'voided',
        capturedAmount: 0n,
      });
    }
  });

  it('applies on_expiry at the expiry, and gives the money back when the payee cannot be paid', () => {
    expect(settlementOf(hold({ on_expiry: 'capture' }), 'expire', null, active)).toEqual({
      type: 'hold_capture',
      status: 'expired',
      capturedAmount: 500n,
    });
    expect(settlementOf(hold(), 'expire', null, active)).toEqual({
      type: 'hold_void',
      status: 'expired',
      capturedAmount: 0n,
    });
    expect(
      settlementOf(hold({ on_expiry: 'capture' }), 'expire', null, { ...active, payee: wallet('frozen') }),
    ).toEqual({ type: 'hold_void', status: 'expired', capturedAmount: 0n });
  });

  it('refuses every way of ending a hold that is already settled', () => {
    for (const status of ['captured', 'voided', 'expired'] as const) {
      for (const action of ['capture', 'void', 'expire'] as const) {
        expect(() => settlementOf(hold({ status }), action, null, active)).toThrow(
          expect.objectContaining({ code: 'hold_already_settled' }),
        );
      }
    }
  });
});

describe('assertMaySettle', () => {
  it('lets the payer capture and the payee void, an admin or a service do either, and forbids the rest', () => {
    const payer = { user_id: 'payer', role: 'user' } as const;
    const payee = { user_id: 'payee', role: 'user' } as const;
    expect(() => assertMaySettle(payer, hold(), 'capture')).not.toThrow();
    expect(() => assertMaySettle(payee, hold(), 'void')).not.toThrow();
    expect(() => assertMaySettle(payee, hold(), 'capture')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    expect(() => assertMaySettle(payer, hold(), 'void')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    for (const actor of [{ user_id: 'admin', role: 'admin' } as const, { service: 'billing' }]) {
      expect(() => assertMaySettle(actor, hold(), 'capture')).not.toThrow();
      expect(() => assertMaySettle(actor, hold(), 'void')).not.toThrow();
    }
  });
});

describe('holdAfterTransfer', () => {
  it('shows a settled hold as opened to the answer of its opening transfer, and as settled otherwise', () => {
    const settled = hold({
      status: 'captured',
      captured_amount: 500n,
      settled_at: new Date('2030-01-01T01:00:00Z'),
      settled_by: 'payer',
      settlement_transfer_id: 'settling',
    });
    expect(holdAfterTransfer(settled, 'opening')).toEqual(hold());
    expect(holdAfterTransfer(settled, 'settling')).toEqual(settled);
  });
});
