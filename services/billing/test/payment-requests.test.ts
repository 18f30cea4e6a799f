import {
  ledgerRequests,
  type PaymentRequest,
  paymentRequestEventData,
  paymentRequestEvents,
  paymentRequestRequests,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type BillingHarness,
  balancesOf,
  failureOf,
  fund,
  newKey,
  outboxEvents,
  startHarness,
  type TestUser,
} from './billing-harness.js';

let harness: BillingHarness;

beforeAll(async () => {
  harness = await startHarness({ poolSize: 20 });
});

afterEach(async () => {
  expect((await harness.verifyLedger()).ok).toBe(true);
});

afterAll(async () => {
  await harness.close();
});

type CreateBody = Omit<z.input<typeof paymentRequestRequests.create.request>, 'actor'>;

const ask = (requester: TestUser, body: Partial<CreateBody> & Pick<CreateBody, 'from_user'>) =>
  call(harness.client, paymentRequestRequests.create, {
    actor: requester.actor,
    to_wallet_id: requester.wallet.id,
    amount: 2_500,
    description: 'Dinner at Luigi’s',
    ...body,
  });

const pay = (payer: TestUser, id: string, key = newKey('pay'), fromWalletId = payer.wallet.id) =>
  call(harness.client, paymentRequestRequests.pay, {
    actor: payer.actor,
    payment_request_id: id,
    from_wallet_id: fromWalletId,
    idempotency_key: key,
  });

const read = (reader: TestUser, id: string) =>
  call(harness.client, paymentRequestRequests.get, { actor: reader.actor, payment_request_id: id });

const decline = (payer: TestUser, id: string, reason?: string) =>
  call(harness.client, paymentRequestRequests.decline, {
    actor: payer.actor,
    payment_request_id: id,
    ...(reason === undefined ? {} : { reason }),
  });

const cancel = (requester: TestUser, id: string) =>
  call(harness.client, paymentRequestRequests.cancel, { actor: requester.actor, payment_request_id: id });

/** The outbox's events of one request, as their data. */
async function eventsOf(id: string): Promise<{ type: string; request: PaymentRequest }[]> {
  const events = await outboxEvents(harness.database.db);
  return events
    .filter((event) => event.type.startsWith('billing.payment_request.') && event.subject === id)
    .map((event) => ({
      type: event.type,
      request: paymentRequestEventData.parse(event.data).payment_request,
    }));
}

async function twoUsers(payerFunds = 10_000) {
  const requester = await harness.createUser();
  const payer = await harness.createUser();
  if (payerFunds > 0) await fund(harness, payer.wallet.id, payerFunds);
  return { requester, payer };
}

const nameOf = (user: TestUser) => `${user.user.first_name} ${user.user.last_name}`;

