import { randomUUID } from 'node:crypto';
import {
  healthContract,
  ledgerRequests,
  paymentEventData,
  paymentSchema,
  paymentsEvents,
  paymentsRequests,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { failureOf, newKey, type PaymentsHarness, startHarness, type TestUser } from './payments-harness.js';

let harness: PaymentsHarness;
let payer: TestUser;
let payee: TestUser;

beforeAll(async () => {
  harness = await startHarness();
  [payer, payee] = await Promise.all([harness.createUser(), harness.createUser()]);
});

afterAll(async () => {
  await harness.close();
});

const ordersCreated = () =>
  harness.sent.filter((request) => request.method === 'POST' && request.path === '/v2/checkout/orders');

describe(`creating a payment on ${testDatabaseLabel}`, () => {
  it('creates a PayPal order for the payment and answers its approve URL, with a created event', async () => {
    const before = ordersCreated().length;
    const { result: payment, replayed } = await harness.createPayment(payer, {
      amount: 1050,
      description: 'Top-up',
    });
    expect(replayed).toBe(false);
    expect(paymentSchema.parse(payment)).toMatchObject({
      payer_id: payer.user.id,
      wallet_id: payer.wallet.id,
      paid_to: null,
      amount: 1050,
      currency: 'USD',
      description: 'Top-up',
      status: 'created',
      failure_reason: null,
      paypal_capture_id: null,
      sandbox: true,
      captured_at: null,
      refunded_at: null,
    });
    expect(payment.paypal_order_id).toEqual(expect.any(String));
    expect(payment.approve_url).toMatch(new RegExp(`^${harness.simulator.url}/checkoutnow\\?token=`));

    const created = ordersCreated().slice(before);
    expect(created).toHaveLength(1);
    expect(created[0]!.requestId).toBe(payment.id);
    const order = harness.simulator.getOrder(payment.paypal_order_id!) as {
      status: string;
      purchase_units: {
        custom_id: string;
        invoice_id: string;
        amount: { value: string; currency_code: string };
      }[];
    };
    expect(order.status).toBe('PAYER_ACTION_REQUIRED');
    expect(order.purchase_units[0]).toMatchObject({
      custom_id: payment.id,
      invoice_id: payment.id,
      amount: { currency_code: 'USD', value: '10.50' },
    });

    const events = await harness.eventsOf(payment.id);
    expect(events.map((event) => event.type)).toEqual([paymentsEvents.paymentCreated]);
    expect(paymentEventData.parse(events[0]!.data).payment).toEqual(payment);
  });

  it('sends the buyer back to the public URL with the payment id', async () => {
    const { result: payment } = await harness.createPayment(payer);
    const page = await fetch(`${harness.simulator.url}/checkoutnow/${payment.paypal_order_id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=cancel',
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    const location = new URL(page.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://moneypal.test/pay/cancel');
    expect(location.searchParams.get('payment_id')).toBe(payment.id);
  });

  it('pays a provider named by user name or email', async () => {
    const byName = await harness.createPayment(payer, { paid_to: payee.user.user_name.toUpperCase() });
    expect(byName.result.paid_to).toBe(payee.user.id);
    const byEmail = await harness.createPayment(payer, { paid_to: payee.user.email });
    expect(byEmail.result.paid_to).toBe(payee.user.id);
  });

  it('answers a retry with the same key and body with the same payment, marked replayed, creating nothing', async () => {
    const key = newKey();
    const first = await harness.createPayment(payer, { idempotency_key: key, paid_to: payee.user.email });
    const before = ordersCreated().length;
    const again = await harness.createPayment(payer, { idempotency_key: key, paid_to: payee.user.email });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(ordersCreated()).toHaveLength(before);
    expect(await harness.eventsOf(first.result.id)).toHaveLength(1);
  });

  it('refuses the same key with another body, and scopes keys by payer', async () => {
    const key = newKey();
    await harness.createPayment(payer, { idempotency_key: key, amount: 100 });
    const mismatch = await failureOf(harness.createPayment(payer, { idempotency_key: key, amount: 101 }));
    expect(mismatch.code).toBe('idempotency_mismatch');
    const other = await harness.createPayment(payee, { idempotency_key: key, amount: 100 });
    expect(other).toMatchObject({ replayed: false, result: { payer_id: payee.user.id } });
  });

  it('answers in flight for the same key while the first request is still creating its order', async () => {
    const key = newKey();
    harness.simulator.configure({ latencyMs: 1_000 });
    try {
      const first = harness.createPayment(payer, { idempotency_key: key });
      await vi.waitFor(
        async () => {
          const row = await harness.payments.db
            .selectFrom('payments')
            .select('id')
            .where('idempotency_key', '=', key)
            .executeTakeFirst();
          expect(row).toBeDefined();
        },
        { interval: 10 },
      );
      const second = await failureOf(harness.createPayment(payer, { idempotency_key: key }));
      expect(second.code).toBe('idempotency_in_flight');
      const mismatch = await failureOf(harness.createPayment(payer, { idempotency_key: key, amount: 1 }));
      expect(mismatch.code).toBe('idempotency_mismatch');
      const created = await first;
      expect(created.result.paypal_order_id).not.toBeNull();
    } finally {
      harness.simulator.configure({ latencyMs: 0 });
    }
  });

  it('creates one payment for many concurrent requests with one key', async () => {
    const key = newKey();
    const answers = await Promise.allSettled(
      Array.from({ length: 8 }, () => harness.createPayment(payer, { idempotency_key: key })),
    );
    const ids = new Set(
      answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value.result.id] : [])),
    );
    expect(ids.size).toBe(1);
    for (const answer of answers) {
      if (answer.status === 'rejected')
        expect(answer.reason).toMatchObject({ code: 'idempotency_in_flight' });
    }
    const rows = await harness.payments.db
      .selectFrom('payments')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('does not reveal another user’s wallet, even to an admin paying from it', async () => {
    const notMine = await failureOf(harness.createPayment(payer, { wallet_id: payee.wallet.id }));
    expect(notMine).toMatchObject({
      code: 'wallet_not_found',
      message: 'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
    });
    const admin = await harness.createUser({ role: 'admin' });
    const byAdmin = await failureOf(harness.createPayment(admin, { wallet_id: payee.wallet.id }));
    expect(byAdmin.code).toBe('wallet_not_found');
    const unknown = await failureOf(harness.createPayment(payer, { wallet_id: randomUUID() }));
    expect(unknown.code).toBe('wallet_not_found');
  });

  it('refuses a currency other than the wallet’s, or one PayPal does not take', async () => {
    const mismatch = await failureOf(harness.createPayment(payer, { currency: 'EUR' }));
    expect(mismatch.code).toBe('currency_mismatch');
    const euros = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'EUR',
      type: 'personal',
    });
    const inEuros = await harness.createPayment(payer, { wallet_id: euros.id, currency: 'EUR', amount: 999 });
    expect(inEuros.result).toMatchObject({ currency: 'EUR', amount: 999, status: 'created' });

    const unsupported = await failureOf(harness.createPayment(payer, { currency: 'KWD' }));
    expect(unsupported).toMatchObject({ code: 'validation_failed', message: 'PayPal does not take KWD' });
    const forints = await failureOf(harness.createPayment(payer, { currency: 'HUF', amount: 1050 }));
    expect(forints).toMatchObject({
      code: 'validation_failed',
      message: 'PayPal takes HUF in whole units only',
    });
  });

  it('refuses to pay from a frozen or closed wallet', async () => {
    const leaving = await harness.createUser();
    await harness.deleteUser(leaving.user);
    await vi.waitFor(async () => {
      const wallet = await call(harness.client, ledgerRequests.getWallet, {
        actor: harness.admin,
        wallet_id: leaving.wallet.id,
      });
      expect(wallet.status).not.toBe('active');
    });
    const failure = await failureOf(harness.createPayment(leaving));
    expect(failure.code).toBe('wallet_frozen');
  });

  it('refuses an unknown payee, and paying yourself', async () => {
    const unknown = await failureOf(harness.createPayment(payer, { paid_to: 'nobody-here' }));
    expect(unknown).toMatchObject({
      code: 'recipient_not_found',
      message:
        'Nobody has this user name or email: check the spelling, or ask the recipient for their user name.',
      details: { errors: [{ path: 'paid_to', message: 'Nobody has this user name or email.' }] },
    });
    const unknownEmail = await failureOf(harness.createPayment(payer, { paid_to: 'nobody@example.com' }));
    expect(unknownEmail.code).toBe('recipient_not_found');
    const tooLong = await failureOf(harness.createPayment(payer, { paid_to: 'x'.repeat(40) }));
    expect(tooLong.code).toBe('recipient_not_found');
    const self = await failureOf(harness.createPayment(payer, { paid_to: payer.user.email }));
    expect(self).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'paid_to' }] } });
  });

  it('refuses bad amounts, unknown fields and a service as payer, creating nothing', async () => {
    for (const amount of [0, -1, 1.5, 2 ** 53, '100']) {
      const failure = await failureOf(harness.createPayment(payer, { amount }));
      expect(failure.code).toBe('validation_failed');
    }
    const unknownField = await failureOf(harness.createPayment(payer, { tip: 5 }));
    expect(unknownField.code).toBe('validation_failed');
    const service = await failureOf(
      harness.createPayment({ ...payer, actor: { service: 'billing' } }, { idempotency_key: newKey() }),
    );
    expect(service.code).toBe('forbidden');
  });
});

describe(`PayPal failing while a payment is created, on ${testDatabaseLabel}`, () => {
  it('retries PayPal’s 503s with the payment id as PayPal-Request-Id each time', async () => {
    const before = ordersCreated().length;
    harness.simulator.configure({ failNextRequests: { count: 2, status: 503 } });
    const { result: payment } = await harness.createPayment(payer);
    const attempts = ordersCreated().slice(before);
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 503, 201]);
    expect(attempts.map((attempt) => attempt.requestId)).toEqual([payment.id, payment.id, payment.id]);
    expect(payment.status).toBe('created');
  });

  it('answers bad_gateway when every attempt fails, and creates the order on a retry with the same key', async () => {
    const key = newKey();
    harness.simulator.configure({ failNextRequests: { count: 3, status: 500 } });
    const failure = await failureOf(harness.createPayment(payer, { idempotency_key: key }));
    expect(failure).toMatchObject({ code: 'bad_gateway', details: { paypal_status: 500 } });
    const stored = await harness.payments.db
      .selectFrom('payments')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'created', paypal_order_id: null, order_lease_until: null });
    expect(await harness.eventsOf(stored.id)).toEqual([]);

    const retry = await harness.createPayment(payer, { idempotency_key: key });
    expect(retry.result).toMatchObject({ id: stored.id, status: 'created' });
    expect(retry.result.paypal_order_id).not.toBeNull();
    expect((await harness.eventsOf(stored.id)).map((event) => event.type)).toEqual([
      paymentsEvents.paymentCreated,
    ]);
    const replay = await harness.createPayment(payer, { idempotency_key: key });
    expect(replay).toEqual({ result: retry.result, replayed: true });
  });
});

describe(`reading payments on ${testDatabaseLabel}`, () => {
  it('shows a payment to its payer and an admin only', async () => {
    const { result: payment } = await harness.createPayment(payer);
    await expect(
      call(harness.client, paymentsRequests.get, { actor: payer.actor, payment_id: payment.id }),
    ).resolves.toEqual(payment);
    await expect(harness.getPayment(payment.id)).resolves.toEqual(payment);
    const other = await failureOf(
      call(harness.client, paymentsRequests.get, { actor: payee.actor, payment_id: payment.id }),
    );
    expect(other).toMatchObject({ code: 'not_found', message: 'No payment of yours has this id.' });
    const unknown = await failureOf(
      call(harness.client, paymentsRequests.get, { actor: payer.actor, payment_id: randomUUID() }),
    );
    expect(unknown.code).toBe('not_found');
  });

  it('lists the user’s own payments newest first, page by page, filtered by status', async () => {
    const lister = await harness.createUser();
    const created = [];
    for (let index = 0; index < 5; index++) created.push((await harness.createPayment(lister)).result);
    await call(harness.client, paymentsRequests.cancel, { actor: lister.actor, payment_id: created[1]!.id });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(harness.client, paymentsRequests.list, {
        actor: lister.actor,
        limit: 2,
        ...(cursor === undefined ? {} : { cursor }),
      });
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((payment) => payment.id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(created.map((payment) => payment.id).reverse());

    const failed = await call(harness.client, paymentsRequests.list, {
      actor: lister.actor,
      limit: 10,
      status: 'failed',
    });
    expect(failed.data.map((payment) => payment.id)).toEqual([created[1]!.id]);
    expect(failed.next_cursor).toBeNull();

    const all = await call(harness.client, paymentsRequests.list, { actor: harness.admin, limit: 100 });
    expect(new Set(all.data.map((payment) => payment.payer_id)).size).toBeGreaterThan(1);
  });

  it('keeps a payment’s metadata, answers it wherever the payment is read and filters by it', async () => {
    const owner = await harness.createUser();
    const key = newKey('pay');
    const tagged = await harness.createPayment(owner, {
      metadata: { order_id: 'A-1042', channel: 'web' },
      idempotency_key: key,
    });
    const other = await harness.createPayment(owner, { metadata: { order_id: 'A-1043', channel: 'web' } });
    const untagged = await harness.createPayment(owner);
    expect(tagged.result.metadata).toEqual({ order_id: 'A-1042', channel: 'web' });
    expect(untagged.result.metadata).toEqual({});
    expect((await harness.getPayment(tagged.result.id)).metadata).toEqual({
      order_id: 'A-1042',
      channel: 'web',
    });
    const list = (metadata: Record<string, string>) =>
      call(harness.client, paymentsRequests.list, { actor: owner.actor, limit: 10, metadata });
    expect((await list({ order_id: 'A-1042' })).data.map((payment) => payment.id)).toEqual([
      tagged.result.id,
    ]);
    expect((await list({ channel: 'web' })).data.map((payment) => payment.id)).toEqual([
      other.result.id,
      tagged.result.id,
    ]);
    expect((await list({ order_id: 'A-1042', channel: 'app' })).data).toEqual([]);
    // Another user's payment with the same pairs stays out of the payer's list.
    await harness.createPayment(payee, { metadata: { order_id: 'A-1042' } });
    expect((await list({ order_id: 'A-1042' })).data).toHaveLength(1);
    const changed = await failureOf(
      harness.createPayment(owner, {
        metadata: { order_id: 'A-9999', channel: 'web' },
        idempotency_key: key,
      }),
    );
    expect(changed.code).toBe('idempotency_mismatch');
  });

  it('refuses metadata beyond its bounds, creating nothing', async () => {
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`key${index}`, 'v']));
    for (const metadata of [tooMany, { 'bad key': 'v' }, { order_id: 'x'.repeat(501) }, { order_id: 7 }]) {
      expect((await failureOf(harness.createPayment(payer, { metadata }))).code).toBe('validation_failed');
    }
  });

  it('refuses a cursor it did not make', async () => {
    const failure = await failureOf(
      call(harness.client, paymentsRequests.list, {
        actor: payer.actor,
        limit: 10,
        cursor: 'bm90LWEtY3Vyc29y',
      }),
    );
    expect(failure).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'cursor' }] } });
  });

  it('answers its health check', async () => {
    await expect(call(harness.client, healthContract('payments'), {})).resolves.toEqual({
      status: 'ok',
      service: 'payments',
    });
  });
});
