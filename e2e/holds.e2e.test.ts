import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './support/http.js';
import { type Person, newPerson as register } from './support/people.js';
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

/** Two new users of this system, the first with 1000 in the wallet. */
async function funded(): Promise<{ ada: Person; grace: Person }> {
  const ada = await register(http, 'Ada');
  const grace = await register(http, 'Grace');
  const deposit = await http(`/v1/wallets/${ada.walletId}/deposits`, {
    token: adminToken,
    body: { amount: 1_000, reference: 'bank wire' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(deposit.status).toBe(201);
  return { ada, grace };
}

const post = (person: { token: string }, url: string, body: unknown, key = randomUUID()) =>
  http(url, { token: person.token, body, headers: { 'idempotency-key': key } });

const walletOf = async (person: Person) =>
  (await http(`/v1/wallets/${person.walletId}`, { token: person.token })).body;

describe(`escrow holds through the gateway on ${systemLabel}`, () => {
  it('holds, captures part, and refuses a second settlement; a void gives the whole hold back', async () => {
    const { ada, grace } = await funded();
    const key = randomUUID();
    const body = {
      from_wallet_id: ada.walletId,
      to_user: grace.userName,
      amount: 600,
      description: 'job 1042',
    };
    const opened = await post(ada, '/v1/holds', body, key);
    expect(opened.status).toBe(201);
    expect(opened.body.hold).toMatchObject({ status: 'held', amount: 600, to_wallet_id: grace.walletId });
    expect(await walletOf(ada)).toMatchObject({ main: 400, available: 400, held: 600 });
    const again = await post(ada, '/v1/holds', body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(opened.body);

    const holdId = opened.body.hold.id;
    expect((await post(grace, `/v1/holds/${holdId}/capture`, {})).status).toBe(403);
    const captured = await post(ada, `/v1/holds/${holdId}/capture`, { amount: 250 });
    expect(captured.status).toBe(200);
    expect(captured.body.hold).toMatchObject({ status: 'captured', captured_amount: 250 });
    expect(await walletOf(ada)).toMatchObject({ main: 750, held: 0 });
    expect(await walletOf(grace)).toMatchObject({ main: 250 });
    const late = await post(grace, `/v1/holds/${holdId}/void`, {});
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'hold_already_settled' });

    const second = await post(ada, '/v1/holds', { ...body, amount: 700 });
    expect(second.status).toBe(201);
    const voided = await post(grace, `/v1/holds/${second.body.hold.id}/void`, { reason: 'cannot take it' });
    expect(voided.status).toBe(200);
    expect(voided.body.balance).toMatchObject({ wallet_id: grace.walletId });
    expect(await walletOf(ada)).toMatchObject({ main: 750, held: 0 });

    const stranger = await register(http, 'Eve');
    expect((await http(`/v1/holds/${holdId}`, { token: stranger.token })).status).toBe(404);
    const listed = await http('/v1/holds?direction=in', { token: grace.token });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((hold: { id: string }) => hold.id)).toEqual([second.body.hold.id, holdId]);

    const verdict = await system.verifyLedger();
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
  });
});
