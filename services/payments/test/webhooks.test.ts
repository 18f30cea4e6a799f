import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, type Payment, paymentsEvents, paymentsRequests } from '@moneypal/contracts';
import { call, type MemoryBus } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPayPalClient } from '../src/index.js';
import {
  failureOf,
  newKey,
  orderIdOf,
  type PaymentsHarness,
  startHarness,
  type TestUser,
  webhookId,
} from './payments-harness.js';

let harness: PaymentsHarness;
let payer: TestUser;

beforeAll(async () => {
  harness = await startHarness({ webhooks: true });
  payer = await harness.createUser();
});

afterEach(() => {
  harness.simulator.configure({
    webhookCopies: 1,
    webhookOrder: 'in-order',
    webhooksPaused: false,
    failNextRequests: { count: 0, status: 500 },
  });
  harness.simulator.setWebhookTarget({ url: harness.webhookUrl, webhookId });
});

afterAll(async () => {
  await harness.close();
});

const capture = (actor: Actor, paymentId: string, client: MemoryBus = harness.client) =>
  call(client, paymentsRequests.capture, { actor, payment_id: paymentId });
const receive = (webhook: { headers: Record<string, string>; body: string }) =>
  call(harness.client, paymentsRequests.webhook, webhook);

/** PayPal as another of its clients sees it (its dashboard, a lost request), not through payments. */
const paypal = () =>
  createPayPalClient({
    baseUrl: harness.simulator.url,
    clientId: harness.simulator.clientId,
    clientSecret: harness.simulator.clientSecret,
  });

const eventTypesOf = async (paymentId: string) =>
  (await harness.eventsOf(paymentId)).map((event) => event.type);
const capturePosts = (paymentId: string) =>
  harness.sent.filter((request) => request.method === 'POST' && request.requestId === `capture-${paymentId}`);

/** How payments answered each delivery of the webhooks about one PayPal resource, in delivery order. */
function answersAbout(resourceId: string): { eventType: string; answer: unknown }[] {
  return harness.webhooks
    .filter((webhook) => webhook.body.includes(resourceId))
    .map(({ eventType, answer }) => ({ eventType, answer }));
}

async function newPayment(): Promise<Payment> {
  return (await harness.createPayment(payer)).result;
}

