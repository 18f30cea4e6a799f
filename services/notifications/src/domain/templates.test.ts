import { describe, expect, it } from 'vitest';
import { formatAmount, formatTime, renderMessage } from './templates.js';

const notice = {
  firstName: 'Ada',
  kind: 'transfer' as const,
  amountMinor: 1250n,
  currency: 'USD',
  counterparty: 'bob',
  description: 'Dinner',
  reference: '0190a0b0-0000-7000-8000-000000000001',
};

describe('formatAmount', () => {
  it('writes minor units with the currency exponent and groups thousands', () => {
    expect(formatAmount(1250n, 'USD')).toBe('USD 12.50');
    expect(formatAmount(5n, 'USD')).toBe('USD 0.05');
    expect(formatAmount(123456789n, 'EUR')).toBe('EUR 1,234,567.89');
    expect(formatAmount(1500n, 'JPY')).toBe('JPY 1,500');
    expect(formatAmount(1005n, 'KWD')).toBe('KWD 1.005');
    expect(formatAmount(9007199254740991n, 'USD')).toBe('USD 90,071,992,547,409.91');
  });

  it('refuses a currency it does not know instead of guessing its exponent', () => {
    expect(() => formatAmount(100n, 'XYZ')).toThrow(RangeError);
  });
});

describe('formatTime', () => {
  it('writes a time to the minute in UTC', () => {
    expect(formatTime(new Date('2030-01-02T03:04:59.999Z'))).toBe('2030-01-02 03:04 UTC');
  });
});

describe('renderMessage', () => {
  it('welcomes a new user by name with their user name', () => {
    const message = renderMessage({ template: 'registration', firstName: 'Ada', userName: 'ada' });
    expect(message.subject).toBe('Welcome to MoneyPal, Ada');
    expect(message.body).toContain('Hello Ada,');
    expect(message.body).toContain('Your MoneyPal account ada is ready.');
  });

  it('tells the payer what was sent to whom, and the payee what came from whom', () => {
    const sent = renderMessage({ template: 'payment_sent', ...notice });
    expect(sent.subject).toBe('You sent USD 12.50 to bob');
    expect(sent.body).toContain('Description: Dinner');
    expect(sent.body).toContain(`Reference: ${notice.reference}`);
    const received = renderMessage({ template: 'payment_received', ...notice, counterparty: 'ada' });
    expect(received.subject).toBe('You received USD 12.50 from ada');
  });

  it('words a payment to a provider as paid, and leaves out a missing description', () => {
    const paid = renderMessage({ template: 'payment_sent', ...notice, kind: 'payment', description: null });
    expect(paid.subject).toBe('You paid USD 12.50 to bob');
    expect(paid.body).not.toContain('Description');
    const earned = renderMessage({ template: 'payment_received', ...notice, kind: 'payment' });
    expect(earned.subject).toBe('You were paid USD 12.50 by bob');
  });

  it('names a deleted counterparty generically', () => {
    const sent = renderMessage({ template: 'payment_sent', ...notice, counterparty: null });
    expect(sent.subject).toBe('You sent USD 12.50 to another MoneyPal user');
  });

  it('gives the invoice number, payee, amount, status and date of an invoice', () => {
    const invoice = renderMessage({
      template: 'invoice_issued',
      firstName: 'Ada',
      invoiceNo: 42,
      payee: 'bob',
      amountMinor: 99_900n,
      currency: 'EUR',
      description: 'Plumbing',
      status: 'paid',
      issuedAt: new Date('2030-01-01T10:30:00Z'),
    });
    expect(invoice.subject).toBe('Invoice 42 from bob: EUR 999.00');
    expect(invoice.body).toContain('bob issued invoice 42 to you for EUR 999.00.');
    expect(invoice.body).toContain('Status: paid');
    expect(invoice.body).toContain('Issued: 2030-01-01 10:30 UTC');
  });

  it('tells the payer a payment was refunded, naming the provider when there was one', () => {
    const base = {
      template: 'refund' as const,
      firstName: 'Ada',
      amountMinor: 700n,
      refundMinor: 700n,
      currency: 'GBP',
      description: null,
      reference: notice.reference,
    };
    expect(renderMessage({ ...base, paidTo: 'bob' })).toMatchObject({
      subject: 'Your payment of GBP 7.00 was refunded',
      body: expect.stringContaining('Your payment of GBP 7.00 to bob was refunded.'),
    });
    expect(renderMessage({ ...base, paidTo: null }).body).toContain('Your payment of GBP 7.00 was refunded.');
  });

  it('names a partial refund’s own amount', () => {
    expect(
      renderMessage({
        template: 'refund',
        firstName: 'Ada',
        amountMinor: 700n,
        refundMinor: 250n,
        currency: 'GBP',
        description: null,
        reference: notice.reference,
        paidTo: 'bob',
      }),
    ).toMatchObject({
      subject: 'GBP 2.50 of your payment of GBP 7.00 was refunded',
      body: expect.stringContaining('GBP 2.50 of your payment of GBP 7.00 to bob was refunded.'),
    });
  });

  it('puts a one-time code in the body only: an SMS has no subject, an email subject never holds the code', () => {
    const expiresAt = new Date('2030-01-01T00:05:00Z');
    const sms = renderMessage({ template: 'one_time_code', channel: 'sms', code: '482913', expiresAt });
    expect(sms.subject).toBeNull();
    expect(sms.body).toBe(
      'Your MoneyPal code is 482913. It is valid until 2030-01-01 00:05 UTC. Never share it.',
    );
    const email = renderMessage({ template: 'one_time_code', channel: 'email', code: '482913', expiresAt });
    expect(email.subject).toBe('Your MoneyPal one-time code');
    expect(email.subject).not.toContain('482913');
    expect(email.body).toContain('Your MoneyPal one-time code is 482913.');
  });

  it('puts a password reset code in the body only, with its time limit and what to do if it was not you', () => {
    const expiresAt = new Date('2030-01-01T00:15:00Z');
    const email = renderMessage({ template: 'password_reset', code: '482913', expiresAt });
    expect(email.subject).toBe('Reset your MoneyPal password');
    expect(email.body).toContain('Your reset code is 482913.');
    expect(email.body).toContain('It is valid until 2030-01-01 00:15 UTC and works once.');
    expect(email.body).toContain('If it was not you, ignore this email');
  });

  it('words a hold that pays the payee by itself at expiry, and one from a deleted payer', () => {
    const hold = {
      template: 'hold_created' as const,
      firstName: 'Ada',
      amountMinor: 12_000n,
      capturedMinor: 0n,
      currency: 'USD',
      expiresAt: new Date('2030-02-01T12:00:00Z'),
      onExpiry: 'capture' as const,
      description: null,
      reference: '0190a0b0-0000-7000-8000-000000000002',
    };
    const payer = renderMessage({ ...hold, role: 'payer', counterparty: 'ada' });
    expect(payer.body).toContain(
      'If it is not released or returned before 2030-02-01 12:00 UTC, it is released to ada then.',
    );
    const payee = renderMessage({ ...hold, role: 'payee', counterparty: null });
    expect(payee.subject).toBe('Another MoneyPal user is holding USD 120.00 for you');
    expect(payee.body).toContain('it is released to you then.');
    expect(payee.body).not.toContain('Description');
  });
});
