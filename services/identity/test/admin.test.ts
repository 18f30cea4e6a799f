import { identityEvents, identityRequests, type User } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  type IdentityHarness,
  login,
  outboxEvents,
  register,
  startHarness,
  verifyAccessToken,
} from './identity-harness.js';

const admin = { email: 'root@moneypal.example', password: 'a long admin password', userName: 'admin' };
let harness: IdentityHarness;

beforeAll(async () => {
  harness = await startHarness({ admin });
});

afterAll(async () => {
  await harness.close();
});

describe(`admin: list and find users on ${testDatabaseLabel}`, () => {
  /** Users of this file's own fixture, newest first; every name carries the marker "zq". */
  const fixture: User[] = [];

  const list = (request: Record<string, unknown>) =>
    call(harness.client, identityRequests.listUsers, { limit: 100, ...request } as { limit: number });

  beforeAll(async () => {
    const people: Record<string, string>[] = [
      {
        first_name: 'Grace',
        last_name: 'Hopper',
        user_name: 'zq_grace',
        email: 'grace@navy.example',
        phone: '+12025550101',
      },
      { first_name: 'Alan', last_name: 'Turing', user_name: 'zq.alan', email: 'alan@bletchley.example' },
      { first_name: 'Edsger', last_name: 'Dijkstra', user_name: 'zqEdsger', email: 'ewd@tue.example' },
      {
        first_name: 'Barbara',
        last_name: 'Liskov',
        user_name: 'zq-barbara',
        email: 'liskov@mit.example',
        phone: '+16175550102',
      },
      { first_name: 'Donald', last_name: 'Knuth', user_name: 'zqknuth', email: 'knuth@stanford.example' },
      { first_name: '100%', last_name: 'Literal', user_name: 'zqpercent', email: 'percent@odd.example' },
    ];
    for (const person of people) {
      harness.clock.advance(60_000);
      fixture.unshift((await register(harness, person)).user);
    }
    await call(harness.client, identityRequests.updateUser, {
      user_id: fixture.find((user) => user.user_name === 'zqknuth')!.id,
      changes: { two_factor_enabled: true },
    });
  });

  const namesOf = (page: { data: User[] }) => page.data.map((user) => user.user_name);

  it('lists users newest first', async () => {
    const page = await list({ user_name: 'zq' });
    expect(namesOf(page)).toEqual(fixture.map((user) => user.user_name));
    expect(page.next_cursor).toBeNull();
  });

  it.each([
    ['first_name', { first_name: 'RAC' }, ['zq_grace']],
    ['last_name', { last_name: 'kNuT' }, ['zqknuth']],
    ['user_name', { user_name: 'ZQEDS' }, ['zqEdsger']],
    ['email', { email: 'STANFORD.EX' }, ['zqknuth']],
    ['phone', { phone: '555010' }, ['zq-barbara', 'zq_grace']],
    ['two_factor_enabled', { user_name: 'zq', two_factor_enabled: true }, ['zqknuth']],
    ['role', { user_name: 'zq', role: 'admin' }, []],
    [
      'several filters at once',
      { first_name: 'a', email: 'example', last_name: 'o' },
      ['zq-barbara', 'zq_grace'],
    ],
  ])('filters by %s, case-insensitively for text', async (_, filters, expected) => {
    expect(namesOf(await list(filters))).toEqual(expected);
  });

  it('filters by id', async () => {
    const target = fixture[2]!;
    expect(namesOf(await list({ id: target.id }))).toEqual([target.user_name]);
  });

  it('takes LIKE wildcards in filters literally', async () => {
    expect(namesOf(await list({ first_name: '%' }))).toEqual(['zqpercent']);
    expect(namesOf(await list({ user_name: 'zq_' }))).toEqual(['zq_grace']);
    expect(namesOf(await list({ user_name: '\\' }))).toEqual([]);
  });

  it('filters by creation time, both bounds included', async () => {
    const oldest = fixture.at(-1)!;
    const second = fixture.at(-2)!;
    const page = await list({
      user_name: 'zq',
      created_from: oldest.created_at,
      created_to: second.created_at,
    });
    expect(namesOf(page)).toEqual([second.user_name, oldest.user_name]);
  });

  it('pages through every user once, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ user_name: 'zq', limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...namesOf(page));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(fixture.map((user) => user.user_name));
  });

  it('answers no next cursor when the last page is exactly full', async () => {
    const page = await list({ user_name: 'zq', limit: fixture.length });
    expect(page.data).toHaveLength(fixture.length);
    expect(page.next_cursor).toBeNull();
  });

  it.each([['not-base64!'], ['bm90IGEgdXVpZA'], ['x']])('refuses the malformed cursor %s', async (cursor) => {
    const failure = await failureOf(list({ cursor }));
    expect(failure).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'cursor' }] } });
  });

  it('leaves deleted users out of the list', async () => {
    const { user } = await register(harness, { user_name: 'zzdeleted' });
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id });
    expect(namesOf(await list({ user_name: 'zzdeleted' }))).toEqual([]);
  });

  it('finds one user by id, by email or by user_name in any letter case', async () => {
    const target = fixture[0]!;
    await expect(call(harness.client, identityRequests.getUser, { id: target.id })).resolves.toEqual(target);
    await expect(
      call(harness.client, identityRequests.getUser, { email: target.email.toUpperCase() }),
    ).resolves.toEqual(target);
    await expect(
      call(harness.client, identityRequests.getUser, { user_name: target.user_name.toUpperCase() }),
    ).resolves.toEqual(target);
  });

  it('answers user_not_found for a user that does not exist', async () => {
    expect(
      (await failureOf(call(harness.client, identityRequests.getUser, { email: 'nobody@nowhere.example' })))
        .code,
    ).toBe('user_not_found');
  });

  it('refuses a lookup by two fields at once', async () => {
    const failure = await failureOf(
      harness.client.request(identityRequests.getUser.subject, {
        id: fixture[0]!.id,
        email: fixture[0]!.email,
      }),
    );
    expect(failure.code).toBe('validation_failed');
  });
});

