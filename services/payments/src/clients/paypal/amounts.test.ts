import { describe, expect, it } from 'vitest';
import { fromPayPalMoney, payPalAmountProblem, toPayPalMoney } from './amounts.js';

describe('toPayPalMoney', () => {
  it('writes minor units as PayPal decimal strings by the currency exponent', () => {
    expect(toPayPalMoney(1050n, 'USD')).toEqual({ currency_code: 'USD', value: '10.50' });
    expect(toPayPalMoney(1n, 'EUR')).toEqual({ currency_code: 'EUR', value: '0.01' });
    expect(toPayPalMoney(500n, 'JPY')).toEqual({ currency_code: 'JPY', value: '500' });
    expect(toPayPalMoney(9_007_199_254_740_991n, 'USD').value).toBe('90071992547409.91');
  });

  it('writes HUF and TWD in whole units, as PayPal takes them', () => {
    expect(toPayPalMoney(1000n, 'HUF')).toEqual({ currency_code: 'HUF', value: '10' });
    expect(toPayPalMoney(100n, 'TWD')).toEqual({ currency_code: 'TWD', value: '1' });
    expect(() => toPayPalMoney(1050n, 'HUF')).toThrow(/whole units/);
  });

  it('refuses currencies PayPal does not take', () => {
    expect(() => toPayPalMoney(100n, 'KWD')).toThrow(/does not take KWD/);
    expect(() => toPayPalMoney(100n, 'XYZ')).toThrow(/does not take XYZ/);
  });
});

describe('payPalAmountProblem', () => {
  it('is null for what PayPal takes and names the problem otherwise', () => {
    expect(payPalAmountProblem(1n, 'USD')).toBeNull();
    expect(payPalAmountProblem(2500n, 'HUF')).toBeNull();
    expect(payPalAmountProblem(2550n, 'HUF')).toEqual({
      field: 'amount',
      message: 'PayPal takes HUF in whole units only',
    });
    expect(payPalAmountProblem(100n, 'ZAR')).toEqual({
      field: 'currency',
      message: 'PayPal does not take ZAR',
    });
    expect(payPalAmountProblem(100n, 'constructor')?.field).toBe('currency');
  });
});

describe('fromPayPalMoney', () => {
  it('reads PayPal decimal strings back into minor units, without floats', () => {
    expect(fromPayPalMoney({ currency_code: 'USD', value: '10.50' })).toBe(1050n);
    expect(fromPayPalMoney({ currency_code: 'USD', value: '0.1' })).toBe(10n);
    expect(fromPayPalMoney({ currency_code: 'HUF', value: '10' })).toBe(1000n);
    expect(fromPayPalMoney({ currency_code: 'JPY', value: '500' })).toBe(500n);
    expect(fromPayPalMoney({ currency_code: 'USD', value: '90071992547409.93' })).toBe(
      9_007_199_254_740_993n,
    );
  });

  it('refuses more decimals than the currency has, and what is not a decimal', () => {
    expect(() => fromPayPalMoney({ currency_code: 'USD', value: '1.001' })).toThrow(RangeError);
    expect(() => fromPayPalMoney({ currency_code: 'USD', value: '1e3' })).toThrow(RangeError);
    expect(() => fromPayPalMoney({ currency_code: 'JPY', value: '1.5' })).toThrow(RangeError);
  });
});
