import {
  logLevel,
  type NatsSettings,
  natsNamesEnvironment,
  natsServers,
  natsSettingsOf,
  parseConfig,
  type TracingSettings,
  tracingEnvironment,
  tracingSettingsOf,
} from '@moneypal/kit';
import { z } from 'zod';

/** What `TRUST_PROXY` may say: `true`/`false`, a hop count, or a comma-separated list of addresses or CIDRs. */
export type TrustProxy = boolean | number | string[];

export interface GatewayConfig {
  port: number;
  host: string;
  /**
   * The bus of the distributed runtime (NATS_URL and the NATS names); absent in the local
   * runtime, which passes its own bus.
   */
  nats: NatsSettings | undefined;
  /** Where spans are exported (the standard OpenTelemetry variables); nowhere when unset. */
  tracing: TracingSettings;
  bodyLimitBytes: number;
  /** Requests per minute per client address, on every route. */
  rateLimitPerMinute: number;
  /** Requests per minute per user, on every request that carries a valid access token. */
  rateLimitUserPerMinute: number;
  /** Requests per minute per client address on each public auth route (register, login, otp, refresh). */
  rateLimitAuthPerMinute: number;
  /**
   * The Redis server whose counters every gateway replica shares; each replica counts in its
   * own memory when absent.
   */
  rateLimitRedisUrl: string | undefined;
  /** The prefix of the rate-limit keys in Redis, so that several deployments can share one server. */
  rateLimitRedisPrefix: string;
  /** Origins allowed to call the API from a browser (CORS); none when empty, and CORS is off. */
  corsOrigins: string[];
  trustProxy: TrustProxy;
  logLevel: z.output<typeof logLevel>;
  /** A folder of static files (the web app) served at `/`, with a fallback to its `index.html`. */
  webRoot: string | undefined;
  /** How long a route waits for the service that answers it. */
  busRequestTimeoutMs: number;
  /**
   * How long a bulk route (a batch of up to a thousand transfers) waits for its service: a
   * busy ledger takes seconds, not milliseconds, over such a request.
   */
  busBulkRequestTimeoutMs: number;
  /** How long `/readyz` waits for each service's health reply. */
  readyTimeoutMs: number;
  /** The shortest time between two fetches of the token keys caused by an unknown key id. */
  jwksRefetchIntervalMs: number;
  /** How often identity is asked which sessions ended: a revoked token stops working within it. */
  sessionRevocationPollMs: number;
}

function whole(name: string, minimum: number, maximum: number, defaultValue: number) {
  return z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(minimum, `${name} must be at least ${minimum}`)
    .max(maximum, `${name} must be at most ${maximum}`)
    .default(defaultValue);
}

const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value): TrustProxy => {
    if (value === 'true' || value === '1' || value === 'yes') return true;
    if (value === 'false' || value === '0' || value === 'no' || value === '') return false;
    if (/^\d+$/.test(value)) return Number(value);
    return value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
  });

/** A comma-separated list of origins (`https://shop.example.com`), each a scheme, host and optional port. */
const origins = z
  .string()
  .trim()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(
          /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
          'CORS_ORIGINS must list origins such as https://shop.example.com, without a path',
        ),
    ),
  );

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));

export const gatewayEnvironment = z
  .object({
    PORT: whole('PORT', 0, 65_535, 8080),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    NATS_URL: optionalText.pipe(natsServers.optional()),
    ...natsNamesEnvironment,
    ...tracingEnvironment,
    BODY_LIMIT_BYTES: whole('BODY_LIMIT_BYTES', 1024, 10 * 1024 * 1024, 64 * 1024),
    RATE_LIMIT_PER_MINUTE: whole('RATE_LIMIT_PER_MINUTE', 1, 10_000_000, 600),
    RATE_LIMIT_USER_PER_MINUTE: whole('RATE_LIMIT_USER_PER_MINUTE', 1, 10_000_000, 300),
    RATE_LIMIT_AUTH_PER_MINUTE: whole('RATE_LIMIT_AUTH_PER_MINUTE', 1, 1_000_000, 20),
    RATE_LIMIT_REDIS_URL: optionalText.pipe(
      z
        .url({ error: 'RATE_LIMIT_REDIS_URL must be a URL such as redis://redis:6379' })
        .regex(/^rediss?:\/\//, 'RATE_LIMIT_REDIS_URL must start with redis:// or rediss://')
        .optional(),
    ),
    RATE_LIMIT_REDIS_PREFIX: z.string().trim().min(1).default('moneypal:rate-limit:'),
    CORS_ORIGINS: origins,
    TRUST_PROXY: trustProxy,
    LOG_LEVEL: logLevel,
    WEB_ROOT: optionalText,
    BUS_REQUEST_TIMEOUT_MS: whole('BUS_REQUEST_TIMEOUT_MS', 100, 120_000, 5_000),
    BUS_BULK_REQUEST_TIMEOUT_MS: whole('BUS_BULK_REQUEST_TIMEOUT_MS', 100, 600_000, 60_000),
    READY_TIMEOUT_MS: whole('READY_TIMEOUT_MS', 50, 60_000, 1_000),
    JWKS_REFETCH_INTERVAL_MS: whole('JWKS_REFETCH_INTERVAL_MS', 0, 3_600_000, 5_000),
    SESSION_REVOCATION_POLL_MS: whole('SESSION_REVOCATION_POLL_MS', 100, 60_000, 1_000),
  })
  .transform(
    (env): GatewayConfig => ({
      port: env.PORT,
      host: env.HOST,
      nats: env.NATS_URL === undefined ? undefined : natsSettingsOf(env.NATS_URL, env),
      tracing: tracingSettingsOf(env),
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      rateLimitUserPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      rateLimitAuthPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE,
      rateLimitRedisUrl: env.RATE_LIMIT_REDIS_URL,
      rateLimitRedisPrefix: env.RATE_LIMIT_REDIS_PREFIX,
      corsOrigins: env.CORS_ORIGINS,
      trustProxy: env.TRUST_PROXY,
      logLevel: env.LOG_LEVEL,
      webRoot: env.WEB_ROOT,
      busRequestTimeoutMs: env.BUS_REQUEST_TIMEOUT_MS,
      busBulkRequestTimeoutMs: env.BUS_BULK_REQUEST_TIMEOUT_MS,
      readyTimeoutMs: env.READY_TIMEOUT_MS,
      jwksRefetchIntervalMs: env.JWKS_REFETCH_INTERVAL_MS,
      sessionRevocationPollMs: env.SESSION_REVOCATION_POLL_MS,
    }),
  );

/**
 * The gateway's configuration from an environment. Unset variables take their defaults, so
 * the local runtime can call `loadGatewayConfig({})` and override what it needs.
 */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  return parseConfig(gatewayEnvironment, env);
}
