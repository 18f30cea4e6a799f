import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { registrationBodyOf, serverFieldErrors, validateRegistration } from './forms';

const valid = {
  first_name: 'Ana',
  last_name: 'Lopez',
  user_name: 'ana.lopez',
  email: 'ana@example.com',
  password: 'correct horse battery',
  phone: '',
};

describe('validateRegistration', () => {
  it('accepts a complete registration', () => {
    expect(validateRegistration(valid)).toEqual({});
  });

  it('names every field that needs fixing, in words', () => {
    expect(
      validateRegistration({
        first_name: ' ',
        last_name: '',
        user_name: '_ana',
        email: 'ana@',
        password: 'short',
        phone: '0123',
      }),
    ).toEqual({
      first_name: 'Enter your first name.',
      last_name: 'Enter your last name.',
      user_name: 'Use letters, digits, ".", "_" and "-", starting with a letter or digit.',
      email: 'Enter an email address such as ana@example.com.',
      password: 'Use at least 10 characters.',
      phone: 'Enter the number with its country code, such as +14155550123, or leave it empty.',
    });
  });

  it('checks the lengths the server allows', () => {
    expect(validateRegistration({ ...valid, user_name: 'an' }).user_name).toBe('Use 3 to 32 characters.');
    expect(validateRegistration({ ...valid, user_name: 'a'.repeat(33) }).user_name).toBe(
      'Use 3 to 32 characters.',
    );
    expect(validateRegistration({ ...valid, password: 'p'.repeat(129) }).password).toBe(
      'Use at most 128 characters.',
    );
  });
});

describe('registrationBodyOf', () => {
  it('trims the fields and leaves out an empty phone, but keeps the password as typed', () => {
    expect(registrationBodyOf({ ...valid, first_name: ' Ana ', password: ' pass phrase ' })).toEqual({
      first_name: 'Ana',
      last_name: 'Lopez',
      user_name: 'ana.lopez',
      email: 'ana@example.com',
      password: ' pass phrase ',
    });
    expect(registrationBodyOf({ ...valid, phone: ' +14155550123 ' }).phone).toBe('+14155550123');
  });
});

describe('serverFieldErrors', () => {
  it('puts the server’s field errors on their fields, as sentences', () => {
    const error = new ApiError(409, 'conflict', 'the user_name and email are already taken', [
      { path: 'user_name', message: 'is already taken' },
      { path: 'email', message: 'is already taken' },
    ]);
    expect(serverFieldErrors(error, ['user_name', 'email', 'password'])).toEqual({
      fields: { user_name: 'Is already taken.', email: 'Is already taken.' },
      others: [],
    });
  });

  it('maps paths through aliases and keeps the errors of unknown paths apart', () => {
    const error = new ApiError(400, 'validation_failed', 'the body is not valid', [
      { path: 'to_user', message: 'must not be empty' },
      { path: 'amount', message: 'must be greater than zero' },
      { path: 'Idempotency-Key', message: 'must not be empty' },
    ]);
    expect(serverFieldErrors(error, ['recipient', 'amount'], { to_user: 'recipient' })).toEqual({
      fields: { recipient: 'Must not be empty.', amount: 'Must be greater than zero.' },
      others: ['Idempotency-Key must not be empty.'],
    });
  });

  it('keeps the first error of a field and places nested paths on their field', () => {
    const error = new ApiError(400, 'validation_failed', 'invalid', [
      { path: 'phone.0', message: 'first' },
      { path: 'phone', message: 'second' },
    ]);
    expect(serverFieldErrors(error, ['phone']).fields).toEqual({ phone: 'First.' });
  });

  it('places nothing for an error that is not from the API', () => {
    expect(serverFieldErrors(new Error('boom'), ['email'])).toEqual({ fields: {}, others: [] });
  });
});
