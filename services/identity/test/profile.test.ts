import { identityEvents, identityRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel, uniqueTag } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  type IdentityHarness,
  login,
  newRegistration,
  outboxEvents,
  register,
  startHarness,
} from './identity-harness.js';

describe(`own profile: read, update, delete on ${testDatabaseLabel}`, () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const update = (userId: string, changes: Record<string, unknown>) =>
    call(harness.client, identityRequests.updateUser, { user_id: userId, changes });

  const refresh = (refreshToken: string) =>
    call(harness.client, identityRequests.refresh, { refresh_token: refreshToken });

  const updatedEventsOf = async (userId: string) =>
    (await outboxEvents(harness, identityEvents.userUpdated)).filter((event) => event.subject === userId);

  it('reads the own profile by id', async () => {
    const { user } = await register(harness);
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toEqual(user);
  });

  it('changes names, phone and two-factor setting and writes identity.user.updated with the changed fields', async () => {
    const { user, password } = await register(harness);
    harness.clock.advance(1000);
    const updated = await update(user.id, {
      first_name: 'Augusta',
      phone: '+14155550199',
      two_factor_enabled: true,
      last_name: user.last_name,
      current_password: password,
    });
    expect(updated).toMatchObject({
      first_name: 'Augusta',
      last_name: user.last_name,
      phone: '+14155550199',
      two_factor_enabled: true,
      created_at: user.created_at,
    });
    expect(updated.updated_at).not.toBe(user.updated_at);
    const events = await updatedEventsOf(user.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({
      user: updated,
      changed: ['first_name', 'phone', 'two_factor_enabled'],
    });
  });

  it('clears the phone with null', async () => {
    const { user, password } = await register(harness, { phone: '+14155550123' });
    await expect(update(user.id, { phone: null, current_password: password })).resolves.toMatchObject({
      phone: null,
    });
  });

  it('changes the email with the current password', async () => {
    const { user, password } = await register(harness);
    const email = `new.${user.email}`;
    await expect(update(user.id, { email, current_password: password })).resolves.toMatchObject({ email });
    await expect(login(harness, email, password)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses an email or phone change with a wrong current password, naming the field, and changes nothing', async () => {
    const { user } = await register(harness);
    for (const changes of [{ email: `new.${user.email}` }, { phone: '+14155550177' }]) {
      const failure = await failureOf(update(user.id, { ...changes, current_password: 'not my password' }));
      expect(failure).toMatchObject({
        code: 'unauthenticated',
        details: { errors: [{ path: 'current_password', message: 'The current password is wrong.' }] },
      });
    }
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toEqual(user);
    expect(await updatedEventsOf(user.id)).toHaveLength(0);
  });

  it('refuses an email or phone change without the current password', async () => {
    const { user } = await register(harness);
    for (const changes of [{ email: `new.${user.email}` }, { phone: '+14155550177' }]) {
      const failure = await failureOf(
        harness.client.request(identityRequests.updateUser.subject, { user_id: user.id, changes }),
      );
      expect(failure.code).toBe('validation_failed');
    }
  });

  it('writes no event when nothing actually changes', async () => {
    const { user } = await register(harness);
    await update(user.id, { first_name: user.first_name });
    expect(await updatedEventsOf(user.id)).toHaveLength(0);
  });

  it('refuses an email another user has, in any letter case', async () => {
    const other = await register(harness);
    const { user, password } = await register(harness);
    const failure = await failureOf(
      update(user.id, { email: other.user.email.toUpperCase(), current_password: password }),
    );
    expect(failure).toMatchObject({
      code: 'conflict',
      details: { errors: [{ path: 'email', message: 'This email is already taken: choose another.' }] },
    });
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toEqual(user);
  });

  it('refuses a user_name another user has, in any letter case', async () => {
    const other = await register(harness);
    const { user } = await register(harness);
    const failure = await failureOf(update(user.id, { user_name: other.user.user_name.toUpperCase() }));
    expect(failure).toMatchObject({ code: 'conflict', details: { errors: [{ path: 'user_name' }] } });
  });

  it('lets a user change the letter case of their own user_name', async () => {
    const { user } = await register(harness);
    await expect(update(user.id, { user_name: user.user_name.toUpperCase() })).resolves.toMatchObject({
      user_name: user.user_name.toUpperCase(),
    });
  });

  it('refuses a password change without the current password', async () => {
    const { user } = await register(harness);
    const failure = await failureOf(
      harness.client.request(identityRequests.updateUser.subject, {
        user_id: user.id,
        changes: { password: 'a brand new password' },
      }),
    );
    expect(failure.code).toBe('validation_failed');
  });

  it('refuses a password change with a wrong current password and keeps the old password', async () => {
    const { user, password } = await register(harness);
    const failure = await failureOf(
      update(user.id, { password: 'a brand new password', current_password: 'not my password' }),
    );
    expect(failure.code).toBe('unauthenticated');
    await expect(login(harness, user.user_name, password)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('changes the password with the current one and ends every session', async () => {
    const { user, password } = await register(harness);
    const session = await login(harness, user.user_name, password);
    await update(user.id, { password: 'a brand new password', current_password: password });
    expect((await failureOf(refresh(session.refresh_token))).code).toBe('token_invalid');
    expect((await failureOf(login(harness, user.user_name, password))).code).toBe('unauthenticated');
    await expect(login(harness, user.user_name, 'a brand new password')).resolves.toMatchObject({
      token_type: 'Bearer',
    });
    const events = await updatedEventsOf(user.id);
    expect(events.at(-1)?.data).toMatchObject({ changed: ['password'] });
    expect(JSON.stringify(events)).not.toContain('a brand new password');
  });

  it('refuses a guessable new password and keeps the old one', async () => {
    // A user name long enough to pass as a password but for being the user's own.
    const { user, password } = await register(harness, { user_name: `adalovelace${uniqueTag()}` });
    for (const weak of ['password12', user.user_name, `${user.email.split('@')[0]}2030`]) {
      const failure = await failureOf(update(user.id, { password: weak, current_password: password }));
      expect(failure.code).toBe('validation_failed');
      expect(failure.details).toEqual({
        errors: [{ path: 'password', message: expect.stringMatching(/^is too easy to guess: /) }],
      });
    }
    await expect(login(harness, user.user_name, password)).resolves.toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses a new password built from the user name the same update gives', async () => {
    const { user, password } = await register(harness);
    const userName = `${user.user_name}lace`;
    const failure = await failureOf(
      update(user.id, { user_name: userName, password: `${userName}#`, current_password: password }),
    );
    expect(failure.code).toBe('validation_failed');
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toMatchObject({
      user_name: user.user_name,
    });
  });

  it('answers user_not_found for an update of a user that does not exist', async () => {
    const failure = await failureOf(update('0190a000-0000-7000-8000-000000000000', { first_name: 'X' }));
    expect(failure.code).toBe('user_not_found');
  });

  it('deletes softly: login, refresh and lookups fail, and the row stays', async () => {
    const { user, password } = await register(harness);
    const session = await login(harness, user.user_name, password);
    await expect(call(harness.client, identityRequests.deleteUser, { user_id: user.id })).resolves.toEqual(
      {},
    );
    expect((await failureOf(login(harness, user.user_name, password))).code).toBe('unauthenticated');
    expect((await failureOf(refresh(session.refresh_token))).code).toBe('token_invalid');
    expect((await failureOf(call(harness.client, identityRequests.getUser, { id: user.id }))).code).toBe(
      'user_not_found',
    );
    expect(
      (await failureOf(call(harness.client, identityRequests.getUser, { email: user.email }))).code,
    ).toBe('user_not_found');
    expect((await failureOf(update(user.id, { first_name: 'Ghost' }))).code).toBe('user_not_found');
    expect(
      (await failureOf(call(harness.client, identityRequests.deleteUser, { user_id: user.id }))).code,
    ).toBe('user_not_found');
    const row = await harness.database.db
      .selectFrom('users')
      .select('deleted_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeInstanceOf(Date);
  });

  it('deletes the account when the user gives the right password', async () => {
    const { user, password } = await register(harness);
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id, password });
    expect((await failureOf(call(harness.client, identityRequests.getUser, { id: user.id }))).code).toBe(
      'user_not_found',
    );
  });

  it('refuses to delete the account with a wrong password, naming the field, and deletes nothing', async () => {
    const { user, password } = await register(harness);
    const session = await login(harness, user.user_name, password);
    const failure = await failureOf(
      call(harness.client, identityRequests.deleteUser, { user_id: user.id, password: 'not my password' }),
    );
    expect(failure).toMatchObject({
      code: 'unauthenticated',
      details: { errors: [{ path: 'password', message: 'The password is wrong.' }] },
    });
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toEqual(user);
    await expect(refresh(session.refresh_token)).resolves.toMatchObject({ token_type: 'Bearer' });
    const deleted = (await outboxEvents(harness, identityEvents.userDeleted)).filter(
      (event) => event.subject === user.id,
    );
    expect(deleted).toHaveLength(0);
  });

  it('writes identity.user.deleted with the id, user_name and email', async () => {
    const { user } = await register(harness);
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id });
    const events = (await outboxEvents(harness, identityEvents.userDeleted)).filter(
      (event) => event.subject === user.id,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ user_id: user.id, user_name: user.user_name, email: user.email });
  });

  it('frees the user_name and email of a deleted user for a new registration', async () => {
    const { user, body } = await register(harness);
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id });
    const again = await call(
      harness.client,
      identityRequests.register,
      newRegistration({ user_name: body.user_name.toUpperCase(), email: body.email }),
    );
    expect(again.id).not.toBe(user.id);
    await expect(
      call(harness.client, identityRequests.getUser, { user_name: body.user_name }),
    ).resolves.toEqual(again);
  });
});
