import { describe, expect, it } from 'vitest';
import {
  createUserRecord,
  escapeLikePattern,
  mayReadBalanceOf,
  planProfileChanges,
  toPublicUser,
} from './user.js';

const now = new Date('2030-01-01T00:00:00.000Z');
const user = createUserRecord(
  { first_name: 'Ada', last_name: 'Lovelace', user_name: 'ada', email: 'ada@example.com', role: 'user' },
  '$argon2id$hash',
  '0190a000-0000-7000-8000-000000000001',
  now,
);

describe('users', () => {
  it('show no password hash and no deletion mark in their public shape', () => {
    const view = toPublicUser({ ...user, deleted_at: now });
    expect(view).not.toHaveProperty('password_hash');
    expect(view).not.toHaveProperty('deleted_at');
    expect(view).toMatchObject({ phone: null, created_at: '2030-01-01T00:00:00.000Z' });
  });

  it('change only the fields whose value differs, in a stable order', () => {
    expect(
      planProfileChanges(user, {
        two_factor_enabled: true,
        first_name: 'Ada',
        email: 'ADA@example.com',
        phone: null,
      }),
    ).toEqual({
      patch: { email: 'ADA@example.com', two_factor_enabled: true },
      changed: ['email', 'two_factor_enabled'],
    });
  });

  it('clear the phone with null and leave it with undefined', () => {
    const withPhone = { ...user, phone: '+14155550123' };
    expect(planProfileChanges(withPhone, { phone: null }).patch).toEqual({ phone: null });
    expect(planProfileChanges(withPhone, { phone: undefined }).changed).toEqual([]);
  });

  it('escape LIKE wildcards and the escape character', () => {
    expect(escapeLikePattern('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});

describe('balances', () => {
  const other = '0190a000-0000-7000-8000-000000000002';

  it('may be read by their owner, an admin or a service, and by no other user', () => {
    expect(mayReadBalanceOf({ user_id: user.id, role: 'user' }, user.id)).toBe(true);
    expect(mayReadBalanceOf({ user_id: other, role: 'admin' }, user.id)).toBe(true);
    expect(mayReadBalanceOf({ service: 'billing' }, user.id)).toBe(true);
    expect(mayReadBalanceOf({ user_id: other, role: 'user' }, user.id)).toBe(false);
  });
});
