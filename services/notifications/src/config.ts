import {
  type CircuitBreakerOptions,
  circuitBreakerEnvironment,
  circuitBreakerOptionsOf,
  defaultOpsPorts,
  parseConfig,
  type ServiceProcessSettings,
  serviceProcessEnvironment,
  serviceProcessSettingsOf,
} from '@moneypal/kit';
import { z } from 'zod';

/** How email leaves the service: an SMTP server, or captured into the log (the local runtime). */
export type EmailConfig =
  | {
      mode: 'smtp';
      host: string;
      port: number;
      /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
      secure: boolean;
      user?: string;
      password?: string;
      /** The From header, e.g. `MoneyPal <no-reply@example.com>`. */
      from: string;
    }
  | { mode: 'capture'; from: string };

/**
 * What the notifications service needs, whichever runtime starts it. The distributed
 * runtime reads it from the environment (`loadNotificationsConfig`); the local runtime
 * builds it (capture mode).
 */
export interface NotificationsConfig {
  email: EmailConfig;
  /** Attempts per message before it ends as `failed`. */
  maxAttempts: number;
  /** The wait after the 1st, 2nd, … failed attempt; the last value repeats. */
  retryBackoffMs: number[];
  /**
   * The `smtp` and `sms` circuit breakers (`SMTP_BREAKER_*`, `SMS_BREAKER_*`); the kit's
   * defaults where absent.
   */
  breakers?: { smtp?: Partial<CircuitBreakerOptions>; sms?: Partial<CircuitBreakerOptions> };
  /**
   * The web app's public origin (`PUBLIC_URL`), which links in messages start with (a payment
   * request's `<origin>/requests/<id>`); without it a link is the path alone.
   */
  webAppUrl?: string;
}

/**
 * The distributed process's configuration: the service's own, its database, and what
 * every service process shares (bus, operations port, tracing, log level).
 */
export interface NotificationsProcessConfig extends NotificationsConfig, ServiceProcessSettings {
  databaseUrl: string;
}

export const defaultEmailFrom = 'MoneyPal <no-reply@moneypal.local>';

/** Six attempts over about 13 minutes: a short outage of the mail server loses nothing. */
export const defaultNotificationsConfig: NotificationsConfig = {
  email: { mode: 'capture', from: defaultEmailFrom },
  maxAttempts: 6,
  retryBackoffMs: [1_000, 5_000, 30_000, 120_000, 600_000],
};

const implicitTlsPort = 465;

/** `addr@host` or `Name <addr@host>`. */
const emailFrom = z
  .string()
  .trim()
  .regex(
    /^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
    'EMAIL_FROM must be an address such as no-reply@example.com or "MoneyPal <no-reply@example.com>"',
  );

/** The environment of the distributed notifications process. */
export const notificationsEnvironmentSchema = z
  .object({
    NOTIFICATIONS_DATABASE_URL: z
      .string({ error: 'NOTIFICATIONS_DATABASE_URL is required (postgres://…)' })
      .regex(/^postgres(ql)?:\/\//, 'NOTIFICATIONS_DATABASE_URL must be a postgres:// URL'),
    ...serviceProcessEnvironment(defaultOpsPorts.notifications),
    EMAIL_MODE: z.enum(['smtp', 'capture'], { error: 'EMAIL_MODE must be smtp or capture' }).optional(),
    SMTP_HOST: z.string().trim().min(1, 'SMTP_HOST must not be empty').optional(),
    SMTP_PORT: z.coerce
      .number({ error: 'SMTP_PORT must be a port number' })
      .int('SMTP_PORT must be a port number')
      .min(1, 'SMTP_PORT must be a port number')
      .max(65_535, 'SMTP_PORT must be a port number')
      .default(587),
    // Unset means: implicit TLS on port 465, STARTTLS elsewhere.
    SMTP_SECURE: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'SMTP_SECURE must be true or false' })
      .transform((value) => value === 'true' || value === '1' || value === 'yes')
      .optional(),
    SMTP_USER: z.string().min(1, 'SMTP_USER must not be empty').optional(),
    SMTP_PASSWORD: z.string().min(1, 'SMTP_PASSWORD must not be empty').optional(),
    EMAIL_FROM: emailFrom.optional(),
    PUBLIC_URL: z
      .url({
        protocol: /^https?$/,
        error: 'PUBLIC_URL must be an http(s) URL such as https://pay.example.com',
      })
      .optional(),
    NOTIFICATIONS_MAX_ATTEMPTS: z.coerce
      .number({ error: 'NOTIFICATIONS_MAX_ATTEMPTS must be a whole number' })
      .int('NOTIFICATIONS_MAX_ATTEMPTS must be a whole number')
      .min(1, 'NOTIFICATIONS_MAX_ATTEMPTS must be at least 1')
      .max(100, 'NOTIFICATIONS_MAX_ATTEMPTS must be at most 100')
      .default(defaultNotificationsConfig.maxAttempts),
    NOTIFICATIONS_RETRY_BACKOFF_MS: z
      .string()
      .regex(
        /^\d+(,\d+)*$/,
        'NOTIFICATIONS_RETRY_BACKOFF_MS must be comma-separated milliseconds, e.g. 1000,5000,30000',
      )
      .transform((value) => value.split(',').map(Number))
      .optional(),
    ...circuitBreakerEnvironment('SMTP'),
    ...circuitBreakerEnvironment('SMS'),
  })
  .superRefine((env, context) => {
    const mode = env.EMAIL_MODE ?? 'smtp';
    if (mode === 'smtp' && env.SMTP_HOST === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['SMTP_HOST'],
        message: 'SMTP_HOST is required to send email (or set EMAIL_MODE=capture to only log it)',
      });
    }
    if (mode === 'smtp' && env.EMAIL_FROM === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['EMAIL_FROM'],
        message: 'EMAIL_FROM is required to send email (an address the SMTP server may send from)',
      });
    }
    if ((env.SMTP_USER === undefined) !== (env.SMTP_PASSWORD === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['SMTP_USER'],
        message: 'SMTP_USER and SMTP_PASSWORD must be set together, or neither',
      });
    }
  })
  .transform((env): NotificationsProcessConfig => {
    const email: EmailConfig =
      env.EMAIL_MODE === 'capture'
        ? { mode: 'capture', from: env.EMAIL_FROM ?? defaultEmailFrom }
        : {
            mode: 'smtp',
            host: env.SMTP_HOST!,
            port: env.SMTP_PORT,
            secure: env.SMTP_SECURE ?? env.SMTP_PORT === implicitTlsPort,
            ...(env.SMTP_USER === undefined ? {} : { user: env.SMTP_USER, password: env.SMTP_PASSWORD! }),
            from: env.EMAIL_FROM!,
          };
    return {
      ...serviceProcessSettingsOf(env),
      databaseUrl: env.NOTIFICATIONS_DATABASE_URL,
      email,
      maxAttempts: env.NOTIFICATIONS_MAX_ATTEMPTS,
      retryBackoffMs: env.NOTIFICATIONS_RETRY_BACKOFF_MS ?? defaultNotificationsConfig.retryBackoffMs,
      breakers: { smtp: circuitBreakerOptionsOf(env, 'SMTP'), sms: circuitBreakerOptionsOf(env, 'SMS') },
      ...(env.PUBLIC_URL === undefined ? {} : { webAppUrl: env.PUBLIC_URL }),
    };
  });

/** Reads the environment once; throws a `ConfigError` listing every problem. */
export function loadNotificationsConfig(env: Record<string, string | undefined>): NotificationsProcessConfig {
  return parseConfig(notificationsEnvironmentSchema, env);
}
