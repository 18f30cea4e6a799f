import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './support/http.js';
import { eventuallyAsync, type Person, newPerson as register } from './support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let http: ReturnType<typeof httpClient>;
let adminToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  http = httpClient(system.url);
  const login = await http('/v1/auth/login', {
    body: { login: system.admin.email, password: system.admin.password },
  });
  adminToken = login.body.access_token;
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** A new user whose wallet holds `amount`, credited by the back office. */
async function fundedPerson(amount: number): Promise<Person> {
  const person = await register(http);
  const deposit = await http(`/v1/wallets/${person.walletId}/deposits`, {
    token: adminToken,
    body: { amount, reference: 'bank wire' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(deposit.status).toBe(201);
  return person;
}

const mainOf = async (person: Person) =>
  (await http(`/v1/wallets/${person.walletId}`, { token: person.token })).body.main as number;

const payOut = (person: Person, body: Record<string, unknown>, key = randomUUID()) =>
  http('/v1/payouts', {
    token: person.token,
    headers: { 'idempotency-key': key },
    body: { wallet_id: person.walletId, receiver: 'ana@example.com', ...body },
  });

/** Waits until the payout reaches `status` and its money has moved in the wallet. */
const payoutReaches = (person: Person, id: string, status: string, main: number) =>
  eventuallyAsync(async () => {
    const payout = (await http(`/v1/payouts/${id}`, { token: person.token })).body;
    return payout.status === status && (await mainOf(person)) === main ? payout : undefined;
  });

describe(`payouts through the gateway on ${systemLabel}`, () => {
  it('pays out to PayPal once per key, and gives a failed payout back', async () => {
    const person = await fundedPerson(10_000);
    const key = randomUUID();
    const created = await payOut(person, { amount: 2500, metadata: { reference: 'cash-out-7' } }, key);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const again = await payOut(person, { amount: 2500, metadata: { reference: 'cash-out-7' } }, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(created.body.id);
    await payoutReaches(person, created.body.id, 'succeeded', 7500);

    const failed = await payOut(person, { amount: 1000, receiver: 'ana+failed@example.com' });
    expect(failed.status).toBe(201);
    await payoutReaches(person, failed.body.id, 'failed', 7500);

    const list = await http('/v1/payouts?status=succeeded', { token: person.token });
    expect(list.body.data.map((payout: { id: string }) => payout.id)).toEqual([created.body.id]);
  });

  it('refuses a payout above the balance, and hides a payout from other users', async () => {
    const person = await fundedPerson(500);
    const refused = await payOut(person, { amount: 501 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'insufficient_funds' });
    const paid = await payOut(person, { amount: 500 });
    const stranger = await register(http);
    const hidden = await http(`/v1/payouts/${paid.body.id}`, { token: stranger.token });
    expect(hidden.status).toBe(404);
    const bad = await payOut(person, { amount: 1.5, receiver: 'nobody' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['amount', 'receiver']),
    );
  });

  it('lets an admin release a frozen wallet’s balance to a PayPal account, and no one else', async () => {
    const person = await fundedPerson(3000);
    const frozen = await http(`/v1/wallets/${person.walletId}`, {
      method: 'PATCH',
      token: adminToken,
      body: { status: 'frozen', reason: 'owner deceased' },
    });
    expect(frozen.status).toBe(200);
    const release = (token: string) =>
      http(`/v1/wallets/${person.walletId}/release`, {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { reason: 'paid to the heir', receiver: 'heir@example.com' },
      });
    expect((await release(person.token)).status).toBe(403);
    const released = await release(adminToken);
    expect(released.status, JSON.stringify(released.body)).toBe(201);
    expect(released.body.payout).toMatchObject({ amount: 3000, release_reason: 'paid to the heir' });
    await payoutReaches(person, released.body.payout.id, 'succeeded', 0);
  });
});
