import { identityEvents, identityRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserRecord } from '../src/domain/user.js';
import { insertUser, uniqueViolationFieldOf, updateUser } from '../src/repositories/user.repository.js';
import {
  failureOf,
  type IdentityHarness,
  newRegistration,
  outboxEvents,
  register,
  startHarness,
} from './identity-harness.js';

let harness: IdentityHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

describe(`registration on ${testDatabaseLabel}`, () => {
  it('creates a user with the role user and never answers with the password', async () => {
    const body = newRegistration({ phone: '+14155550123' });
    const user = await call(harness.client, identityRequests.register, body);
    expect(user).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      user_name: body.user_name,
      email: body.email,
      phone: '+14155550123',
      role: 'user',
      two_factor_enabled: false,
      created_at: '2030-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(user)).not.toContain(body.password);
    expect(Object.keys(user)).not.toContain('password_hash');
  });

  it('stores an argon2id hash of the password, not the password', async () => {
    const { user, password } = await register(harness);
    const row = await harness.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('writes identity.user.created to the outbox with the public user and no password hash', async () => {
    const { user } = await register(harness);
    const events = (await outboxEvents(harness, identityEvents.userCreated)).filter(
      (event) => event.subject === user.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'identity', type: 'identity.user.created', data: { user } });
    expect(JSON.stringify(events[0])).not.toContain('argon2');
  });

  it('refuses a user_name already taken in another letter case', async () => {
    const { body } = await register(harness);
    const failure = await failureOf(
      call(
        harness.client,
        identityRequests.register,
        newRegistration({ user_name: body.user_name.toUpperCase() }),
      ),
    );
    expect(failure.code).toBe('conflict');
    expect(failure.details).toEqual({
      errors: [{ path: 'user_name', message: 'This user name is already taken: choose another.' }],
    });
  });

  it('refuses an email already taken in another letter case', async () => {
    const { body } = await register(harness);
    const failure = await failureOf(
      call(harness.client, identityRequests.register, newRegistration({ email: body.email.toUpperCase() })),
    );
    expect(failure.code).toBe('conflict');
    expect(failure.details).toEqual({
      errors: [{ path: 'email', message: 'This email is already taken: choose another.' }],
    });
  });

  it('names both fields when both the user_name and the email are taken', async () => {
    const { body } = await register(harness);
    const failure = await failureOf(call(harness.client, identityRequests.register, { ...body }));
    expect(failure.code).toBe('conflict');
    expect(failure.details).toEqual({
      errors: [
        { path: 'user_name', message: 'This user name is already taken: choose another.' },
        { path: 'email', message: 'This email is already taken: choose another.' },
      ],
    });
  });

  it('lets exactly one of many concurrent registrations of one user_name win', async () => {
    const userName = newRegistration().user_name;
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        call(
          harness.client,
          identityRequests.register,
          newRegistration({ user_name: index % 2 === 0 ? userName : userName.toUpperCase() }),
        ),
      ),
    );
    const won = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const lost = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((attempt) => (attempt.reason as { code: string }).code)).toEqual(
      Array(7).fill('conflict'),
    );
    const rows = await harness.database.db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName.toLowerCase()))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('lets exactly one of many concurrent registrations of one email win', async () => {
    const email = newRegistration().email;
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        call(harness.client, identityRequests.register, newRegistration({ email })),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
  });

  it.each([
    ['a missing field', { first_name: undefined }],
    ['a short password', { password: 'short' }],
    ['a user_name with a space', { user_name: 'ada lovelace' }],
    ['an email without @', { email: 'ada.example.com' }],
    ['a phone that is not E.164', { phone: '0155 550123' }],
    ['an unknown field', { is_admin: true }],
    ['a number as the user_name', { user_name: 12345 }],
  ])('refuses %s and creates nobody', async (_, change) => {
    const before = await harness.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    const body = { ...newRegistration(), ...change };
    const failure = await failureOf(harness.client.request(identityRequests.register.subject, body));
    expect(failure.code).toBe('validation_failed');
    const after = await harness.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    expect(after.count).toEqual(before.count);
  });

  it.each([
    ['a repeated character', 'aaaaaaaaaa'],
    ['a digit sequence', '1234567890'],
    ['a common password', 'password12'],
    ['ten spaces', '          '],
  ])('refuses %s as the password, naming the field and why, and creates nobody', async (_, password) => {
    const body = newRegistration({ password });
    const failure = await failureOf(call(harness.client, identityRequests.register, body));
    expect(failure.code).toBe('validation_failed');
    expect(failure.details).toEqual({
      errors: [{ path: 'password', message: expect.stringMatching(/^is too easy to guess: /) }],
    });
    expect(JSON.stringify(failure)).not.toContain(password);
    await expect(
      call(harness.client, identityRequests.getUser, { user_name: body.user_name }),
    ).rejects.toMatchObject({ code: 'user_not_found' });
  });

  it('refuses a password built from the user name or the email', async () => {
    const base = newRegistration();
    for (const password of [
      base.user_name,
      `${base.user_name}!`,
      base.email,
      `${base.email.split('@')[0]}2030`,
    ]) {
      const failure = await failureOf(call(harness.client, identityRequests.register, { ...base, password }));
      expect(failure.details).toEqual({
        errors: [{ path: 'password', message: expect.stringMatching(/^is too easy to guess: /) }],
      });
    }
  });

  it.each([
    ['a control character', 'correct horse\u0007battery staple'],
    ['a tab', 'correct horse\tbattery staple'],
    ['a line break', 'correct horse battery staple\n'],
    ['a password longer than 128 characters', 'correct horse battery staple '.repeat(5)],
  ])('refuses %s in the password', async (_, password) => {
    const failure = await failureOf(
      harness.client.request(identityRequests.register.subject, newRegistration({ password })),
    );
    expect(failure.code).toBe('validation_failed');
    expect(JSON.stringify(failure.details)).toContain('"password"');
  });

  it('accepts a long passphrase with spaces and letters beyond ASCII', async () => {
    const { user } = await register(harness, { password: 'the café by the fjord opens at nine' });
    expect(user.role).toBe('user');
  });

  it('refuses a role chosen by the client', async () => {
    const failure = await failureOf(
      harness.client.request(identityRequests.register.subject, { ...newRegistration(), role: 'admin' }),
    );
    expect(failure.code).toBe('validation_failed');
  });
});