describe(`asking for money on ${testDatabaseLabel}`, () => {
  it('creates a pending request naming both parties, into my wallet, and announces it', async () => {
    const { requester, payer } = await twoUsers();
    const created = await ask(requester, { from_user: payer.user.user_name });
    expect(created).toMatchObject({
      status: 'pending',
      requester_id: requester.user.id,
      payer_id: payer.user.id,
      requester_name: nameOf(requester),
      requester_handle: requester.user.user_name,
      payer_name: nameOf(payer),
      payer_handle: payer.user.user_name,
      to_wallet_id: requester.wallet.id,
      amount: 2_500,
      currency: requester.wallet.currency,
      description: 'Dinner at Luigi’s',
      transfer_id: null,
      paid_at: null,
    });
    // Thirty days to answer by default.
    expect(new Date(created.expires_at).getTime() - new Date(created.created_at).getTime()).toBe(
      30 * 24 * 60 * 60 * 1000,
    );
    expect(await eventsOf(created.id)).toEqual([{ type: paymentRequestEvents.created, request: created }]);
    await expect(read(payer, created.id)).resolves.toEqual(created);
    await expect(read(requester, created.id)).resolves.toEqual(created);
  });

  it('finds the payer by email too', async () => {
    const { requester, payer } = await twoUsers(0);
    const created = await ask(requester, { from_user: payer.user.email });
    expect(created.payer_id).toBe(payer.user.id);
  });

  it('refuses an unknown payer, myself, a wallet not mine, and an expiry in the past, creating nothing', async () => {
    const { requester, payer } = await twoUsers(0);
    expect(await failureOf(ask(requester, { from_user: 'nobody-by-this-name' }))).toMatchObject({
      code: 'recipient_not_found',
      details: { errors: [{ path: 'from_user' }] },
    });
    expect(await failureOf(ask(requester, { from_user: 'x'.repeat(200) }))).toMatchObject({
      code: 'recipient_not_found',
    });
    expect(await failureOf(ask(requester, { from_user: requester.user.user_name }))).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'from_user', message: 'is you' }] },
    });
    expect(
      await failureOf(ask(requester, { from_user: payer.user.user_name, to_wallet_id: payer.wallet.id })),
    ).toMatchObject({ code: 'wallet_not_found' });
    const past = new Date(harness.clock.now().getTime() - 1_000).toISOString();
    expect(
      await failureOf(ask(requester, { from_user: payer.user.user_name, expires_at: past })),
    ).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'expires_at' }] } });
    const tooLate = new Date(harness.clock.now().getTime() + 400 * 24 * 60 * 60 * 1000).toISOString();
    expect(
      await failureOf(ask(requester, { from_user: payer.user.user_name, expires_at: tooLate })),
    ).toMatchObject({ code: 'validation_failed' });
    const rows = await harness.database.db
      .selectFrom('payment_requests')
      .selectAll()
      .where('requester_id', '=', requester.user.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses amounts of no money or beyond 2^53-1, fractions, strings and unknown fields', async () => {
    const { requester, payer } = await twoUsers(0);
    for (const amount of [0, -1, 1.5, 2 ** 53, '100'] as unknown[]) {
      expect(
        await failureOf(ask(requester, { from_user: payer.user.user_name, amount: amount as number })),
      ).toMatchObject({ code: 'validation_failed' });
    }
    expect(
      await failureOf(
        call(harness.client, paymentRequestRequests.create, {
          actor: requester.actor,
          from_user: payer.user.user_name,
          to_wallet_id: requester.wallet.id,
          amount: 100,
          tip: 5,
        } as CreateBody & { actor: TestUser['actor'] }),
      ),
    ).toMatchObject({ code: 'validation_failed' });
  });
});

describe(`paying a request on ${testDatabaseLabel}`, () => {
  it('moves the amount from the payer to the requester’s wallet once, naming the request, and replays a retry', async () => {
    const { requester, payer } = await twoUsers();
    const created = await ask(requester, { from_user: payer.user.user_name });
    const key = newKey('pay');
    const paid = await pay(payer, created.id, key);
    expect(paid.replayed).toBe(false);
    expect(paid.result).toMatchObject({ status: 'paid', from_wallet_id: payer.wallet.id });
    expect(paid.result.transfer_id).not.toBeNull();
    expect(await balancesOf(harness, payer)).toEqual({ main: 10_000 - 2_500, savings: 0 });
    expect(await balancesOf(harness, requester)).toEqual({ main: 2_500, savings: 0 });

    const transfer = await call(harness.client, ledgerRequests.getTransaction, {
      actor: requester.actor,
      transfer_id: paid.result.transfer_id!,
    });
    expect(transfer).toMatchObject({
      amount: 2_500,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: requester.wallet.id,
      description: 'Payment request: Dinner at Luigi’s',
      metadata: { payment_request: created.id },
    });

    const again = await pay(payer, created.id, key);
    expect(again).toEqual({ result: paid.result, replayed: true });
    expect(await failureOf(pay(payer, created.id, key, requester.wallet.id))).toMatchObject({
      code: 'idempotency_mismatch',
    });
    expect(await failureOf(pay(payer, created.id))).toMatchObject({
      code: 'payment_request_closed',
      details: { status: 'paid' },
    });
    expect(await balancesOf(harness, payer)).toEqual({ main: 7_500, savings: 0 });
    expect((await eventsOf(created.id)).map((event) => event.type)).toEqual([
      paymentRequestEvents.created,
      paymentRequestEvents.paid,
    ]);
  });

  it('answers insufficient funds as the ledger does, leaves the request pending, and pays once funded', async () => {
    const { requester, payer } = await twoUsers(1_000);
    const created = await ask(requester, { from_user: payer.user.user_name });
    const key = newKey('short');
    expect(await failureOf(pay(payer, created.id, key))).toMatchObject({ code: 'insufficient_funds' });
    expect((await read(payer, created.id)).status).toBe('pending');

    await fund(harness, payer.wallet.id, 5_000);
    // The same key meets the same refusal; a new one pays.
    expect(await failureOf(pay(payer, created.id, key))).toMatchObject({ code: 'insufficient_funds' });
    const paid = await pay(payer, created.id);
    expect(paid.result.status).toBe('paid');
    expect(await balancesOf(harness, payer)).toEqual({ main: 6_000 - 2_500, savings: 0 });
    expect(await balancesOf(harness, requester)).toEqual({ main: 2_500, savings: 0 });
  });

  it('refuses a pay from a wallet not the payer’s, by the requester, or after expiry', async () => {
    const { requester, payer } = await twoUsers();
    const created = await ask(requester, { from_user: payer.user.user_name });
    expect(await failureOf(pay(payer, created.id, newKey('pay'), requester.wallet.id))).toMatchObject({
      code: 'wallet_not_found',
    });
    expect(await failureOf(pay(requester, created.id))).toMatchObject({ code: 'forbidden' });

    const soon = new Date(harness.clock.now().getTime() + 60_000).toISOString();
    const expiring = await ask(requester, { from_user: payer.user.user_name, expires_at: soon });
    harness.clock.advance(61_000);
    try {
      expect((await read(payer, expiring.id)).status).toBe('expired');
      expect(await failureOf(pay(payer, expiring.id))).toMatchObject({
        code: 'payment_request_closed',
        details: { status: 'expired' },
      });
      expect(await failureOf(decline(payer, expiring.id))).toMatchObject({ code: 'payment_request_closed' });
      const expired = await call(harness.client, paymentRequestRequests.list, {
        actor: payer.actor,
        direction: 'incoming',
        status: 'expired',
        limit: 10,
      });
      expect(expired.data.map((request) => request.id)).toEqual([expiring.id]);
    } finally {
      harness.clock.advance(-61_000);
    }
    expect(await balancesOf(harness, payer)).toEqual({ main: 10_000, savings: 0 });
  });
});

