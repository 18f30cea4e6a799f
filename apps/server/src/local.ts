import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBillingConfig } from '@moneypal/billing';
import { currencyCode, registerBody } from '@moneypal/contracts';
import { loadGatewayConfig } from '@moneypal/gateway';
import type { AdminCredentials } from '@moneypal/identity';
import {
  ConfigError,
  createLogger,
  isSupportedCurrency,
  loadOrCreateLocalSecrets,
  logLevel,
  MemoryBroker,
  parseConfig,
  printableError,
  randomSecret,
} from '@moneypal/kit';
import { defaultLedgerConfig } from '@moneypal/ledger';
import { defaultNotificationsConfig, type EmailConfig } from '@moneypal/notifications';
import type { PaymentsConfig } from '@moneypal/payments';
import { startPayPalSimulator } from '@moneypal/paypal-simulator';
import { z } from 'zod';
import {
  type LocalDatabaseService,
  localDatabaseServices,
  refuseOldLayout,
  startLocalDatabases,
} from './local-databases.js';
import { startSystem } from './system.js';

/**
 * The local runtime (`npm start`): every service in this process, all on one in-process
 * broker, each on its own database of one PostgreSQL server: the embedded server, run from
 * MONEYPAL_DATA_DIR/postgres, or the server of DATABASE_URL. Secrets (the database
 * passwords among them) are generated on first start and kept in the data directory.
 */
/** The built web app, served at `/` when present (`npm run build` makes it). */
const webRoot = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

const environment = z.object({
  MONEYPAL_DATA_DIR: z.string().min(1).default('.moneypal'),
  /** A PostgreSQL server of your own (a role that may create roles and databases); none is started then. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
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
});

async function main(): Promise<void> {
  const env = parseConfig(environment, process.env);
  const dataDir = resolve(env.MONEYPAL_DATA_DIR);
  refuseOldLayout(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadOrCreateLocalSecrets(dataDir, {
    jwtPrivateKey: () =>
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    otpSecret: () => randomSecret(),
    adminPassword: () => randomSecret(18),
    postgresPassword: () => randomSecret(),
    ...(Object.fromEntries(
      localDatabaseServices.map((service) => [`${service}DatabasePassword`, () => randomSecret()]),
    ) as Record<`${LocalDatabaseService}DatabasePassword`, () => string>),
  });
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD must be set together, or neither']);
  }
  const admin: AdminCredentials = {
    email: env.ADMIN_EMAIL ?? 'admin@moneypal.local',
    password: env.ADMIN_PASSWORD ?? secrets.adminPassword,
    userName: env.ADMIN_USER_NAME,
  };

  const loggerOf = (service: string) => createLogger({ service, level: env.LOG_LEVEL });
  const publicUrl = env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`;
  const paypalKeys = [env.PAYPAL_CLIENT_ID, env.PAYPAL_CLIENT_SECRET, env.PAYPAL_WEBHOOK_ID];
  if (paypalKeys.some((key) => key !== undefined) && paypalKeys.some((key) => key === undefined)) {
    throw new ConfigError([
      'PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID must be set together, or none (the simulator)',
    ]);
  }
  const simulator =
    env.PAYPAL_CLIENT_ID === undefined
      ? await startPayPalSimulator({ port: env.PAYPAL_SIMULATOR_PORT, logger: loggerOf('paypal-simulator') })
      : undefined;
  const paypal: PaymentsConfig['paypal'] = simulator
    ? {
        baseUrl: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
        webhookId: 'WH-LOCAL-SIMULATOR',
        sandbox: true,
      }
    : {
        baseUrl: env.PAYPAL_BASE_URL,
        clientId: env.PAYPAL_CLIENT_ID!,
        clientSecret: env.PAYPAL_CLIENT_SECRET!,
        webhookId: env.PAYPAL_WEBHOOK_ID!,
        sandbox: false,
      };
  const email: EmailConfig =
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
        };
  const broker = new MemoryBroker();
  // Captured email never shows a one-time code; a developer reads it here instead.
  const consoleLogger = loggerOf('local-console');
  const consoleBus = broker.connect('local-console', consoleLogger);
  await consoleBus.subscribe('local-console', {
    'identity.otp.requested': async (event) => {
      const data = event.data as { to: string; channel: string; code: string };
      consoleLogger.info(
        { to: data.to, channel: data.channel },
        `one-time code ${data.code} (shown here by the local runtime)`,
      );
    },
  });

  const databases = await startLocalDatabases({
    dataDir,
    ...(env.DATABASE_URL === undefined ? {} : { databaseUrl: env.DATABASE_URL }),
    postgresPassword: secrets.postgresPassword,
    passwords: Object.fromEntries(
      localDatabaseServices.map((service) => [service, secrets[`${service}DatabasePassword`]]),
    ) as Record<LocalDatabaseService, string>,
    logger: loggerOf('postgres'),
  });
  const system = await startSystem({
    databaseOf: (service) => ({ url: databases.urls[service as LocalDatabaseService] }),
    connectBus: async (service) => broker.connect(service, loggerOf(service)),
    loggerOf,
    identity: {
      jwtPrivateKey: secrets.jwtPrivateKey,
      otpSecret: secrets.otpSecret,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
      admin,
    },
    ledger: { ...defaultLedgerConfig, defaultCurrency: env.DEFAULT_CURRENCY },
    payments: { publicUrl, paypal },
    billing: defaultBillingConfig,
    notifications: { ...defaultNotificationsConfig, email },
    gateway: loadGatewayConfig({
      ...(existsSync(join(webRoot, 'index.html')) ? { WEB_ROOT: webRoot } : {}),
      ...process.env,
      PORT: env.PORT,
      HOST: env.HOST,
    }),
  });
  simulator?.setWebhookTarget({
    url: `${system.url.replace('0.0.0.0', '127.0.0.1')}/v1/webhooks/paypal`,
    webhookId: paypal.webhookId,
  });

  const url = system.url.replace('0.0.0.0', '127.0.0.1');
  process.stdout.write(
    [
      '',
      `MoneyPal is running at ${url}`,
      `  API docs:  ${url}/api/docs`,
      simulator
        ? `  PayPal:    local simulator at ${simulator.url} (sandbox, no real money)`
        : `  PayPal:    ${paypal.baseUrl}`,
      `  email:     ${email.mode === 'smtp' ? `SMTP ${email.host}:${email.port}` : 'captured into the log (no SMTP_HOST)'}`,
      `  admin:     ${admin.userName} / ${admin.email}  password: ${env.ADMIN_PASSWORD ? '(from ADMIN_PASSWORD)' : admin.password}`,
      `  data:      ${dataDir}`,
      `  database:  ${databases.serverLabel}`,
      '',
    ].join('\n'),
  );

  const stop = async (signal: string) => {
    consoleLogger.info({ signal }, 'shutting down');
    await system.stop();
    await simulator?.stop();
    await consoleBus.close();
    broker.shutdown();
    await databases.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : printableError(error));
  process.exit(1);
});
