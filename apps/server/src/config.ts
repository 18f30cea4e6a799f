import { currencyCode, registerBody } from '@moneypal/contracts';
import { type GatewayConfig, loadGatewayConfig } from '@moneypal/gateway';
import { isSupportedCurrency, logLevel, parseConfig } from '@moneypal/kit';
import { defaultLedgerConfig } from '@moneypal/ledger';
import type { EmailConfig } from '@moneypal/notifications';
import { z } from 'zod';

/** The webhook id the PayPal simulator signs with when either runtime starts it. */
export const simulatorWebhookId = 'WH-LOCAL-SIMULATOR';

/** Where payments find PayPal: the simulator the local runtime starts, or PayPal itself. */
export type LocalPayPalSetting =
  | { mode: 'simulator'; port: number }
  | { mode: 'paypal'; baseUrl: string; clientId: string; clientSecret: string; webhookId: string };

/** The local runtime's configuration (`npm start`), read once from the environment. */
export interface LocalConfig {
  /** As given: relative to the working directory until the runtime resolves it. */
  dataDir: string;
  /** A PostgreSQL server of your own; the embedded server otherwise. */
  databaseUrl: string | undefined;
  port: string;
  host: string;
  logLevel: z.output<typeof logLevel>;
  defaultCurrency: string;
  /** The administrator's sign-in when ADMIN_EMAIL and ADMIN_PASSWORD are set; generated otherwise. */
  admin: { email: string; password: string } | undefined;
  adminUserName: string;
  /** Where buyers come back from PayPal. */
  publicUrl: string;
  paypal: LocalPayPalSetting;
  email: EmailConfig;
  gateway: GatewayConfig;
}

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL');

/**
 * Variables that mean something only together: each group is set whole or not at all.
 * A group set in part is refused rather than half used.
 */
const togetherGroups = [
  {
    names: ['ADMIN_EMAIL', 'ADMIN_PASSWORD'],
    message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together, or neither',
  },
  {
    names: ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID'],
    message:
      'PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID must be set together, or none (the simulator)',
  },
] as const;