describe(`bootstrap admin on ${testDatabaseLabel}`, () => {
  let adminId: string;

  beforeAll(async () => {
    adminId = (await call(harness.client, identityRequests.getUser, { email: admin.email })).id;
  });

  const adminEvents = async () =>
    (await outboxEvents(harness)).filter(
      (event) =>
        event.subject === adminId &&
        (event.type === identityEvents.userCreated || event.type === identityEvents.userUpdated),
    );

  it('is created at start with the admin role and can log in', async () => {
    const user = await call(harness.client, identityRequests.getUser, { user_name: 'admin' });
    expect(user).toMatchObject({ email: admin.email, role: 'admin' });
    const tokens = await login(harness, admin.email, admin.password);
    expect((await verifyAccessToken(harness, tokens.access_token)).payload).toMatchObject({
      sub: user.id,
      role: 'admin',
    });
    expect(await adminEvents()).toHaveLength(1);
  });

  it('is left alone by a restart with the same credentials', async () => {
    const before = await adminEvents();
    await harness.restart();
    expect(await adminEvents()).toEqual(before);
  });

  it('gets the new password after a restart with another one, and the old one stops working', async () => {
    await harness.restart({ admin: { ...admin, password: 'another long admin password' } });
    expect((await failureOf(login(harness, 'admin', admin.password))).code).toBe('unauthenticated');
    await expect(login(harness, 'admin', 'another long admin password')).resolves.toMatchObject({
      token_type: 'Bearer',
    });
    expect((await adminEvents()).at(-1)).toMatchObject({
      type: 'identity.user.updated',
      data: { changed: ['password'] },
    });
  });

  it('renames the admin when ADMIN_USER_NAME changes, keeping the same user', async () => {
    const before = await call(harness.client, identityRequests.getUser, { email: admin.email });
    await harness.restart({ admin: { ...admin, userName: 'root' } });
    await expect(
      call(harness.client, identityRequests.getUser, { user_name: 'root' }),
    ).resolves.toMatchObject({
      id: before.id,
      role: 'admin',
    });
  });

  it('moves the admin found by user_name to a new ADMIN_EMAIL', async () => {
    const before = await call(harness.client, identityRequests.getUser, { user_name: 'root' });
    await harness.restart({ admin: { ...admin, email: 'ops@moneypal.example', userName: 'root' } });
    await expect(
      call(harness.client, identityRequests.getUser, { email: 'ops@moneypal.example' }),
    ).resolves.toMatchObject({ id: before.id, role: 'admin' });
  });

  it('refuses to start rather than promote a user who registered with the admin email', async () => {
    const { user } = await register(harness, { email: 'future@moneypal.example' });
    await expect(
      harness.restart({
        admin: { email: 'FUTURE@moneypal.example', password: 'a long admin password', userName: 'root' },
      }),
    ).rejects.toThrow(/bootstrap admin.*email belongs to a user who is not an admin/);
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toMatchObject({
      role: 'user',
    });
  });

  it('refuses to start with a guessable ADMIN_PASSWORD, and keeps the admin as it was', async () => {
    const before = await adminEvents();
    await expect(harness.restart({ admin: { ...admin, password: 'password12' } })).rejects.toThrow(
      /bootstrap admin: the ADMIN_PASSWORD is too easy to guess/,
    );
    await expect(harness.restart({ admin: { ...admin, password: admin.email } })).rejects.toThrow(
      /ADMIN_PASSWORD is too easy to guess/,
    );
    await harness.restart();
    expect(await adminEvents()).toEqual(before);
  });

  it('refuses to start rather than promote a user who holds the admin user_name', async () => {
    const { user } = await register(harness, { user_name: 'chief' });
    await expect(
      harness.restart({
        admin: { email: 'chief@moneypal.example', password: 'a long admin password', userName: 'chief' },
      }),
    ).rejects.toThrow(/bootstrap admin.*user_name belongs to a user who is not an admin/);
    await expect(call(harness.client, identityRequests.getUser, { id: user.id })).resolves.toMatchObject({
      role: 'user',
    });
  });
});
