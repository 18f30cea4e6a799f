import { createPrivateKey } from 'node:crypto';
import { registerBody } from '@moneypal/contracts';
import {
  defaultOpsPorts,
  parseConfig,
  type ServiceProcessSettings,
  secretString,
  serviceProcessEnvironment,
  serviceProcessSettingsOf,
} from '@moneypal/kit';
import { z } from 'zod';

/** The bootstrap admin created (or brought up to date) at every start. */
export interface AdminCredentials {
  email: string;
  password: string;
  userName: string;
}

/**
 * What the identity service needs, whichever runtime starts it. The distributed runtime
 * reads it from the environment (`loadIdentityConfig`); the local runtime builds it with
 * secrets it generated (an Ed25519 key from `generateKeyPairSync('ed25519')`, exported as
 * PKCS#8 PEM).
 */
export interface IdentityConfig {
  /** PKCS#8 PEM of an Ed25519 private key; access tokens are signed with it (EdDSA). */
  jwtPrivateKey: string;
  /** Keys the HMAC of stored one-time codes. */
  otpSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  admin: AdminCredentials | null;
}

/**
 * The distributed process's configuration: the service's own, its database, and what
 * every service process shares (bus, operations port, tracing, log level).
 */
export interface IdentityProcessConfig extends IdentityConfig, ServiceProcessSettings {
  databaseUrl: string;
}

const thirtyDaysSeconds = 30 * 24 * 60 * 60;

/** True when the PEM is a PKCS#8 private key of type Ed25519; the reason otherwise. */
export function checkEd25519PrivateKey(pem: string): true | string {
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    return 'must be a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----")';
  }
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519'
      ? true
      : `must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'an unknown type'} (generate one with: openssl genpkey -algorithm ed25519)`;
  } catch {
    return 'is not a readable PEM private key';
  }
}

const seconds = (name: string, defaultValue: number) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds` })
    .int(`${name} must be a whole number of seconds`)
    .positive(`${name} must be positive`)
    .default(defaultValue);

/** The environment of the distributed identity process. */
export const identityEnvironmentSchema = z
  .object({
    IDENTITY_DATABASE_URL: z
      .string({ error: 'IDENTITY_DATABASE_URL is required (postgres://…)' })
      .regex(/^postgres(ql)?:\/\//, 'IDENTITY_DATABASE_URL must be a postgres:// URL'),
    ...serviceProcessEnvironment(defaultOpsPorts.identity),
    JWT_PRIVATE_KEY: z
      .string({ error: 'JWT_PRIVATE_KEY is required (an Ed25519 private key, PKCS#8 PEM)' })
      // Environments often carry a PEM on one line with literal "\n".
      .transform((value) => value.replaceAll('\\n', '\n').trim())
      .superRefine((value, context) => {
        const verdict = checkEd25519PrivateKey(value);
        if (verdict !== true) context.addIssue({ code: 'custom', message: `JWT_PRIVATE_KEY ${verdict}` });
      }),
    OTP_SECRET: secretString('OTP_SECRET'),
    ACCESS_TOKEN_TTL_SECONDS: seconds('ACCESS_TOKEN_TTL_SECONDS', 900),
    REFRESH_TOKEN_TTL_SECONDS: seconds('REFRESH_TOKEN_TTL_SECONDS', thirtyDaysSeconds),
    ADMIN_EMAIL: registerBody.shape.email.optional(),
    ADMIN_PASSWORD: registerBody.shape.password.optional(),
    ADMIN_USER_NAME: registerBody.shape.user_name.default('admin'),
  })
  .refine((env) => (env.ADMIN_EMAIL === undefined) === (env.ADMIN_PASSWORD === undefined), {
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together, or neither',
    path: ['ADMIN_EMAIL'],
  })
  .transform(
    (env): IdentityProcessConfig => ({
      ...serviceProcessSettingsOf(env),
      databaseUrl: env.IDENTITY_DATABASE_URL,
      jwtPrivateKey: env.JWT_PRIVATE_KEY,
      otpSecret: env.OTP_SECRET,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      admin:
        env.ADMIN_EMAIL !== undefined && env.ADMIN_PASSWORD !== undefined
          ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, userName: env.ADMIN_USER_NAME }
          : null,
    }),
  );

/** Reads the environment once; throws a `ConfigError` listing every problem. */
export function loadIdentityConfig(env: Record<string, string | undefined>): IdentityProcessConfig {
  return parseConfig(identityEnvironmentSchema, env);
}
