import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBillingConfig } from '@moneypal/billing';
import { identityEvents, otpRequestedData } from '@moneypal/contracts';
import type { AdminCredentials } from '@moneypal/identity';
import {
  type Bus,
  ConfigError,
  createLogger,
  type Logger,
  loadOrCreateLocalSecrets,
  MemoryBroker,
  printableError,
  randomSecret,
} from '@moneypal/kit';
import { defaultLedgerConfig } from '@moneypal/ledger';
import { defaultNotificationsConfig } from '@moneypal/notifications';
import type { PaymentsConfig } from '@moneypal/payments';
import { type RunningPayPalSimulator, startPayPalSimulator } from '@moneypal/paypal-simulator';
import { type LocalConfig, loadLocalConfig, simulatorWebhookId } from './config.js';
import {
  type LocalDatabaseService,
  type LocalDatabases,
  localDatabaseServices,
  refuseOldLayout,
  startLocalDatabases,
} from './local-databases.js';
import { type RunningSystem, startSystem } from './system.js';

/**
 * The local runtime (`npm start`): every service in this process, all on one in-process
 * broker, each on its own database of one PostgreSQL server: the embedded server, run from
 * MONEYPAL_DATA_DIR/postgres, or the server of DATABASE_URL. Secrets (the database
 * passwords among them) are generated on first start and kept in the data directory.
 */

/** The built web app, served at `/` when present (`npm run build` makes it). */
const webRoot = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

type LoggerOf = (service: string) => Logger;

/** The secrets generated on first start and kept in the data directory. */
type LocalSecrets = ReturnType<typeof prepareDataDirectory>;

/** PayPal as payments will see it, and the simulator when this runtime started one. */
interface LocalPayPal {
  config: PaymentsConfig['paypal'];
  simulator: RunningPayPalSimulator | undefined;
}

/** The one-time code console: its bus connection and logger. */
interface CodeConsole {
  bus: Bus;
  logger: Logger;
}

function readConfig(): LocalConfig {
  return loadLocalConfig(process.env, existsSync(join(webRoot, 'index.html')) ? webRoot : undefined);
}

/** The data directory, made when missing (an older version's layout is refused), and the secrets kept in it. */
function prepareDataDirectory(dataDir: string) {
  refuseOldLayout(dataDir);
  mkdirSync(dataDir, { recursive: true });
  return loadOrCreateLocalSecrets(dataDir, {
    jwtPrivateKey: () =>
      generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    otpSecret: () => randomSecret(),
    adminPassword: () => randomSecret(18),
    postgresPassword: () => randomSecret(),
    ...(Object.fromEntries(
      localDatabaseServices.map((service) => [`${service}DatabasePassword`, () => randomSecret()]),
    ) as Record<`${LocalDatabaseService}DatabasePassword`, () => string>),
  });
}

/** The administrator of the configuration, or the one of generated secrets. */
function adminOf(config: LocalConfig, secrets: LocalSecrets): AdminCredentials {
  return {
    email: config.admin?.email ?? 'admin@moneypal.local',
    password: config.admin?.password ?? secrets.adminPassword,
    userName: config.adminUserName,
  };
}

/** Real PayPal when configured; otherwise the PayPal simulator, started here. */
async function startPayPal(config: LocalConfig, loggerOf: LoggerOf): Promise<LocalPayPal> {
  if (config.paypal.mode === 'paypal') {
    const { baseUrl, clientId, clientSecret, webhookId } = config.paypal;
    return { config: { baseUrl, clientId, clientSecret, webhookId, sandbox: false }, simulator: undefined };
  }
  const simulator = await startPayPalSimulator({
    port: config.paypal.port,
    logger: loggerOf('paypal-simulator'),
  });
  return {
    config: {
      baseUrl: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      webhookId: simulatorWebhookId,
      sandbox: true,
    },
    simulator,
  };
}

/** Captured email never shows a one-time code; a developer reads it in the log instead. */
async function showOneTimeCodes(broker: MemoryBroker, loggerOf: LoggerOf): Promise<CodeConsole> {
  const logger = loggerOf('local-console');
  const bus = broker.connect('local-console', logger);
  await bus.subscribe('local-console', {
    [identityEvents.otpRequested]: async (event) => {
      const request = otpRequestedData.parse(event.data);
      logger.info(
        { to: request.to, channel: request.channel },
        `one-time code ${request.code} (shown here by the local runtime)`,
      );
    },
  });
  return { bus, logger };
}

