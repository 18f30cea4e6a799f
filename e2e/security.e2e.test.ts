import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiOf, httpClient, idempotencyKey } from './support/http.js';
import { deposit, eventuallyAsync, logIn, type Person, newPerson as register } from './support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let api: Api;
/** For the requests that carry a NUL or a control character, which the typed client would not send. */
let http: ReturnType<typeof httpClient>;
let adminToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  api = apiOf(system.url);
  http = httpClient(system.url);
  adminToken = await logIn(api, system.admin.email, system.admin.password);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const newPerson = () => register(api);
const withKey = () => ({ 'idempotency-key': randomUUID() });

const depositTo = (walletId: string, amount: number) => deposit(api, adminToken, walletId, amount);

async function mainOf(person: Person): Promise<number> {
  return (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: person.walletId } } }))
    .data!.main;
}

describe(`what one user can learn of another on ${systemLabel}`, () => {
  it('never tells a sender the balance of the recipient, nor the recipient the sender’s', async () => {
    const sender = await newPerson();
    const recipient = await newPerson();
    await depositTo(sender.walletId, 10_000);
    await depositTo(recipient.walletId, 654_321);

    // One cent sent: the answer, the stored replay, and every read of the transfer.
    const key = randomUUID();
    const send = () =>
      api(sender.token).POST('/v1/transfers', {
        params: { header: idempotencyKey(key) },
        body: { from_wallet_id: sender.walletId, to_wallet_id: recipient.walletId, amount: 1 },
      });
    const sent = await send();
    expect(sent.response.status).toBe(201);
    const replayed = await send();
    expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');
    const transferAs = (token: string, id: string) =>
      api(token).GET('/v1/transactions/{id}', { params: { path: { id } } });
    const transferId = sent.data!.transfer.id;
    const bySender = await transferAs(sender.token, transferId);
    const byRecipient = await transferAs(recipient.token, transferId);
    const reads = [
      { answer: sent.data, entries: sent.data?.transfer.entries },
      { answer: replayed.data, entries: replayed.data?.transfer.entries },
      { answer: bySender.data, entries: bySender.data?.entries },
    ];
    for (const { answer, entries } of reads) {
      expect(JSON.stringify(answer)).not.toContain('654322');
      expect(JSON.stringify(entries)).not.toContain(recipient.walletId);
    }
    expect(JSON.stringify(byRecipient.data)).not.toContain('9999');
    expect(byRecipient.data?.entries).toEqual([
      expect.objectContaining({ wallet_id: recipient.walletId, amount: 1, balance_after: 654_322 }),
    ]);
    const byAdmin = await transferAs(adminToken, transferId);
    expect(byAdmin.data?.entries).toHaveLength(2);

    // A bill paid to the recipient tells the payer nothing of the provider's balance either.
    const bill = await api(sender.token).POST('/v1/bills', {
      params: { header: idempotencyKey() },
      body: { to_user: recipient.userName, amount: 1 },
    });
    expect(bill.response.status).toBe(201);
    expect(JSON.stringify(bill.data)).not.toContain('654323');
    const paid = await transferAs(sender.token, bill.data!.transfer_id);
    expect(JSON.stringify(paid.data)).not.toContain('654323');
    expect(await mainOf(recipient)).toBe(654_323);
  });
});

