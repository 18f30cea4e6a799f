import {
  booleanFlag,
  type CircuitBreakerOptions,
  circuitBreakerEnvironment,
  circuitBreakerOptionsOf,
  defaultOpsPorts,
  parseConfig,
  type ServiceProcessSettings,
  secretString,
  serviceProcessEnvironment,
  serviceProcessSettingsOf,
} from '@moneypal/kit';
import { z } from 'zod';

/** Where PayPal is and how to talk to it. */
export interface PayPalConfig {
  /** PayPal's REST API: live, sandbox, or the local simulator's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The id of the webhook subscription; PayPal signs it into every webhook. */
  webhookId: string;
  /** true when `baseUrl` is the local PayPal simulator: payments are labelled as such. */
  sandbox: boolean;
  /** How long one PayPal attempt may take; 15 s by default. */
  timeoutMs?: number;
  /** Attempts of one PayPal call (network errors, timeouts, 429, 5xx); 4 by default. */
  maxAttempts?: number;
  /** The wait before the second attempt, doubling after; 250 ms by default. */
  retryBaseDelayMs?: number;
  /** How far a webhook's transmission time may be from now; 15 minutes by default. */
  webhookToleranceMs?: number;
  /** The `paypal` circuit breaker (`PAYPAL_BREAKER_*`); the kit's defaults where absent. */
  breaker?: Partial<CircuitBreakerOptions>;
}

/**
 * What the payments service needs, whichever runtime starts it. The distributed runtime
 * reads it from the environment (`loadPaymentsConfig`); the local runtime builds it, with
 * the simulator it started.
 */
export interface PaymentsConfig {
  /** The public origin buyers return to from PayPal (`<publicUrl>/pay/return?payment_id=…`). */
  publicUrl: string;
  paypal: PayPalConfig;
  /** How often payouts left pending are sent again and open ones read from PayPal; 60 s by default. */
  payoutPollIntervalMs?: number;
}

/**
 * The distributed process's configuration: the service's own, its database, and what
 * every service process shares (bus, operations port, tracing, log level).
 */
export interface PaymentsProcessConfig extends PaymentsConfig, ServiceProcessSettings {
  databaseUrl: string;
}

export const paypalLiveUrl = 'https://api-m.paypal.com';
export const paypalSandboxUrl = 'https://api-m.sandbox.paypal.com';

/** Which PayPal a configuration talks to, for logs and for the payments' sandbox label. */
export function paypalTargetOf(
  paypal: Pick<PayPalConfig, 'baseUrl' | 'sandbox'>,
): 'simulator' | 'sandbox' | 'live' {
  if (paypal.sandbox) return 'simulator';
  return new URL(paypal.baseUrl).hostname.includes('sandbox') ? 'sandbox' : 'live';
}

const paypalApiHosts = new Set([
  'api-m.paypal.com',
  'api-m.sandbox.paypal.com',
  'api.paypal.com',
  'api.sandbox.paypal.com',
]);

function isPayPalApiUrl(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && paypalApiHosts.has(parsed.hostname);
}

const httpUrl = (name: string) =>
  z
    .url({ error: `${name} must be an http(s) URL`, protocol: /^https?$/ })
    .transform((value) => value.replace(/\/+$/, ''));

/** The environment of the distributed payments process. */
export const paymentsEnvironmentSchema = z
  .object({
    PAYMENTS_DATABASE_URL: z
      .string({ error: 'PAYMENTS_DATABASE_URL is required (postgres://…)' })
      .regex(/^postgres(ql)?:\/\//, 'PAYMENTS_DATABASE_URL must be a postgres:// URL'),
    ...serviceProcessEnvironment(defaultOpsPorts.payments),
    PUBLIC_URL: z
      .string({
        error: 'PUBLIC_URL is required (where buyers return from PayPal, e.g. https://pay.example.com)',
      })
      .pipe(httpUrl('PUBLIC_URL')),
    PAYPAL_BASE_URL: httpUrl('PAYPAL_BASE_URL').default(paypalSandboxUrl),
    PAYPAL_CLIENT_ID: z
      .string({ error: 'PAYPAL_CLIENT_ID is required (the REST app client id)' })
      .trim()
      .min(1, 'PAYPAL_CLIENT_ID is required (the REST app client id)'),
    PAYPAL_CLIENT_SECRET: secretString('PAYPAL_CLIENT_SECRET'),
    PAYPAL_WEBHOOK_ID: z
      .string({ error: 'PAYPAL_WEBHOOK_ID is required (the id of the webhook subscription)' })
      .trim()
      .min(1, 'PAYPAL_WEBHOOK_ID is required (the id of the webhook subscription)'),
    PAYPAL_SIMULATOR: booleanFlag(false),
    PAYOUTS_POLL_INTERVAL_MS: z.coerce
      .number({ error: 'PAYOUTS_POLL_INTERVAL_MS must be a number of milliseconds' })
      .int()
      .min(100, 'PAYOUTS_POLL_INTERVAL_MS must be at least 100')
      .default(60_000),
    ...circuitBreakerEnvironment('PAYPAL'),
  })
  .superRefine((env, context) => {
    const paypal = isPayPalApiUrl(env.PAYPAL_BASE_URL);
    if (env.PAYPAL_SIMULATOR && paypal) {
      context.addIssue({
        code: 'custom',
        path: ['PAYPAL_SIMULATOR'],
        message: 'PAYPAL_SIMULATOR is true but PAYPAL_BASE_URL is PayPal itself',
      });
    }
    if (!env.PAYPAL_SIMULATOR && !paypal) {
      context.addIssue({
        code: 'custom',
        path: ['PAYPAL_BASE_URL'],
        message:
          'PAYPAL_BASE_URL must be https://api-m.paypal.com or https://api-m.sandbox.paypal.com; for the local simulator set PAYPAL_SIMULATOR=true',
      });
    }
  })
  .transform(
    (env): PaymentsProcessConfig => ({
      ...serviceProcessSettingsOf(env),
      databaseUrl: env.PAYMENTS_DATABASE_URL,
      publicUrl: env.PUBLIC_URL,
      payoutPollIntervalMs: env.PAYOUTS_POLL_INTERVAL_MS,
      paypal: {
        baseUrl: env.PAYPAL_BASE_URL,
        clientId: env.PAYPAL_CLIENT_ID,
        clientSecret: env.PAYPAL_CLIENT_SECRET,
        webhookId: env.PAYPAL_WEBHOOK_ID,
        sandbox: env.PAYPAL_SIMULATOR,
        breaker: circuitBreakerOptionsOf(env, 'PAYPAL'),
      },
    }),
  );

/** Reads the environment once; throws a `ConfigError` listing every problem. */
export function loadPaymentsConfig(env: Record<string, string | undefined>): PaymentsProcessConfig {
  return parseConfig(paymentsEnvironmentSchema, env);
}
