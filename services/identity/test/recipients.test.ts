import { identityRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { newPhoneNumber, testDatabaseLabel, uniqueTag } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, type IdentityHarness, register, startHarness } from './identity-harness.js';

describe(`recipient lookup on ${testDatabaseLabel}`, () => {
  let harness: IdentityHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  const find = (query: string) => call(harness.client, identityRequests.findRecipient, { query });

  it('answers the display name and handle of the user with exactly that handle, email or phone', async () => {
    const phone = newPhoneNumber();
    const { user } = await register(harness, { first_name: 'Grace', last_name: 'Hopper', phone });
    const expected = { display_name: 'Grace Hopper', user_name: user.user_name };
    await expect(find(user.user_name)).resolves.toEqual(expected);
    await expect(find(user.user_name.toUpperCase())).resolves.toEqual(expected);
    await expect(find(user.email)).resolves.toEqual(expected);
    await expect(find(phone)).resolves.toEqual(expected);
  });

  it('answers recipient_not_found, naming the query, for a part of a handle or email and for nobody', async () => {
    const { user } = await register(harness, { user_name: `lin${uniqueTag()}ear` });
    for (const query of [
      user.user_name.slice(0, -1),
      user.user_name.slice(1),
      user.email.slice(0, user.email.indexOf('@')),
      user.email.slice(1),
      `nobody${uniqueTag()}`,
      'x'.repeat(40),
      newPhoneNumber(),
    ]) {
      const failure = await failureOf(find(query));
      expect(failure.code, query).toBe('recipient_not_found');
      expect(failure.details).toEqual({
        errors: [{ path: 'query', message: 'Nobody has this user name or email.' }],
      });
    }
  });

  it('finds nobody by a phone two users share, nor a deleted user', async () => {
    const phone = newPhoneNumber();
    await register(harness, { phone });
    await register(harness, { phone });
    expect((await failureOf(find(phone))).code).toBe('recipient_not_found');

    const { user } = await register(harness);
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id });
    expect((await failureOf(find(user.user_name))).code).toBe('recipient_not_found');
    expect((await failureOf(find(user.email))).code).toBe('recipient_not_found');
  });
});
