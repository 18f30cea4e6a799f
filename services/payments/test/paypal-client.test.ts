import { randomUUID } from 'node:crypto';
import { type RunningPayPalSimulator, startPayPalSimulator } from '@moneypal/paypal-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPayPalClient,
  type PayPalClientOptions,
  PayPalError,
  PayPalUnreachableError,
} from '../src/index.js';

let simulator: RunningPayPalSimulator;

beforeAll(async () => {
  simulator = await startPayPalSimulator();
});

afterAll(async () => {
  await simulator.stop();
});

/** A client of the simulator whose requests are recorded; `onRequest` runs before each is sent. */
function clientOf(options: Partial<PayPalClientOptions> = {}, onRequest?: (index: number) => void) {
  const statuses: (number | 'aborted')[] = [];
  const recordingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    onRequest?.(statuses.length);
    const index = statuses.push('aborted') - 1;
    const response = await fetch(input, init);
    statuses[index] = response.status;
    return response;
  }) as typeof fetch;
  const client = createPayPalClient({
    baseUrl: simulator.url,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
    retryBaseDelayMs: 1,
    fetch: recordingFetch,
    ...options,
  });
  return { client, statuses };
}

const newOrder = (currency = 'USD', amountMinor = 2500n) => {
  const id = randomUUID();
  return {
    amountMinor,
    currency,
    description: 'A test order',
    customId: id,
    invoiceId: id,
    returnUrl: 'https://moneypal.test/pay/return',
    cancelUrl: 'https://moneypal.test/pay/cancel',
  };
};

describe('the PayPal client against the simulator', () => {
  it('creates, reads and captures an order, amounts as PayPal decimals', async () => {
    const { client } = clientOf();
    const order = await client.createOrder(newOrder('JPY', 500n), randomUUID());
    expect(order.status).toBe('PAYER_ACTION_REQUIRED');
    simulator.approveOrder(order.id);
    await expect(client.getOrder(order.id)).resolves.toMatchObject({ id: order.id, status: 'APPROVED' });
    const captured = await client.captureOrder(order.id, randomUUID());
    const capture = captured.purchase_units![0]!.payments!.captures![0]!;
    expect(capture).toMatchObject({ status: 'COMPLETED', amount: { currency_code: 'JPY', value: '500' } });
    await expect(client.getCapture(capture.id)).resolves.toMatchObject({
      id: capture.id,
      supplementary_data: { related_ids: { order_id: order.id } },
    });
    await expect(client.refundCapture(capture.id, randomUUID())).resolves.toMatchObject({
      status: 'COMPLETED',
    });
  });

  it('retries a create whose answer timed out with the same request id, getting the same order back', async () => {
    const { client, statuses } = clientOf({ timeoutMs: 200, maxAttempts: 3 }, (index) => {
      // The token (request 0) is quick; the first create commits at PayPal, then answers too late.
      simulator.configure({ latencyMs: index === 1 ? 1_000 : 0 });
    });
    const order = await client.createOrder(newOrder(), randomUUID());
    expect(statuses).toEqual([200, 'aborted', 200]);
    expect(simulator.getOrder(order.id)).toBeDefined();
  });

  it('retries a capture whose answer timed out without capturing twice', async () => {
    const { client: setup } = clientOf();
    const order = await setup.createOrder(newOrder(), randomUUID());
    simulator.approveOrder(order.id);
    const { client, statuses } = clientOf({ timeoutMs: 200, maxAttempts: 3 }, (index) => {
      simulator.configure({ latencyMs: index === 1 ? 1_000 : 0 });
    });
    const captured = await client.captureOrder(order.id, `capture-${order.id}`);
    expect(statuses).toEqual([200, 'aborted', 200]);
    expect(captured.purchase_units![0]!.payments!.captures).toHaveLength(1);
    const atPayPal = simulator.getOrder(order.id) as {
      purchase_units: { payments: { captures: unknown[] } }[];
    };
    expect(atPayPal.purchase_units[0]!.payments.captures).toHaveLength(1);
  });

  it('gives up with PayPalUnreachableError when every attempt times out', async () => {
    const { client: setup } = clientOf();
    const order = await setup.createOrder(newOrder(), randomUUID());
    const { client, statuses } = clientOf({ timeoutMs: 100, maxAttempts: 2 }, (index) => {
      simulator.configure({ latencyMs: index === 0 ? 0 : 1_000 });
    });
    try {
      await expect(client.getOrder(order.id)).rejects.toBeInstanceOf(PayPalUnreachableError);
      expect(statuses).toEqual([200, 'aborted', 'aborted']);
    } finally {
      simulator.configure({ latencyMs: 0 });
    }
  });

  it('turns PayPal’s refusals into PayPalError with the issue and debug id', async () => {
    const { client } = clientOf();
    const order = await client.createOrder(newOrder(), randomUUID());
    const error = await client.captureOrder(order.id, randomUUID()).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PayPalError);
    expect(error).toMatchObject({
      status: 422,
      name: 'UNPROCESSABLE_ENTITY',
      issues: [{ issue: 'ORDER_NOT_APPROVED' }],
      debugId: expect.any(String),
    });
    const missing = await client.getCapture('NO-SUCH-CAPTURE').catch((failure: unknown) => failure);
    expect(missing).toMatchObject({ status: 404, name: 'RESOURCE_NOT_FOUND' });
  });

  it('reports wrong credentials as PayPal’s invalid_client', async () => {
    const { client } = clientOf({ clientSecret: 'not-the-secret' });
    await expect(client.getOrder('ANY')).rejects.toMatchObject({ status: 401, name: 'invalid_client' });
  });
});
