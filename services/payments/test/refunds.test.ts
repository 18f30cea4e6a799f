import { randomUUID } from 'node:crypto';
import {
  type Actor,
  ledgerRequests,
  type Payment,
  paymentEventData,
  paymentsEvents,
  paymentsRequests,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
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
let stranger: TestUser;

beforeAll(async () => {
  harness = await startHarness({ webhooks: true });
  [payer, stranger] = await Promise.all([harness.createUser(), harness.createUser()]);
});

afterEach(() => {
  harness.beforePayPalRequest = null;
  harness.simulator.configure({
    refundOutcome: 'completed',
    webhooksPaused: false,
    failNextRequests: { count: 0, status: 500 },
  });
  harness.simulator.setWebhookTarget({ url: harness.webhookUrl, webhookId });
});

afterAll(async () => {
  await harness.close();
});

const refund = (
  paymentId: string,
  body: { amount?: number; reason?: string } = {},
  key = newKey('refund'),
  actor: Actor = harness.admin,
) =>
  call(harness.client, paymentsRequests.refund, {
    actor,
    payment_id: paymentId,
    ...body,
    idempotency_key: key,
  });

/** PayPal as another of its clients sees it (its dashboard), not through payments. */
const paypal = () =>
  createPayPalClient({
    baseUrl: harness.simulator.url,
    clientId: harness.simulator.clientId,
    clientSecret: harness.simulator.clientSecret,
  });

const refundPosts = (paymentId: string) =>
  harness.sent.filter(
    (request) => request.method === 'POST' && request.requestId?.startsWith(`refund-${paymentId}-`),
  );

async function refundEventsOf(paymentId: string) {
  return (await harness.eventsOf(paymentId))
    .filter((event) => event.type === paymentsEvents.paymentRefunded)
    .map((event) => paymentEventData.parse(event.data));
}

/** A payment of `amount` the buyer approved and PayPal captured (through its webhooks). */
async function capturedPayment(amount = 1000): Promise<Payment> {
  const { result } = await harness.createPayment(payer, { amount });
  harness.simulator.approveOrder(orderIdOf(result));
  await harness.simulator.flushWebhooks();
  const captured = await harness.getPayment(result.id);
  expect(captured.status).toBe('captured');
  return captured;
}

describe(`partial refunds on ${testDatabaseLabel}`, () => {
  it('refunds in part twice, refuses more than is left, then refunds the rest with no amount', async () => {
    const payment = await capturedPayment(1000);
    const first = await refund(payment.id, { amount: 300, reason: 'One session cancelled' });
    expect(first.replayed).toBe(false);
    expect(first.result).toMatchObject({ status: 'partially_refunded', refunded_amount: 300 });
    expect(first.result.refunds).toMatchObject([
      {
        amount: 300,
        status: 'completed',
        reason: 'One session cancelled',
        paypal_refund_id: expect.any(String),
      },
    ]);
    const second = await refund(payment.id, { amount: 200 });
    expect(second.result).toMatchObject({ status: 'partially_refunded', refunded_amount: 500 });

    const postsBefore = refundPosts(payment.id).length;
    const tooMuch = await failureOf(refund(payment.id, { amount: 501 }));
    expect(tooMuch).toMatchObject({
      code: 'payment_not_refundable',
      message: 'the refund is more than the 500 minor units left to refund',
    });
    expect(refundPosts(payment.id)).toHaveLength(postsBefore);
    expect(await harness.getPayment(payment.id)).toMatchObject({
      refunded_amount: 500,
      refunds: second.result.refunds,
    });

    const rest = await refund(payment.id);
    expect(rest.result).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
    expect(rest.result.refunds.map((item) => item.amount)).toEqual([300, 200, 500]);
    expect(refundPosts(payment.id).map((request) => request.requestId)).toEqual(
      rest.result.refunds.map((item) => `refund-${payment.id}-${item.id}`),
    );
    await expect(paypal().getCapture(payment.paypal_capture_id!)).resolves.toMatchObject({
      status: 'REFUNDED',
    });
    expect((await failureOf(refund(payment.id, { amount: 1 }))).code).toBe('payment_not_refundable');

    // Each refund is published once (its own webhook changed nothing more), with its amount and the total.
    await harness.simulator.flushWebhooks();
    const events = await refundEventsOf(payment.id);
    expect(
      events.map((event) => [event.refund?.amount, event.payment.refunded_amount, event.payment.status]),
    ).toEqual([
      [300, 300, 'partially_refunded'],
      [200, 500, 'partially_refunded'],
      [500, 1000, 'refunded'],
    ]);
  });

  it('answers a retry of the same key from what it did, refunding once; another request with the key is refused', async () => {
    const payment = await capturedPayment(1000);
    const key = newKey('refund');
    const first = await refund(payment.id, { amount: 400 }, key);
    const again = await refund(payment.id, { amount: 400 }, key);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(refundPosts(payment.id)).toHaveLength(1);
    expect((await failureOf(refund(payment.id, { amount: 401 }, key))).code).toBe('idempotency_mismatch');
    const other = await capturedPayment(1000);
    expect((await failureOf(refund(other.id, { amount: 400 }, key))).code).toBe('idempotency_mismatch');
    expect(await harness.getPayment(other.id)).toMatchObject({ status: 'captured', refunds: [] });
  });

  it('never refunds more than the capture when refunds race, each with its own key', async () => {
    const payment = await capturedPayment(1000);
    const answers = await Promise.allSettled(
      Array.from({ length: 6 }, () => refund(payment.id, { amount: 300 })),
    );
    const refused = answers.filter((answer) => answer.status === 'rejected');
    expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(3);
    expect(refused.map((answer) => (answer.reason as { code: string }).code)).toEqual([
      'payment_not_refundable',
      'payment_not_refundable',
      'payment_not_refundable',
    ]);
    const after = await harness.getPayment(payment.id);
    expect(after).toMatchObject({ status: 'partially_refunded', refunded_amount: 900 });
    expect(refundPosts(payment.id)).toHaveLength(3);
    await harness.simulator.flushWebhooks();
    expect(await refundEventsOf(payment.id)).toHaveLength(3);
  });

  it('refunds once when the same key is sent several times at once', async () => {
    const payment = await capturedPayment(1000);
    const key = newKey('refund');
    const answers = await Promise.allSettled(
      Array.from({ length: 4 }, () => refund(payment.id, { amount: 250 }, key)),
    );
    for (const answer of answers) {
      if (answer.status === 'rejected')
        expect((answer.reason as { code: string }).code).toBe('idempotency_in_flight');
    }
    expect(answers.some((answer) => answer.status === 'fulfilled')).toBe(true);
    expect(new Set(refundPosts(payment.id).map((request) => request.requestId)).size).toBe(1);
    expect(await harness.getPayment(payment.id)).toMatchObject({ refunded_amount: 250 });
  });

  it('gives the amount back when PayPal refuses, and answers the refusal again to a retry of the key', async () => {
    const payment = await capturedPayment(1000);
    harness.beforePayPalRequest = ({ path, headers }) => {
      if (path.endsWith('/refund')) {
        headers.set(
          'paypal-mock-response',
          JSON.stringify({ mock_application_codes: 'REFUND_FAILED_INSUFFICIENT_FUNDS' }),
        );
      }
    };
    const key = newKey('refund');
    const refused = await failureOf(refund(payment.id, { amount: 600 }, key));
    expect(refused).toMatchObject({
      code: 'payment_not_refundable',
      details: { paypal_issues: ['REFUND_FAILED_INSUFFICIENT_FUNDS'] },
    });
    harness.beforePayPalRequest = null;
    expect(await failureOf(refund(payment.id, { amount: 600 }, key))).toMatchObject(refused);
    expect((await harness.getPayment(payment.id)).refunds).toMatchObject([{ amount: 600, status: 'failed' }]);
    const all = await refund(payment.id);
    expect(all.result).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
  });

  it('keeps the amount reserved when PayPal fails, and a retry of the key refunds it once', async () => {
    const payment = await capturedPayment(1000);
    const key = newKey('refund');
    harness.simulator.configure({ failNextRequests: { count: 10, status: 503 } });
    expect((await failureOf(refund(payment.id, { amount: 700 }, key))).code).toBe('bad_gateway');
    harness.simulator.configure({ failNextRequests: { count: 0, status: 503 } });
    expect(await failureOf(refund(payment.id, { amount: 301 }))).toMatchObject({
      code: 'payment_not_refundable',
    });
    const retried = await refund(payment.id, { amount: 700 }, key);
    expect(retried.result).toMatchObject({ status: 'partially_refunded', refunded_amount: 700 });
    expect(new Set(refundPosts(payment.id).map((request) => request.requestId)).size).toBe(1);
    await expect(paypal().getCapture(payment.paypal_capture_id!)).resolves.toMatchObject({
      status: 'PARTIALLY_REFUNDED',
    });
  });

  it('completes a PENDING partial refund once, by its webhook, whatever copies arrive', async () => {
    const payment = await capturedPayment(1000);
    harness.simulator.configure({ refundOutcome: 'pending' });
    const pending = await refund(payment.id, { amount: 400 });
    expect(pending.result).toMatchObject({ status: 'captured', refunded_amount: 0 });
    const [row] = pending.result.refunds;
    expect(row).toMatchObject({ amount: 400, status: 'pending', completed_at: null });
    // What is pending is taken: only 600 are left.
    expect((await failureOf(refund(payment.id, { amount: 601 }))).code).toBe('payment_not_refundable');
    expect(await refundEventsOf(payment.id)).toHaveLength(0);

    await harness.simulator.completePendingRefund(row!.paypal_refund_id!);
    await harness.simulator.flushWebhooks();
    const completed = await harness.getPayment(payment.id);
    expect(completed).toMatchObject({ status: 'partially_refunded', refunded_amount: 400 });
    expect(completed.refunds).toMatchObject([{ id: row!.id, status: 'completed' }]);

    const webhook = harness.webhooks.find(
      (delivery) =>
        delivery.eventType === 'PAYMENT.CAPTURE.REFUNDED' && delivery.body.includes(row!.paypal_refund_id!),
    )!;
    expect(webhook.answer).toMatchObject({ outcome: 'applied' });
    await harness.simulator.redeliver(webhook.eventId);
    await harness.simulator.flushWebhooks();
    expect(harness.webhooks.at(-1)).toMatchObject({
      eventId: webhook.eventId,
      answer: { outcome: 'duplicate' },
    });
    expect(await harness.getPayment(payment.id)).toEqual(completed);
    expect((await refundEventsOf(payment.id)).map((event) => event.refund?.id)).toEqual([row!.id]);
  });

  it('records a refund made at PayPal outside MoneyPal from its webhook, and refunds only what is left', async () => {
    const payment = await capturedPayment(1000);
    await paypal().refundCapture(payment.paypal_capture_id!, randomUUID(), {
      amountMinor: 250n,
      currency: 'USD',
      customId: 'dashboard',
    });
    await harness.simulator.flushWebhooks();
    const recorded = await harness.getPayment(payment.id);
    expect(recorded).toMatchObject({ status: 'partially_refunded', refunded_amount: 250 });
    expect(recorded.refunds).toMatchObject([{ amount: 250, status: 'completed', reason: null }]);
    const rest = await refund(payment.id);
    expect(rest.result).toMatchObject({ status: 'refunded', refunded_amount: 1000 });
    expect(rest.result.refunds.map((item) => item.amount)).toEqual([250, 750]);
  });

  it('refuses a part of a whole-unit currency that PayPal cannot take, refunding nothing', async () => {
    const forints = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'HUF',
      type: 'personal',
    });
    const { result } = await harness.createPayment(payer, {
      amount: 10_000,
      currency: 'HUF',
      wallet_id: forints.id,
    });
    harness.simulator.approveOrder(orderIdOf(result));
    await harness.simulator.flushWebhooks();
    expect(await failureOf(refund(result.id, { amount: 150 }))).toMatchObject({
      code: 'validation_failed',
      message: 'PayPal takes HUF in whole units only',
    });
    expect(refundPosts(result.id)).toHaveLength(0);
    const part = await refund(result.id, { amount: 2_500 });
    expect(part.result).toMatchObject({ status: 'partially_refunded', refunded_amount: 2_500 });
  });

  it('refuses a payment that is not captured, forbids the payer and hides the payment from others', async () => {
    const { result: created } = await harness.createPayment(payer);
    expect(await failureOf(refund(created.id))).toMatchObject({
      code: 'payment_not_refundable',
      message: 'the payment is created, not captured',
    });
    const payment = await capturedPayment(1000);
    expect((await failureOf(refund(payment.id, {}, newKey('refund'), payer.actor))).code).toBe('forbidden');
    expect((await failureOf(refund(payment.id, {}, newKey('refund'), stranger.actor))).code).toBe(
      'not_found',
    );
    expect((await failureOf(refund(payment.id, {}, newKey('refund'), { service: 'billing' }))).code).toBe(
      'forbidden',
    );
    expect((await failureOf(refund(payment.id, { amount: 0 }))).code).toBe('validation_failed');
    expect(await harness.getPayment(payment.id)).toMatchObject({ status: 'captured', refunds: [] });
    expect(refundPosts(payment.id)).toHaveLength(0);
  });
});
