import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type Breaker,
  CircuitOpenError,
  circuitBreaker,
  circuitBreakerEnvironment,
  circuitBreakerOptionsOf,
} from './circuit-breaker.js';
import { ConfigError, parseConfig } from './config.js';
import { ServiceMetrics } from './observability/metrics.js';

class Declined extends Error {}

/** An outside system that is down or up, and answers `Declined` to a business refusal. */
function outsideSystem() {
  const system = { up: true, calls: 0 };
  const call = async (declined = false): Promise<string> => {
    system.calls += 1;
    if (!system.up) throw new TypeError('fetch failed');
    if (declined) throw new Declined('declined');
    return 'ok';
  };
  return { system, call };
}

async function seriesOf(metrics: ServiceMetrics, name: string): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric(name)!.get();
  return Object.fromEntries(metric.values.map((value) => [String(value.labels.breaker), value.value]));
}

const breakers: Breaker<never[], unknown>[] = [];
afterEach(() => {
  for (const breaker of breakers.splice(0)) breaker.shutdown();
});

describe('circuitBreaker', () => {
  it('opens on outages, refuses fast without calling, and a half-open probe closes it after recovery', async () => {
    const metrics = new ServiceMetrics('test');
    const { system, call } = outsideSystem();
    const breaker = circuitBreaker(
      'upstream',
      call,
      {
        volume: 3,
        errorPercent: 50,
        resetMs: 200,
        windowMs: 10_000,
        isOutage: (e) => !(e instanceof Declined),
      },
      metrics,
    );
    breakers.push(breaker as Breaker<never[], unknown>);
    expect(await seriesOf(metrics, 'circuit_breaker_state')).toEqual({ upstream: 0 });

    system.up = false;
    for (let index = 0; index < 3; index++) await expect(breaker.fire()).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');
    expect(await seriesOf(metrics, 'circuit_breaker_state')).toEqual({ upstream: 2 });

    const callsWhenOpened = system.calls;
    const refusal = await breaker.fire().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CircuitOpenError);
    expect(refusal).toMatchObject({ breaker: 'upstream' });
    expect(system.calls).toBe(callsWhenOpened);
    expect(await seriesOf(metrics, 'circuit_breaker_rejected_calls_total')).toEqual({ upstream: 1 });

    // Still down when the probe goes through: open again.
    await sleep(250);
    expect(breaker.state).toBe('half-open');
    expect(await seriesOf(metrics, 'circuit_breaker_state')).toEqual({ upstream: 1 });
    await expect(breaker.fire()).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');

    system.up = true;
    await sleep(250);
    await expect(breaker.fire()).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(await seriesOf(metrics, 'circuit_breaker_state')).toEqual({ upstream: 0 });
  });

  it('tells each change of state once, however many calls it refuses', async () => {
    const { system, call } = outsideSystem();
    const states: string[] = [];
    const breaker = circuitBreaker('upstream', call, {
      volume: 2,
      errorPercent: 50,
      resetMs: 100,
      onStateChange: (state) => states.push(state),
    });
    breakers.push(breaker as Breaker<never[], unknown>);
    system.up = false;
    for (let index = 0; index < 2; index++) await expect(breaker.fire()).rejects.toThrow('fetch failed');
    for (let index = 0; index < 3; index++) await expect(breaker.fire()).rejects.toThrow(CircuitOpenError);
    expect(states).toEqual(['open']);
    system.up = true;
    await sleep(150);
    await expect(breaker.fire()).resolves.toBe('ok');
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('never opens on business refusals, which still reach the caller', async () => {
    const { system, call } = outsideSystem();
    const breaker = circuitBreaker('upstream', call, {
      volume: 2,
      errorPercent: 10,
      isOutage: (error) => !(error instanceof Declined),
    });
    breakers.push(breaker as Breaker<never[], unknown>);
    for (let index = 0; index < 10; index++)
      await expect(breaker.fire(true)).rejects.toBeInstanceOf(Declined);
    expect(breaker.state).toBe('closed');
    expect(system.calls).toBe(10);
  });

  it('stays closed below the volume, whatever the share of failures', async () => {
    const { system, call } = outsideSystem();
    system.up = false;
    const breaker = circuitBreaker('upstream', call, { volume: 5 });
    breakers.push(breaker as Breaker<never[], unknown>);
    for (let index = 0; index < 4; index++) await expect(breaker.fire()).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('closed');
    await expect(breaker.fire()).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');
  });

  it('shares one series between the breakers of a service, labelled by name', async () => {
    const metrics = new ServiceMetrics('test');
    const first = circuitBreaker('smtp', async () => 1, {}, metrics);
    const second = circuitBreaker('sms', async () => 2, {}, metrics);
    breakers.push(first as Breaker<never[], unknown>, second as Breaker<never[], unknown>);
    expect(await seriesOf(metrics, 'circuit_breaker_state')).toEqual({ smtp: 0, sms: 0 });
    expect(await seriesOf(metrics, 'circuit_breaker_rejected_calls_total')).toEqual({ smtp: 0, sms: 0 });
  });
});

describe('circuitBreakerEnvironment', () => {
  const schema = z.object(circuitBreakerEnvironment('PAYPAL'));

  it('reads <PREFIX>_BREAKER_* with defaults', () => {
    expect(circuitBreakerOptionsOf(parseConfig(schema, {}), 'PAYPAL')).toEqual({
      errorPercent: 50,
      volume: 5,
      resetMs: 30_000,
      windowMs: 10_000,
    });
    const env = parseConfig(schema, {
      PAYPAL_BREAKER_ERROR_PERCENT: '25',
      PAYPAL_BREAKER_VOLUME: '20',
      PAYPAL_BREAKER_RESET_MS: '5000',
      PAYPAL_BREAKER_WINDOW_MS: '60000',
    });
    expect(circuitBreakerOptionsOf(env, 'PAYPAL')).toEqual({
      errorPercent: 25,
      volume: 20,
      resetMs: 5000,
      windowMs: 60_000,
    });
  });

  it('refuses a value out of range, naming the variable', () => {
    expect(() => parseConfig(schema, { PAYPAL_BREAKER_ERROR_PERCENT: '150' })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { PAYPAL_BREAKER_RESET_MS: 'soon' })).toThrow(
      /PAYPAL_BREAKER_RESET_MS must be a whole number/,
    );
  });
});
