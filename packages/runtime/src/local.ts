import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  randomSecret,
} from '@moneypal/kit';
import { defaultLedgerConfig } from '@moneypal/ledger';
import { z } from 'zod';
import { startSystem } from './system.js';

/**
 * The local runtime (`npm start`): every service in this process, each on its own PGlite
 * data directory under MONEYPAL_DATA_DIR, all on one in-process broker. Secrets are
 * generated on first start and kept in the data directory.
 */
const environment = z.object({
  MONEYPAL_DATA_DIR: z.string().min(1).default('.moneypal'),
  PORT: z.string().default('8080'),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  DEFAULT_CURRENCY: currencyCode
    .refine(isSupportedCurrency, 'DEFAULT_CURRENCY must be a currency MoneyPal supports')
    .default(defaultLedgerConfig.defaultCurrency),
  ADMIN_EMAIL: registerBody.shape.email.optional(),
  ADMIN_PASSWORD: registerBody.shape.password.optional(),
  ADMIN_USER_NAME: registerBody.shape.user_name.default('admin'),
});

async function main(): Promise<void> {
  const env = parseConfig(environment, process.env);
  const dataDir = resolve(env.MONEYPAL_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const secrets = loadOrCreateLocalSecrets(dataDir, {
    jwtPrivateKey: () =>
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    otpSecret: () => randomSecret(),
    adminPassword: () => randomSecret(18),
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
  const broker = new MemoryBroker();
  // Until the notifications service sends one-time codes, the local runtime shows them here.
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

  const system = await startSystem({
    databaseOf: (service) => ({ kind: 'pglite', dataDir: join(dataDir, service) }),
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
    gateway: loadGatewayConfig({ ...process.env, PORT: env.PORT, HOST: env.HOST }),
  });

  const url = system.url.replace('0.0.0.0', '127.0.0.1');
  process.stdout.write(
    [
      '',
      `MoneyPal is running at ${url}`,
      `  API docs:  ${url}/api/docs`,
      `  admin:     ${admin.userName} / ${admin.email}  password: ${env.ADMIN_PASSWORD ? '(from ADMIN_PASSWORD)' : admin.password}`,
      `  data:      ${dataDir}`,
      '',
    ].join('\n'),
  );

  const stop = async (signal: string) => {
    consoleLogger.info({ signal }, 'shutting down');
    await system.stop();
    await consoleBus.close();
    broker.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