function openDatabases(
  config: LocalConfig,
  dataDir: string,
  secrets: LocalSecrets,
  loggerOf: LoggerOf,
): Promise<LocalDatabases> {
  return startLocalDatabases({
    dataDir,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    postgresPassword: secrets.postgresPassword,
    passwords: Object.fromEntries(
      localDatabaseServices.map((service) => [service, secrets[`${service}DatabasePassword`]]),
    ) as Record<LocalDatabaseService, string>,
    logger: loggerOf('postgres'),
  });
}

interface ServiceParts {
  config: LocalConfig;
  secrets: LocalSecrets;
  admin: AdminCredentials;
  paypal: LocalPayPal;
  broker: MemoryBroker;
  databases: LocalDatabases;
  loggerOf: LoggerOf;
}

/** Every service on the one broker, the gateway last; the simulator's webhooks go to the gateway. */
async function startServices(parts: ServiceParts): Promise<RunningSystem> {
  const { config, secrets, paypal, broker, databases, loggerOf } = parts;
  const system = await startSystem({
    databaseOf: (service) => ({ url: databases.urls[service as LocalDatabaseService] }),
    connectBus: async (service) => broker.connect(service, loggerOf(service)),
    loggerOf,
    identity: {
      jwtPrivateKey: secrets.jwtPrivateKey,
      otpSecret: secrets.otpSecret,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
      admin: parts.admin,
    },
    ledger: { ...defaultLedgerConfig, defaultCurrency: config.defaultCurrency },
    payments: { publicUrl: config.publicUrl, paypal: paypal.config },
    billing: defaultBillingConfig,
    notifications: { ...defaultNotificationsConfig, email: config.email, webAppUrl: config.publicUrl },
    gateway: config.gateway,
  });
  paypal.simulator?.setWebhookTarget({
    url: `${localUrlOf(system)}/v1/webhooks/paypal`,
    webhookId: paypal.config.webhookId,
  });
  return system;
}

/** The gateway's address as a browser on this machine reaches it. */
function localUrlOf(system: RunningSystem): string {
  return system.url.replace('0.0.0.0', '127.0.0.1');
}

function printWelcome(
  config: LocalConfig,
  dataDir: string,
  admin: AdminCredentials,
  paypal: LocalPayPal,
  databases: LocalDatabases,
  system: RunningSystem,
): void {
  const url = localUrlOf(system);
  const { email } = config;
  process.stdout.write(
    [
      '',
      `MoneyPal is running at ${url}`,
      `  API docs:  ${url}/api/docs`,
      paypal.simulator
        ? `  PayPal:    local simulator at ${paypal.simulator.url} (sandbox, no real money)`
        : `  PayPal:    ${paypal.config.baseUrl}`,
      `  email:     ${email.mode === 'smtp' ? `SMTP ${email.host}:${email.port}` : 'captured into the log (no SMTP_HOST)'}`,
      `  admin:     ${admin.userName} / ${admin.email}  password: ${config.admin ? '(from ADMIN_PASSWORD)' : admin.password}`,
      `  data:      ${dataDir}`,
      `  database:  ${databases.serverLabel}`,
      '',
    ].join('\n'),
  );
}

/** On SIGINT or SIGTERM: the services, then the simulator, the bus and the databases. */
function stopOnSignal(
  system: RunningSystem,
  paypal: LocalPayPal,
  codeConsole: CodeConsole,
  broker: MemoryBroker,
  databases: LocalDatabases,
): void {
  const stop = async (signal: string) => {
    codeConsole.logger.info({ signal }, 'shutting down');
    await system.stop();
    await paypal.simulator?.stop();
    await codeConsole.bus.close();
    broker.shutdown();
    await databases.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function main(): Promise<void> {
  const config = readConfig();
  const loggerOf: LoggerOf = (service) => createLogger({ service, level: config.logLevel });
  const dataDir = resolve(config.dataDir);
  const secrets = prepareDataDirectory(dataDir);
  const admin = adminOf(config, secrets);
  const paypal = await startPayPal(config, loggerOf);
  const broker = new MemoryBroker();
  const codeConsole = await showOneTimeCodes(broker, loggerOf);
  const databases = await openDatabases(config, dataDir, secrets, loggerOf);
  const system = await startServices({ config, secrets, admin, paypal, broker, databases, loggerOf });
  printWelcome(config, dataDir, admin, paypal, databases, system);
  stopOnSignal(system, paypal, codeConsole, broker, databases);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : printableError(error));
  process.exit(1);
});
