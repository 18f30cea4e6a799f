import type { Logger } from '@moneypal/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLineLogger, defaultFailures, type SimulatorLogger } from '../src/index.js';
import {
  type ErrorBody,
  type OrderBody,
  orderBody,
  type SimulatorHarness,
  startHarness,
} from './paypal-harness.js';

// The kit's (pino) logger is accepted where the simulator takes a logger, with no run-time dependency.
const kitLoggerFits: Logger extends SimulatorLogger ? true : never = true;

describe('PayPal simulator: configured failures', () => {
  let harness: SimulatorHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterEach(() => {
    harness.simulator.configure({ ...defaultFailures, failNextRequests: { count: 0, status: 500 } });
  });

  afterAll(async () => {
    await harness.simulator.stop();
  });

  it('fails the next N API calls with 503 SERVICE_UNAVAILABLE, with no effect, then works again', async () => {
    const order = await harness.client.approvedOrder();
    harness.simulator.configure({ failNextRequests: { count: 2, status: 503 } });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const failed = await harness.client.capture(order.id, { 'paypal-request-id': `capture-${order.id}` });
      expect(failed.status).toBe(503);
      expect((failed.body as unknown as ErrorBody).name).toBe('SERVICE_UNAVAILABLE');
    }
    const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
    expect(fetched.body.status).toBe('APPROVED');
    const captured = await harness.client.capture(order.id, { 'paypal-request-id': `capture-${order.id}` });
    expect(captured.status).toBe(201);
  });

  it('fails with 500 INTERNAL_SERVER_ERROR in PayPal’s shape, but never the token request', async () => {
    harness.simulator.configure({ failNextRequests: { count: 1, status: 500 } });
    harness.client.forgetToken();
    const failed = await harness.client.createOrder();
    const error = failed.body as unknown as ErrorBody;
    expect(failed.status).toBe(500);
    expect(error).toMatchObject({
      name: 'INTERNAL_SERVER_ERROR',
      message: 'An internal server error has occurred.',
      details: [{ issue: 'INTERNAL_SERVICE_ERROR' }],
    });
    expect(error.debug_id).toBe(failed.headers.get('paypal-debug-id'));
    expect((await harness.client.createOrder()).status).toBe(201);
  });

  it('adds latency after the request took effect, so a client that gives up can retry with its request id', async () => {
    const order = await harness.client.approvedOrder();
    await harness.client.token();
    harness.simulator.configure({ latencyMs: 400 });
    const headers = { 'paypal-request-id': `capture-${order.id}` };
    const gaveUp = harness.client.call('POST', `/v2/checkout/orders/${order.id}/capture`, {
      headers: { 'content-type': 'application/json', ...headers },
      signal: AbortSignal.timeout(100),
    });
    await expect(gaveUp).rejects.toThrow();
    harness.simulator.configure({ latencyMs: 0 });
    expect(harness.simulator.getOrder(order.id)?.status).toBe('COMPLETED');
    const retried = await harness.client.capture(order.id, headers);
    expect(retried.status).toBe(200);
    expect(retried.body.purchase_units?.[0]?.payments?.captures).toHaveLength(1);
    harness.simulator.configure({ latencyMs: 200 });
    const started = performance.now();
    expect((await harness.client.call('GET', `/v2/checkout/orders/${order.id}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('answers every API request 503 during an `unavailable` outage, token included, until it ends', async () => {
    const order = await harness.client.approvedOrder();
    harness.simulator.configure({ outage: 'unavailable' });
    harness.client.forgetToken();
    const token = await fetch(`${harness.simulator.url}/v1/oauth2/token`, { method: 'POST' });
    expect(token.status).toBe(503);
    const certificate = await fetch(`${harness.simulator.url}/v1/notifications/certs/ANY`);
    expect(certificate.status).toBe(503);
    expect(((await certificate.json()) as ErrorBody).name).toBe('SERVICE_UNAVAILABLE');
    harness.simulator.configure({ outage: 'none' });
    const captured = await harness.client.capture(order.id);
    expect(captured.status).toBe(201);
  });

  it('closes the connection without an answer during a `reset` outage', async () => {
    harness.simulator.configure({ outage: 'reset' });
    await expect(fetch(`${harness.simulator.url}/v2/checkout/orders/ANY`)).rejects.toThrow('fetch failed');
    harness.simulator.configure({ outage: 'none' });
    expect((await harness.client.createOrder()).status).toBe(201);
  });

  it('counts the requests each path received, whatever the answer, and not the controls', async () => {
    harness.simulator.resetRequestCounts();
    await fetch(`${harness.simulator.url}/v1/notifications/certs/NOPE`);
    await fetch(`${harness.simulator.url}/v1/notifications/certs/NOPE`);
    await fetch(`${harness.simulator.url}/_simulator/failures`);
    expect(harness.simulator.requestCounts()).toEqual({ '/v1/notifications/certs/NOPE': 2 });
    const overHttp = await fetch(`${harness.simulator.url}/_simulator/requests`);
    expect(await overHttp.json()).toEqual({ '/v1/notifications/certs/NOPE': 2 });
    expect((await fetch(`${harness.simulator.url}/_simulator/requests`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(harness.simulator.requestCounts()).toEqual({});
  });

  it('refuses a bad configuration without changing anything', () => {
    expect(() => harness.simulator.configure({ webhookCopies: 0 })).toThrow(/webhookCopies/);
    expect(() => harness.simulator.configure({ captureOutcome: 'lost' as never })).toThrow(/captureOutcome/);
    expect(() =>
      harness.simulator.configure({ failNextRequests: { count: 1, status: 502 as never } }),
    ).toThrow();
  });

  describe('control routes', () => {
    async function control(
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; body: unknown }> {
      const response = await fetch(`${harness.simulator.url}/_simulator${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    }

    it('approves, configures and reports over HTTP for a simulator in another process', async () => {
      const { body: order } = await harness.client.createOrder(orderBody());
      const approved = await control('POST', `/orders/${order.id}/approve`, { outcome: 'pending' });
      expect(approved.status).toBe(200);
      expect((approved.body as OrderBody).status).toBe('APPROVED');
      const captured = await harness.client.capture(order.id);
      const captureId = captured.body.purchase_units![0]!.payments!.captures[0]!.id;
      expect(captured.body.purchase_units![0]!.payments!.captures[0]!.status).toBe('PENDING');
      const completed = await control('POST', `/captures/${captureId}/complete`);
      expect((completed.body as { status: string }).status).toBe('COMPLETED');
      expect((await control('POST', `/captures/${captureId}/complete`)).status).toBe(409);
      expect((await control('POST', '/orders/0000000000000000X/approve', {})).status).toBe(404);
      expect((await control('POST', `/orders/${order.id}/approve`, { outcome: 'maybe' })).status).toBe(400);

      const configured = await control('PATCH', '/failures', { captureOutcome: 'declined' });
      expect((configured.body as { captureOutcome: string }).captureOutcome).toBe('declined');
      expect((await control('PATCH', '/failures', { latencyMs: -1 })).status).toBe(400);
      expect((await control('GET', '/failures')).body).toMatchObject({
        captureOutcome: 'declined',
        latencyMs: 0,
      });
      expect((await control('PUT', '/webhook-target', { url: 'not a url', webhookId: 'x' })).status).toBe(
        400,
      );
      expect((await control('GET', '/webhooks')).body).toEqual([]);
    });
  });
});

describe('PayPal simulator: logging', () => {
  it('logs one JSON line per request with method, path, status and duration', async () => {
    expect(kitLoggerFits).toBe(true);
    const lines: string[] = [];
    const harness = await startHarness({
      logger: createJsonLineLogger((line) => lines.push(line), { service: 'sim' }),
    });
    try {
      await fetch(`${harness.simulator.url}/healthz`);
      await fetch(`${harness.simulator.url}/v2/checkout/orders/UNKNOWN0000000000?x=1`);
      const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toEqual([
        expect.objectContaining({
          level: 'info',
          service: 'sim',
          method: 'GET',
          path: '/healthz',
          status: 200,
          message: 'request',
        }),
        expect.objectContaining({
          method: 'GET',
          path: '/v2/checkout/orders/UNKNOWN0000000000',
          status: 401,
        }),
      ]);
      expect(typeof logged[0]?.ms).toBe('number');
      expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    } finally {
      await harness.simulator.stop();
    }
  });

  it('writes errors with their message rather than as empty objects', () => {
    const lines: string[] = [];
    createJsonLineLogger((line) => lines.push(line)).error({ err: new Error('boom') }, 'failed');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'error',
      err: { message: 'boom' },
      message: 'failed',
    });
  });
});