/** The environment of the local runtime. */
export const localEnvironmentSchema = z
  .object({
    MONEYPAL_DATA_DIR: z.string().min(1).default('.moneypal'),
    /** A PostgreSQL server of your own (a role that may create roles and databases); none is started then. */
    DATABASE_URL: postgresUrl.optional(),
    PORT: z.string().default('8080'),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: logLevel,
    DEFAULT_CURRENCY: currencyCode
      .refine(isSupportedCurrency, 'DEFAULT_CURRENCY must be a currency MoneyPal supports')
      .default(defaultLedgerConfig.defaultCurrency),
    ADMIN_EMAIL: registerBody.shape.email.optional(),
    ADMIN_PASSWORD: registerBody.shape.password.optional(),
    ADMIN_USER_NAME: registerBody.shape.user_name.default('admin'),
    /** Where buyers come back from PayPal; the gateway's own address unless it sits behind a proxy. */
    PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be a URL such as https://wallet.example.com' }).optional(),
    // Real PayPal when all three are set; the local PayPal simulator otherwise.
    PAYPAL_BASE_URL: z.url().default('https://api-m.sandbox.paypal.com'),
    PAYPAL_CLIENT_ID: z.string().min(1).optional(),
    PAYPAL_CLIENT_SECRET: z.string().min(1).optional(),
    PAYPAL_WEBHOOK_ID: z.string().min(1).optional(),
    PAYPAL_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
    // Email goes to this SMTP server when set; otherwise it is captured into the log.
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    EMAIL_FROM: z.string().min(3).default('MoneyPal <no-reply@moneypal.local>'),
  })
  .superRefine((env, context) => {
    for (const group of togetherGroups) {
      const missing = group.names.filter((name) => env[name] === undefined);
      if (missing.length > 0 && missing.length < group.names.length) {
        context.addIssue({ code: 'custom', path: missing.slice(0, 1), message: group.message });
      }
    }
  })
  .transform((env): Omit<LocalConfig, 'gateway'> => {
    const { ADMIN_EMAIL, ADMIN_PASSWORD, PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, PAYPAL_WEBHOOK_ID } = env;
    return {
      dataDir: env.MONEYPAL_DATA_DIR,
      databaseUrl: env.DATABASE_URL,
      port: env.PORT,
      host: env.HOST,
      logLevel: env.LOG_LEVEL,
      defaultCurrency: env.DEFAULT_CURRENCY,
      // Both or neither, as the together-rules above make sure.
      admin:
        ADMIN_EMAIL === undefined || ADMIN_PASSWORD === undefined
          ? undefined
          : { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      adminUserName: env.ADMIN_USER_NAME,
      publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`,
      paypal:
        PAYPAL_CLIENT_ID === undefined ||
        PAYPAL_CLIENT_SECRET === undefined ||
        PAYPAL_WEBHOOK_ID === undefined
          ? { mode: 'simulator', port: env.PAYPAL_SIMULATOR_PORT }
          : {
              mode: 'paypal',
              baseUrl: env.PAYPAL_BASE_URL,
              clientId: PAYPAL_CLIENT_ID,
              clientSecret: PAYPAL_CLIENT_SECRET,
              webhookId: PAYPAL_WEBHOOK_ID,
            },
      email:
        env.SMTP_HOST === undefined
          ? { mode: 'capture', from: env.EMAIL_FROM }
          : {
              mode: 'smtp',
              host: env.SMTP_HOST,
              port: env.SMTP_PORT,
              secure: env.SMTP_PORT === 465,
              ...(env.SMTP_USER === undefined ? {} : { user: env.SMTP_USER }),
              ...(env.SMTP_PASSWORD === undefined ? {} : { password: env.SMTP_PASSWORD }),
              from: env.EMAIL_FROM,
            },
    };
  });

/**
 * Reads the local runtime's environment once; throws a `ConfigError` listing every problem.
 * The gateway reads the same environment (rate limits, CORS, …) on the runtime's address,
 * and serves `webRoot` at `/` unless WEB_ROOT names another directory.
 */
export function loadLocalConfig(env: Record<string, string | undefined>, webRoot?: string): LocalConfig {
  const local = parseConfig(localEnvironmentSchema, env);
  const gateway = loadGatewayConfig({
    ...(webRoot === undefined ? {} : { WEB_ROOT: webRoot }),
    ...env,
    PORT: local.port,
    HOST: local.host,
  });
  return { ...local, gateway };
}

/** The distributed launcher's configuration (`npm run start:distributed`), read once from the environment. */
export interface DistributedConfig {
  /** The server on which each service without a database of its own gets `moneypal_<service>`. */
  databaseUrl: string | undefined;
  /** `<SERVICE>_DATABASE_URL` of each service that names its own database. */
  serviceDatabaseUrls: Record<string, string>;
  logLevel: z.output<typeof logLevel>;
  port: number;
  simulatorPort: number;
  opsPortBase: number;
  publicUrl: string | undefined;
  /** No PayPal credentials: payments talk to the PayPal simulator the launcher starts. */
  simulated: boolean;
  /** No SMTP server: email is captured into the notifications log. */
  emailCaptured: boolean;
}

/** The environment of the distributed launcher; each service reads the rest itself. */
export const distributedEnvironmentSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  NATS_URL: z.string({ error: 'NATS_URL is required (nats://…)' }).min(1),
  LOG_LEVEL: logLevel,
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  PAYPAL_SIMULATOR_PORT: z.coerce.number().int().min(1).max(65_535).default(8081),
  OPS_PORT_BASE: z.coerce.number().int().min(1).max(65_000).default(9100),
  PUBLIC_URL: z.string().optional(),
  PAYPAL_CLIENT_ID: z.string().optional(),
  SMTP_HOST: z.string().optional(),
});

/** Reads the launcher's environment once; throws a `ConfigError` listing every problem. */
export function loadDistributedConfig(
  env: Record<string, string | undefined>,
  databaseServices: readonly string[],
): DistributedConfig {
  const launcher = parseConfig(distributedEnvironmentSchema, env);
  const serviceDatabaseUrls: Record<string, string> = {};
  for (const service of databaseServices) {
    const own = env[`${service.toUpperCase()}_DATABASE_URL`];
    if (own) serviceDatabaseUrls[service] = own;
  }
  return {
    databaseUrl: launcher.DATABASE_URL,
    serviceDatabaseUrls,
    logLevel: launcher.LOG_LEVEL,
    port: launcher.PORT,
    simulatorPort: launcher.PAYPAL_SIMULATOR_PORT,
    opsPortBase: launcher.OPS_PORT_BASE,
    publicUrl: launcher.PUBLIC_URL,
    simulated: launcher.PAYPAL_CLIENT_ID === undefined,
    emailCaptured: launcher.SMTP_HOST === undefined,
  };
}
