import { randomUUID } from 'node:crypto';
import type { Schema } from '@moneypal/api-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiOf, httpClient, idempotencyKey } from './support/http.js';
import { eventuallyAsync, logIn, type Person, newPerson as register } from './support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let api: Api;
/** For what the typed client cannot send: a webhook's exact bytes, an unknown field. */
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

afterEach(() => {
  system.paypal.configure({ webhookCopies: 1, webhookOrder: 'in-order', webhooksPaused: false });
});

const newPerson = (firstName?: string) => register(api, firstName);

/** Creates a payment through the API; `paidTo` pays that provider with it. */
async function createPayment(payer: Person, amount: number, paidTo?: Person) {
  const created = await api(payer.token).POST('/v1/payments', {
    params: { header: idempotencyKey() },
    body: {
      amount,
      currency: 'USD',
      wallet_id: payer.walletId,
      ...(paidTo ? { paid_to: paidTo.userName } : {}),
    },
  });
  expect(created.response.status, JSON.stringify(created.error)).toBe(201);
  expect(created.data).toMatchObject({ status: 'created', sandbox: true, amount });
  expect(created.data?.approve_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkoutnow\?token=/);
  return created.data as Schema<'Payment'> & { paypal_order_id: string; approve_url: string };
}

const paymentOf = async (person: Person, id: string) =>
  (await api(person.token).GET('/v1/payments/{id}', { params: { path: { id } } })).data!;

const capture = (person: Person, id: string) =>
  api(person.token).POST('/v1/payments/{id}/capture', { params: { path: { id } } });

const walletOf = async (person: Person) =>
  (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: person.walletId } } })).data!;

const invoicesOf = async (person: Person) =>
  (await api(person.token).GET('/v1/invoices', { params: { query: { role: 'payer' } } })).data!.data;

/** Waits until the payment reaches `status`. */
const paymentReaches = (person: Person, id: string, status: string) =>
  eventuallyAsync(async () => {
    const payment = await paymentOf(person, id);
    return payment.status === status ? payment : undefined;
  });

/** Waits until the wallet's main balance is `main`. */
const mainBecomes = (person: Person, main: number) =>
  eventuallyAsync(async () => {
    const wallet = await walletOf(person);
    return wallet.main === main ? wallet : undefined;
  });

const eventsOf = (type: string, paymentId: string) =>
  system.events.filter(
    (event) => event.type === type && (event.data as { payment?: { id: string } }).payment?.id === paymentId,
  );

/** The invariants every scenario ends with: the ledger's, gapless invoice numbers, and no email twice. */
async function expectInvariants(): Promise<void> {
  const verdict = await system.verifyLedger();
  expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
  expect(verdict.ok).toBe(true);

  const numbers: number[] = [];
  let cursor: string | null = null;
  const pageAfter = (cursor: string | null) =>
    api(adminToken).GET('/v1/invoices', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
  do {
    const page = await pageAfter(cursor);
    expect(page.response.status).toBe(200);
    numbers.push(...page.data!.data.map((invoice) => invoice.invoice_no));
    cursor = page.data!.next_cursor;
  } while (cursor);
  expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, index) => index + 1));

  const sent = system.emails.map((email) => `${email.to.join(',')}|${email.subject}`);
  expect(sent.length).toBe(new Set(sent).size);
}

/** Emails to one person whose subject matches. */
const emailsTo = (person: Person, subject: RegExp) =>
  system.emails.filter((email) => email.to.includes(person.email) && subject.test(email.subject));

