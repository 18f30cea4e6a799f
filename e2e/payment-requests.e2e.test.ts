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

/** Ada, who asks, and Grace, who pays, with 1000 in her wallet. */
async function parties(): Promise<{ ada: Person; grace: Person }> {
  const ada = await register(http, 'Ada');
  const grace = await register(http, 'Grace');
  const deposit = await http(`/v1/wallets/${grace.walletId}/deposits`, {
    token: adminToken,
    body: { amount: 1_000, reference: 'bank wire' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(deposit.status).toBe(201);
  return { ada, grace };
}

const ask = (requester: Person, payer: Person, amount: number, description = 'Dinner') =>
  http('/v1/payment-requests', {
    token: requester.token,
    body: { from_user: payer.userName, to_wallet_id: requester.walletId, amount, description },
  });

const mainOf = async (person: Person) =>
  (await http(`/v1/wallets/${person.walletId}`, { token: person.token })).body.main as number;

const emailsTo = (person: Person, subject: RegExp) =>
  system.emails.filter((email) => email.to.includes(person.email) && subject.test(email.subject));

describe(`payment requests through the gateway on ${systemLabel}`, () => {
  it('asks by email with a link, is paid once whoever races, and tells the requester', async () => {
    const { ada, grace } = await parties();
    const created = await ask(ada, grace, 400);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ status: 'pending', payer_handle: grace.userName, amount: 400 });

    const [asked] = await eventuallyAsync(async () => {
      const found = emailsTo(grace, /asks you for USD 4\.00/);
      return found.length > 0 ? found : undefined;
    });
    // Quoted-printable breaks long lines with a trailing "=".
    expect(asked!.raw.replace(/=\r?\n/g, '')).toContain(`${system.url}/requests/${id}`);

    const stranger = await register(http, 'Eve');
    expect((await http(`/v1/payment-requests/${id}`, { token: stranger.token })).status).toBe(404);

    const key = randomUUID();
    const pay = (payKey: string) =>
      http(`/v1/payment-requests/${id}/pay`, {
        token: grace.token,
        body: { from_wallet_id: grace.walletId },
        headers: { 'idempotency-key': payKey },
      });
    const decline = () => http(`/v1/payment-requests/${id}/decline`, { token: grace.token, body: {} });
    const answers = await Promise.all([pay(key), pay(randomUUID()), pay(randomUUID()), decline()]);
    const won = answers.filter((answer) => answer.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((answer) => answer.status !== 200)) {
      expect(lost.status).toBe(409);
      expect(lost.body.code).toBe('payment_request_closed');
    }
    const paid = won[0]!.body.status === 'paid';
    expect(await mainOf(grace)).toBe(paid ? 600 : 1_000);
    expect(await mainOf(ada)).toBe(paid ? 400 : 0);
    const finalStatus = (await http(`/v1/payment-requests/${id}`, { token: ada.token })).body.status;
    expect(finalStatus).toBe(won[0]!.body.status);
    await eventuallyAsync(async () =>
      emailsTo(ada, paid ? /paid your request for USD 4\.00/ : /declined your request/).length === 1
        ? true
        : undefined,
    );

    const verdict = await system.verifyLedger();
    expect(verdict.ok).toBe(true);
  });

  it('replays a pay retried with its key, and lists the request on both sides', async () => {
    const { ada, grace } = await parties();
    const { id } = (await ask(ada, grace, 250, 'Taxi')).body as { id: string };
    const key = randomUUID();
    const pay = () =>
      http(`/v1/payment-requests/${id}/pay`, {
        token: grace.token,
        body: { from_wallet_id: grace.walletId },
        headers: { 'idempotency-key': key },
      });
    const first = await pay();
    expect(first.status).toBe(200);
    const again = await pay();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.transfer_id).toBe(first.body.transfer_id);
    expect(await mainOf(grace)).toBe(750);

    const outgoing = await http('/v1/payment-requests?direction=outgoing&status=paid', { token: ada.token });
    expect(outgoing.body.data.map((request: { id: string }) => request.id)).toEqual([id]);
    const incoming = await http('/v1/payment-requests?direction=incoming', { token: grace.token });
    expect(incoming.body.data.map((request: { id: string }) => request.id)).toEqual([id]);
    expect(JSON.stringify(incoming.body)).not.toContain('"main"');
  });

  it('limits how many requests one user makes in a minute', async () => {
    const { ada, grace } = await parties();
    const answers = [];
    for (let made = 0; made < 11; made++) answers.push((await ask(ada, grace, 100 + made)).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(answers[10]).toBe(429);
  });
});
