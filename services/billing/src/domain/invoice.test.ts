import { decodeCursor, encodeCursor } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import {
  afterRefund,
  escrowInvoiceStateOf,
  type InvoiceRecord,
  invoiceCursorPosition,
  invoiceNoOfCursorPosition,
  statusAfter,
  toPublicInvoice,
} from './invoice.js';

describe('statusAfter', () => {
  it('issues a new invoice pending, paid or failed, and never refunded', () => {
    expect(statusAfter(null, 'issued')).toBe('pending');
    expect(statusAfter(null, 'paid')).toBe('paid');
    expect(statusAfter(null, 'failed')).toBe('failed');
    expect(statusAfter(null, 'refunded')).toBeNull();
  });

  it('pays a pending invoice, or a failed one when the money moved after all', () => {
    expect(statusAfter('pending', 'paid')).toBe('paid');
    expect(statusAfter('failed', 'paid')).toBe('paid');
    expect(statusAfter('pending', 'failed')).toBe('failed');
  });

  it('never takes back a payment or a refund, and refunds only what was paid', () => {
    expect(statusAfter('paid', 'failed')).toBeNull();
    expect(statusAfter('paid', 'issued')).toBeNull();
    expect(statusAfter('refunded', 'paid')).toBeNull();
    expect(statusAfter('refunded', 'failed')).toBeNull();
    expect(statusAfter('paid', 'refunded')).toBe('refunded');
    expect(statusAfter('pending', 'refunded')).toBeNull();
    expect(statusAfter('failed', 'refunded')).toBeNull();
  });

  it('refunds an invoice refunded in part again, and never one refunded in full', () => {
    expect(statusAfter('partially_refunded', 'refunded')).toBe('refunded');
    expect(statusAfter('refunded', 'refunded')).toBeNull();
    expect(statusAfter('partially_refunded', 'paid')).toBeNull();
    expect(statusAfter('partially_refunded', 'failed')).toBeNull();
  });
});

describe('afterRefund', () => {
  it('is partially refunded until its refunds reach the amount', () => {
    expect(afterRefund({ amount: 1_000n, refunded_amount: 0n }, 300n)).toEqual({
      status: 'partially_refunded',
      refundedMinor: 300n,
    });
    expect(afterRefund({ amount: 1_000n, refunded_amount: 300n }, 699n)).toEqual({
      status: 'partially_refunded',
      refundedMinor: 999n,
    });
    expect(afterRefund({ amount: 1_000n, refunded_amount: 300n }, 700n)).toEqual({
      status: 'refunded',
      refundedMinor: 1_000n,
    });
  });
});

describe('invoice cursors', () => {
  it('carry an invoice number there and back', () => {
    expect(invoiceNoOfCursorPosition(invoiceCursorPosition(1n))).toBe(1n);
    expect(invoiceNoOfCursorPosition(invoiceCursorPosition(123_456_789_012n))).toBe(123_456_789_012n);
  });

  it('write the same cursor strings as before', () => {
    expect(encodeCursor(invoiceCursorPosition(12n))).toBe(Buffer.from('invoice:12').toString('base64url'));
  });

  it('refuse what this list did not make', () => {
    for (const position of ['', 'abc', 'invoice:0', 'invoice:-1', 'invoice:12x', 'invoice:01']) {
      expect(invoiceNoOfCursorPosition(position)).toBeNull();
    }
    for (const cursor of ['', '!!', encodeCursor('invoice:0'), 'aW52b2ljZTotMQ']) {
      expect(() => decodeCursor(cursor, invoiceNoOfCursorPosition)).toThrow('the cursor is not valid');
    }
  });
});

describe('toPublicInvoice', () => {
  const time = new Date('2030-01-02T03:04:05.000Z');
  const invoice: InvoiceRecord = {
    id: '0190a8f0-0000-7000-8000-000000000001',
    invoice_no: 7n,
    payer_id: '0190a8f0-0000-7000-8000-000000000002',
    payee_id: '0190a8f0-0000-7000-8000-000000000003',
    amount: 1_050n,
    currency: 'USD',
    description: null,
    status: 'paid',
    payment_id: null,
    transfer_id: '0190a8f0-0000-7000-8000-000000000004',
    idempotency_key: 'k',
    request_hash: 'h',
    issued_at: time,
    paid_at: time,
    refunded_at: null,
    refunded_amount: 250n,
    updated_at: time,
    hold_id: null,
    hold_transfer_id: null,
    captured_amount: null,
  };

  it('shows amounts as numbers and times in RFC 3339, without the idempotency record', () => {
    const shown = toPublicInvoice(invoice);
    expect(shown).toMatchObject({
      invoice_no: 7,
      amount: 1_050,
      paid_at: time.toISOString(),
      refunded_at: null,
      refunded_amount: 250,
    });
    expect(shown).not.toHaveProperty('idempotency_key');
    expect(shown).not.toHaveProperty('request_hash');
  });

  it('refuses an amount a JSON number cannot carry exactly', () => {
    expect(() => toPublicInvoice({ ...invoice, amount: 2n ** 53n })).toThrow(RangeError);
  });

  it('shows what was paid once paid: the amount, or what an escrow hold captured', () => {
    expect(toPublicInvoice(invoice)).toMatchObject({ hold_id: null, amount_paid: 1_050 });
    const holdId = '0190a8f0-0000-7000-8000-000000000005';
    const escrow = { ...invoice, hold_id: holdId, hold_transfer_id: holdId };
    expect(toPublicInvoice({ ...escrow, captured_amount: 800n })).toMatchObject({
      hold_id: holdId,
      amount_paid: 800,
    });
    const held = { ...escrow, status: 'held' as const, transfer_id: null, paid_at: null };
    expect(toPublicInvoice(held)).toMatchObject({ status: 'held', amount_paid: null });
    expect(toPublicInvoice(held)).not.toHaveProperty('hold_transfer_id');
  });
});

describe('escrowInvoiceStateOf', () => {
  const settled = {
    captured_amount: 0,
    settlement_transfer_id: '0190a8f0-0000-7000-8000-000000000006',
    settled_at: '2030-01-02T03:04:05.000Z',
  };
  const unpaid = { transfer_id: null, paid_at: null, captured_amount: null };

  it('keeps the invoice held while the hold is', () => {
    expect(
      escrowInvoiceStateOf({
        status: 'held',
        captured_amount: 0,
        settlement_transfer_id: null,
        settled_at: null,
      }),
    ).toEqual({ status: 'held', ...unpaid });
  });

  it('pays it by the settlement with what was captured, by the payer or at expiry', () => {
    const paid = {
      status: 'paid',
      transfer_id: settled.settlement_transfer_id,
      paid_at: new Date(settled.settled_at),
      captured_amount: 700n,
    };
    expect(escrowInvoiceStateOf({ ...settled, status: 'captured', captured_amount: 700 })).toEqual(paid);
    expect(escrowInvoiceStateOf({ ...settled, status: 'expired', captured_amount: 700 })).toEqual(paid);
  });

  it('cancels it when the hold was voided or expired with nothing captured', () => {
    expect(escrowInvoiceStateOf({ ...settled, status: 'voided' })).toEqual({
      status: 'cancelled',
      ...unpaid,
    });
    expect(escrowInvoiceStateOf({ ...settled, status: 'expired' })).toEqual({
      status: 'cancelled',
      ...unpaid,
    });
  });

  it('fails loudly on a capture that names no settlement', () => {
    expect(() =>
      escrowInvoiceStateOf({
        ...settled,
        status: 'captured',
        captured_amount: 5,
        settlement_transfer_id: null,
      }),
    ).toThrow();
  });
});