describe(`payments through PayPal on ${systemLabel}`, () => {
  it('funds a wallet: approve at PayPal, capture on return, credited once, announced by email', async () => {
    const payer = await newPerson('Ada');
    system.paypal.configure({ webhooksPaused: true });
    const payment = await createPayment(payer, 2_500);
    // The buyer's approval page is PayPal's (the simulator's), labelled as a sandbox.
    const page = await fetch(payment.approve_url);
    expect(await page.text()).toMatch(/sandbox/i);

    system.paypal.approveOrder(payment.paypal_order_id);
    const captured = await capture(payer, payment.id);
    expect(captured.response.status, JSON.stringify(captured.error)).toBe(200);
    expect(captured.data).toMatchObject({ status: 'captured', paypal_capture_id: expect.any(String) });
    await mainBecomes(payer, 2_500);

    // PayPal's webhooks arrive after the capture: they change nothing.
    system.paypal.configure({ webhooksPaused: false });
    await system.paypal.flushWebhooks();
    await paymentReaches(payer, payment.id, 'captured');
    expect(eventsOf('payments.payment.captured', payment.id)).toHaveLength(1);
    expect((await walletOf(payer)).main).toBe(2_500);
    const history = await api(payer.token).GET('/v1/transactions', {
      params: { query: { wallet_id: payer.walletId, type: 'deposit' } },
    });
    expect(history.data?.data).toHaveLength(1);
    await eventuallyAsync(async () => (emailsTo(payer, /Welcome/).length === 1 ? true : undefined));
    await expectInvariants();
  });

  it('captures on the webhook before the buyer returns; the buyer’s capture then changes nothing', async () => {
    const payer = await newPerson('Grace');
    const payment = await createPayment(payer, 1_200);
    system.paypal.approveOrder(payment.paypal_order_id);
    await system.paypal.flushWebhooks();
    await paymentReaches(payer, payment.id, 'captured');
    const late = await capture(payer, payment.id);
    expect(late.response.status).toBe(200);
    expect(late.data?.status).toBe('captured');
    await mainBecomes(payer, 1_200);
    expect(eventsOf('payments.payment.captured', payment.id)).toHaveLength(1);
    await expectInvariants();
  });

  it('applies the same webhooks delivered five times each and out of order once', async () => {
    const payer = await newPerson('Katherine');
    system.paypal.configure({ webhookCopies: 5, webhookOrder: 'shuffled' });
    const payment = await createPayment(payer, 700);
    system.paypal.approveOrder(payment.paypal_order_id);
    await system.paypal.flushWebhooks();
    await paymentReaches(payer, payment.id, 'captured');
    // The capture made PayPal announce it too: five more copies each, released shuffled.
    await system.paypal.flushWebhooks();
    const deliveries = system.paypal
      .webhookDeliveries()
      .filter((delivery) => JSON.stringify(delivery.event).includes(payment.paypal_order_id));
    expect(new Set(deliveries.map((delivery) => delivery.eventType))).toEqual(
      new Set(['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']),
    );
    expect(deliveries).toHaveLength(10);
    expect(deliveries.filter((delivery) => delivery.state !== 'delivered')).toEqual([]);
    await mainBecomes(payer, 700);
    expect(eventsOf('payments.payment.captured', payment.id)).toHaveLength(1);
    const history = await api(payer.token).GET('/v1/transactions', {
      params: { query: { wallet_id: payer.walletId } },
    });
    expect(history.data?.data).toHaveLength(1);
    await expectInvariants();
  });

  it('refuses a forged webhook with 400 and changes nothing', async () => {
    const payer = await newPerson('Dorothy');
    system.paypal.configure({ webhooksPaused: true });
    const payment = await createPayment(payer, 900);
    system.paypal.approveOrder(payment.paypal_order_id);
    const [approved] = system.paypal
      .webhookDeliveries()
      .filter((delivery) => JSON.stringify(delivery.event).includes(payment.paypal_order_id));
    expect(approved).toBeDefined();
    // A genuine event, re-sent with headers that sign another body: the CRC32 no longer matches.
    const forgedBody = JSON.stringify({ ...approved!.event, id: `WH-FORGED-${randomUUID()}` });
    const forged = await http('/v1/webhooks/paypal', {
      rawBody: forgedBody,
      headers: {
        'paypal-transmission-id': randomUUID(),
        'paypal-transmission-time': new Date().toISOString(),
        'paypal-transmission-sig': Buffer.from('not a signature').toString('base64'),
        'paypal-cert-url': `${system.paypal.url}/v1/notifications/certs/CERT-forged`,
        'paypal-auth-algo': 'SHA256withRSA',
      },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('webhook_signature_invalid');
    expect((await paymentOf(payer, payment.id)).status).toBe('created');
    expect((await walletOf(payer)).main).toBe(0);
    await expectInvariants();
  });

  it('fails a declined capture as declined and credits nothing', async () => {
    const payer = await newPerson('Mae');
    system.paypal.configure({ webhooksPaused: true });
    const payment = await createPayment(payer, 1_000);
    system.paypal.approveOrder(payment.paypal_order_id, 'declined');
    const answer = await capture(payer, payment.id);
    expect(answer.response.status).toBe(200);
    expect(answer.data).toMatchObject({ status: 'failed', failure_reason: 'declined' });
    system.paypal.configure({ webhooksPaused: false });
    await system.paypal.flushWebhooks();
    await eventuallyAsync(async () =>
      eventsOf('payments.payment.failed', payment.id).length > 0 ? true : undefined,
    );
    expect((await walletOf(payer)).main).toBe(0);
    expect(eventsOf('payments.payment.captured', payment.id)).toHaveLength(0);
    await expectInvariants();
  });

  it('pays a provider through PayPal when the wallet is short, with a paid invoice and one email each', async () => {
    const payer = await newPerson('Hedy');
    const provider = await newPerson('Barbara');
    const payment = await createPayment(payer, 3_000, provider);
    system.paypal.approveOrder(payment.paypal_order_id);
    await system.paypal.flushWebhooks();
    await paymentReaches(payer, payment.id, 'captured');
    await mainBecomes(provider, 3_000);
    expect((await walletOf(payer)).main).toBe(0);

    const invoice = await eventuallyAsync(async () => {
      const [first] = await invoicesOf(payer);
      return first?.status === 'paid' ? first : undefined;
    });
    expect(invoice).toMatchObject({
      payer_id: payer.id,
      payee_id: provider.id,
      amount: 3_000,
      payment_id: payment.id,
    });
    const invoiceAs = (person: Person) =>
      api(person.token).GET('/v1/invoices/{id}', { params: { path: { id: invoice.id } } });
    const seenByProvider = await invoiceAs(provider);
    expect(seenByProvider.response.status).toBe(200);
    const stranger = await newPerson('Eve');
    expect((await invoiceAs(stranger)).response.status).toBe(404);

    await eventuallyAsync(async () =>
      emailsTo(provider, /paid USD 30\.00/).length === 1 ? true : undefined,
    );
    await eventuallyAsync(async () =>
      emailsTo(payer, /You paid USD 30\.00/).length === 1 ? true : undefined,
    );
    await eventuallyAsync(async () => (emailsTo(payer, /^Invoice \d+/).length === 1 ? true : undefined));

    const today = new Date().toISOString().slice(0, 10);
    const report = await api(payer.token).GET('/v1/reports/summary', {
      params: { query: { from: today, to: today } },
    });
    expect(report.response.status).toBe(200);
    expect(report.data?.currencies[0]?.totals).toMatchObject({
      payments_made: { count: 1, amount: 3_000 },
      // Paying a provider through PayPal adds no money to the wallet: it counts as a payment only.
      deposits: { count: 0, amount: 0 },
      invoices_paid: { count: 1, amount: 3_000 },
    });
    await expectInvariants();
  });

  it('refunds a payment: an admin only, the wallets reversed, the invoice refunded, an email', async () => {
    const payer = await newPerson('Annie');
    const provider = await newPerson('Frances');
    const payment = await createPayment(payer, 1_500, provider);
    system.paypal.approveOrder(payment.paypal_order_id);
    await system.paypal.flushWebhooks();
    await mainBecomes(provider, 1_500);

    const refund = (token: string, key: string) =>
      api(token).POST('/v1/payments/{id}/refund', {
        params: { path: { id: payment.id }, header: idempotencyKey(key) },
        body: {},
      });
    const byUser = await refund(payer.token, 'refund-by-user');
    expect(byUser.response.status).toBe(403);
    const refunded = await refund(adminToken, `refund-${payment.id}`);
    expect(refunded.response.status, JSON.stringify(refunded.error)).toBe(200);
    expect(refunded.data).toMatchObject({ status: 'refunded', refunded_amount: 1_500 });
    // Asked again with the same key, the refund answers the refunded payment and refunds nothing more.
    const again = await refund(adminToken, `refund-${payment.id}`);
    expect(again.response.status).toBe(200);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data).toMatchObject({ id: payment.id, status: 'refunded' });
    // With another key, there is nothing left to refund.
    expect((await refund(adminToken, 'refund-more')).error?.code).toBe('payment_not_refundable');

    await mainBecomes(provider, 0);
    await mainBecomes(payer, 0);
    await eventuallyAsync(async () =>
      (await invoicesOf(payer))[0]?.status === 'refunded' ? true : undefined,
    );
    await eventuallyAsync(async () => (emailsTo(payer, /was refunded/).length === 1 ? true : undefined));
    expect(eventsOf('payments.payment.refunded', payment.id)).toHaveLength(1);
    await expectInvariants();
  });

  it('refunds a payment in two parts: each part paid back once, the invoice partly then fully refunded', async () => {
    const payer = await newPerson('Mary');
    const provider = await newPerson('Evelyn');
    const payment = await createPayment(payer, 2_000, provider);
    system.paypal.approveOrder(payment.paypal_order_id);
    await system.paypal.flushWebhooks();
    await mainBecomes(provider, 2_000);
    const refund = (body: Schema<'RefundPaymentRequest'>, key: string) =>
      api(adminToken).POST('/v1/payments/{id}/refund', {
        params: { path: { id: payment.id }, header: idempotencyKey(key) },
        body,
      });

    const unknownField = await http(`/v1/payments/${payment.id}/refund`, {
      token: adminToken,
      body: { amount: 500, note: 'x' },
      headers: idempotencyKey('refund-part-0'),
    });
    expect(unknownField.status).toBe(400);
    const part = await refund({ amount: 500, reason: 'Half a lesson' }, `refund-part-1-${payment.id}`);
    expect(part.response.status, JSON.stringify(part.error)).toBe(200);
    expect(part.data).toMatchObject({ status: 'partially_refunded', refunded_amount: 500 });
    expect(
      (await refund({ amount: 500, reason: 'Half a lesson' }, `refund-part-1-${payment.id}`)).response.status,
    ).toBe(200);
    await mainBecomes(provider, 1_500);
    await eventuallyAsync(async () => {
      const [latest] = await invoicesOf(payer);
      return latest?.status === 'partially_refunded' ? latest : undefined;
    });
    const tooMuch = await refund({ amount: 1_501 }, `refund-part-2-${payment.id}`);
    expect(tooMuch.response.status).toBe(422);
    expect(tooMuch.error?.code).toBe('payment_not_refundable');

    const rest = await refund({}, `refund-part-3-${payment.id}`);
    expect(rest.data).toMatchObject({ status: 'refunded', refunded_amount: 2_000 });
    await mainBecomes(provider, 0);
    await mainBecomes(payer, 0);
    await eventuallyAsync(async () => {
      const [latest] = await invoicesOf(payer);
      return latest?.status === 'refunded' && latest.refunded_amount === 2_000 ? true : undefined;
    });
    await eventuallyAsync(async () => (emailsTo(payer, /was refunded/).length === 2 ? true : undefined));
    expect(eventsOf('payments.payment.refunded', payment.id)).toHaveLength(2);
    await expectInvariants();
  });

  it('keeps other users’ payments out of sight and refuses bad payment requests', async () => {
    const payer = await newPerson('Joan');
    const other = await newPerson('Radia');
    const payment = await createPayment(payer, 100);
    expect(
      (await api(other.token).GET('/v1/payments/{id}', { params: { path: { id: payment.id } } })).response
        .status,
    ).toBe(404);
    expect((await capture(other, payment.id)).response.status).toBe(404);
    const list = await api(other.token).GET('/v1/payments');
    expect(list.data?.data).toEqual([]);

    const send = (body: Schema<'CreatePaymentRequest'>, key = randomUUID()) =>
      api(payer.token).POST('/v1/payments', { params: { header: idempotencyKey(key) }, body });
    const foreignWallet = await send({ amount: 100, currency: 'USD', wallet_id: other.walletId });
    expect(foreignWallet.response.status).toBe(404);
    expect(foreignWallet.error?.code).toBe('wallet_not_found');
    const unknownProvider = await send({
      amount: 100,
      currency: 'USD',
      wallet_id: payer.walletId,
      paid_to: 'nobody_here_at_all',
    });
    expect(unknownProvider.response.status).toBe(404);
    expect(unknownProvider.error).toMatchObject({
      code: 'recipient_not_found',
      errors: [{ path: 'paid_to', message: 'Nobody has this user name or email.' }],
    });
    const wrongCurrency = await send({ amount: 100, currency: 'EUR', wallet_id: payer.walletId });
    expect(wrongCurrency.response.status).toBe(422);
    expect(wrongCurrency.error?.code).toBe('currency_mismatch');
    const replayKey = randomUUID();
    const first = await send({ amount: 100, currency: 'USD', wallet_id: payer.walletId }, replayKey);
    const replay = await send({ amount: 100, currency: 'USD', wallet_id: payer.walletId }, replayKey);
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data?.id).toBe(first.data!.id);
    const mismatch = await send({ amount: 101, currency: 'USD', wallet_id: payer.walletId }, replayKey);
    expect(mismatch.response.status).toBe(422);
    expect(mismatch.error?.code).toBe('idempotency_mismatch');
  });
});

