import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadNotificationsConfig } from './config.js';

const base = {
  NOTIFICATIONS_DATABASE_URL: 'postgres://notifications@db:5432/notifications',
  NATS_URL: 'nats://nats:4222',
};
const smtp = { ...base, SMTP_HOST: 'smtp.example.com', EMAIL_FROM: 'MoneyPal <no-reply@example.com>' };

describe('loadNotificationsConfig', () => {
  it('sends over SMTP on port 587 with STARTTLS, six attempts and the default backoff', () => {
    expect(loadNotificationsConfig(smtp)).toEqual({
      databaseUrl: base.NOTIFICATIONS_DATABASE_URL,
      nats: {
        servers: ['nats://nats:4222'],
        subjectPrefix: '',
        streamName: 'MONEYPAL_EVENTS',
        deadLetterStreamName: 'MONEYPAL_DEAD_LETTERS',
        ackWaitMs: 30_000,
      },
      ops: { port: 9105, host: '127.0.0.1' },
      tracing: { otlpTracesUrl: undefined },
      logLevel: 'info',
      email: {
        mode: 'smtp',
        host: 'smtp.example.com',
        port: 587,
        secure: false,
        from: 'MoneyPal <no-reply@example.com>',
      },
      maxAttempts: 6,
      retryBackoffMs: [1_000, 5_000, 30_000, 120_000, 600_000],
      breakers: {
        smtp: { errorPercent: 50, volume: 5, resetMs: 30_000, windowMs: 10_000 },
        sms: { errorPercent: 50, volume: 5, resetMs: 30_000, windowMs: 10_000 },
      },
    });
  });

  it('reads the SMTP and SMS circuit breakers from SMTP_BREAKER_* and SMS_BREAKER_*', () => {
    const config = loadNotificationsConfig({
      ...smtp,
      SMTP_BREAKER_ERROR_PERCENT: '20',
      SMTP_BREAKER_VOLUME: '50',
      SMTP_BREAKER_RESET_MS: '1000',
      SMTP_BREAKER_WINDOW_MS: '60000',
      SMS_BREAKER_RESET_MS: '5000',
    });
    expect(config.breakers).toEqual({
      smtp: { errorPercent: 20, volume: 50, resetMs: 1_000, windowMs: 60_000 },
      sms: { errorPercent: 50, volume: 5, resetMs: 5_000, windowMs: 10_000 },
    });
    expect(() => loadNotificationsConfig({ ...smtp, SMS_BREAKER_VOLUME: '0' })).toThrow(
      /SMS_BREAKER_VOLUME must be at least 1/,
    );
    expect(() => loadNotificationsConfig({ ...smtp, SMTP_BREAKER_ERROR_PERCENT: '101' })).toThrow(
      /SMTP_BREAKER_ERROR_PERCENT must be at most 100/,
    );
  });

  it('uses implicit TLS on port 465 unless told otherwise, and reads credentials, attempts and backoff', () => {
    const config = loadNotificationsConfig({
      ...smtp,
      SMTP_PORT: '465',
      SMTP_USER: 'mailer',
      SMTP_PASSWORD: 'hunter2-but-longer',
      NOTIFICATIONS_MAX_ATTEMPTS: '3',
      NOTIFICATIONS_RETRY_BACKOFF_MS: '100,200',
    });
    expect(config).toMatchObject({
      email: { port: 465, secure: true, user: 'mailer', password: 'hunter2-but-longer' },
      maxAttempts: 3,
      retryBackoffMs: [100, 200],
    });
    expect(loadNotificationsConfig({ ...smtp, SMTP_PORT: '465', SMTP_SECURE: 'false' }).email).toMatchObject({
      secure: false,
    });
  });

  it('captures email only when EMAIL_MODE=capture is set explicitly', () => {
    expect(loadNotificationsConfig({ ...base, EMAIL_MODE: 'capture' }).email).toEqual({
      mode: 'capture',
      from: 'MoneyPal <no-reply@moneypal.local>',
    });
    expect(() => loadNotificationsConfig(base)).toThrow(/SMTP_HOST is required.*EMAIL_MODE=capture/);
  });

  it('refuses a bad environment with every problem listed', () => {
    expect(() => loadNotificationsConfig({})).toThrow(ConfigError);
    expect(() => loadNotificationsConfig({ ...smtp, NOTIFICATIONS_DATABASE_URL: 'mysql://x' })).toThrow(
      /postgres/,
    );
    expect(() => loadNotificationsConfig({ ...base, SMTP_HOST: 'smtp.example.com' })).toThrow(/EMAIL_FROM/);
    expect(() => loadNotificationsConfig({ ...smtp, EMAIL_FROM: 'nobody' })).toThrow(/EMAIL_FROM/);
    expect(() => loadNotificationsConfig({ ...smtp, SMTP_USER: 'mailer' })).toThrow(/set together/);
    expect(() => loadNotificationsConfig({ ...smtp, SMTP_PORT: '70000' })).toThrow(/SMTP_PORT/);
    expect(() => loadNotificationsConfig({ ...smtp, SMTP_SECURE: 'maybe' })).toThrow(/SMTP_SECURE/);
    expect(() => loadNotificationsConfig({ ...smtp, NOTIFICATIONS_MAX_ATTEMPTS: '0' })).toThrow(/at least 1/);
    expect(() => loadNotificationsConfig({ ...smtp, NOTIFICATIONS_RETRY_BACKOFF_MS: '1s,5s' })).toThrow(
      /comma-separated/,
    );
    expect(() => loadNotificationsConfig({ ...base, EMAIL_MODE: 'pigeon' })).toThrow(/EMAIL_MODE/);
  });
});
