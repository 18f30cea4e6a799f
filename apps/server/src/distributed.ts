import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  createLogger,
  logLevel,
  openDatabase,
  parseConfig,
  printableError,
} from '@moneypal/kit';
import { sql } from 'kysely';
import { z } from 'zod';
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
const environment = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  NATS_URL: z.string({ error: 'NATS_URL is required (nats://…)' }).min(1),
  LOG_LEVEL: logLevel,
  PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  PAYPAL_SIMULATOR_PORT: z.coerce.number().int().min(1).max(65_535).default(8081),
  OPS_PORT_BASE: z.coerce.number().int().min(1).max(65_000).default(9100),
});

/** The webhook id the simulator signs with when the launcher starts it. */
const simulatorWebhookId = 'WH-LOCAL-SIMULATOR';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const logger = createLogger({ service: 'launcher', level: process.env.LOG_LEVEL ?? 'info' });

async function databaseUrlOf(service: string, serverUrl: string | undefined): Promise<string> {
  const own = process.env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  if (!serverUrl) {
    throw new ConfigError([`${service.toUpperCase()}_DATABASE_URL or DATABASE_URL is required`]);
  }
  const name = `moneypal_${service}`;
  const admin = await openDatabase<unknown>({ url: serverUrl, poolSize: 1 });
  try {
    const found = await sql`select 1 from pg_database where datname = ${name}`.execute(admin);
    if (found.rows.length === 0) {
      await sql.raw(`create database ${name}`).execute(admin);
      logger.info({ database: name }, 'created database');
    }
  } finally {
    await admin.destroy();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const env = parseConfig(environment, process.env);
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

  const gatewayUrl = `http://127.0.0.1:${env.PORT}`;
  // Without PayPal credentials, payments talk to the PayPal simulator, started here.
  const simulated = process.env.PAYPAL_CLIENT_ID === undefined;
  const simulatorUrl = `http://127.0.0.1:${env.PAYPAL_SIMULATOR_PORT}`;
  // The simulator and payments share credentials made up for this run: no default secret.
  const simulatorSecret = randomBytes(32).toString('base64url');
  const serviceEnv: Record<string, Record<string, string>> = {
    payments: {
      PUBLIC_URL: process.env.PUBLIC_URL ?? gatewayUrl,
      ...(simulated
        ? {
            PAYPAL_BASE_URL: simulatorUrl,
            PAYPAL_CLIENT_ID: 'moneypal-local',
            PAYPAL_CLIENT_SECRET: simulatorSecret,
            PAYPAL_WEBHOOK_ID: simulatorWebhookId,
            PAYPAL_SIMULATOR: 'true',
          }
        : {}),
    },
    // Without an SMTP server, email is captured into the notifications log.
    notifications: process.env.SMTP_HOST === undefined ? { EMAIL_MODE: 'capture' } : {},
    gateway: {
      PORT: String(env.PORT),
      ...(existsSync(`${root}apps/web/dist/index.html`) ? { WEB_ROOT: `${root}apps/web/dist` } : {}),
    },
  };
  // Every database is found or made before anything starts, so a missing one starts nothing.
  const opsPorts: Record<string, number> = {};
  const environments = new Map<string, Record<string, string>>();
  for (const [index, service] of services.entries()) {
    const extraEnv: Record<string, string> = { ...serviceEnv[service] };
    if (service !== 'gateway') {
      extraEnv[`${service.toUpperCase()}_DATABASE_URL`] = await databaseUrlOf(service, env.DATABASE_URL);
      opsPorts[service] = env.OPS_PORT_BASE + index + 1;
      extraEnv.OPS_PORT = String(opsPorts[service]);
    }
    environments.set(service, extraEnv);
  }
  if (simulated) {
    launch('paypal-simulator', {
      PAYPAL_CLIENT_ID: 'moneypal-local',
      PAYPAL_CLIENT_SECRET: simulatorSecret,
      PAYPAL_SIMULATOR_PORT: String(env.PAYPAL_SIMULATOR_PORT),
      PAYPAL_SIMULATOR_HOST: '127.0.0.1',
      PAYPAL_WEBHOOK_URL: `${gatewayUrl}/v1/webhooks/paypal`,
      PAYPAL_WEBHOOK_ID: simulatorWebhookId,
    });
  }
  for (const [service, extraEnv] of environments) launch(service, extraEnv);
  logger.info(
    {
      services,
      gateway: gatewayUrl,
      ops_ports: opsPorts,
      paypal: simulated ? `simulator at ${simulatorUrl}` : 'PayPal',
    },
    'started; each service answers /healthz, /readyz and /metrics on its ops port',
  );

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping services');
    if (children.size === 0) process.exit(0);
    for (const child of children.values()) child.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : printableError(error));
  process.exit(1);
});
