import { randomUUID } from 'node:crypto';
import {
  type Actor,
  ledgerRequests,
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
  orderIdOf,
  type PaymentsHarness,
  startHarness,
  type TestUser,
} from './payments-harness.js';

let harness: PaymentsHarness;
let payer: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  // No webhooks here: every change comes from the buyer's own requests.
  harness = await startHarness({ webhooks: false });
  [payer, stranger] = await Promise.all([harness.createUser(), harness.createUser()]);
});

afterEach(() => {
  harness.beforePayPalRequest = null;
});

afterAll(async () => {
  await harness.close();
});

const capture = (actor: Actor, paymentId: string) =>
  call(harness.client, paymentsRequests.capture, { actor, payment_id: paymentId });
const cancel = (actor: Actor, paymentId: string) =>
  call(harness.client, paymentsRequests.cancel, { actor, payment_id: paymentId });

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

/** A payment the buyer approved at the simulator, with the capture outcome chosen there. */
async function approvedPayment(outcome?: 'completed' | 'declined' | 'pending') {
  const { result: payment } = await harness.createPayment(payer);
  harness.simulator.approveOrder(orderIdOf(payment), outcome);
  return payment;
}

describe(`capturing a payment on ${testDatabaseLabel}`, () => {
  it('captures an approved payment with capture-<id> as PayPal-Request-Id and publishes captured once', async () => {
    const payment = await approvedPayment();
    const captured = await capture(payer.actor, payment.id);
    expect(captured).toMatchObject({
      id: payment.id,
      status: 'captured',
      failure_reason: null,
      approve_url: null,
      paypal_order_id: payment.paypal_order_id,
    });
    expect(captured.paypal_capture_id).toEqual(expect.any(String));
    expect(captured.captured_at).not.toBeNull();
    expect(capturePosts(payment.id)).toHaveLength(1);

    const again = await capture(payer.actor, payment.id);
    expect(again).toEqual(captured);
    expect(capturePosts(payment.id)).toHaveLength(1);

    const events = await harness.eventsOf(payment.id);
    expect(events.map((event) => event.type)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
    expect(paymentEventData.parse(events[1]!.data).payment).toEqual(captured);
  });

  it('refuses to capture before the buyer approved, asking PayPal nothing to capture', async () => {
    const { result: payment } = await harness.createPayment(payer);
    const failure = await failureOf(capture(payer.actor, payment.id));
    expect(failure).toMatchObject({
      code: 'payment_not_capturable',
      details: { paypal_order_status: 'PAYER_ACTION_REQUIRED' },
    });
    expect(capturePosts(payment.id)).toHaveLength(0);
    expect(await harness.getPayment(payment.id)).toEqual(payment);

    // Approved later, the same capture request id still captures.
    harness.simulator.approveOrder(orderIdOf(payment));
    await expect(capture(payer.actor, payment.id)).resolves.toMatchObject({ status: 'captured' });
  });

  it('fails a capture PayPal declines, answering the failed payment with a failed event', async () => {
    const payment = await approvedPayment('declined');
    const declined = await capture(payer.actor, payment.id);
    expect(declined).toMatchObject({ status: 'failed', failure_reason: 'declined', approve_url: null });
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentFailed,
    ]);
    await expect(capture(payer.actor, payment.id)).resolves.toEqual(declined);
  });

  it('fails the payment when PayPal answers INSTRUMENT_DECLINED', async () => {
    const payment = await approvedPayment();
    harness.beforePayPalRequest = ({ method, path, headers }) => {
      if (method === 'POST' && path.endsWith('/capture')) {
        headers.set(
          'PayPal-Mock-Response',
          JSON.stringify({ mock_application_codes: 'INSTRUMENT_DECLINED' }),
        );
      }
    };
    const declined = await capture(payer.actor, payment.id);
    expect(declined).toMatchObject({ status: 'failed', failure_reason: 'declined', paypal_capture_id: null });
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentFailed,
    ]);
  });

  it('leaves a pending capture pending, keeping its capture id, without an event', async () => {
    const payment = await approvedPayment('pending');
    const pending = await capture(payer.actor, payment.id);
    expect(pending).toMatchObject({ status: 'pending', captured_at: null });
    expect(pending.paypal_capture_id).toEqual(expect.any(String));
    expect(await eventTypesOf(payment.id)).toEqual([paymentsEvents.paymentCreated]);
  });

  it('takes the capture as PayPal has it when the order was captured already', async () => {
    const payment = await approvedPayment();
    // Captured at PayPal by a request whose answer was lost: PayPal's order is COMPLETED.
    await paypal().captureOrder(orderIdOf(payment), randomUUID());
    const captured = await capture(payer.actor, payment.id);
    expect(captured.status).toBe('captured');
    expect(capturePosts(payment.id)).toHaveLength(0);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('captures a HUF payment that PayPal holds in whole forints', async () => {
    const forints = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'HUF',
      type: 'personal',
    });
    const { result: payment } = await harness.createPayment(payer, {
      wallet_id: forints.id,
      currency: 'HUF',
      amount: 150_000,
    });
    const order = harness.simulator.getOrder(orderIdOf(payment)) as {
      purchase_units: { amount: { value: string } }[];
    };
    expect(order.purchase_units[0]!.amount.value).toBe('1500');
    harness.simulator.approveOrder(orderIdOf(payment));
    await expect(capture(payer.actor, payment.id)).resolves.toMatchObject({
      status: 'captured',
      amount: 150_000,
    });
  });

  it('lets only the payer or an admin capture', async () => {
    const payment = await approvedPayment();
    const other = await failureOf(capture(stranger.actor, payment.id));
    expect(other.code).toBe('not_found');
    const service = await failureOf(capture({ service: 'billing' }, payment.id));
    expect(service.code).toBe('forbidden');
    await expect(capture(harness.admin, payment.id)).resolves.toMatchObject({ status: 'captured' });
    const unknown = await failureOf(capture(payer.actor, randomUUID()));
    expect(unknown.code).toBe('not_found');
  });
});

