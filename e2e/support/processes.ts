import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, openDatabase } from '@moneypal/kit';
import { type LedgerTables, type LedgerVerdict, verifyLedger } from '@moneypal/ledger';
import { deleteStreams, emptyTestDatabases, testNatsUrl, testStreams } from '@moneypal/testing';

/**
 * The distributed runtime as it runs in production, on this machine: every service its
 * own `node services/<name>/dist/main.js` process on fresh PostgreSQL databases and on the
 * NATS server named by TEST_NATS_URL (under subjects and streams of this run only), plus
 * the PayPal simulator's process. Tests read each process's JSON log lines and scrape its
 * `/metrics`, and stop, freeze, kill and restart processes.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The services that own a database and an operations port, in the runtime's start order. */
export const databaseServices = ['identity', 'ledger', 'payments', 'billing', 'notifications'] as const;
export type DatabaseService = (typeof databaseServices)[number];
export type ProcessName = DatabaseService | 'gateway' | 'paypal-simulator';

/** What a process needs to be built: `tsc -b` of these projects is a no-op when they are. */
const buildProjects = [
  ...databaseServices.map((service) => `services/${service}`),
  'services/gateway',
  'packages/paypal-simulator',
];

const webhookId = 'WH-DISTRIBUTED-TEST';
const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;

/** Builds what the processes run, incrementally: stale or missing `dist` output is rebuilt. */
export async function buildDistributedRuntime(): Promise<void> {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  try {
    await promisify(execFile)(process.execPath, [tsc, '-b', ...buildProjects], { cwd: root });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`the build failed:\n${stdout}${stderr}`);
  }
}

/** A JSON log line of a process, as pino writes it. */
export type LogLine = Record<string, unknown> & { message?: string; pid?: number };

/** How a process is started, and the URL that answers 200 once it is ready. */
interface Launchable {
  entry: string;
  env: Record<string, string>;
  readyUrl: string;
}

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  frozen: boolean;
}

export interface DistributedSystem {
  gatewayUrl: string;
  simulatorUrl: string;
  admin: { email: string; password: string };
  /** Every JSON line a process has written to standard output, across its restarts, oldest first. */
  logs(name: ProcessName): LogLine[];
  /** The `/metrics` text of a service (its operations port) or of the gateway. */
  metrics(name: DatabaseService | 'gateway'): Promise<string>;
  /** SIGSTOP: the process keeps its connections but does nothing until `thaw`. */
  freeze(name: ProcessName): void;
  thaw(name: ProcessName): void;
  /** SIGKILL, as a crash or an OOM kill: no shutdown code runs. Resolves once it has exited. */
  kill(name: ProcessName): Promise<void>;
  /** Starts the process again with the same environment; resolves once it is ready. */
  restart(name: ProcessName): Promise<void>;
  /** True while the process runs (started, and not exited since). */
  isRunning(name: ProcessName): boolean;
  /** The name of a service's database on the PostgreSQL server. */
  databaseOf(service: DatabaseService): string;
  /** Checks every ledger invariant on the ledger's database, as `npm run ledger:verify` does. */
  verifyLedger(): Promise<LedgerVerdict>;
  /** Stops every process (SIGTERM, then SIGKILL), drops the databases and the streams. */
  stop(): Promise<void>;
}

