import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, httpClient } from './support/http.js';
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

const newPerson = () => register(apiOf(system.url));
const withKey = () => ({ 'idempotency-key': randomUUID() });

async function deposit(walletId: string, amount: number) {
  const answer = await http(`/v1/wallets/${walletId}/deposits`, {
    token: adminToken,
    body: { amount, reference: 'bank wire' },
    headers: withKey(),
  });
  expect(answer.status).toBe(201);
}

async function mainOf(person: Person): Promise<number> {
  return (await http(`/v1/wallets/${person.walletId}`, { token: person.token })).body.main;
}

describe(`what one user can learn of another on ${systemLabel}`, () => {
  it('never tells a sender the balance of the recipient, nor the recipient the sender’s', async () => {
    const sender = await newPerson();
    const recipient = await newPerson();
    await deposit(sender.walletId, 10_000);
    await deposit(recipient.walletId, 654_321);

    // One cent sent: the answer, the stored replay, and every read of the transfer.
    const key = withKey();
    const body = { from_wallet_id: sender.walletId, to_wallet_id: recipient.walletId, amount: 1 };
    const sent = await http('/v1/transfers', { token: sender.token, body, headers: key });
    expect(sent.status).toBe(201);
    const replayed = await http('/v1/transfers', { token: sender.token, body, headers: key });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    const bySender = await http(`/v1/transactions/${sent.body.transfer.id}`, { token: sender.token });
    const byRecipient = await http(`/v1/transactions/${sent.body.transfer.id}`, { token: recipient.token });
    for (const answer of [sent.body, replayed.body, bySender.body]) {
      expect(JSON.stringify(answer)).not.toContain('654322');
      expect(JSON.stringify(answer.entries ?? answer.transfer.entries)).not.toContain(recipient.walletId);
    }
    expect(JSON.stringify(byRecipient.body)).not.toContain('9999');
    expect(byRecipient.body.entries).toEqual([
      expect.objectContaining({ wallet_id: recipient.walletId, amount: 1, balance_after: 654_322 }),
    ]);
    const byAdmin = await http(`/v1/transactions/${sent.body.transfer.id}`, { token: adminToken });
    expect(byAdmin.body.entries).toHaveLength(2);

    // A bill paid to the recipient tells the payer nothing of the provider's balance either.
    const bill = await http('/v1/bills', {
      token: sender.token,
      body: { to_user: recipient.userName, amount: 1 },
      headers: withKey(),
    });
    expect(bill.status).toBe(201);
    expect(JSON.stringify(bill.body)).not.toContain('654323');
    const paid = await http(`/v1/transactions/${bill.body.transfer_id}`, { token: sender.token });
    expect(JSON.stringify(paid.body)).not.toContain('654323');
    expect(await mainOf(recipient)).toBe(654_323);
  });
});

describe(`NUL and control characters on ${systemLabel}`, () => {
  it('refuses a NUL in every string field and query parameter as validation_failed, and changes nothing', async () => {
    const person = await newPerson();
    const other = await newPerson();
    await deposit(person.walletId, 5_000);
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
    const me = await http('/v1/users/me', { token: person.token });
    expect(me.body.last_name).toBe('Jackson');
    const types = await http('/v1/wallet-types', { token: person.token });
    expect(types.body.data.map((type: { code: string }) => type.code)).not.toContain('nulled');
    expect((await system.verifyLedger()).ok).toBe(true);
  });
});

describe(`ended sessions on ${systemLabel}`, () => {
  /** Answers to a few routes a token opens; all 401 once its session has ended. */
  async function statusesWith(person: Person): Promise<number[]> {
    const answers = await Promise.all([
      http('/v1/users/me', { token: person.token }),
      http('/v1/wallets', { token: person.token }),
      http('/v1/wallets', { token: person.token, body: { currency: 'EUR', type: 'personal' } }),
      http('/v1/payments', {
        token: person.token,
        body: { amount: 100, currency: 'USD', wallet_id: person.walletId },
        headers: withKey(),
      }),
    ]);
    return answers.map((answer) => answer.status);
  }

  const refusedWithin = (person: Person, timeoutMs = 3_000) =>
    eventuallyAsync(async () => {
      const answer = await http('/v1/wallets', { token: person.token });
      return answer.status === 401 ? answer : undefined;
    }, timeoutMs);

  it('refuses a deleted user’s access token everywhere within seconds, and opens them no wallet', async () => {
    const person = await newPerson();
    const payer = await newPerson();
    await deposit(payer.walletId, 1_000);
    const deleted = await http('/v1/users/me', {
      token: person.token,
      method: 'DELETE',
      body: { password: 'a long enough password' },
    });
    expect(deleted.status).toBe(204);
    const startedAt = Date.now();
    const refused = await refusedWithin(person);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(refused.body).toMatchObject({ code: 'token_invalid' });
    expect(new Set(await statusesWith(person))).toEqual(new Set([401]));
    // Nobody can pay the deleted user any more.
    const paid = await http('/v1/transfers', {
      token: payer.token,
      body: { from_wallet_id: payer.walletId, to_wallet_id: person.walletId, amount: 10 },
      headers: withKey(),
    });
    expect(paid.status).toBeGreaterThanOrEqual(400);
    expect(paid.status).toBeLessThan(500);
    expect(await mainOf(payer)).toBe(1_000);
  });

  it('refuses the access token of a session that logged out, and leaves the user’s other sessions alone', async () => {
    const person = await newPerson();
    const other = await http('/v1/auth/login', {
      body: { login: person.userName, password: 'a long enough password' },
    });
    expect(other.status).toBe(200);
    expect((await http('/v1/auth/logout', { token: person.token, method: 'POST' })).status).toBe(204);
    await refusedWithin(person);
    expect((await http('/v1/wallets', { token: other.body.access_token })).status).toBe(200);
  });

  it('refuses every earlier access token of a user who changed their password', async () => {
    const person = await newPerson();
    const changed = await http('/v1/users/me', {
      token: person.token,
      method: 'PATCH',
      body: { password: 'another long enough passphrase', current_password: 'a long enough password' },
    });
    expect(changed.status).toBe(200);
    await refusedWithin(person);
    const again = await http('/v1/auth/login', {
      body: { login: person.userName, password: 'another long enough passphrase' },
    });
    expect((await http('/v1/wallets', { token: again.body.access_token })).status).toBe(200);
  });
});