describe(`PayPal failing during a capture, on ${testDatabaseLabel}`, () => {
  /** Makes PayPal fail the next `count` requests from the moment payments sends the capture. */
  const failCaptureAttempts = (count: number, status: 500 | 503) => {
    harness.beforePayPalRequest = ({ method, path }) => {
      if (method === 'POST' && path.endsWith('/capture')) {
        harness.simulator.configure({ failNextRequests: { count, status } });
        harness.beforePayPalRequest = null;
      }
    };
  };

  it('retries a capture after 503s with the same PayPal-Request-Id, capturing once', async () => {
    const payment = await approvedPayment();
    failCaptureAttempts(2, 503);
    const captured = await capture(payer.actor, payment.id);
    expect(captured.status).toBe('captured');
    const posts = capturePosts(payment.id);
    expect(posts.map((post) => post.status)).toEqual([503, 503, 201]);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('answers bad_gateway when every attempt fails, capturing nothing, and captures on the next try', async () => {
    const payment = await approvedPayment();
    failCaptureAttempts(3, 503);
    const failure = await failureOf(capture(payer.actor, payment.id));
    expect(failure).toMatchObject({ code: 'bad_gateway', details: { paypal_status: 503 } });
    const after = await harness.getPayment(payment.id);
    expect(after).toMatchObject({ status: 'approved', paypal_capture_id: null, captured_at: null });
    expect((harness.simulator.getOrder(orderIdOf(payment)) as { status: string }).status).toBe('APPROVED');
    expect(await eventTypesOf(payment.id)).toEqual([paymentsEvents.paymentCreated]);

    await expect(capture(payer.actor, payment.id)).resolves.toMatchObject({ status: 'captured' });
    const posts = capturePosts(payment.id);
    expect(posts.map((post) => post.status)).toEqual([503, 503, 503, 201]);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('answers bad_gateway when PayPal cannot even say whether the order is approved', async () => {
    const payment = await approvedPayment();
    harness.simulator.configure({ failNextRequests: { count: 3, status: 500 } });
    const failure = await failureOf(capture(payer.actor, payment.id));
    expect(failure.code).toBe('bad_gateway');
    expect(await harness.getPayment(payment.id)).toEqual(payment);
  });

  it('gets a new token when PayPal ends the old one', async () => {
    const payment = await approvedPayment();
    harness.simulator.expireTokens();
    await expect(capture(payer.actor, payment.id)).resolves.toMatchObject({ status: 'captured' });
  });
});

describe(`cancelling a payment on ${testDatabaseLabel}`, () => {
  it('fails a payment the buyer cancelled at PayPal, with a failed event, once', async () => {
    const { result: payment } = await harness.createPayment(payer);
    harness.simulator.cancelOrder(orderIdOf(payment));
    const cancelled = await cancel(payer.actor, payment.id);
    expect(cancelled).toMatchObject({ status: 'failed', failure_reason: 'cancelled', approve_url: null });
    await expect(cancel(payer.actor, payment.id)).resolves.toEqual(cancelled);
    expect(await eventTypesOf(payment.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentFailed,
    ]);
    await expect(capture(payer.actor, payment.id)).resolves.toEqual(cancelled);
  });

  it('keeps a payment the buyer approved after all, and one already captured', async () => {
    const approved = await approvedPayment();
    await expect(cancel(payer.actor, approved.id)).resolves.toMatchObject({ status: 'created' });
    const captured = await capture(payer.actor, approved.id);
    await expect(cancel(payer.actor, approved.id)).resolves.toEqual(captured);
    expect(await eventTypesOf(approved.id)).toEqual([
      paymentsEvents.paymentCreated,
      paymentsEvents.paymentCaptured,
    ]);
  });

  it('lets only the payer cancel', async () => {
    const { result: payment } = await harness.createPayment(payer);
    expect((await failureOf(cancel(stranger.actor, payment.id))).code).toBe('not_found');
    expect((await failureOf(cancel(harness.admin, payment.id))).code).toBe('forbidden');
    expect(await harness.getPayment(payment.id)).toEqual(payment);
  });
});