/**
 * The unique indexes are the last line against duplicates when two registrations pass the
 * pre-check together; these tests hit them directly, on whichever driver runs the suite.
 */
describe(`user repository unique indexes on ${testDatabaseLabel}`, () => {
  let sequence = 0;
  const now = new Date('2030-01-01T00:00:00.000Z');

  const userRecord = (userName: string, email: string) =>
    createUserRecord(
      { first_name: 'A', last_name: 'B', user_name: userName, email, role: 'user' },
      '$argon2id$not-used-here',
      `0190a000-0000-7000-8000-${String(++sequence).padStart(12, '0')}`,
      now,
    );

  it('turns a duplicate user_name in another letter case into a conflict on user_name', async () => {
    await insertUser(harness.database.db, userRecord('Twin', 'twin1@example.com'));
    const failure = await insertUser(harness.database.db, userRecord('tWIN', 'twin2@example.com')).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'conflict', details: { errors: [{ path: 'user_name' }] } });
  });

  it('turns a duplicate email in another letter case into a conflict on email', async () => {
    await insertUser(harness.database.db, userRecord('mail1', 'Same@Example.com'));
    const failure = await insertUser(harness.database.db, userRecord('mail2', 'same@example.COM')).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'conflict', details: { errors: [{ path: 'email' }] } });
  });

  it('turns an update onto a taken email into a conflict on email', async () => {
    await insertUser(harness.database.db, userRecord('upd1', 'upd1@example.com'));
    const second = await insertUser(harness.database.db, userRecord('upd2', 'upd2@example.com'));
    const failure = await updateUser(
      harness.database.db,
      second.id,
      { email: 'UPD1@example.com' },
      now,
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'conflict', details: { errors: [{ path: 'email' }] } });
  });

  it('allows a user_name again once its holder is deleted', async () => {
    const first = await insertUser(harness.database.db, userRecord('phoenix', 'phoenix1@example.com'));
    await harness.database.db
      .updateTable('users')
      .set({ deleted_at: now })
      .where('id', '=', first.id)
      .execute();
    await expect(
      insertUser(harness.database.db, userRecord('PHOENIX', 'phoenix2@example.com')),
    ).resolves.toMatchObject({
      user_name: 'PHOENIX',
    });
  });

  it('recognises only unique violations of the user indexes', () => {
    expect(uniqueViolationFieldOf({ code: '23505', constraint: 'users_email_key' })).toBe('email');
    expect(
      uniqueViolationFieldOf({ code: '23505', constraint: 'refresh_tokens_token_hash_key' }),
    ).toBeUndefined();
    expect(uniqueViolationFieldOf({ code: '23503', constraint: 'users_email_key' })).toBeUndefined();
    expect(uniqueViolationFieldOf(new Error('boom'))).toBeUndefined();
  });
});
