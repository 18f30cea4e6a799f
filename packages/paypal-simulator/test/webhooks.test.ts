import { verify, X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultFailures } from '../src/index.js';
import {
  type ErrorBody,
  linkOf,
  type ReceivedWebhook,
  type SimulatorHarness,
  startHarness,
  WebhookReceiver,
} from './paypal-harness.js';

const webhookId = '1JE4291016473214C';

/** Verifies a delivery the way PayPal documents it, with nothing from the simulator's code. */
async function verifiedIndependently(
  webhook: ReceivedWebhook,
  expectedWebhookId = webhookId,
): Promise<boolean> {
  const headers = webhook.headers;
  const pem = await (await fetch(String(headers['paypal-cert-url']))).text();
  const message = [
    headers['paypal-transmission-id'],
    headers['paypal-transmission-time'],
    expectedWebhookId,
    crc32(Buffer.from(webhook.body, 'utf8')),
  ].join('|');
  return verify(
    'sha256',
    Buffer.from(message),
    new X509Certificate(pem).publicKey,
    Buffer.from(String(headers['paypal-transmission-sig']), 'base64'),
  );
}

/** A local port nothing listens on. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhooks`;
}

describe('PayPal simulator: webhooks', () => {
  let harness: SimulatorHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    harness = await startHarness({ webhook: { url: receiver.url, webhookId } });
  });

  beforeEach(() => {
    receiver.clear();
    harness.simulator.setWebhookTarget({ url: receiver.url, webhookId });
  });

  afterEach(async () => {
    harness.simulator.configure({ ...defaultFailures });
    await harness.simulator.flushWebhooks();
  });

  afterAll(async () => {
    await harness.simulator.stop();
    await receiver.stop();
  });

  it('sends CHECKOUT.ORDER.APPROVED and PAYMENT.CAPTURE.COMPLETED, signed as PayPal signs them', async () => {
    const order = await harness.client.approvedOrder('completed');
    const captured = await harness.client.capture(order.id);
    const captureId = captured.body.purchase_units![0]!.payments!.captures[0]!.id;
    await harness.simulator.flushWebhooks();

    expect(receiver.eventTypes()).toEqual(['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']);
    for (const webhook of receiver.received) {
      expect(webhook.headers['content-type']).toBe('application/json');
      expect(webhook.headers['paypal-auth-algo']).toBe('SHA256withRSA');
      expect(webhook.headers['paypal-cert-url']).toMatch(
        new RegExp(`^${harness.simulator.url}/v1/notifications/certs/CERT-[0-9a-f-]+$`),
      );
      expect(webhook.headers['paypal-transmission-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await verifiedIndependently(webhook)).toBe(true);
      expect(await verifiedIndependently(webhook, 'another-webhook-id')).toBe(false);
      expect(await verifiedIndependently({ ...webhook, body: webhook.body.replace('"1.0"', '"1.1"') })).toBe(
        false,
      );
    }

    const [approved, completed] = receiver.received.map(
      (webhook) => webhook.event as unknown as Record<string, unknown>,
    );
    expect(approved).toMatchObject({
      id: expect.stringMatching(/^WH-[0-9A-Z]{17}-[0-9A-Z]{17}$/),
      event_version: '1.0',
      resource_type: 'checkout-order',
      resource_version: '2.0',
      event_type: 'CHECKOUT.ORDER.APPROVED',
      summary: expect.any(String),
      resource: { id: order.id, status: 'APPROVED' },
    });
    expect(completed).toMatchObject({
      resource_type: 'capture',
      event_type: 'PAYMENT.CAPTURE.COMPLETED',
      summary: 'Payment completed for 10.50 USD',
      resource: {
        id: captureId,
        status: 'COMPLETED',
        amount: { currency_code: 'USD', value: '10.50' },
        custom_id: 'wtx_test',
        supplementary_data: { related_ids: { order_id: order.id } },
      },
    });
    expect(linkOf(completed!.links as never, 'self').href).toBe(
      `${harness.simulator.url}/v1/notifications/webhooks-events/${completed!.id}`,
    );
    const stored = await harness.client.call('GET', `/v1/notifications/webhooks-events/${completed!.id}`);
    expect(stored.body).toEqual(completed);

    const deliveries = harness.simulator.webhookDeliveries();
    expect(
      deliveries.map((delivery) => [
        delivery.eventType,
        delivery.state,
        delivery.url,
        delivery.attempts.length,
      ]),
    ).toEqual([
      ['CHECKOUT.ORDER.APPROVED', 'delivered', receiver.url, 1],
      ['PAYMENT.CAPTURE.COMPLETED', 'delivered', receiver.url, 1],
    ]);
    expect(deliveries[0]?.attempts[0]?.status).toBe(200);
  });

  it('sends PAYMENT.CAPTURE.DECLINED, PENDING, then COMPLETED or DENIED, and REFUNDED with the refund', async () => {
    const declinedOrder = await harness.client.approvedOrder('declined');
    await harness.client.capture(declinedOrder.id);
    const pendingOrder = await harness.client.approvedOrder('pending');
    const pending = (await harness.client.capture(pendingOrder.id)).body.purchase_units![0]!.payments!
      .captures[0]!;
    await harness.simulator.completePendingCapture(pending.id);
    const deniedOrder = await harness.client.approvedOrder('pending');
    const denied = (await harness.client.capture(deniedOrder.id)).body.purchase_units![0]!.payments!
      .captures[0]!;
    await harness.simulator.denyPendingCapture(denied.id);
    const refund = await harness.client.refund(pending.id);
    await harness.simulator.flushWebhooks();

    expect(receiver.eventTypes()).toEqual([
      'CHECKOUT.ORDER.APPROVED',
      'PAYMENT.CAPTURE.DECLINED',
      'CHECKOUT.ORDER.APPROVED',
      'PAYMENT.CAPTURE.PENDING',
      'PAYMENT.CAPTURE.COMPLETED',
      'CHECKOUT.ORDER.APPROVED',
      'PAYMENT.CAPTURE.PENDING',
      'PAYMENT.CAPTURE.DENIED',
      'PAYMENT.CAPTURE.REFUNDED',
    ]);
    const events = receiver.received.map((webhook) => webhook.event);
    expect(events[3]?.resource).toMatchObject({
      id: pending.id,
      status: 'PENDING',
      status_details: { reason: 'PENDING_REVIEW' },
    });
    expect(events[7]?.resource).toMatchObject({ id: denied.id, status: 'DECLINED' });
    const refunded = events[8]!;
    expect(refunded.resource_type).toBe('refund');
    expect(refunded.resource).toMatchObject({
      id: refund.body.id,
      status: 'COMPLETED',
      amount: { value: '10.50' },
    });
    expect(linkOf(refunded.resource.links as never, 'up').href).toBe(
      `${harness.simulator.url}/v2/payments/captures/${pending.id}`,
    );
  });

  it('delivers each event several times when configured, with one event id and fresh signatures', async () => {
    harness.simulator.configure({ webhookCopies: 3 });
    await harness.client.approvedOrder();
    await harness.simulator.flushWebhooks();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((webhook) => webhook.event.id)).size).toBe(1);
    expect(new Set(receiver.received.map((webhook) => webhook.headers['paypal-transmission-id'])).size).toBe(
      3,
    );
    for (const webhook of receiver.received) expect(await verifiedIndependently(webhook)).toBe(true);
    expect(
      harness.simulator
        .webhookDeliveries()
        .slice(-3)
        .map((delivery) => delivery.copy),
    ).toEqual([1, 2, 3]);
  });

  it('holds events for out-of-order delivery and releases them reversed on flush', async () => {
    harness.simulator.configure({ webhookOrder: 'reversed' });
    const order = await harness.client.approvedOrder();
    await harness.client.capture(order.id);
    expect(
      harness.simulator
        .webhookDeliveries()
        .slice(-2)
        .map((delivery) => delivery.state),
    ).toEqual(['held', 'held']);
    expect(receiver.received).toHaveLength(0);
    await harness.simulator.flushWebhooks();
    expect(receiver.eventTypes()).toEqual(['PAYMENT.CAPTURE.COMPLETED', 'CHECKOUT.ORDER.APPROVED']);
  });

  it('holds events while paused and sends them in order on resume', async () => {
    harness.simulator.configure({ webhooksPaused: true });
    const order = await harness.client.approvedOrder();
    await harness.client.capture(order.id);
    await harness.simulator.flushWebhooks();
    expect(receiver.received).toHaveLength(0);
    harness.simulator.configure({ webhooksPaused: false });
    await harness.simulator.flushWebhooks();
    expect(receiver.eventTypes()).toEqual(['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']);
  });

  it('retries a delivery the receiver failed, each time with a new transmission', async () => {
    receiver.answerNext(500, 503);
    await harness.client.approvedOrder();
    await harness.simulator.flushWebhooks();
    expect(receiver.received).toHaveLength(1);
    expect(await verifiedIndependently(receiver.received[0]!)).toBe(true);
    const delivery = harness.simulator.webhookDeliveries().at(-1)!;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(new Set(delivery.attempts.map((attempt) => attempt.transmissionId)).size).toBe(3);
  });

  it('gives up on an unreachable receiver after a few attempts, and redelivers on request', async () => {
    harness.simulator.setWebhookTarget({ url: await closedPortUrl(), webhookId });
    await harness.client.approvedOrder();
    await harness.simulator.flushWebhooks();
    const failed = harness.simulator.webhookDeliveries().at(-1)!;
    expect(failed.state).toBe('failed');
    expect(failed.attempts).toHaveLength(5);
    expect(failed.attempts.every((attempt) => attempt.status === null && attempt.error !== null)).toBe(true);

    harness.simulator.setWebhookTarget({ url: receiver.url, webhookId });
    await harness.simulator.redeliver(failed.eventId);
    expect(receiver.received.map((webhook) => webhook.event.id)).toEqual([failed.eventId]);
    await expect(harness.simulator.redeliver('WH-UNKNOWN')).rejects.toThrow(/no webhook event/);
  });

  it('sends nothing without a target, and later events once a target is set', async () => {
    harness.simulator.setWebhookTarget(null);
    const before = harness.simulator.webhookDeliveries().length;
    await harness.client.approvedOrder();
    await harness.simulator.flushWebhooks();
    expect(harness.simulator.webhookDeliveries()).toHaveLength(before);
    harness.simulator.setWebhookTarget({ url: receiver.url, webhookId });
    await harness.client.approvedOrder();
    await harness.simulator.flushWebhooks();
    expect(receiver.eventTypes()).toEqual(['CHECKOUT.ORDER.APPROVED']);
  });

  describe('verify-webhook-signature', () => {
    async function postback(webhook: ReceivedWebhook, overrides: Record<string, unknown> = {}) {
      return harness.client.call<{ verification_status: string }>(
        'POST',
        '/v1/notifications/verify-webhook-signature',
        {
          body: {
            auth_algo: webhook.headers['paypal-auth-algo'],
            cert_url: webhook.headers['paypal-cert-url'],
            transmission_id: webhook.headers['paypal-transmission-id'],
            transmission_sig: webhook.headers['paypal-transmission-sig'],
            transmission_time: webhook.headers['paypal-transmission-time'],
            webhook_id: webhookId,
            webhook_event: JSON.parse(webhook.body),
            ...overrides,
          },
        },
      );
    }

    it('answers SUCCESS for an event as it was received, FAILURE for anything changed', async () => {
      await harness.client.approvedOrder();
      await harness.simulator.flushWebhooks();
      const webhook = receiver.received[0]!;
      const event = JSON.parse(webhook.body) as Record<string, unknown>;

      const good = await postback(webhook);
      expect(good.status).toBe(200);
      expect(good.body).toEqual({ verification_status: 'SUCCESS' });
      for (const change of [
        { webhook_id: 'WEBHOOK_ID' },
        { webhook_event: { ...event, summary: 'changed' } },
        { transmission_id: 'another-transmission' },
        { transmission_time: '2020-01-01T00:00:00Z' },
        { auth_algo: 'SHA1withRSA' },
        { cert_url: 'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-1d93a270' },
        { webhook_event: { ...event, id: 'WH-UNKNOWN' } },
      ]) {
        expect((await postback(webhook, change)).body).toEqual({ verification_status: 'FAILURE' });
      }
    });

    it('requires every field and a bearer token', async () => {
      await harness.client.approvedOrder();
      await harness.simulator.flushWebhooks();
      const missing = await postback(receiver.received[0]!, { transmission_sig: undefined });
      expect(missing.status).toBe(400);
      expect((missing.body as unknown as ErrorBody).details[0]).toMatchObject({
        issue: 'MISSING_REQUIRED_PARAMETER',
        field: '/transmission_sig',
      });
      const anonymous = await harness.client.call('POST', '/v1/notifications/verify-webhook-signature', {
        anonymous: true,
        body: {},
      });
      expect(anonymous.status).toBe(401);
    });
  });

  it('serves the signing certificate without a token, and 404 for another certificate id', async () => {
    await harness.client.approvedOrder();
    await harness.simulator.flushWebhooks();
    const certUrl = String(receiver.received[0]!.headers['paypal-cert-url']);
    const response = await fetch(certUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(
      (await fetch(`${harness.simulator.url}/v1/notifications/certs/CERT-00000000-00000000-00000000`)).status,
    ).toBe(404);
  });
});