export async function startDistributedSystem(): Promise<DistributedSystem> {
  const natsUrl = testNatsUrl();
  if (!natsUrl) throw new Error('the distributed runtime needs TEST_NATS_URL');
  const run = randomBytes(5).toString('hex');
  const databases = emptyTestDatabases(`moneypal_dist_${run}`, databaseServices);
  const streams = testStreams(`DIST_${run}`);

  const ports = {
    gateway: await freePort(),
    simulator: await freePort(),
    ...Object.fromEntries(
      await Promise.all(databaseServices.map(async (service) => [service, await freePort()])),
    ),
  } as Record<DatabaseService | 'gateway' | 'simulator', number>;
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const simulatorUrl = `http://127.0.0.1:${ports.simulator}`;
  const admin = { email: `root.${run}@example.com`, password: randomBytes(12).toString('hex') };
  const paypal = { clientId: `moneypal-${run}`, clientSecret: randomBytes(32).toString('base64url') };

  // Only what the processes are meant to read: nothing leaks in from the test's environment.
  const common: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    NATS_URL: natsUrl,
    NATS_SUBJECT_PREFIX: `dist${run}`,
    NATS_STREAM: streams.events,
    NATS_DEAD_LETTER_STREAM: streams.deadLetters,
    // Short, so that a killed consumer's event comes back within the test's time.
    NATS_ACK_WAIT_MS: '2000',
    OPS_HOST: '127.0.0.1',
  };
  const serviceEnvironment = (service: DatabaseService): Launchable => ({
    entry: `services/${service}/dist/main.js`,
    env: {
      ...common,
      [`${service.toUpperCase()}_DATABASE_URL`]: databases.urlOf(service),
      OPS_PORT: String(ports[service]),
    },
    readyUrl: `http://127.0.0.1:${ports[service]}/readyz`,
  });
  const environments: Record<ProcessName, Launchable> = {
    'paypal-simulator': {
      entry: 'packages/paypal-simulator/dist/main.js',
      env: {
        PATH: common.PATH!,
        PAYPAL_SIMULATOR_PORT: String(ports.simulator),
        PAYPAL_SIMULATOR_HOST: '127.0.0.1',
        PAYPAL_CLIENT_ID: paypal.clientId,
        PAYPAL_CLIENT_SECRET: paypal.clientSecret,
        PAYPAL_WEBHOOK_URL: `${gatewayUrl}/v1/webhooks/paypal`,
        PAYPAL_WEBHOOK_ID: webhookId,
      },
      readyUrl: `${simulatorUrl}/healthz`,
    },
    gateway: {
      entry: 'services/gateway/dist/main.js',
      env: {
        ...common,
        PORT: String(ports.gateway),
        HOST: '127.0.0.1',
        // Every test request comes from 127.0.0.1, many of them as one user.
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_USER_PER_MINUTE: '1000000',
        RATE_LIMIT_AUTH_PER_MINUTE: '100000',
      },
      readyUrl: `${gatewayUrl}/readyz`,
    },
    identity: serviceEnvironment('identity'),
    ledger: serviceEnvironment('ledger'),
    payments: serviceEnvironment('payments'),
    billing: serviceEnvironment('billing'),
    notifications: serviceEnvironment('notifications'),
  };
  Object.assign(environments.identity.env, {
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString(),
    OTP_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  });
  Object.assign(environments.payments.env, {
    PUBLIC_URL: gatewayUrl,
    PAYPAL_BASE_URL: simulatorUrl,
    PAYPAL_CLIENT_ID: paypal.clientId,
    PAYPAL_CLIENT_SECRET: paypal.clientSecret,
    PAYPAL_WEBHOOK_ID: webhookId,
    PAYPAL_SIMULATOR: 'true',
  });
  Object.assign(environments.notifications.env, { EMAIL_MODE: 'capture' });

  const running = new Map<ProcessName, Running>();
  const logs = new Map<ProcessName, LogLine[]>();
  const errors = new Map<ProcessName, string[]>();

  const launch = (name: ProcessName): Running => {
    const { entry, env } = environments[name];
    const child = spawn(process.execPath, [`${root}${entry}`], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = logs.get(name) ?? [];
    logs.set(name, lines);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        lines.push({ message: line });
      }
    });
    const stderr = errors.get(name) ?? [];
    errors.set(name, stderr);
    createInterface({ input: child.stderr! }).on('line', (line) => void stderr.push(line));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const started: Running = { child, exited, frozen: false };
    running.set(name, started);
    return started;
  };

  /** Waits until the process answers its readiness URL with 200; fails if it exits first. */
  const ready = async (name: ProcessName, started: Running): Promise<void> => {
    const deadline = Date.now() + startTimeoutMs;
    let exited = false;
    void started.exited.then(() => {
      exited = true;
    });
    for (;;) {
      if (exited) {
        throw new Error(
          `${name} exited before it was ready:\n${(errors.get(name) ?? []).slice(-20).join('\n')}`,
        );
      }
      const answer = await fetch(environments[name].readyUrl, { signal: AbortSignal.timeout(2_000) }).catch(
        () => undefined,
      );
      if (answer?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`${name} was not ready within ${startTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const stopProcess = async (name: ProcessName): Promise<void> => {
    const target = running.get(name);
    if (!target || target.child.exitCode !== null || target.child.signalCode !== null) return;
    // A stopped process keeps a SIGTERM pending until it runs again.
    if (target.frozen) target.child.kill('SIGCONT');
    target.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      target.exited.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), stopTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      target.child.kill('SIGKILL');
      await target.exited;
    }
  };

  const dropEverything = async () => {
    await databases.drop();
    await deleteStreams(natsUrl, streams);
  };

  const stopAll = async () => {
    await Promise.all([...running.keys()].map(stopProcess));
    await dropEverything();
  };

  try {
    await databases.create();
    // The services start together, as replicas of a deployment do; the gateway once they answer.
    await Promise.all(
      (['paypal-simulator', ...databaseServices] as ProcessName[]).map((name) => ready(name, launch(name))),
    );
    await ready('gateway', launch('gateway'));
  } catch (error) {
    await stopAll();
    throw error;
  }

  const processOf = (name: ProcessName): Running => {
    const target = running.get(name);
    if (!target) throw new Error(`${name} was never started`);
    return target;
  };

  return {
    gatewayUrl,
    simulatorUrl,
    admin,
    logs: (name) => logs.get(name) ?? [],
    metrics: async (name) => {
      const url = name === 'gateway' ? `${gatewayUrl}/metrics` : `http://127.0.0.1:${ports[name]}/metrics`;
      const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
      return answer.text();
    },
    freeze: (name) => {
      const target = processOf(name);
      target.child.kill('SIGSTOP');
      target.frozen = true;
    },
    thaw: (name) => {
      const target = processOf(name);
      target.child.kill('SIGCONT');
      target.frozen = false;
    },
    kill: async (name) => {
      const target = processOf(name);
      target.child.kill('SIGKILL');
      await target.exited;
    },
    restart: async (name) => {
      await stopProcess(name);
      await ready(name, launch(name));
    },
    isRunning: (name) => {
      const target = running.get(name);
      return target !== undefined && target.child.exitCode === null && target.child.signalCode === null;
    },
    databaseOf: databases.nameOf,
    verifyLedger: async () => {
      const db = await openDatabase<LedgerTables>({
        url: databases.urlOf('ledger'),
        poolSize: 2,
      });
      try {
        return await verifyLedger(db);
      } finally {
        await db.destroy();
      }
    },
    stop: stopAll,
  };
}
