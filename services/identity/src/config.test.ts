import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@moneypal/kit';
import { describe, expect, it } from 'vitest';
import { loadIdentityConfig } from './config.js';

const ed25519Pem = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

const validEnvironment = {
  IDENTITY_DATABASE_URL: 'postgres://identity@db:5432/identity',
  NATS_URL: 'nats://nats:4222',
  JWT_PRIVATE_KEY: ed25519Pem,
  OTP_SECRET: 'kP3v9QzR7tW2xY5aB8cD1eF4gH6jK0mN',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadIdentityConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('identity configuration', () => {
  it('reads a complete environment with defaults for the token lifetimes', () => {
    expect(loadIdentityConfig(validEnvironment)).toEqual({
      databaseUrl: 'postgres://identity@db:5432/identity',
      nats: {
        servers: ['nats://nats:4222'],
        subjectPrefix: '',
        streamName: 'MONEYPAL_EVENTS',
        deadLetterStreamName: 'MONEYPAL_DEAD_LETTERS',
        ackWaitMs: 30_000,
      },
      ops: { port: 9101, host: '127.0.0.1' },
      tracing: { otlpTracesUrl: undefined },
      logLevel: 'info',
      jwtPrivateKey: ed25519Pem.trim(),
      otpSecret: validEnvironment.OTP_SECRET,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      admin: null,
    });
  });

  it('reads the bootstrap admin, with the user_name admin by default', () => {
    const config = loadIdentityConfig({
      ...validEnvironment,
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'a long admin password',
    });
    expect(config.admin).toEqual({
      email: 'root@example.com',
      password: 'a long admin password',
      userName: 'admin',
    });
  });

  it('accepts a PEM written on one line with literal \\n', () => {
    const config = loadIdentityConfig({
      ...validEnvironment,
      JWT_PRIVATE_KEY: ed25519Pem.trim().replaceAll('\n', '\\n'),
    });
    expect(config.jwtPrivateKey).toBe(ed25519Pem.trim());
  });

  it('refuses a missing private key with a clear message', () => {
    expect(problemsOf({ ...validEnvironment, JWT_PRIVATE_KEY: undefined })).toEqual([
      'JWT_PRIVATE_KEY: JWT_PRIVATE_KEY is required (an Ed25519 private key, PKCS#8 PEM)',
    ]);
  });

  it('refuses an RSA private key', () => {
    const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(problemsOf({ ...validEnvironment, JWT_PRIVATE_KEY: rsaPem })).toEqual([
      expect.stringContaining('JWT_PRIVATE_KEY must be an Ed25519 key, not rsa'),
    ]);
  });

  it('refuses a public key or garbage in place of the private key', () => {
    const publicPem = generateKeyPairSync('ed25519')
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(problemsOf({ ...validEnvironment, JWT_PRIVATE_KEY: publicPem })[0]).toContain(
      'PKCS#8 PEM private key',
    );
    expect(
      problemsOf({
        ...validEnvironment,
        JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----',
      })[0],
    ).toContain('not a readable PEM private key');
  });

  it('refuses a missing or weak OTP secret', () => {
    expect(problemsOf({ ...validEnvironment, OTP_SECRET: undefined })[0]).toContain('OTP_SECRET is required');
    expect(problemsOf({ ...validEnvironment, OTP_SECRET: 'a'.repeat(40) })[0]).toContain('too weak');
  });

  it('refuses an admin email without a password, and the reverse', () => {
    expect(problemsOf({ ...validEnvironment, ADMIN_EMAIL: 'root@example.com' })).toEqual([
      'ADMIN_EMAIL: ADMIN_EMAIL and ADMIN_PASSWORD must be set together, or neither',
    ]);
    expect(problemsOf({ ...validEnvironment, ADMIN_PASSWORD: 'a long admin password' })).toHaveLength(1);
  });

  it('refuses a missing database URL and bus URL, listing both', () => {
    expect(
      problemsOf({ ...validEnvironment, IDENTITY_DATABASE_URL: undefined, NATS_URL: undefined }),
    ).toHaveLength(2);
  });

  it('refuses a token lifetime that is not a positive whole number', () => {
    expect(problemsOf({ ...validEnvironment, ACCESS_TOKEN_TTL_SECONDS: '0' })).toHaveLength(1);
    expect(problemsOf({ ...validEnvironment, REFRESH_TOKEN_TTL_SECONDS: '1.5' })).toHaveLength(1);
  });
});
