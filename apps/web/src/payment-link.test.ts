import { describe, expect, it } from 'vitest';
import { parsePaymentLink, paymentLinkOf } from './payment-link';

describe('paymentLinkOf', () => {
  it('writes the send address with the user name, and the amount and note when given', () => {
    expect(paymentLinkOf('https://pay.example.com', { userName: 'ada', currency: 'USD' })).toBe(
      'https://pay.example.com/send?to=ada',
    );
    expect(
      paymentLinkOf('https://pay.example.com', {
        userName: 'ada',
        currency: 'USD',
        amountMinor: 1250n,
        note: ' Dinner & drinks ',
      }),
    ).toBe('https://pay.example.com/send?to=ada&amount=12.50&note=Dinner+%26+drinks');
  });

  it('writes a currency without decimals as whole units, and leaves out a zero amount or empty note', () => {
    expect(
      paymentLinkOf('http://127.0.0.1:8080', { userName: 'ken', currency: 'JPY', amountMinor: 500n }),
    ).toBe('http://127.0.0.1:8080/send?to=ken&amount=500');
    expect(
      paymentLinkOf('http://127.0.0.1:8080', {
        userName: 'ken',
        currency: 'USD',
        amountMinor: 0n,
        note: '  ',
      }),
    ).toBe('http://127.0.0.1:8080/send?to=ken');
  });
});

describe('parsePaymentLink', () => {
  it('reads back what paymentLinkOf wrote', () => {
    const link = new URL(
      paymentLinkOf('https://pay.example.com', {
        userName: 'ada',
        currency: 'USD',
        amountMinor: 1250n,
        note: 'Dinner & drinks',
      }),
    );
    expect(parsePaymentLink(link.search, 'USD')).toEqual({
      present: true,
      details: { recipient: 'ada', amountText: '12.50', description: 'Dinner & drinks' },
      ignored: [],
    });
  });

  it('is no link at all without its fields, and ignores other parameters silently', () => {
    expect(parsePaymentLink('', 'USD')).toEqual({ present: false, details: {}, ignored: [] });
    expect(parsePaymentLink('?utm_source=mail', 'USD')).toEqual({ present: false, details: {}, ignored: [] });
  });

  it('ignores an amount that is not one of the wallet’s currency, and says so', () => {
    for (const amount of [
      '-5',
      '0',
      '1e3',
      '12,50',
      '1.234',
      'abc',
      '',
      ' ',
      '12.5.0',
      '99999999999999999999',
    ]) {
      const parsed = parsePaymentLink(`?to=ada&amount=${encodeURIComponent(amount)}`, 'USD');
      expect(parsed.details, amount).toEqual({ recipient: 'ada' });
      expect(parsed.ignored, amount).toEqual(['amount']);
    }
    expect(parsePaymentLink('?to=ken&amount=12.50', 'JPY').ignored).toEqual(['amount']);
    expect(parsePaymentLink('?to=ken&amount=1250', 'JPY').details.amountText).toBe('1250');
  });

  it('ignores an empty or overlong recipient or note, control characters, and a field given twice', () => {
    expect(parsePaymentLink(`?to=&note=${'x'.repeat(501)}`, 'USD')).toEqual({
      present: true,
      details: {},
      ignored: ['to', 'note'],
    });
    expect(parsePaymentLink(`?to=${'a'.repeat(255)}`, 'USD').ignored).toEqual(['to']);
    expect(parsePaymentLink('?to=ada%0Aeve&note=hi%00', 'USD').ignored).toEqual(['to', 'note']);
    expect(parsePaymentLink('?to=ada&to=eve&amount=1&amount=2', 'USD')).toEqual({
      present: true,
      details: {},
      ignored: ['to', 'amount'],
    });
  });
});
