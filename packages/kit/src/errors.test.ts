import { describe, expect, it } from 'vitest';
import { AppError, fieldErrorsOf, httpStatusOf, isErrorCode, titleOf } from './errors.js';

describe('AppError', () => {
  it('is an Error with a code, a message and optional details', () => {
    const error = new AppError('not_found', 'no wallet w-1', { walletId: 'w-1' });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('no wallet w-1');
    expect(error.details).toEqual({ walletId: 'w-1' });
  });

  it('travels as code, message and details, leaving out absent details', () => {
    expect(new AppError('conflict', 'taken', { field: 'email' }).toJSON()).toEqual({
      code: 'conflict',
      message: 'taken',
      details: { field: 'email' },
    });
    expect(JSON.parse(JSON.stringify(new AppError('forbidden', 'not yours')))).toEqual({
      code: 'forbidden',
      message: 'not yours',
    });
  });
});

describe('error codes', () => {
  it('recognises only the codes of the closed list', () => {
    expect(isErrorCode('insufficient_funds')).toBe(true);
    expect(isErrorCode('teapot')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('__proto__')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('maps codes to HTTP statuses and titles', () => {
    expect(httpStatusOf('validation_failed')).toBe(400);
    expect(httpStatusOf('unauthenticated')).toBe(401);
    expect(httpStatusOf('insufficient_funds')).toBe(422);
    expect(httpStatusOf('internal')).toBe(500);
    expect(httpStatusOf('unavailable')).toBe(503);
    expect(titleOf('not_found')).toBe('Not found');
  });

  it('answers the precise refusals with the status of the general one they refine', () => {
    for (const code of [
      'wallet_not_found',
      'recipient_not_found',
      'recipient_has_no_wallet',
      'user_not_found',
    ] as const)
      expect(httpStatusOf(code), code).toBe(404);
    for (const code of ['token_expired', 'token_invalid'] as const)
      expect(httpStatusOf(code), code).toBe(401);
  });
});

describe('fieldErrorsOf', () => {
  it('joins issue paths with dots', () => {
    expect(
      fieldErrorsOf([
        { path: ['amount'], message: 'must be positive' },
        { path: ['items', 0, 'name'], message: 'required' },
        { path: [], message: 'unknown field' },
      ]),
    ).toEqual([
      { path: 'amount', message: 'must be positive' },
      { path: 'items.0.name', message: 'required' },
      { path: '', message: 'unknown field' },
    ]);
  });
});
