import {
  defaultOpsPorts,
  parseConfig,
  type ServiceProcessSettings,
  serviceProcessEnvironment,
  serviceProcessSettingsOf,
} from '@moneypal/kit';
import { z } from 'zod';

/**
 * What billing needs, whichever runtime starts it. The distributed runtime reads it from
 * the environment (`loadBillingConfig`); the local runtime builds it.
 */
export interface BillingConfig {
  /** The longest range of days a report covers (a leap year: SPEC's "at most 366 days"). */
  maxReportDays: number;
}

/**
 * The distributed process's configuration: the service's own, its database, and what
 * every service process shares (bus, operations port, tracing, log level).
 */
export interface BillingProcessConfig extends BillingConfig, ServiceProcessSettings {
  databaseUrl: string;
}

export const defaultBillingConfig: BillingConfig = { maxReportDays: 366 };

/** The environment of the distributed billing process. */
export const billingEnvironmentSchema = z
  .object({
    BILLING_DATABASE_URL: z
      .string({ error: 'BILLING_DATABASE_URL is required (postgres://…)' })
      .regex(/^postgres(ql)?:\/\//, 'BILLING_DATABASE_URL must be a postgres:// URL'),
    ...serviceProcessEnvironment(defaultOpsPorts.billing),
  })
  .transform(
    (env): BillingProcessConfig => ({
      ...defaultBillingConfig,
      ...serviceProcessSettingsOf(env),
      databaseUrl: env.BILLING_DATABASE_URL,
    }),
  );

/** Reads the environment once; throws a `ConfigError` listing every problem. */
export function loadBillingConfig(env: Record<string, string | undefined>): BillingProcessConfig {
  return parseConfig(billingEnvironmentSchema, env);
}
