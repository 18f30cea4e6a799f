import { randomUUID } from 'node:crypto';
import type { Schema } from '@moneypal/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiOf, idempotencyKey } from './support/http.js';
import { deposit, eventuallyAsync, logIn, type Person, newPerson as register } from './support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let api: Api;
let adminToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  api = apiOf(system.url);
  adminToken = await logIn(api, system.admin.email, system.admin.password);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** A new user whose wallet holds `amount`, credited by the back office. */
async function fundedPerson(amount: number): Promise<Person> {
  const person = await register(api);
  await deposit(api, adminToken, person.walletId, amount);
  return person;
}

const mainOf = async (person: Person) =>
  (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: person.walletId } } })).data?.main;

const payOut = (
  person: Person,
  body: Omit<Schema<'CreatePayoutRequest'>, 'wallet_id' | 'receiver'> & { receiver?: string },
  key = randomUUID(),
) =>
  api(person.token).POST('/v1/payouts', {
    params: { header: idempotencyKey(key) },
    body: { wallet_id: person.walletId, receiver: 'ana@example.com', ...body },
  });

/** Waits until the payout reaches `status` and its money has moved in the wallet. */
const payoutReaches = (person: Person, id: string, status: string, main: number) =>
  eventuallyAsync(async () => {
    const payout = (await api(person.token).GET('/v1/payouts/{id}', { params: { path: { id } } })).data;
    return payout?.status === status && (await mainOf(person)) === main ? payout : undefined;
  });

describe(`payouts through the gateway on ${systemLabel}`, () => {
  it('pays out to PayPal once per key, and gives a failed payout back', async () => {
    const person = await fundedPerson(10_000);
    const key = randomUUID();
    const created = await payOut(person, { amount: 2500, metadata: { reference: 'cash-out-7' } }, key);
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    const again = await payOut(person, { amount: 2500, metadata: { reference: 'cash-out-7' } }, key);
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data?.id).toBe(created.data!.id);
    await payoutReaches(person, created.data!.id, 'succeeded', 7500);

    const failed = await payOut(person, { amount: 1000, receiver: 'ana+failed@example.com' });
    expect(failed.response.status).toBe(201);
    await payoutReaches(person, failed.data!.id, 'failed', 7500);

    const list = await api(person.token).GET('/v1/payouts', { params: { query: { status: 'succeeded' } } });
    expect(list.data?.data.map((payout) => payout.id)).toEqual([created.data!.id]);
  });

  it('refuses a payout above the balance, and hides a payout from other users', async () => {
    const person = await fundedPerson(500);
    const refused = await payOut(person, { amount: 501 });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'insufficient_funds' });
    const paid = await payOut(person, { amount: 500 });
    const stranger = await register(api);
    const hidden = await api(stranger.token).GET('/v1/payouts/{id}', {
      params: { path: { id: paid.data!.id } },
    });
    expect(hidden.response.status).toBe(404);
    const bad = await payOut(person, { amount: 1.5, receiver: 'nobody' });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.errors?.map((error) => error.path)).toEqual(
      expect.arrayContaining(['amount', 'receiver']),
    );
  });

  it('lets an admin release a frozen wallet’s balance to a PayPal account, and no one else', async () => {
    const person = await fundedPerson(3000);
    const frozen = await api(adminToken).PATCH('/v1/wallets/{id}', {
      params: { path: { id: person.walletId } },
      body: { status: 'frozen', reason: 'owner deceased' },
    });
    expect(frozen.response.status).toBe(200);
    const release = (token: string) =>
      api(token).POST('/v1/wallets/{id}/release', {
        params: { path: { id: person.walletId }, header: idempotencyKey() },
        body: { reason: 'paid to the heir', receiver: 'heir@example.com' },
      });
    expect((await release(person.token)).response.status).toBe(403);
    const released = await release(adminToken);
    expect(released.response.status, JSON.stringify(released.error)).toBe(201);
    expect(released.data?.payout).toMatchObject({ amount: 3000, release_reason: 'paid to the heir' });
    await payoutReaches(person, released.data!.payout!.id, 'succeeded', 0);
  });
});
