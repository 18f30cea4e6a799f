import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadBillingConfig } from './config.js';

const base = { BILLING_DATABASE_URL: 'postgres://billing@db:5432/billing', NATS_URL: 'nats://nats:4222' };

describe('loadBillingConfig', () => {
  it('reads the database and the bus, with reports of up to 366 days and info logs', () => {
    expect(loadBillingConfig(base)).toEqual({
      databaseUrl: base.BILLING_DATABASE_URL,
      nats: {
        servers: ['nats://nats:4222'],
        subjectPrefix: '',
        streamName: 'MONEYPAL_EVENTS',
        deadLetterStreamName: 'MONEYPAL_DEAD_LETTERS',
        ackWaitMs: 30_000,
      },
      ops: { port: 9104, host: '127.0.0.1' },
      tracing: { otlpTracesUrl: undefined },
      logLevel: 'info',
      maxReportDays: 366,
    });
    expect(loadBillingConfig({ ...base, LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
  });

  it('refuses to start without a database or bus, or with a database that is not PostgreSQL', () => {
    expect(() => loadBillingConfig({})).toThrow(ConfigError);
    expect(() => loadBillingConfig({ NATS_URL: base.NATS_URL })).toThrow(/BILLING_DATABASE_URL is required/);
    expect(() => loadBillingConfig({ ...base, BILLING_DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadBillingConfig({ BILLING_DATABASE_URL: base.BILLING_DATABASE_URL })).toThrow(/NATS_URL/);
    expect(() => loadBillingConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });
});
