import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  booleanFlag,
  ConfigError,
  loadOrCreateLocalSecrets,
  otlpTracesUrlOf,
  parseConfig,
  randomSecret,
  secretString,
  serviceProcessEnvironment,
  serviceProcessSettingsOf,
} from './config.js';

const schema = z.object({ JWT_SECRET: secretString('JWT_SECRET') });

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('secretString', () => {
  it('accepts a random secret', () => {
    const secret = randomSecret();
    expect(parseConfig(schema, { JWT_SECRET: secret })).toEqual({ JWT_SECRET: secret });
  });

  it('refuses a missing secret with a message naming it', () => {
    expect(problemsOf({})).toEqual(['JWT_SECRET: JWT_SECRET is required (at least 32 random characters)']);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(problemsOf({ JWT_SECRET: 'aB3$kL9!qW2@zX7#' })).toEqual([
      'JWT_SECRET: JWT_SECRET must be at least 32 characters',
    ]);
    expect(problemsOf({ JWT_SECRET: '' })).toContain('JWT_SECRET: JWT_SECRET must be at least 32 characters');
  });

  it('refuses placeholders, even padded to length', () => {
    for (const placeholder of [
      'changeme-changeme-changeme-changeme',
      'CHANGE-ME-please-0123456789-abcdefgh',
      'my-super-secret-jwt-key-0123456789',
      'replace_me_with_a_real_value_0123456789',
      'moneypal-development-key-0123456789',
    ]) {
      expect(problemsOf({ JWT_SECRET: placeholder }), placeholder).toContain(
        'JWT_SECRET: JWT_SECRET is a placeholder: use random characters',
      );
    }
  });

  it('refuses secrets with too few distinct characters', () => {
    expect(problemsOf({ JWT_SECRET: 'a'.repeat(64) })).toEqual([
      'JWT_SECRET: JWT_SECRET looks too weak: use random characters',
    ]);
    expect(problemsOf({ JWT_SECRET: 'abc123'.repeat(8) })).toHaveLength(1);
  });
});

describe('parseConfig', () => {
  it('lists every problem of the environment at once', () => {
    const twoFields = z.object({ JWT_SECRET: secretString('JWT_SECRET'), DEBUG: booleanFlag(false) });

    const error = (() => {
      try {
        parseConfig(twoFields, { DEBUG: 'maybe' });
      } catch (caught) {
        return caught as ConfigError;
      }
    })();

    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(2);
    expect(error!.message).toContain('invalid configuration');
  });

  it('reads boolean flags', () => {
    const flags = z.object({ ON: booleanFlag(false), OFF: booleanFlag(true), DEFAULT: booleanFlag(true) });
    expect(parseConfig(flags, { ON: 'yes', OFF: '0' })).toEqual({ ON: true, OFF: false, DEFAULT: true });
  });
});

describe('loadOrCreateLocalSecrets', () => {
  const folders: string[] = [];

  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  function newDataDir(): string {
    const folder = mkdtempSync(join(tmpdir(), 'moneypal-secrets-'));
    folders.push(folder);
    return join(folder, 'data');
  }

  it('generates secrets once and returns the same values on later calls', () => {
    const dataDir = newDataDir();
    let generated = 0;
    const generate = {
      jwtSecret: () => {
        generated += 1;
        return randomSecret();
      },
    };

    const first = loadOrCreateLocalSecrets(dataDir, generate);
    const second = loadOrCreateLocalSecrets(dataDir, generate);

    expect(second).toEqual(first);
    expect(generated).toBe(1);
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'))).toEqual(first);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps existing secrets and adds only the new ones', () => {
    const dataDir = newDataDir();
    const first = loadOrCreateLocalSecrets(dataDir, { jwtSecret: randomSecret });

    const second = loadOrCreateLocalSecrets(dataDir, { jwtSecret: randomSecret, cookieSecret: randomSecret });

    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(second.cookieSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadOrCreateLocalSecrets(dataDir, { cookieSecret: randomSecret }).cookieSecret).toBe(
      second.cookieSecret,
    );
  });
});

describe('the environment every service process shares', () => {
  const schema = z.object(serviceProcessEnvironment(9102)).transform(serviceProcessSettingsOf);

  it('needs only NATS_URL, and gives production defaults for the rest', () => {
    expect(parseConfig(schema, { NATS_URL: 'nats://nats:4222' })).toEqual({
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
    });
  });

  it('reads every setting', () => {
    const settings = parseConfig(schema, {
      NATS_URL: 'nats://a:4222, nats://b:4222',
      NATS_SUBJECT_PREFIX: 'staging.',
      NATS_STREAM: 'STAGING_EVENTS',
      NATS_DEAD_LETTER_STREAM: 'STAGING_DEAD_LETTERS',
      NATS_ACK_WAIT_MS: '5000',
      OPS_PORT: '19102',
      OPS_HOST: '127.0.0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
      LOG_LEVEL: 'debug',
    });

    expect(settings).toEqual({
      nats: {
        servers: ['nats://a:4222', 'nats://b:4222'],
        subjectPrefix: 'staging.',
        streamName: 'STAGING_EVENTS',
        deadLetterStreamName: 'STAGING_DEAD_LETTERS',
        ackWaitMs: 5_000,
      },
      ops: { port: 19_102, host: '127.0.0.1' },
      tracing: { otlpTracesUrl: 'http://otel-collector:4318/v1/traces' },
      logLevel: 'debug',
    });
  });

  it('refuses bad values, each with a message naming it', () => {
    let problems: string[] = [];
    try {
      parseConfig(schema, {
        NATS_URL: ' , ',
        NATS_SUBJECT_PREFIX: 'a b',
        NATS_STREAM: 'EVENTS.ALL',
        NATS_ACK_WAIT_MS: '10',
        OPS_PORT: '70000',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }

    expect(problems).toEqual([
      expect.stringMatching(/^NATS_URL: NATS_URL is required/),
      expect.stringMatching(/^NATS_SUBJECT_PREFIX: NATS_SUBJECT_PREFIX must be/),
      expect.stringMatching(/^NATS_STREAM: NATS_STREAM must be/),
      expect.stringMatching(/^NATS_ACK_WAIT_MS: NATS_ACK_WAIT_MS must be at least 1000/),
      expect.stringMatching(/^OPS_PORT: OPS_PORT must be at most 65535/),
      expect.stringMatching(
        /^OTEL_EXPORTER_OTLP_ENDPOINT: OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
      ),
    ]);
  });

  it('treats an empty OpenTelemetry endpoint as unset, as a compose file leaves it', () => {
    expect(
      parseConfig(schema, { NATS_URL: 'nats://nats:4222', OTEL_EXPORTER_OTLP_ENDPOINT: '' }).tracing,
    ).toEqual({ otlpTracesUrl: undefined });
  });
});

describe('the OTLP traces URL', () => {
  it('is the signal’s own endpoint when set, else /v1/traces under the generic one, else none', () => {
    expect(otlpTracesUrlOf('http://collector:4318', 'http://tempo:4318/v1/traces')).toBe(
      'http://tempo:4318/v1/traces',
    );
    expect(otlpTracesUrlOf('http://collector:4318/', undefined)).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrlOf(undefined, undefined)).toBeUndefined();
  });
});
