import { currencyCode } from '@moneypal/contracts';
import {
  defaultOpsPorts,
  isSupportedCurrency,
  parseConfig,
  type ServiceProcessSettings,
  serviceProcessEnvironment,
  serviceProcessSettingsOf,
} from '@moneypal/kit';
import { z } from 'zod';

/**
 * What the ledger needs, whichever runtime starts it. The distributed runtime reads it
 * from the environment (`loadLedgerConfig`); the local runtime builds it.
 */
export interface LedgerConfig {
  /** The currency of the wallet every new user gets (ISO 4217). */
  defaultCurrency: string;
  /** How long a stored idempotent answer is kept; at least 24 h (SPEC §4). */
  idempotencyRetentionHours: number;
  /** How often the ledger looks for holds whose expiry has come, and settles them. */
  holdExpiryIntervalMs: number;
}

/**
 * The distributed process's configuration: the service's own, its database, and what
 * every service process shares (bus, operations port, tracing, log level).
 */
export interface LedgerProcessConfig extends LedgerConfig, ServiceProcessSettings {
  databaseUrl: string;
}

export const defaultLedgerConfig: LedgerConfig = {
  defaultCurrency: 'USD',
  idempotencyRetentionHours: 48,
  holdExpiryIntervalMs: 5_000,
};

/** The environment of the distributed ledger process. */
export const ledgerEnvironmentSchema = z
  .object({
    LEDGER_DATABASE_URL: z
      .string({ error: 'LEDGER_DATABASE_URL is required (postgres://…)' })
      .regex(/^postgres(ql)?:\/\//, 'LEDGER_DATABASE_URL must be a postgres:// URL'),
    ...serviceProcessEnvironment(defaultOpsPorts.ledger),
    DEFAULT_CURRENCY: currencyCode
      .refine(isSupportedCurrency, 'DEFAULT_CURRENCY must be a currency MoneyPal supports')
      .default(defaultLedgerConfig.defaultCurrency),
    IDEMPOTENCY_RETENTION_HOURS: z.coerce
      .number({ error: 'IDEMPOTENCY_RETENTION_HOURS must be a number of hours' })
      .int('IDEMPOTENCY_RETENTION_HOURS must be a whole number of hours')
      .min(24, 'IDEMPOTENCY_RETENTION_HOURS must be at least 24 (stored answers are kept at least 24 h)')
      .default(defaultLedgerConfig.idempotencyRetentionHours),
    HOLD_EXPIRY_INTERVAL_MS: z.coerce
      .number({ error: 'HOLD_EXPIRY_INTERVAL_MS must be a number of milliseconds' })
      .int('HOLD_EXPIRY_INTERVAL_MS must be a whole number of milliseconds')
      .min(100, 'HOLD_EXPIRY_INTERVAL_MS must be at least 100')
      .max(3_600_000, 'HOLD_EXPIRY_INTERVAL_MS must be at most 3600000 (an hour)')
      .default(defaultLedgerConfig.holdExpiryIntervalMs),
  })
  .transform(
    (env): LedgerProcessConfig => ({
      ...serviceProcessSettingsOf(env),
      databaseUrl: env.LEDGER_DATABASE_URL,
      defaultCurrency: env.DEFAULT_CURRENCY,
      idempotencyRetentionHours: env.IDEMPOTENCY_RETENTION_HOURS,
      holdExpiryIntervalMs: env.HOLD_EXPIRY_INTERVAL_MS,
    }),
  );

/** Reads the environment once; throws a `ConfigError` listing every problem. */
export function loadLedgerConfig(env: Record<string, string | undefined>): LedgerProcessConfig {
  return parseConfig(ledgerEnvironmentSchema, env);
}
