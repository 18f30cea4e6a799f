import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, createLogger, type Logger, openDatabase, printableError } from '@moneypal/kit';
import { sql } from 'kysely';
import { type DistributedConfig, loadDistributedConfig, simulatorWebhookId } from './config.js';
import { services } from './system.js';

/**
 * The distributed runtime on one machine (`npm run start:distributed`): every service as
 * its own process (`node services/<name>/dist/main.js`) against the PostgreSQL and NATS
 * named in the environment. Each service gets its own database: `<SERVICE>_DATABASE_URL`
 * when set, else database `moneypal_<service>` on the server of `DATABASE_URL`, created
 * when missing. Secrets are never generated here: the services refuse to start without them.
 * A service that dies is started again after a pause that grows with each quick failure.
 * Each service but the gateway (whose own port serves them) answers `/healthz`, `/readyz`
 * and `/metrics` on its operations port: OPS_PORT_BASE plus its place in the start order
 * (identity 9101, ledger 9102, payments 9103, billing 9104, notifications 9105 by default).
 */

/** The client id payments and the simulator share when the launcher starts the simulator. */
const simulatorClientId = 'moneypal-local';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The services that keep a database: all but the gateway. */
const databaseServices = services.filter((service) => service !== 'gateway');

/** What the launcher does with the services it starts. */
interface Launcher {
  launch(service: string, extraEnv: Record<string, string>): void;
  stop(signal: NodeJS.Signals): void;
}

/** The service's own database, or `moneypal_<service>` on the shared server, created when missing. */
async function databaseUrlOf(service: string, config: DistributedConfig, logger: Logger): Promise<string> {
  const own = config.serviceDatabaseUrls[service];
  if (own) return own;
  if (!config.databaseUrl) {
    throw new ConfigError([`${service.toUpperCase()}_DATABASE_URL or DATABASE_URL is required`]);
  }
  const name = `moneypal_${service}`;
  const admin = await openDatabase<unknown>({ url: config.databaseUrl, poolSize: 1 });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`.execute(admin);
    if (found.rows.length === 0) {
      await sql.raw(`create database ${name}`).execute(admin);
      logger.info({ database: name }, 'created database');
    }
  } finally {
    await admin.destroy();
  }
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts services as child processes, each with the launcher's environment and its own
 * additions, and starts again one that dies, after a pause that grows with each quick failure.
 */
function createLauncher(logger: Logger): Launcher {
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const launch = (service: string, extraEnv: Record<string, string>, failures = 0) => {
    const startedAt = Date.now();
    const entry =
      service === 'paypal-simulator'
        ? 'packages/paypal-simulator/dist/main.js'
        : `services/${service}/dist/main.js`;
    const child = spawn(process.execPath, [`${root}${entry}`], {
      env: { ...process.env, ...extraEnv },
      stdio: 'inherit',
    });
    children.set(service, child);
    child.on('exit', (code, signal) => {
      children.delete(service);
      if (stopping) {
        if (children.size === 0) process.exit(0);
        return;
      }
      const quick = Date.now() - startedAt < 10_000;
      const delayMs = Math.min(30_000, 1_000 * 2 ** (quick ? failures : 0));
      logger.error({ service, code, signal, restart_in_ms: delayMs }, 'service exited; restarting');
      setTimeout(() => launch(service, extraEnv, quick ? failures + 1 : 0), delayMs);
    });
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping services');
    if (children.size === 0) process.exit(0);
    for (const child of children.values()) child.kill(signal);
  };
  return { launch: (service, extraEnv) => launch(service, extraEnv), stop };
}

/**
 * Each service's additions to the environment: its database (found or made before anything
 * starts, so a missing one starts nothing), its operations port, and what the launcher
 * decides for it (the simulator's credentials, captured email, the gateway's port and web app).
 */
async function serviceEnvironments(
  config: DistributedConfig,
  simulatorSecret: string,
  logger: Logger,
): Promise<{ environments: Map<string, Record<string, string>>; opsPorts: Record<string, number> }> {
  const gatewayUrl = `http://127.0.0.1:${config.port}`;
  const serviceEnv: Record<string, Record<string, string>> = {
    payments: {
      PUBLIC_URL: config.publicUrl ?? gatewayUrl,
      ...(config.simulated
        ? {
            PAYPAL_BASE_URL: `http://127.0.0.1:${config.simulatorPort}`,
            PAYPAL_CLIENT_ID: simulatorClientId,
            PAYPAL_CLIENT_SECRET: simulatorSecret,
            PAYPAL_WEBHOOK_ID: simulatorWebhookId,
            PAYPAL_SIMULATOR: 'true',
          }
        : {}),
    },
    notifications: {
      PUBLIC_URL: config.publicUrl ?? gatewayUrl,
      ...(config.emailCaptured ? { EMAIL_MODE: 'capture' } : {}),
    },
    gateway: {
      PORT: String(config.port),
      ...(existsSync(`${root}apps/web/dist/index.html`) ? { WEB_ROOT: `${root}apps/web/dist` } : {}),
    },
  };
  const opsPorts: Record<string, number> = {};
  const environments = new Map<string, Record<string, string>>();
  for (const [index, service] of services.entries()) {
    const extraEnv: Record<string, string> = { ...serviceEnv[service] };
    if (service !== 'gateway') {
      extraEnv[`${service.toUpperCase()}_DATABASE_URL`] = await databaseUrlOf(service, config, logger);
      opsPorts[service] = config.opsPortBase + index + 1;
      extraEnv.OPS_PORT = String(opsPorts[service]);
    }
    environments.set(service, extraEnv);
  }
  return { environments, opsPorts };
}

/** The PayPal simulator, for payments without PayPal credentials; its webhooks go to the gateway. */
function launchSimulator(launcher: Launcher, config: DistributedConfig, simulatorSecret: string): void {
  launcher.launch('paypal-simulator', {
    PAYPAL_CLIENT_ID: simulatorClientId,
    PAYPAL_CLIENT_SECRET: simulatorSecret,
    PAYPAL_SIMULATOR_PORT: String(config.simulatorPort),
    PAYPAL_SIMULATOR_HOST: '127.0.0.1',
    PAYPAL_WEBHOOK_URL: `http://127.0.0.1:${config.port}/v1/webhooks/paypal`,
    PAYPAL_WEBHOOK_ID: simulatorWebhookId,
  });
}

function stopOnSignal(launcher: Launcher): void {
  process.once('SIGINT', () => launcher.stop('SIGINT'));
  process.once('SIGTERM', () => launcher.stop('SIGTERM'));
}

async function main(): Promise<void> {
  const config = loadDistributedConfig(process.env, databaseServices);
  const logger = createLogger({ service: 'launcher', level: config.logLevel });
  // The simulator and payments share credentials made up for this run: no default secret.
  const simulatorSecret = randomBytes(32).toString('base64url');
  const { environments, opsPorts } = await serviceEnvironments(config, simulatorSecret, logger);
  const launcher = createLauncher(logger);
  if (config.simulated) launchSimulator(launcher, config, simulatorSecret);
  for (const [service, extraEnv] of environments) launcher.launch(service, extraEnv);
  logger.info(
    {
      services,
      gateway: `http://127.0.0.1:${config.port}`,
      ops_ports: opsPorts,
      paypal: config.simulated ? `simulator at http://127.0.0.1:${config.simulatorPort}` : 'PayPal',
    },
    'started; each service answers /healthz, /readyz and /metrics on its ops port',
  );
  stopOnSignal(launcher);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : printableError(error));
  process.exit(1);
});
