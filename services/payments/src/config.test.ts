import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadPaymentsConfig, paypalTargetOf } from './config.js';

const base = {
  PAYMENTS_DATABASE_URL: 'postgres://payments@db:5432/payments',
  NATS_URL: 'nats://nats:4222',
  PUBLIC_URL: 'https://pay.example.org/',
  PAYPAL_CLIENT_ID: 'AYSq3RDGsmBLJE-otTkBtM-jBRd1TCQwFf9RGfwddNXWz0uFU9ztymylOhRS',
  PAYPAL_CLIENT_SECRET: 'EGnHDxD_qRPdaLdZz8iCr8N7_MzF-YHPTkjs6NKYQvQSBngp4PTTVWkPZRbL',
  PAYPAL_WEBHOOK_ID: '1JE4291016473214C',
};

describe('loadPaymentsConfig', () => {
  it('defaults to PayPal’s sandbox, without the simulator label, and info logs', () => {
    expect(loadPaymentsConfig(base)).toEqual({
      databaseUrl: base.PAYMENTS_DATABASE_URL,
      nats: {
        servers: ['nats://nats:4222'],
        subjectPrefix: '',
        streamName: 'MONEYPAL_EVENTS',
        deadLetterStreamName: 'MONEYPAL_DEAD_LETTERS',
        ackWaitMs: 30_000,
      },
      ops: { port: 9103, host: '127.0.0.1' },
      tracing: { otlpTracesUrl: undefined },
      logLevel: 'info',
      publicUrl: 'https://pay.example.org',
      payoutPollIntervalMs: 60_000,
      paypal: {
        baseUrl: 'https://api-m.sandbox.paypal.com',
        clientId: base.PAYPAL_CLIENT_ID,
        clientSecret: base.PAYPAL_CLIENT_SECRET,
        webhookId: base.PAYPAL_WEBHOOK_ID,
        sandbox: false,
        breaker: { errorPercent: 50, volume: 5, resetMs: 30_000, windowMs: 10_000 },
      },
    });
  });

  it('reads the payouts loop interval from PAYOUTS_POLL_INTERVAL_MS, and refuses one below 100 ms', () => {
    expect(loadPaymentsConfig({ ...base, PAYOUTS_POLL_INTERVAL_MS: '5000' }).payoutPollIntervalMs).toBe(5000);
    expect(() => loadPaymentsConfig({ ...base, PAYOUTS_POLL_INTERVAL_MS: '10' })).toThrow(
      /PAYOUTS_POLL_INTERVAL_MS/,
    );
  });

  it('reads the PayPal circuit breaker from PAYPAL_BREAKER_*', () => {
    const config = loadPaymentsConfig({
      ...base,
      PAYPAL_BREAKER_ERROR_PERCENT: '20',
      PAYPAL_BREAKER_VOLUME: '50',
      PAYPAL_BREAKER_RESET_MS: '1000',
      PAYPAL_BREAKER_WINDOW_MS: '60000',
    });
    expect(config.paypal.breaker).toEqual({ errorPercent: 20, volume: 50, resetMs: 1000, windowMs: 60_000 });
    expect(() => loadPaymentsConfig({ ...base, PAYPAL_BREAKER_VOLUME: '0' })).toThrow(
      /PAYPAL_BREAKER_VOLUME must be at least 1/,
    );
  });

  it('talks to PayPal live, or to the simulator labelled sandbox', () => {
    const live = loadPaymentsConfig({ ...base, PAYPAL_BASE_URL: 'https://api-m.paypal.com' });
    expect(paypalTargetOf(live.paypal)).toBe('live');
    expect(paypalTargetOf(loadPaymentsConfig(base).paypal)).toBe('sandbox');
    const simulator = loadPaymentsConfig({
      ...base,
      PAYPAL_BASE_URL: 'http://paypal-simulator:4010',
      PAYPAL_SIMULATOR: 'true',
    });
    expect(simulator.paypal).toMatchObject({ baseUrl: 'http://paypal-simulator:4010', sandbox: true });
    expect(paypalTargetOf(simulator.paypal)).toBe('simulator');
  });

  it('refuses to start without its URLs, credentials and webhook id', () => {
    expect(() => loadPaymentsConfig({})).toThrow(ConfigError);
    for (const name of Object.keys(base)) {
      const { [name as keyof typeof base]: _missing, ...rest } = base;
      expect(() => loadPaymentsConfig(rest)).toThrow(new RegExp(name));
    }
    expect(() => loadPaymentsConfig({ ...base, PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
    expect(() => loadPaymentsConfig({ ...base, PAYMENTS_DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
  });

  it('refuses a weak client secret', () => {
    expect(() => loadPaymentsConfig({ ...base, PAYPAL_CLIENT_SECRET: 'short' })).toThrow(/at least 32/);
    expect(() =>
      loadPaymentsConfig({ ...base, PAYPAL_CLIENT_SECRET: 'changeme-changeme-changeme-changeme' }),
    ).toThrow(/placeholder/);
  });

  it('refuses a base URL that is not PayPal unless it is declared the simulator, and the reverse', () => {
    expect(() => loadPaymentsConfig({ ...base, PAYPAL_BASE_URL: 'http://localhost:4010' })).toThrow(
      /PAYPAL_SIMULATOR=true/,
    );
    expect(() => loadPaymentsConfig({ ...base, PAYPAL_BASE_URL: 'http://api-m.paypal.com' })).toThrow(
      /PAYPAL_BASE_URL/,
    );
    expect(() =>
      loadPaymentsConfig({ ...base, PAYPAL_BASE_URL: 'https://api-m.paypal.com', PAYPAL_SIMULATOR: 'yes' }),
    ).toThrow(/PayPal itself/);
  });
});
