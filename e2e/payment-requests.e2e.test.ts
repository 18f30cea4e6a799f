import { randomUUID } from 'node:crypto';
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

/** Ada, who asks, and Grace, who pays, with 1000 in her wallet. */
async function parties(): Promise<{ ada: Person; grace: Person }> {
  const ada = await register(api, 'Ada');
  const grace = await register(api, 'Grace');
  await deposit(api, adminToken, grace.walletId, 1_000);
  return { ada, grace };
}

const ask = (requester: Person, payer: Person, amount: number, description = 'Dinner') =>
  api(requester.token).POST('/v1/payment-requests', {
    body: { from_user: payer.userName, to_wallet_id: requester.walletId, amount, description },
  });

const read = (person: Person, id: string) =>
  api(person.token).GET('/v1/payment-requests/{id}', { params: { path: { id } } });

const mainOf = async (person: Person) =>
  (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: person.walletId } } })).data?.main;

const emailsTo = (person: Person, subject: RegExp) =>
  system.emails.filter((email) => email.to.includes(person.email) && subject.test(email.subject));

describe(`payment requests through the gateway on ${systemLabel}`, () => {
  it('asks by email with a link, is paid once whoever races, and tells the requester', async () => {
    const { ada, grace } = await parties();
    const created = await ask(ada, grace, 400);
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    expect(created.data).toMatchObject({ status: 'pending', payer_handle: grace.userName, amount: 400 });

    const [asked] = await eventuallyAsync(async () => {
      const found = emailsTo(grace, /asks you for USD 4\.00/);
      return found.length > 0 ? found : undefined;
    });
    // Quoted-printable breaks long lines with a trailing "=".
    expect(asked!.raw.replace(/=\r?\n/g, '')).toContain(`${system.url}/requests/${id}`);

    const stranger = await register(api, 'Eve');
    expect((await read(stranger, id)).response.status).toBe(404);

    const key = randomUUID();
    const pay = (payKey: string) =>
      api(grace.token).POST('/v1/payment-requests/{id}/pay', {
        params: { path: { id }, header: idempotencyKey(payKey) },
        body: { from_wallet_id: grace.walletId },
      });
    const decline = () =>
      api(grace.token).POST('/v1/payment-requests/{id}/decline', { params: { path: { id } }, body: {} });
    const answers = await Promise.all([pay(key), pay(randomUUID()), pay(randomUUID()), decline()]);
    const won = answers.filter((answer) => answer.response.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((answer) => answer.response.status !== 200)) {
      expect(lost.response.status).toBe(409);
      expect(lost.error?.code).toBe('payment_request_closed');
    }
    const paid = won[0]!.data!.status === 'paid';
    expect(await mainOf(grace)).toBe(paid ? 600 : 1_000);
    expect(await mainOf(ada)).toBe(paid ? 400 : 0);
    const finalStatus = (await read(ada, id)).data?.status;
    expect(finalStatus).toBe(won[0]!.data!.status);
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
    const id = (await ask(ada, grace, 250, 'Taxi')).data!.id;
    const key = randomUUID();
    const pay = () =>
      api(grace.token).POST('/v1/payment-requests/{id}/pay', {
        params: { path: { id }, header: idempotencyKey(key) },
        body: { from_wallet_id: grace.walletId },
      });
    const first = await pay();
    expect(first.response.status).toBe(200);
    const again = await pay();
    expect(again.response.status).toBe(200);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data?.transfer_id).toBe(first.data?.transfer_id);
    expect(await mainOf(grace)).toBe(750);

    const outgoing = await api(ada.token).GET('/v1/payment-requests', {
      params: { query: { direction: 'outgoing', status: 'paid' } },
    });
    expect(outgoing.data?.data.map((request) => request.id)).toEqual([id]);
    const incoming = await api(grace.token).GET('/v1/payment-requests', {
      params: { query: { direction: 'incoming' } },
    });
    expect(incoming.data?.data.map((request) => request.id)).toEqual([id]);
    expect(JSON.stringify(incoming.data)).not.toContain('"main"');
  });

  it('limits how many requests one user makes in a minute', async () => {
    const { ada, grace } = await parties();
    const answers = [];
    for (let made = 0; made < 11; made++) answers.push((await ask(ada, grace, 100 + made)).response.status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(answers[10]).toBe(429);
  });
});
