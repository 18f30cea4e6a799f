import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { ApiError, networkErrorCode } from './client';
import { describeError, isRetryable } from './errors';

const apiError = (status: number, code: string, detail = '') => new ApiError(status, code, detail);

describe('describeError', () => {
  it('says the server’s refusals in plain words', () => {
    expect(describeError(apiError(422, 'insufficient_funds'))).toBe(
      'Your wallet does not have enough money for this.',
    );
    expect(describeError(apiError(422, 'wallet_frozen'))).toMatch(/frozen/);
    expect(describeError(apiError(422, 'currency_mismatch'))).toBe(
      'The two wallets hold different currencies.',
    );
    expect(describeError(apiError(429, 'rate_limited'))).toBe(
      'Too many attempts in a short time. Wait a minute, then try again.',
    );
    expect(describeError(apiError(0, networkErrorCode))).toBe(
      'We could not reach MoneyPal. Check your connection and try again.',
    );
  });

  it('adds which limit a refusal met', () => {
    expect(
      describeError(apiError(422, 'limit_exceeded', 'the daily total of 500.00 USD would be exceeded')),
    ).toBe(
      'This would go over a limit on your wallet. Try a smaller amount, or try again tomorrow. (The daily total of 500.00 USD would be exceeded.)',
    );
  });

  it('speaks the chosen language, an answer it did not expect included', async () => {
    await i18n.changeLanguage('fr');
    try {
      expect(describeError(apiError(422, 'insufficient_funds'))).toBe(
        'Votre portefeuille n’a pas assez d’argent pour cela.',
      );
      expect(describeError(apiError(418, 'unexpected', 'The server answered 418.'))).toBe(
        'MoneyPal a donné une réponse inattendue. Réessayez dans un instant.',
      );
      expect(describeError(new Error('boom'))).toBe('Une erreur s’est produite. Veuillez réessayer.');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('takes a screen’s own words first', () => {
    expect(describeError(apiError(404, 'not_found', 'user not found'), { not_found: 'Unknown user.' })).toBe(
      'Unknown user.',
    );
  });

  it('falls back to the server’s detail for codes it has no words for, and to a generic sentence', () => {
    expect(describeError(apiError(422, 'something_new', 'the moon is in the wrong phase'))).toBe(
      'The moon is in the wrong phase.',
    );
    expect(describeError(new Error('boom'))).toBe('Something went wrong. Please try again.');
  });
});

describe('isRetryable', () => {
  it('is true for failures a second try of the same request may get past', () => {
    expect(isRetryable(apiError(0, networkErrorCode))).toBe(true);
    expect(isRetryable(apiError(429, 'rate_limited'))).toBe(true);
    expect(isRetryable(apiError(409, 'idempotency_in_flight'))).toBe(true);
    expect(isRetryable(apiError(503, 'unavailable'))).toBe(true);
    expect(isRetryable(apiError(502, 'bad_gateway'))).toBe(true);
  });

  it('is false for answers the same key would only repeat', () => {
    expect(isRetryable(apiError(422, 'insufficient_funds'))).toBe(false);
    expect(isRetryable(apiError(404, 'not_found'))).toBe(false);
    expect(isRetryable(apiError(400, 'validation_failed'))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
  });
});
