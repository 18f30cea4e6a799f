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

/** Two new users of this system, the first with 1000 in the wallet. */
async function funded(): Promise<{ ada: Person; grace: Person }> {
  const ada = await register(api, 'Ada');
  const grace = await register(api, 'Grace');
  await deposit(api, adminToken, ada.walletId, 1_000);
  return { ada, grace };
}

const openHold = (person: { token: string }, body: Schema<'CreateHoldRequest'>, key = randomUUID()) =>
  api(person.token).POST('/v1/holds', { params: { header: idempotencyKey(key) }, body });

const captureHold = (person: { token: string }, id: string, body: Schema<'CaptureHoldRequest'> = {}) =>
  api(person.token).POST('/v1/holds/{id}/capture', {
    params: { path: { id }, header: idempotencyKey() },
    body,
  });

const voidHold = (person: { token: string }, id: string, body: Schema<'VoidHoldRequest'> = {}) =>
  api(person.token).POST('/v1/holds/{id}/void', { params: { path: { id }, header: idempotencyKey() }, body });

const walletOf = async (person: Person) =>
  (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: person.walletId } } })).data;

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
    const opened = await openHold(ada, body, key);
    expect(opened.response.status).toBe(201);
    expect(opened.data?.hold).toMatchObject({ status: 'held', amount: 600, to_wallet_id: grace.walletId });
    expect(await walletOf(ada)).toMatchObject({ main: 400, available: 400, held: 600 });
    const again = await openHold(ada, body, key);
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toEqual(opened.data);

    const holdId = opened.data!.hold.id;
    expect((await captureHold(grace, holdId)).response.status).toBe(403);
    const captured = await captureHold(ada, holdId, { amount: 250 });
    expect(captured.response.status).toBe(200);
    expect(captured.data?.hold).toMatchObject({ status: 'captured', captured_amount: 250 });
    expect(await walletOf(ada)).toMatchObject({ main: 750, held: 0 });
    expect(await walletOf(grace)).toMatchObject({ main: 250 });
    const late = await voidHold(grace, holdId);
    expect(late.response.status).toBe(409);
    expect(late.error).toMatchObject({ code: 'hold_already_settled' });

    const second = await openHold(ada, { ...body, amount: 700 });
    expect(second.response.status).toBe(201);
    const voided = await voidHold(grace, second.data!.hold.id, { reason: 'cannot take it' });
    expect(voided.response.status).toBe(200);
    expect(voided.data?.balance).toMatchObject({ wallet_id: grace.walletId });
    expect(await walletOf(ada)).toMatchObject({ main: 750, held: 0 });

    const stranger = await register(api, 'Eve');
    const hidden = await api(stranger.token).GET('/v1/holds/{id}', { params: { path: { id: holdId } } });
    expect(hidden.response.status).toBe(404);
    const listed = await api(grace.token).GET('/v1/holds', { params: { query: { direction: 'in' } } });
    expect(listed.response.status).toBe(200);
    expect(listed.data?.data.map((hold) => hold.id)).toEqual([second.data!.hold.id, holdId]);

    const verdict = await system.verifyLedger();
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
  });
  it('lets only an admin settle a dispute: capture or void any hold, never a stranger', async () => {
    const { ada, grace } = await funded();
    const open = async (amount: number) =>
      (await openHold(ada, { from_wallet_id: ada.walletId, to_user: grace.userName, amount })).data!.hold;
    const first = await open(300);
    const second = await open(200);
    const stranger = await register(api, 'Eve');
    for (const settle of [captureHold, voidHold]) {
      const refused = await settle(stranger, first.id);
      expect(refused.response.status).toBe(404);
    }
    expect((await voidHold(ada, first.id)).response.status).toBe(403);
    const admin = { token: adminToken };
    const captured = await captureHold(admin, first.id);
    expect(captured.response.status).toBe(200);
    expect(captured.data?.hold).toMatchObject({ status: 'captured', captured_amount: 300 });
    const voided = await voidHold(admin, second.id, { reason: 'dispute 2291 settled' });
    expect(voided.response.status).toBe(200);
    expect(voided.data?.hold).toMatchObject({ status: 'voided', captured_amount: 0 });
    expect(await walletOf(ada)).toMatchObject({ main: 700, held: 0 });
    expect(await walletOf(grace)).toMatchObject({ main: 300 });
  });

  it('pays a bill into escrow: the invoice is held, then paid by what the payer released', async () => {
    const { ada, grace } = await funded();
    const bill = await api(ada.token).POST('/v1/bills', {
      params: { header: idempotencyKey() },
      body: { to_user: grace.userName, amount: 800, description: 'Garden, job 77', escrow: true },
    });
    expect(bill.response.status, JSON.stringify(bill.error)).toBe(201);
    expect(bill.data?.invoice).toMatchObject({ status: 'held', amount: 800 });
    expect(await walletOf(ada)).toMatchObject({ main: 200, held: 800 });
    const invoiceId = bill.data!.invoice.id;
    const holdId = bill.data!.invoice.hold_id!;
    expect((await captureHold(ada, holdId, { amount: 600 })).response.status).toBe(200);
    const invoiceAs = (token: string) =>
      api(token).GET('/v1/invoices/{id}', { params: { path: { id: invoiceId } } });
    const invoice = await eventuallyAsync(async () => {
      const answer = await invoiceAs(grace.token);
      return answer.data?.status === 'paid' ? answer.data : undefined;
    });
    expect(invoice).toMatchObject({ amount: 800, amount_paid: 600 });
    expect(await walletOf(ada)).toMatchObject({ main: 400, held: 0 });
    const stranger = await register(api, 'Eve');
    expect((await invoiceAs(stranger.token)).response.status).toBe(404);
  });

  it('reverses a transfer for an admin only, shown to both parties as a reversal of the original', async () => {
    const { ada, grace } = await funded();
    const sent = await api(ada.token).POST('/v1/transfers', {
      params: { header: idempotencyKey() },
      body: { from_wallet_id: ada.walletId, to_user: grace.userName, amount: 500 },
    });
    expect(sent.response.status).toBe(201);
    const original = sent.data!.transfer.id;
    const reverse = (person: { token: string }, body: Schema<'ReverseTransferRequest'>, key = randomUUID()) =>
      api(person.token).POST('/v1/transfers/{id}/reverse', {
        params: { path: { id: original }, header: idempotencyKey(key) },
        body,
      });
    expect((await reverse(ada, { reason: 'mine' })).response.status).toBe(403);
    const key = randomUUID();
    const reversed = await reverse({ token: adminToken }, { amount: 200, reason: 'charged twice' }, key);
    expect(reversed.response.status).toBe(201);
    expect(reversed.data?.transfer).toMatchObject({ type: 'reversal', amount: 200, reversal_of: original });
    const replay = await reverse({ token: adminToken }, { amount: 200, reason: 'charged twice' }, key);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    const tooMuch = await reverse({ token: adminToken }, { amount: 400, reason: 'again' });
    expect(tooMuch.response.status).toBe(409);
    for (const person of [ada, grace]) {
      const history = await api(person.token).GET('/v1/transactions', {
        params: { query: { type: 'reversal' } },
      });
      expect(history.data?.data).toEqual([
        expect.objectContaining({ id: reversed.data!.transfer.id, reversal_of: original }),
      ]);
    }
    expect(await walletOf(ada)).toMatchObject({ main: 700 });
    expect(await walletOf(grace)).toMatchObject({ main: 300 });
  });

  it('freezes a wallet for an admin only, which then refuses to pay, and unfreezes it', async () => {
    const { ada, grace } = await funded();
    const patch = (token: string, body: Schema<'ChangeWalletStatusRequest'>) =>
      api(token).PATCH('/v1/wallets/{id}', { params: { path: { id: ada.walletId } }, body });
    expect((await patch(ada.token, { status: 'frozen', reason: 'mine' })).response.status).toBe(403);
    const frozen = await patch(adminToken, { status: 'frozen', reason: 'dispute 2291 under review' });
    expect(frozen.response.status).toBe(200);
    expect(frozen.data).toMatchObject({ status: 'frozen', available: 0 });
    const refused = await openHold(ada, {
      from_wallet_id: ada.walletId,
      to_user: grace.userName,
      amount: 10,
    });
    expect(refused.response.status).toBe(422);
    expect(refused.error).toMatchObject({ code: 'wallet_frozen' });
    expect((await patch(adminToken, { status: 'active', reason: 'settled' })).data).toMatchObject({
      status: 'active',
      available: 1_000,
    });
  });
});
