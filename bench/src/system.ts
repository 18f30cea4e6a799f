import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@moneypal/kit';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

/** The repository root, where the built runtimes and services are. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

export type Runtime = 'local' | 'distributed';

export function runtimeOf(value: string | undefined): Runtime {
  if (value !== 'local' && value !== 'distributed') throw new Error('--runtime is local or distributed');
  return value;
}

/** A whole number option within bounds, or a clear error naming it. */
export function wholeOption(
  name: string,
  value: string | undefined,
  minimum: number,
  maximum: number,
): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < minimum || parsed > maximum) {
    throw new Error(`--${name} must be a whole number from ${minimum} to ${maximum}`);
  }
  return parsed;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the runtime exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the system did not become ready in time');
}

/** The PostgreSQL server of the distributed runtime's databases, as a role that may create databases. */
export function distributedServerUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The services that own a database: each gets a new one in the distributed runtime. */
const databaseServices = ['identity', 'ledger', 'payments', 'billing', 'notifications'];

export interface StartOptions {
  runtime: Runtime;
  /** Variables for the runtime besides the ones every bench sets. */
  env?: Record<string, string>;
}

export interface StartedSystem {
  url: string;
  /** The local runtime's data directory (its embedded PostgreSQL cluster is under it). */
  dataDir: string | undefined;
  /** Each service's database, by service name. */
  databaseUrls: Record<string, string>;
  /** A role that may create databases on the PostgreSQL server those databases are on. */
  serverUrl: string;
  /** Stops the runtime's processes and waits for them to exit; the data stays. */
  halt(): Promise<void>;
  /** Halts, then removes the data directory or drops the databases. */
  stop(): Promise<void>;
}

/**
 * Starts a fresh MoneyPal as a child process: the local runtime on a throwaway data
 * directory, or the distributed one on new databases of the PostgreSQL server named by
 * BENCH_DATABASE_URL and the NATS of BENCH_NATS_URL.
 */
export async function startSystem({ runtime, env: extraEnv = {} }: StartOptions): Promise<StartedSystem> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // Every bench request comes from 127.0.0.1, many of them as one user.
    RATE_LIMIT_PER_MINUTE: '10000000',
    RATE_LIMIT_USER_PER_MINUTE: '10000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    ...extraEnv,
  };
  const cleanups: (() => Promise<void>)[] = [];
  const databaseUrls: Record<string, string> = {};
  let serverUrl = distributedServerUrl();
  let dataDir: string | undefined;
  let entry: string;
  if (runtime === 'local') {
    const directory = mkdtempSync(join(tmpdir(), 'moneypal-bench-'));
    // As root the embedded server runs as the postgres user, who must pass through it.
    chmodSync(directory, 0o755);
    dataDir = directory;
    env.MONEYPAL_DATA_DIR = directory;
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    entry = 'apps/server/dist/local.js';
  } else {
    const prefix = `moneypal_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    cleanups.push(async () => {
      for (const service of databaseServices)
        await admin.query(`drop database if exists ${prefix}_${service} with (force)`);
      await admin.end();
    });
    for (const service of databaseServices) {
      await admin.query(`create database ${prefix}_${service}`);
      const url = new URL(serverUrl);
      url.pathname = `/${prefix}_${service}`;
      databaseUrls[service] = url.toString();
      env[`${service.toUpperCase()}_DATABASE_URL`] = url.toString();
    }
    env.NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
    // Streams and subjects of this run only, removed afterwards: no earlier run's events replay into it.
    const run = prefix.toUpperCase();
    env.NATS_SUBJECT_PREFIX = `${prefix}.`;
    env.NATS_STREAM = `${run}_EVENTS`;
    env.NATS_DEAD_LETTER_STREAM = `${run}_DEAD_LETTERS`;
    const natsUrl = env.NATS_URL;
    cleanups.push(async () => {
      const connection = await connect({ servers: natsUrl });
      const manager = await jetstreamManager(connection);
      for (const stream of [`${run}_EVENTS`, `${run}_DEAD_LETTERS`]) {
        await manager.streams.delete(stream).catch(() => false);
      }
      await connection.close();
    });
    env.PAYPAL_SIMULATOR_PORT = String(await freePort());
    env.OPS_PORT_BASE = String(20_000 + Math.floor(Math.random() * 20_000));
    env.JWT_PRIVATE_KEY = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    env.OTP_SECRET = randomBytes(32).toString('base64url');
    entry = 'apps/server/dist/distributed.js';
  }
  const child = spawn(process.execPath, [join(root, entry)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const cleanUp = async () => {
    for (const cleanup of cleanups) await cleanup();
  };
  try {
    await waitUntilReady(url, child);
    if (dataDir !== undefined) {
      // The local runtime names its databases on the embedded server here once it runs.
      const urls = JSON.parse(readFileSync(join(dataDir, 'databases.json'), 'utf8')) as Record<
        string,
        string
      >;
      Object.assign(databaseUrls, urls);
      // The local runtime takes the server of DATABASE_URL when it is set, else its embedded one.
      serverUrl = process.env.DATABASE_URL ?? embeddedServerUrl(dataDir, Object.values(urls)[0]!);
    }
  } catch (error) {
    await halt();
    await cleanUp();
    throw error;
  }
  return {
    url,
    dataDir,
    databaseUrls,
    serverUrl,
    halt,
    stop: async () => {
      await halt();
      await cleanUp();
    },
  };
}

/**
 * The superuser of the local runtime's embedded server: its password is among the secrets the
 * runtime generated into the data directory, its address that of any service's database.
 */
function embeddedServerUrl(dataDir: string, serviceDatabaseUrl: string): string {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as {
    postgresPassword: string;
  };
  const url = new URL(serviceDatabaseUrl);
  url.username = 'postgres';
  url.password = encodeURIComponent(secrets.postgresPassword);
  url.pathname = '/postgres';
  return url.toString();
}

export function percentile(sortedMs: number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * fraction))] ?? Number.NaN;
}