describe(`declining and cancelling on ${testDatabaseLabel}`, () => {
  it('lets the payer decline with a reason, once, and then nobody pays it', async () => {
    const { requester, payer } = await twoUsers();
    const created = await ask(requester, { from_user: payer.user.user_name });
    expect(await failureOf(decline(requester, created.id))).toMatchObject({ code: 'forbidden' });
    const declined = await decline(payer, created.id, 'We split it already');
    expect(declined).toMatchObject({ status: 'declined', decline_reason: 'We split it already' });
    expect(declined.closed_at).not.toBeNull();
    expect(await failureOf(pay(payer, created.id))).toMatchObject({
      code: 'payment_request_closed',
      details: { status: 'declined' },
    });
    expect(await failureOf(cancel(requester, created.id))).toMatchObject({ code: 'payment_request_closed' });
    expect((await eventsOf(created.id)).map((event) => event.type)).toEqual([
      paymentRequestEvents.created,
      paymentRequestEvents.declined,
    ]);
    expect(await balancesOf(harness, payer)).toEqual({ main: 10_000, savings: 0 });
  });

  it('lets the requester cancel, and not the payer', async () => {
    const { requester, payer } = await twoUsers();
    const created = await ask(requester, { from_user: payer.user.user_name });
    expect(await failureOf(cancel(payer, created.id))).toMatchObject({ code: 'forbidden' });
    await expect(cancel(requester, created.id)).resolves.toMatchObject({ status: 'cancelled' });
    expect(await failureOf(pay(payer, created.id))).toMatchObject({ code: 'payment_request_closed' });
  });
});