describe(`PayPal webhooks on ${testDatabaseLabel}`, () => {
  it('captures when PayPal says the buyer approved, though the buyer never comes back', async () => {
    const payment = await newPayment();
    harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    const captured = await harness.getPayment(payment.id);
    expect(captured).toMatchObject({ status: 'captured', approve_url: null });
    expect(capturePosts(payment.id)).toHaveLength(1);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
    // The capture's own webhook arrives after it and changes nothing.
    expect(answersAbout(orderIdOf(payment)).map((webhook) => webhook.eventType)).toEqual([
      'CHECKOUT.ORDER.APPROVED',
      'PAYMENT.CAPTURE.COMPLETED',
    ]);
    const receipts = await harness.payments.db
      .selectFrom('webhook_receipts')
      .selectAll()
      .where('payment_id', '=', payment.id)
      .execute();
    expect(receipts.map((receipt) => [receipt.event_type, receipt.outcome]).sort()).toEqual([
      ['CHECKOUT.ORDER.APPROVED', 'applied'],
      ['PAYMENT.CAPTURE.COMPLETED', 'applied'],
    ]);
  });

  it('answers the buyer’s capture after the webhook captured, capturing nothing more', async () => {
    const payment = await newPayment();
    harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    const byWebhook = await harness.getPayment(payment.id);
    await expect(capture(payer.actor, payment.id)).resolves.toEqual(byWebhook);
    expect(capturePosts(payment.id)).toHaveLength(1);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('changes nothing when the webhooks arrive after the buyer’s capture', async () => {
    const payment = await newPayment();
    harness.simulator.configure({ webhooksPaused: true });
    harness.simulator.approveOrder(orderIdOf(payment));
    const captured = await capture(payer.actor, payment.id);
    harness.simulator.configure({ webhooksPaused: false });
    await harness.simulator.flushWebhooks();
    expect(answersAbout(orderIdOf(payment))).toEqual([
      { eventType: 'CHECKOUT.ORDER.APPROVED', answer: { event_id: expect.any(String), outcome: 'applied' } },
      {
        eventType: 'PAYMENT.CAPTURE.COMPLETED',
        answer: { event_id: expect.any(String), outcome: 'applied' },
      },
    ]);
    await expect(harness.getPayment(payment.id)).resolves.toEqual(captured);
    expect(capturePosts(payment.id)).toHaveLength(1);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('applies a webhook delivered five times once, answering the copies as duplicates', async () => {
    const payment = await newPayment();
    harness.simulator.configure({ webhookCopies: 5 });
    harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    const answers = answersAbout(orderIdOf(payment));
    for (const eventType of ['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']) {
      const outcomes = answers
        .filter((webhook) => webhook.eventType === eventType)
        .map((webhook) => (webhook.answer as { outcome: string }).outcome);
      expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    }
    expect(capturePosts(payment.id)).toHaveLength(1);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('captures once when the capture’s webhook arrives before the approval’s', async () => {
    const payment = await newPayment();
    harness.simulator.configure({ webhookOrder: 'reversed' });
    harness.simulator.approveOrder(orderIdOf(payment));
    // Captured at PayPal by a request whose answer was lost: only the webhooks tell.
    await paypal().captureOrder(orderIdOf(payment), `capture-${payment.id}`);
    await harness.simulator.flushWebhooks();
    expect(answersAbout(orderIdOf(payment)).map((webhook) => webhook.eventType)).toEqual([
      'PAYMENT.CAPTURE.COMPLETED',
      'CHECKOUT.ORDER.APPROVED',
    ]);
    expect(await harness.getPayment(payment.id)).toMatchObject({ status: 'captured' });
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('ends refunded with one event of each kind, whatever order and copies the webhooks come in', async () => {
    const payment = await newPayment();
    harness.simulator.configure({ webhookOrder: 'shuffled', webhookCopies: 2 });
    harness.simulator.approveOrder(orderIdOf(payment), 'pending');
    const order = await paypal().captureOrder(orderIdOf(payment), `capture-${payment.id}`);
    const captureId = order.purchase_units![0]!.payments!.captures![0]!.id;
    await harness.simulator.completePendingCapture(captureId);
    await paypal().refundCapture(captureId, randomUUID());
    await harness.simulator.flushWebhooks();
    expect(
      harness.webhooks.filter((webhook) => webhook.body.includes(captureId)).length,
    ).toBeGreaterThanOrEqual(6);
    expect(await harness.getPayment(payment.id)).toMatchObject({
      status: 'refunded',
      paypal_capture_id: captureId,
    });
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
      paymentsEvents.paymentRefunded,
    ]);
  });

  it('keeps a pending capture pending until PayPal completes it, then captures', async () => {
    const payment = await newPayment();
    harness.simulator.approveOrder(orderIdOf(payment), 'pending');
    await harness.simulator.flushWebhooks();
    const pending = await harness.getPayment(payment.id);
    expect(pending).toMatchObject({ status: 'pending', captured_at: null });
    expect(await eventTypesOf(payment.id)).toEqual([paymentsEvents.paymentCreated]);

    await harness.simulator.completePendingCapture(pending.paypal_capture_id!);
    await harness.simulator.flushWebhooks();
    expect(await harness.getPayment(payment.id)).toMatchObject({
      status: 'captured',
      paypal_capture_id: pending.paypal_capture_id,
    });
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('fails a pending capture PayPal denies', async () => {
    const payment = await newPayment();
    harness.simulator.approveOrder(orderIdOf(payment), 'pending');
    await harness.simulator.flushWebhooks();
    const pending = await harness.getPayment(payment.id);
    await harness.simulator.denyPendingCapture(pending.paypal_capture_id!);
    await harness.simulator.flushWebhooks();
    expect(await harness.getPayment(payment.id)).toMatchObject({
      status: 'failed',
      failure_reason: 'declined',
    });
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentFailed,
    ]);
  });

  it('changes nothing on the refund webhook of a refund payments made', async () => {
    const payment = await newPayment();
    harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    const { result: refunded } = await call(harness.client, paymentsRequests.refund, {
      actor: harness.admin,
      payment_id: payment.id,
      idempotency_key: newKey('refund'),
    });
    await harness.simulator.flushWebhooks();
    const refundWebhooks = harness.webhooks.filter(
      (webhook) =>
        webhook.eventType === 'PAYMENT.CAPTURE.REFUNDED' &&
        webhook.body.includes(refunded.paypal_capture_id!),
    );
    expect(refundWebhooks.map((webhook) => webhook.answer)).toEqual([
      { event_id: expect.any(String), outcome: 'applied' },
    ]);
    await expect(harness.getPayment(payment.id)).resolves.toEqual(refunded);
    expect(
      (await eventTypesOf(payment.id)).filter((type) => type === paymentsEvents.paymentRefunded),
    ).toHaveLength(1);
  });

  it('ignores webhooks about orders payments did not create', async () => {
    const order = await paypal().createOrder(
      {
        amountMinor: 100n,
        currency: 'USD',
        customId: randomUUID(),
        invoiceId: randomUUID(),
        returnUrl: 'https://elsewhere.test/return',
        cancelUrl: 'https://elsewhere.test/cancel',
      },
      randomUUID(),
    );
    harness.simulator.approveOrder(order.id);
    await harness.simulator.flushWebhooks();
    expect(answersAbout(order.id)).toEqual([
      { eventType: 'CHECKOUT.ORDER.APPROVED', answer: { event_id: expect.any(String), outcome: 'ignored' } },
    ]);
  });

  it('answers bad_gateway when PayPal fails while a webhook is applied, and applies its redelivery', async () => {
    const payment = await newPayment();
    harness.simulator.configure({ webhooksPaused: true });
    harness.simulator.approveOrder(orderIdOf(payment));
    harness.simulator.configure({ webhooksPaused: false, failNextRequests: { count: 3, status: 503 } });
    await harness.simulator.flushWebhooks();
    const answers = answersAbout(orderIdOf(payment));
    expect(answers[0]).toEqual({ eventType: 'CHECKOUT.ORDER.APPROVED', answer: { code: 'bad_gateway' } });
    // PayPal retries a webhook answered with an error; the retry captured.
    expect(answers[1]).toEqual({
      eventType: 'CHECKOUT.ORDER.APPROVED',
      answer: { event_id: expect.any(String), outcome: 'applied' },
    });
    expect(await harness.getPayment(payment.id)).toMatchObject({ status: 'captured' });
  });
});

describe(`concurrent captures on ${testDatabaseLabel}`, () => {
  it('publishes one captured event when the buyer and the webhook capture at once', async () => {
    const payment = await newPayment();
    harness.simulator.configure({ webhooksPaused: true });
    harness.simulator.approveOrder(orderIdOf(payment));
    harness.simulator.configure({ webhooksPaused: false });
    const [byBuyer] = await Promise.all([
      capture(payer.actor, payment.id),
      harness.simulator.flushWebhooks(),
    ]);
    await harness.simulator.flushWebhooks();
    expect(byBuyer.status).toBe('captured');
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('publishes one captured event when two replicas capture the same payment at once', async () => {
    const replica = await harness.startReplica();
    try {
      const payments: Payment[] = [];
      harness.simulator.configure({ webhooksPaused: true });
      for (let index = 0; index < 5; index++) {
        const payment = await newPayment();
        harness.simulator.approveOrder(orderIdOf(payment));
        payments.push(payment);
      }
      const answers = await Promise.all(
        payments.flatMap((payment) => [
          capture(payer.actor, payment.id),
          capture(payer.actor, payment.id, replica.client),
        ]),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill('captured'));
      for (const payment of payments) {
        expect(await eventTypesOf(payment.id)).toEqual([
          paymentsEvents.paymentCreated,
          paymentsEvents.paymentCaptured,
        ]);
      }
    } finally {
      await replica.close();
    }
  });
});

describe(`forged webhooks on ${testDatabaseLabel}`, () => {
  /** A genuine, signed webhook that payments has not seen yet, about a payment the buyer just approved. */
  async function genuineApproval(): Promise<{
    payment: Payment;
    headers: Record<string, string>;
    body: string;
  }> {
    const payment = await newPayment();
    harness.simulator.setWebhookTarget({ url: harness.recordingUrl, webhookId });
    harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    harness.simulator.setWebhookTarget({ url: harness.webhookUrl, webhookId });
    const webhook = harness.recorded.find((recorded) => recorded.body.includes(orderIdOf(payment)));
    if (!webhook) throw new Error('the simulator sent no webhook');
    return { payment, ...webhook };
  }

  async function expectNothingChanged(payment: Payment, eventId: string) {
    expect(await harness.getPayment(payment.id)).toEqual(payment);
    expect(await eventTypesOf(payment.id)).toEqual([paymentsEvents.paymentCreated]);
    const receipt = await harness.payments.db
      .selectFrom('webhook_receipts')
      .select('event_id')
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    expect(receipt).toBeUndefined();
  }

  it('refuses an altered body, a foreign certificate host and a stale transmission, then applies the genuine one', async () => {
    const { payment, headers, body } = await genuineApproval();
    const eventId = (JSON.parse(body) as { id: string }).id;

    const altered = await failureOf(receive({ headers, body: body.replace('"APPROVED"', '"COMPLETED"') }));
    expect(altered.code).toBe('webhook_signature_invalid');
    const spaced = await failureOf(receive({ headers, body: `${body} ` }));
    expect(spaced.code).toBe('webhook_signature_invalid');

    // The same certificate, served from a host that is not PayPal's, is never even fetched.
    const certificate = await (await fetch(headers['paypal-cert-url']!)).text();
    let foreignFetches = 0;
    const foreign = createServer((_request, response) => {
      foreignFetches += 1;
      response.writeHead(200, { 'content-type': 'text/plain' }).end(certificate);
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    try {
      const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/v1/notifications/certs/CERT-1`;
      const forged = await failureOf(
        receive({ headers: { ...headers, 'paypal-cert-url': foreignUrl }, body }),
      );
      expect(forged.code).toBe('webhook_signature_invalid');
      expect(foreignFetches).toBe(0);
    } finally {
      await new Promise<void>((resolve) => foreign.close(() => resolve()));
    }

    const otherAlgorithm = await failureOf(
      receive({ headers: { ...headers, 'paypal-auth-algo': 'SHA1withRSA' }, body }),
    );
    expect(otherAlgorithm.code).toBe('webhook_signature_invalid');
    const { 'paypal-transmission-sig': _signature, ...unsigned } = headers;
    expect((await failureOf(receive({ headers: unsigned, body }))).code).toBe('webhook_signature_invalid');

    harness.advanceClock(16 * 60_000);
    try {
      const stale = await failureOf(receive({ headers, body }));
      expect(stale.code).toBe('webhook_signature_invalid');
    } finally {
      harness.advanceClock(-16 * 60_000);
    }
    await expectNothingChanged(payment, eventId);

    const refusals = harness.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === 'PayPal webhook refused: its signature does not verify');
    expect(refusals.at(-1)).toMatchObject({
      paypal_transmission_id: headers['paypal-transmission-id'],
      reason: 'the transmission time is too far from now',
    });

    await expect(receive({ headers, body })).resolves.toEqual({ event_id: eventId, outcome: 'applied' });
    expect(await harness.getPayment(payment.id)).toMatchObject({ status: 'captured' });
  });

  it('refuses webhooks signed for another webhook id', async () => {
    const payment = await newPayment();
    harness.simulator.setWebhookTarget({ url: harness.webhookUrl, webhookId: 'WH-SOMEONE-ELSE' });
    harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    const answers = answersAbout(orderIdOf(payment));
    expect(answers.length).toBeGreaterThan(0);
    for (const webhook of answers) expect(webhook.answer).toEqual({ code: 'webhook_signature_invalid' });
    const eventId = JSON.parse(
      harness.webhooks.find((webhook) => webhook.body.includes(orderIdOf(payment)))!.body,
    ).id as string;
    await expectNothingChanged(payment, eventId);
  });

  it('refuses malformed transmission headers without fetching any certificate', async () => {
    const { payment, headers, body } = await genuineApproval();
    const eventId = (JSON.parse(body) as { id: string }).id;
    // A certificate URL on the simulator that no webhook used before: any fetch of it would be counted.
    const unusedCertPath = '/v1/notifications/certs/CERT-NEVER-FETCHED';
    const certUrl = `${harness.simulator.url}${unusedCertPath}`;
    const garbage: Record<string, string>[] = [
      { 'paypal-transmission-id': 'not an id; DROP TABLE' },
      { 'paypal-transmission-id': 'x'.repeat(200) },
      { 'paypal-transmission-sig': 'not base64!' },
      { 'paypal-transmission-sig': 'A'.repeat(5000) },
      { 'paypal-transmission-time': 'yesterday' },
      { 'paypal-auth-algo': 'SHA256 with RSA' },
      { 'paypal-cert-url': `${certUrl}?${'x'.repeat(3000)}` },
      { 'paypal-cert-url': 'https://api.paypal.com.evil.example/v1/notifications/certs/CERT-1' },
      { 'paypal-cert-url': 'https://evil.example/v1/notifications/certs/CERT-1' },
      { 'paypal-cert-url': 'http://api.paypal.com/v1/notifications/certs/CERT-1' },
    ];
    for (const change of garbage) {
      const refused = await failureOf(
        receive({ headers: { ...headers, 'paypal-cert-url': certUrl, ...change }, body }),
      );
      expect(refused.code, JSON.stringify(change)).toBe('webhook_signature_invalid');
    }
    expect(harness.simulator.requestCounts()[unusedCertPath]).toBeUndefined();
    expect(harness.sent.filter((request) => request.path.startsWith('/v1/notifications/certs/'))).toEqual(
      harness.sent.filter((request) => request.path === new URL(headers['paypal-cert-url']!).pathname),
    );
    await expectNothingChanged(payment, eventId);
  });

  it('fetches PayPal’s certificate once for many webhooks', async () => {
    const certPath = new URL((await genuineApproval()).headers['paypal-cert-url']!).pathname;
    harness.simulator.resetRequestCounts();
    const payments = await Promise.all([newPayment(), newPayment(), newPayment()]);
    for (const payment of payments) harness.simulator.approveOrder(orderIdOf(payment));
    await harness.simulator.flushWebhooks();
    for (const payment of payments) {
      expect(await harness.getPayment(payment.id)).toMatchObject({ status: 'captured' });
    }
    expect(harness.simulator.requestCounts()[certPath]).toBeUndefined();
    // Every webhook of this file was checked with the certificate payments fetched once.
    expect(harness.webhooks.length).toBeGreaterThan(10);
    expect(harness.sent.filter((request) => request.path === certPath)).toHaveLength(1);
  });

  it('refuses a webhook without PayPal’s headers before reading its body', async () => {
    const failure = await failureOf(receive({ headers: {}, body: 'not json' }));
    expect(failure.code).toBe('webhook_signature_invalid');
  });
});
