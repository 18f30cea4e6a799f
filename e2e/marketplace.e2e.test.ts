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

describe(`marketplace money through the gateway on ${systemLabel}`, () => {
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
  it('lets only an admin settle a dispute: capture or void any hold, never a stranger', async () => {
    const { ada, grace } = await funded();
    const open = async (amount: number) =>
      (await post(ada, '/v1/holds', { from_wallet_id: ada.walletId, to_user: grace.userName, amount })).body
        .hold;
    const first = await open(300);
    const second = await open(200);
    const stranger = await register(http, 'Eve');
    for (const action of ['capture', 'void']) {
      const refused = await post(stranger, `/v1/holds/${first.id}/${action}`, {});
      expect(refused.status).toBe(404);
    }
    expect((await post(ada, `/v1/holds/${first.id}/void`, {})).status).toBe(403);
    const admin = { token: adminToken };
    const captured = await post(admin, `/v1/holds/${first.id}/capture`, {});
    expect(captured.status).toBe(200);
    expect(captured.body.hold).toMatchObject({ status: 'captured', captured_amount: 300 });
    const voided = await post(admin, `/v1/holds/${second.id}/void`, { reason: 'dispute 2291 settled' });
    expect(voided.status).toBe(200);
    expect(voided.body.hold).toMatchObject({ status: 'voided', captured_amount: 0 });
    expect(await walletOf(ada)).toMatchObject({ main: 700, held: 0 });
    expect(await walletOf(grace)).toMatchObject({ main: 300 });
  });

  it('pays a bill into escrow: the invoice is held, then paid by what the payer released', async () => {
    const { ada, grace } = await funded();
    const bill = await post(ada, '/v1/bills', {
      to_user: grace.userName,
      amount: 800,
      description: 'Garden, job 77',
      escrow: true,
    });
    expect(bill.status, JSON.stringify(bill.body)).toBe(201);
    expect(bill.body.invoice).toMatchObject({ status: 'held', amount: 800 });
    expect(await walletOf(ada)).toMatchObject({ main: 200, held: 800 });
    const holdId = bill.body.invoice.hold_id as string;
    expect((await post(ada, `/v1/holds/${holdId}/capture`, { amount: 600 })).status).toBe(200);
    const invoice = await eventuallyAsync(async () => {
      const answer = await http(`/v1/invoices/${bill.body.invoice.id}`, { token: grace.token });
      return answer.body.status === 'paid' ? answer.body : undefined;
    });
    expect(invoice).toMatchObject({ amount: 800, amount_paid: 600 });
    expect(await walletOf(ada)).toMatchObject({ main: 400, held: 0 });
    const stranger = await register(http, 'Eve');
    expect((await http(`/v1/invoices/${bill.body.invoice.id}`, { token: stranger.token })).status).toBe(404);
  });

  it('reverses a transfer for an admin only, shown to both parties as a reversal of the original', async () => {
    const { ada, grace } = await funded();
    const sent = await post(ada, '/v1/transfers', {
      from_wallet_id: ada.walletId,
      to_user: grace.userName,
      amount: 500,
    });
    expect(sent.status).toBe(201);
    const original = sent.body.transfer.id as string;
    const reverse = (person: { token: string }, body: unknown, key = randomUUID()) =>
      post(person, `/v1/transfers/${original}/reverse`, body, key);
    expect((await reverse(ada, { reason: 'mine' })).status).toBe(403);
    const key = randomUUID();
    const reversed = await reverse({ token: adminToken }, { amount: 200, reason: 'charged twice' }, key);
    expect(reversed.status).toBe(201);
    expect(reversed.body.transfer).toMatchObject({ type: 'reversal', amount: 200, reversal_of: original });
    const replay = await reverse({ token: adminToken }, { amount: 200, reason: 'charged twice' }, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const tooMuch = await reverse({ token: adminToken }, { amount: 400, reason: 'again' });
    expect(tooMuch.status).toBe(409);
    for (const person of [ada, grace]) {
      const history = await http('/v1/transactions?type=reversal', { token: person.token });
      expect(history.body.data).toEqual([
        expect.objectContaining({ id: reversed.body.transfer.id, reversal_of: original }),
      ]);
    }
    expect(await walletOf(ada)).toMatchObject({ main: 700 });
    expect(await walletOf(grace)).toMatchObject({ main: 300 });
  });

  it('freezes a wallet for an admin only, which then refuses to pay, and unfreezes it', async () => {
    const { ada, grace } = await funded();
    const patch = (token: string, body: unknown) =>
      http(`/v1/wallets/${ada.walletId}`, { method: 'PATCH', token, body });
    expect((await patch(ada.token, { status: 'frozen', reason: 'mine' })).status).toBe(403);
    const frozen = await patch(adminToken, { status: 'frozen', reason: 'dispute 2291 under review' });
    expect(frozen.status).toBe(200);
    expect(frozen.body).toMatchObject({ status: 'frozen', available: 0 });
    const refused = await post(ada, '/v1/holds', {
      from_wallet_id: ada.walletId,
      to_user: grace.userName,
      amount: 10,
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'wallet_frozen' });
    expect((await patch(adminToken, { status: 'active', reason: 'settled' })).body).toMatchObject({
      status: 'active',
      available: 1_000,
    });
  });
});
