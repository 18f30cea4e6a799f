import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

/**
 * Registers and logs in users over HTTP against a freshly started MoneyPal and prints
 * requests/s and latency percentiles. Starts the chosen runtime as a child process (the
 * local one on a throwaway data directory, or the distributed one on the PostgreSQL and
 * NATS given by BENCH_DATABASE_URL and BENCH_NATS_URL) and stops it at the end.
 *
 *   npm run bench:auth -- --runtime local --users 200 --connections 32 --duration 15
 */
const { values: options } = parseArgs({
  options: {
    runtime: { type: 'string', default: 'local' },
    users: { type: 'string', default: '100' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '15' },
  },
});
const runtime = options.runtime;
if (runtime !== 'local' && runtime !== 'distributed') throw new Error('--runtime is local or distributed');
const userCount = Number(options.users);
const connections = Number(options.connections);
const durationSeconds = Number(options.duration);
const root = fileURLToPath(new URL('../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the ${runtime} runtime exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the system did not become ready in time');
}

interface Started {
  url: string;
  stop(): Promise<void>;
}

async function startRuntime(): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
  };
  const cleanups: (() => Promise<void>)[] = [];
  let entry: string;
  if (runtime === 'local') {
    const dataDir = mkdtempSync(join(tmpdir(), 'moneypal-bench-'));
    env.MONEYPAL_DATA_DIR = dataDir;
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    entry = 'packages/runtime/dist/local.js';
  } else {
    const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `moneypal_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    env.IDENTITY_DATABASE_URL = url.toString();
    env.NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
    env.JWT_PRIVATE_KEY = generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    env.OTP_SECRET = randomBytes(32).toString('base64url');
    entry = 'packages/runtime/dist/distributed.js';
  }
  const child = spawn(process.execPath, [join(root, entry)], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child);
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

function percentile(sortedMs: number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * fraction))] ?? Number.NaN;
}

async function registerUsers(url: string) {
  const users = Array.from({ length: userCount }, (_, index) => ({
    first_name: 'Bench',
    last_name: 'User',
    user_name: `bench_${index}_${randomBytes(3).toString('hex')}`,
    email: `bench.${index}.${randomBytes(3).toString('hex')}@example.com`,
    password: 'bench password 1234',
  }));
  const latenciesMs: number[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(connections, userCount) }, async () => {
      while (next < users.length) {
        const user = users[next++]!;
        const sentAt = performance.now();
        const response = await fetch(`${url}/v1/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(user),
        });
        latenciesMs.push(performance.now() - sentAt);
        if (response.status !== 201)
          throw new Error(`register answered ${response.status}: ${await response.text()}`);
      }
    }),
  );
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  latenciesMs.sort((a, b) => a - b);
  return {
    users,
    requestsPerSecond: userCount / elapsedSeconds,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
  };
}

async function benchLogin(url: string, users: { user_name: string; password: string }[]) {
  let turn = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const user = users[turn++ % users.length]!;
          return { ...request, body: JSON.stringify({ login: user.user_name, password: user.password }) };
        },
      },
    ],
  });
  return result;
}

const system = await startRuntime();
try {
  const registration = await registerUsers(system.url);
  const login = await benchLogin(system.url, registration.users);
  const figures = {
    runtime,
    users: userCount,
    connections,
    register: {
      requests_per_second: Math.round(registration.requestsPerSecond),
      p50_ms: Math.round(registration.p50Ms),
      p99_ms: Math.round(registration.p99Ms),
    },
    login: {
      duration_seconds: durationSeconds,
      requests: login.requests.total,
      requests_per_second: Math.round(login.requests.average),
      p50_ms: login.latency.p50,
      p99_ms: login.latency.p99,
      non_2xx: login.non2xx,
      errors: login.errors,
      timeouts: login.timeouts,
    },
  };
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await system.stop();
}