describe(`NUL and control characters on ${systemLabel}`, () => {
  it('refuses a NUL in every string field and query parameter as validation_failed, and changes nothing', async () => {
    const person = await newPerson();
    const other = await newPerson();
    await depositTo(person.walletId, 5_000);
    const nul = 'a\u0000b';
    const requests: { path: string; method?: string; token?: string; body?: unknown; key?: boolean }[] = [
      {
        path: '/v1/auth/register',
        body: {
          first_name: nul,
          last_name: 'Jackson',
          user_name: `n${randomUUID().slice(0, 8)}`,
          email: `${randomUUID()}@example.com`,
          password: 'plenty of words here',
        },
      },
      { path: '/v1/auth/login', body: { login: nul, password: 'whatever you like' } },
      { path: '/v1/users/me', method: 'PATCH', token: person.token, body: { last_name: nul } },
      {
        path: '/v1/transfers',
        token: person.token,
        body: { from_wallet_id: person.walletId, to_user: nul, amount: 10 },
        key: true,
      },
      {
        path: '/v1/transfers',
        token: person.token,
        body: { from_wallet_id: person.walletId, to_wallet_id: other.walletId, amount: 10, description: nul },
        key: true,
      },
      {
        path: '/v1/bills',
        token: person.token,
        body: { to_user: other.userName, amount: 10, description: nul },
        key: true,
      },
      {
        path: '/v1/bills',
        token: person.token,
        body: { to_user: `${other.userName}\u0000`, amount: 10 },
        key: true,
      },
      {
        path: `/v1/wallets/${other.walletId}/deposits`,
        token: adminToken,
        body: { amount: 10, reference: nul },
        key: true,
      },
      {
        path: '/v1/payments',
        token: person.token,
        body: { amount: 100, currency: 'USD', wallet_id: person.walletId, description: nul },
        key: true,
      },
      {
        path: '/v1/payments',
        token: person.token,
        body: { amount: 100, currency: 'USD', wallet_id: person.walletId, paid_to: nul },
        key: true,
      },
      { path: '/v1/wallet-types', token: adminToken, body: { code: 'nulled', name: nul } },
      { path: '/v1/savings-plans', token: adminToken, body: { name: nul, kind: 'flat', value: 1 } },
      { path: `/v1/users?first_name=${encodeURIComponent(nul)}`, token: adminToken },
      { path: `/v1/users?email=${encodeURIComponent(nul)}`, token: adminToken },
      { path: `/v1/users/find?user_name=${encodeURIComponent(nul)}`, token: adminToken },
      { path: `/v1/balance?email=${encodeURIComponent(`${person.email}\u0000`)}`, token: person.token },
      { path: `/v1/transactions?cursor=${encodeURIComponent(nul)}`, token: person.token },
    ];
    for (const request of requests) {
      const answer = await http(request.path, {
        ...(request.method ? { method: request.method } : {}),
        ...(request.token ? { token: request.token } : {}),
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.key ? { headers: withKey() } : {}),
      });
      const name = `${request.method ?? (request.body ? 'POST' : 'GET')} ${request.path}`;
      expect(answer.status, name).toBe(400);
      expect(answer.headers.get('content-type'), name).toContain('application/problem+json');
      expect(answer.body.code, name).toBe('validation_failed');
    }
    expect(await mainOf(person)).toBe(5_000);
    expect(await mainOf(other)).toBe(0);
    const me = await api(person.token).GET('/v1/users/me');
    expect(me.data?.last_name).toBe('Jackson');
    const types = await api(person.token).GET('/v1/wallet-types');
    expect(types.data?.data.map((type) => type.code)).not.toContain('nulled');
    expect((await system.verifyLedger()).ok).toBe(true);
  });
});

describe(`ended sessions on ${systemLabel}`, () => {
  /** Answers to a few routes a token opens; all 401 once its session has ended. */
  async function statusesWith(person: Person): Promise<number[]> {
    const asPerson = api(person.token);
    const answers = await Promise.all([
      asPerson.GET('/v1/users/me'),
      asPerson.GET('/v1/wallets'),
      asPerson.POST('/v1/wallets', { body: { currency: 'EUR', type: 'personal' } }),
      asPerson.POST('/v1/payments', {
        params: { header: idempotencyKey() },
        body: { amount: 100, currency: 'USD', wallet_id: person.walletId },
      }),
    ]);
    return answers.map((answer) => answer.response.status);
  }

  const refusedWithin = (person: Person, timeoutMs = 3_000) =>
    eventuallyAsync(async () => {
      const answer = await api(person.token).GET('/v1/wallets');
      return answer.response.status === 401 ? answer : undefined;
    }, timeoutMs);

  it('refuses a deleted user’s access token everywhere within seconds, and opens them no wallet', async () => {
    const person = await newPerson();
    const payer = await newPerson();
    await depositTo(payer.walletId, 1_000);
    const deleted = await api(person.token).DELETE('/v1/users/me', {
      body: { password: 'a long enough password' },
    });
    expect(deleted.response.status).toBe(204);
    const startedAt = Date.now();
    const refused = await refusedWithin(person);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(refused.error).toMatchObject({ code: 'token_invalid' });
    expect(new Set(await statusesWith(person))).toEqual(new Set([401]));
    // Nobody can pay the deleted user any more.
    const paid = await api(payer.token).POST('/v1/transfers', {
      params: { header: idempotencyKey() },
      body: { from_wallet_id: payer.walletId, to_wallet_id: person.walletId, amount: 10 },
    });
    expect(paid.response.status).toBeGreaterThanOrEqual(400);
    expect(paid.response.status).toBeLessThan(500);
    expect(await mainOf(payer)).toBe(1_000);
  });

  it('refuses the access token of a session that logged out, and leaves the user’s other sessions alone', async () => {
    const person = await newPerson();
    const other = await logIn(api, person.userName, 'a long enough password');
    expect((await api(person.token).POST('/v1/auth/logout')).response.status).toBe(204);
    await refusedWithin(person);
    expect((await api(other).GET('/v1/wallets')).response.status).toBe(200);
  });

  it('refuses every earlier access token of a user who changed their password', async () => {
    const person = await newPerson();
    const changed = await api(person.token).PATCH('/v1/users/me', {
      body: { password: 'another long enough passphrase', current_password: 'a long enough password' },
    });
    expect(changed.response.status).toBe(200);
    await refusedWithin(person);
    const again = await logIn(api, person.userName, 'another long enough passphrase');
    expect((await api(again).GET('/v1/wallets')).response.status).toBe(200);
  });
});