describe(`bills paid from the wallet on ${systemLabel}`, () => {
  it('pays a provider once per key, issues the next invoice number, and refuses a short wallet', async () => {
    const payer = await newPerson('Lynn');
    const provider = await newPerson('Sophie');
    const funding = await createPayment(payer, 5_000);
    system.paypal.approveOrder(funding.paypal_order_id);
    await system.paypal.flushWebhooks();
    await mainBecomes(payer, 5_000);

    const key = randomUUID();
    const bill = () =>
      api(payer.token).POST('/v1/bills', {
        params: { header: idempotencyKey(key) },
        body: { to_user: provider.email, amount: 1_800, description: 'tutoring' },
      });
    const answers = await Promise.all([bill(), bill(), bill(), bill(), bill()]);
    const paid = answers.filter((answer) => answer.response.status === 201);
    expect(paid.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.response.status);
    const invoiceIds = new Set(paid.map((answer) => answer.data!.invoice.id));
    expect(invoiceIds.size).toBe(1);
    const replay = await bill();
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    await mainBecomes(provider, 1_800);
    expect((await walletOf(payer)).main).toBe(3_200);

    const short = await api(payer.token).POST('/v1/bills', {
      params: { header: idempotencyKey() },
      body: { to_user: provider.userName, amount: 999_999 },
    });
    expect(short.response.status).toBe(422);
    expect(short.error?.code).toBe('insufficient_funds');
    await expectInvariants();
  });
});