describe(`who sees a request on ${testDatabaseLabel}`, () => {
  it('answers not_found to anyone but its two parties, and lets an admin read it', async () => {
    const { requester, payer } = await twoUsers();
    const stranger = await harness.createUser();
    const created = await ask(requester, { from_user: payer.user.user_name });
    for (const attempt of [
      () => read(stranger, created.id),
      () => pay(stranger, created.id),
      () => decline(stranger, created.id),
      () => cancel(stranger, created.id),
    ]) {
      expect(await failureOf(attempt())).toMatchObject({ code: 'not_found' });
    }
    const admin = await call(harness.client, paymentRequestRequests.get, {
      actor: harness.admin,
      payment_request_id: created.id,
    });
    expect(admin.id).toBe(created.id);
    const strangers = await call(harness.client, paymentRequestRequests.list, {
      actor: stranger.actor,
      limit: 10,
    });
    expect(strangers.data).toEqual([]);
    expect((await read(payer, created.id)).status).toBe('pending');
  });

  it('lists incoming and outgoing requests newest first, a page at a time', async () => {
    const { requester, payer } = await twoUsers(0);
    const made = [];
    for (let index = 0; index < 3; index += 1) {
      made.push(await ask(requester, { from_user: payer.user.user_name, amount: 100 + index }));
    }
    const back = await ask(payer, { from_user: requester.user.user_name, to_wallet_id: payer.wallet.id });
    const first = await call(harness.client, paymentRequestRequests.list, {
      actor: requester.actor,
      direction: 'outgoing',
      limit: 2,
    });
    expect(first.data.map((request) => request.amount)).toEqual([102, 101]);
    expect(first.next_cursor).not.toBeNull();
    const second = await call(harness.client, paymentRequestRequests.list, {
      actor: requester.actor,
      direction: 'outgoing',
      limit: 2,
      cursor: first.next_cursor!,
    });
    expect(second.data.map((request) => request.id)).toEqual([made[0]!.id]);
    expect(second.next_cursor).toBeNull();
    const incoming = await call(harness.client, paymentRequestRequests.list, {
      actor: requester.actor,
      direction: 'incoming',
      limit: 10,
    });
    expect(incoming.data.map((request) => request.id)).toEqual([back.id]);
    const both = await call(harness.client, paymentRequestRequests.list, {
      actor: requester.actor,
      limit: 10,
    });
    expect(both.data).toHaveLength(4);
    expect(
      await failureOf(
        call(harness.client, paymentRequestRequests.list, {
          actor: requester.actor,
          limit: 10,
          cursor: 'not-a-cursor',
        }),
      ),
    ).toMatchObject({ code: 'validation_failed' });
  });
});

describe(`racing on one request on ${testDatabaseLabel}`, () => {
  it('lets exactly one of many concurrent pays and a decline end it, moving the money at most once', async () => {
    const stopReplica = await harness.startReplica();
    try {
      for (let round = 0; round < 3; round += 1) {
        const { requester, payer } = await twoUsers();
        const created = await ask(requester, { from_user: payer.user.user_name, amount: 1_000 });
        const attempts: Promise<unknown>[] = [
          ...Array.from({ length: 6 }, () => pay(payer, created.id)),
          decline(payer, created.id),
          cancel(requester, created.id),
        ];
        const outcomes = await Promise.allSettled(attempts);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            expect(outcome.reason).toMatchObject({ code: 'payment_request_closed' });
          }
        }
        const final = await read(payer, created.id);
        const paidOut = final.status === 'paid' ? 1_000 : 0;
        expect(['paid', 'declined', 'cancelled']).toContain(final.status);
        expect(await balancesOf(harness, payer)).toEqual({ main: 10_000 - paidOut, savings: 0 });
        expect(await balancesOf(harness, requester)).toEqual({ main: paidOut, savings: 0 });
        expect(await eventsOf(created.id)).toHaveLength(2);
      }
    } finally {
      await stopReplica();
    }
  });

  it('pays one of two requests paid at once under one key, refusing the other as another request', async () => {
    const { requester, payer } = await twoUsers();
    const first = await ask(requester, { from_user: payer.user.user_name, amount: 1_000 });
    const second = await ask(requester, { from_user: payer.user.user_name, amount: 2_000 });
    const key = newKey('shared');
    const outcomes = await Promise.allSettled([pay(payer, first.id, key), pay(payer, second.id, key)]);
    const paid = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(paid).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'idempotency_mismatch' });
    const after = [await read(payer, first.id), await read(payer, second.id)];
    expect(after.map((request) => request.status).sort()).toEqual(['paid', 'pending']);
    const paidAmount = after.find((request) => request.status === 'paid')!.amount;
    expect(await balancesOf(harness, requester)).toEqual({ main: paidAmount, savings: 0 });
    expect(await balancesOf(harness, payer)).toEqual({ main: 10_000 - paidAmount, savings: 0 });
  });

  it('pays once for concurrent pays under one key, the others replaying the answer', async () => {
    const { requester, payer } = await twoUsers();
    const created = await ask(requester, { from_user: payer.user.user_name });
    const key = newKey('burst');
    const answers = await Promise.all(Array.from({ length: 8 }, () => pay(payer, created.id, key)));
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.result.transfer_id)).size).toBe(1);
    expect(await balancesOf(harness, payer)).toEqual({ main: 7_500, savings: 0 });
  });
});
