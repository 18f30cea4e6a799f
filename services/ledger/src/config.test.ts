import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadLedgerConfig } from './config.js';

const base = { LEDGER_DATABASE_URL: 'postgres://ledger@db:5432/ledger', NATS_URL: 'nats://nats:4222' };

describe('loadLedgerConfig', () => {
  it('defaults to USD, 48 hours of idempotency retention, a hold expiry sweep every 5 s and info logs', () => {
    expect(loadLedgerConfig(base)).toEqual({
      databaseUrl: base.LEDGER_DATABASE_URL,
      nats: {
        servers: ['nats://nats:4222'],
        subjectPrefix: '',
        streamName: 'MONEYPAL_EVENTS',
        deadLetterStreamName: 'MONEYPAL_DEAD_LETTERS',
        ackWaitMs: 30_000,
      },
      ops: { port: 9102, host: '127.0.0.1' },
      tracing: { otlpTracesUrl: undefined },
      logLevel: 'info',
      defaultCurrency: 'USD',
      idempotencyRetentionHours: 48,
      holdExpiryIntervalMs: 5_000,
    });
  });

  it('reads the default currency and the retention', () => {
    const config = loadLedgerConfig({ ...base, DEFAULT_CURRENCY: 'EUR', IDEMPOTENCY_RETENTION_HOURS: '72' });
    expect(config).toMatchObject({ defaultCurrency: 'EUR', idempotencyRetentionHours: 72 });
  });

  it('reads the hold expiry interval, and refuses one that is not a sane number of milliseconds', () => {
    expect(loadLedgerConfig({ ...base, HOLD_EXPIRY_INTERVAL_MS: '250' })).toMatchObject({
      holdExpiryIntervalMs: 250,
    });
    expect(() => loadLedgerConfig({ ...base, HOLD_EXPIRY_INTERVAL_MS: 'soon' })).toThrow(
      /HOLD_EXPIRY_INTERVAL_MS/,
    );
    expect(() => loadLedgerConfig({ ...base, HOLD_EXPIRY_INTERVAL_MS: '10' })).toThrow(/at least 100/);
    expect(() => loadLedgerConfig({ ...base, HOLD_EXPIRY_INTERVAL_MS: '1.5' })).toThrow(/whole number/);
  });

  it('refuses to start without a database or bus, with an unknown currency, or under 24 h of retention', () => {
    expect(() => loadLedgerConfig({})).toThrow(ConfigError);
    expect(() => loadLedgerConfig({ ...base, LEDGER_DATABASE_URL: 'mysql://x' })).toThrow(/postgres/);
    expect(() => loadLedgerConfig({ ...base, DEFAULT_CURRENCY: 'XYZ' })).toThrow(/DEFAULT_CURRENCY/);
    expect(() => loadLedgerConfig({ ...base, IDEMPOTENCY_RETENTION_HOURS: '12' })).toThrow(/at least 24/);
  });
});
