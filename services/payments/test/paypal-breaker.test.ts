import { setTimeout as sleep } from 'node:timers/promises';
import { paymentsRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, type PaymentsHarness, startHarness, type TestUser } from './payments-harness.js';

let harness: PaymentsHarness;
let payer: TestUser;
const resetMs = 600;

beforeAll(async () => {
  harness = await startHarness({ breaker: { volume: 3, errorPercent: 50, resetMs, windowMs: 60_000 } });
  payer = await harness.createUser();
});

afterAll(async () => {
  await harness.close();
});

async function breakerSeries(): Promise<{ state: number | undefined; rejected: number | undefined }> {
  const seriesValue = async (name: string) =>
    (await harness.metrics.registry.getSingleMetric(name)?.get())?.values.find(
      (value) => value.labels.breaker === 'paypal',
    )?.value;
  return {
    state: await seriesValue('circuit_breaker_state'),
    rejected: await seriesValue('circuit_breaker_rejected_calls_total'),
  };
}

describe(`the PayPal circuit breaker on ${testDatabaseLabel}`, () => {
  it('opens while PayPal fails, answers 503 at once without calling PayPal, and closes after a half-open probe', async () => {
    await harness.createPayment(payer);
    expect(await breakerSeries()).toEqual({ state: 0, rejected: 0 });

    harness.simulator.configure({ outage: 'unavailable' });
    const codes: string[] = [];
    for (let attempt = 0; attempt < 5 && codes.at(-1) !== 'unavailable'; attempt++) {
      codes.push((await failureOf(harness.createPayment(payer))).code);
    }
    // PayPal's 503s are a bad gateway until the breaker has seen enough of them.
    expect(codes[0]).toBe('bad_gateway');
    expect(codes.at(-1)).toBe('unavailable');
    expect((await breakerSeries()).state).toBe(2);

    harness.simulator.resetRequestCounts();
    const started = performance.now();
    const refused = await failureOf(harness.createPayment(payer));
    expect(refused.code).toBe('unavailable');
    expect(performance.now() - started).toBeLessThan(resetMs);
    expect(harness.simulator.requestCounts()).toEqual({});
    expect((await breakerSeries()).rejected).toBeGreaterThanOrEqual(2);

    // Still down at the probe: open again.
    await sleep(resetMs + 100);
    expect((await breakerSeries()).state).toBe(1);
    await failureOf(harness.createPayment(payer));
    expect((await breakerSeries()).state).toBe(2);

    harness.simulator.configure({ outage: 'none' });
    await sleep(resetMs + 100);
    expect((await breakerSeries()).state).toBe(1);
    const recovered = await harness.createPayment(payer);
    expect(recovered.result.status).toBe('created');
    expect(recovered.result.paypal_order_id).not.toBeNull();
    expect((await breakerSeries()).state).toBe(0);
  });

  it('opens on connections reset as on 5xx, and a webhook meanwhile answers 503 without fetching a certificate', async () => {
    harness.simulator.configure({ outage: 'reset' });
    for (let attempt = 0; attempt < 5 && (await breakerSeries()).state !== 2; attempt++) {
      expect((await failureOf(harness.createPayment(payer))).code).toBe('bad_gateway');
    }
    expect((await breakerSeries()).state).toBe(2);
    harness.simulator.resetRequestCounts();
    const certPath = '/v1/notifications/certs/CERT-NOT-CACHED';
    const webhook = await failureOf(
      call(harness.client, paymentsRequests.webhook, {
        headers: {
          'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
          'paypal-transmission-time': new Date().toISOString(),
          'paypal-transmission-sig': 'c2lnbmF0dXJl',
          'paypal-cert-url': `${harness.simulator.url}${certPath}`,
          'paypal-auth-algo': 'SHA256withRSA',
        },
        body: '{}',
      }),
    );
    expect(webhook.code).toBe('unavailable');
    expect(harness.simulator.requestCounts()).toEqual({});

    harness.simulator.configure({ outage: 'none' });
    await sleep(resetMs + 100);
    expect((await harness.createPayment(payer)).result.status).toBe('created');
    expect((await breakerSeries()).state).toBe(0);
  });
});
