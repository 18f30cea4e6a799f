import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../src/config.js';

describe('gateway configuration', () => {
  it('takes its defaults from an empty environment', () => {
    expect(loadGatewayConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      nats: undefined,
      tracing: { otlpTracesUrl: undefined },
      bodyLimitBytes: 65_536,
      rateLimitPerMinute: 600,
      rateLimitUserPerMinute: 300,
      rateLimitAuthPerMinute: 20,
      rateLimitRedisUrl: undefined,
      rateLimitRedisPrefix: 'moneypal:rate-limit:',
      corsOrigins: [],
      trustProxy: false,
      logLevel: 'info',
      webRoot: undefined,
      busRequestTimeoutMs: 5_000,
      busBulkRequestTimeoutMs: 60_000,
      readyTimeoutMs: 1_000,
      jwksRefetchIntervalMs: 5_000,
      sessionRevocationPollMs: 1_000,
    });
  });

  it('reads every variable it knows', () => {
    const config = loadGatewayConfig({
      PORT: '3000',
      HOST: '127.0.0.1',
      NATS_URL: 'nats://a:4222, nats://b:4222',
      NATS_SUBJECT_PREFIX: 'staging',
      NATS_STREAM: 'STAGING_EVENTS',
      NATS_DEAD_LETTER_STREAM: 'STAGING_DEAD_LETTERS',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces',
      BODY_LIMIT_BYTES: '1048576',
      RATE_LIMIT_PER_MINUTE: '100',
      RATE_LIMIT_USER_PER_MINUTE: '50',
      RATE_LIMIT_AUTH_PER_MINUTE: '5',
      RATE_LIMIT_REDIS_URL: 'redis://redis:6379/0',
      RATE_LIMIT_REDIS_PREFIX: 'staging:',
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_ROOT: '/srv/web',
      BUS_BULK_REQUEST_TIMEOUT_MS: '120000',
    });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      nats: {
        servers: ['nats://a:4222', 'nats://b:4222'],
        subjectPrefix: 'staging',
        streamName: 'STAGING_EVENTS',
        deadLetterStreamName: 'STAGING_DEAD_LETTERS',
        ackWaitMs: 30_000,
      },
      tracing: { otlpTracesUrl: 'http://tempo:4318/v1/traces' },
      bodyLimitBytes: 1_048_576,
      rateLimitPerMinute: 100,
      rateLimitUserPerMinute: 50,
      rateLimitAuthPerMinute: 5,
      rateLimitRedisUrl: 'redis://redis:6379/0',
      rateLimitRedisPrefix: 'staging:',
      corsOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      trustProxy: ['10.0.0.0/8', '127.0.0.1'],
      logLevel: 'warn',
      webRoot: '/srv/web',
      busBulkRequestTimeoutMs: 120_000,
    });
  });

  it('reads TRUST_PROXY as a flag or a hop count', () => {
    expect(loadGatewayConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadGatewayConfig({ TRUST_PROXY: 'no' }).trustProxy).toBe(false);
    expect(loadGatewayConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('refuses a CORS origin with a path and a rate-limit store that is not Redis', () => {
    expect(() => loadGatewayConfig({ CORS_ORIGINS: 'https://shop.example.com/app' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadGatewayConfig({ RATE_LIMIT_REDIS_URL: 'http://redis:6379' })).toThrow(
      /RATE_LIMIT_REDIS_URL/,
    );
  });

  it('refuses a bad environment and names every problem', () => {
    const attempt = () => loadGatewayConfig({ PORT: 'eighty', BODY_LIMIT_BYTES: '-1', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });
});
