import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startCpuSampling } from './cpu.js';
import { root, runtimeOf, type StartedSystem, startSystem, wholeOption } from './system.js';

/**
 * Transfers money between users over HTTP against a freshly started MoneyPal and prints
 * transfers/s, latency percentiles, the refusals by status and code and where the CPU went
 * (per service, per service's PostgreSQL backends, NATS; see cpu.ts); then checks the
 * ledger's invariants with its verify command. Starts the chosen runtime as a child process
 * (see system.ts), seeds users through the public API (register, log in, find the default
 * wallet, and the admin deposits into it), then runs autocannon for a fixed time.
 *
 * Workloads: `uniform` sends from a random user to another random user's wallet; `hot`
 * sends from random users to one wallet, which every transfer credits.
 *
 *   npm run bench:transfers -- --runtime local --workload uniform --users 2000 --duration 20
 *   npm run bench:transfers -- --runtime distributed --workload hot --users 500 --connections 64
 */
const { values: options } = parseArgs({
  options: {
    runtime: { type: 'string', default: 'local' },
    workload: { type: 'string', default: 'uniform' },
    users: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '20' },
    'seed-concurrency': { type: 'string', default: '16' },
    'initial-balance': { type: 'string', default: '100000000' },
    'max-amount': { type: 'string', default: '100' },
  },
});
const runtime = runtimeOf(options.runtime);
const workload = options.workload;
if (workload !== 'uniform' && workload !== 'hot') throw new Error('--workload is uniform or hot');
const userCount = wholeOption('users', options.users, 2, 10_000);
const connections = wholeOption('connections', options.connections, 1, 10_000);
const durationSeconds = wholeOption('duration', options.duration, 1, 3_600);
/** Registration hashes a password with argon2id: more parallel seeding than cores buys nothing. */
const seedConcurrency = wholeOption('seed-concurrency', options['seed-concurrency'], 1, 1_000);
const initialBalanceMinor = wholeOption(
  'initial-balance',
  options['initial-balance'],
  1,
  Number.MAX_SAFE_INTEGER,
);
const maxAmountMinor = wholeOption('max-amount', options['max-amount'], 1, Number.MAX_SAFE_INTEGER);

const admin = { email: 'bench-admin@example.com', password: `bench-${randomBytes(12).toString('hex')}` };
/** Access tokens live 15 minutes; the admin logs in again well before. */
const tokenReuseMs = 10 * 60_000;

interface BenchUser {
  token: string;
  walletId: string;
}

async function requestJson(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text.length > 0 ? JSON.parse(text) : undefined };
}

async function expectStatus(
  what: string,
  status: number,
  request: Promise<{ status: number; body: unknown }>,
): Promise<unknown> {
  const response = await request;
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

async function logIn(url: string, login: string, password: string): Promise<string> {
  const tokens = (await expectStatus(
    `login of ${login}`,
    200,
    requestJson(`${url}/v1/auth/login`, { method: 'POST', body: { login, password } }),
  )) as { access_token: string };
  return tokens.access_token;
}

/** The user's default wallet, which the ledger opens when it hears of the new user (so, soon after). */
async function defaultWalletOf(url: string, token: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = (await expectStatus(
      'the wallet list',
      200,
      requestJson(`${url}/v1/wallets`, { token }),
    )) as { data: { id: string; is_default: boolean }[] };
    const wallet = page.data.find((candidate) => candidate.is_default);
    if (wallet) return wallet.id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no default wallet appeared for a new user');
}

/**
 * Registers and logs in every user, finds their default wallet and has the admin fund it,
 * with at most `seedConcurrency` users in flight.
 */
async function seedUsers(url: string): Promise<{ users: BenchUser[]; seconds: number }> {
  let adminToken = await logIn(url, admin.email, admin.password);
  let adminTokenAt = Date.now();
  const currentAdminToken = async () => {
    if (Date.now() - adminTokenAt > tokenReuseMs) {
      adminToken = await logIn(url, admin.email, admin.password);
      adminTokenAt = Date.now();
    }
    return adminToken;
  };
  const users: BenchUser[] = [];
  const tag = randomBytes(3).toString('hex');
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(seedConcurrency, userCount) }, async () => {
      while (next < userCount) {
        const index = next++;
        const registration = {
          first_name: 'Bench',
          last_name: 'User',
          user_name: `bench_${tag}_${index}`,
          email: `bench.${tag}.${index}@example.com`,
          password: 'bench password 1234',
        };
        await expectStatus(
          'register',
          201,
          requestJson(`${url}/v1/auth/register`, { method: 'POST', body: registration }),
        );
        const token = await logIn(url, registration.user_name, registration.password);
        const walletId = await defaultWalletOf(url, token);
        await expectStatus(
          'the seed deposit',
          201,
          requestJson(`${url}/v1/wallets/${walletId}/deposits`, {
            method: 'POST',
            token: await currentAdminToken(),
            headers: { 'idempotency-key': `bench-seed-${walletId}` },
            body: { amount: initialBalanceMinor, reference: 'bench seed' },
          }),
        );
        users.push({ token, walletId });
        if (users.length % Math.max(1, Math.floor(userCount / 10)) === 0) {
          process.stderr.write(`seeded ${users.length}/${userCount} users\n`);
        }
      }
    }),
  );
  return { users, seconds: (performance.now() - startedAt) / 1000 };
}

/** A sender and a receiver for the next transfer of the workload; never the same wallet. */
function pairOf(users: BenchUser[]): { from: BenchUser; to: BenchUser } {
  if (workload === 'hot') {
    // users[0] is the hot wallet: every transfer credits it, from any other user.
    return { from: users[1 + randomInt(users.length - 1)]!, to: users[0]! };
  }
  const fromIndex = randomInt(users.length);
  const toIndex = (fromIndex + 1 + randomInt(users.length - 1)) % users.length;
  return { from: users[fromIndex]!, to: users[toIndex]! };
}

async function runTransfers(url: string, users: BenchUser[]) {
  const outcomes = new Map<string, number>();
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/transfers',
        setupRequest: (request) => {
          const { from, to } = pairOf(users);
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${from.token}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({
              from_wallet_id: from.walletId,
              to_wallet_id: to.walletId,
              amount: 1 + randomInt(maxAmountMinor),
            }),
          };
        },
        onResponse: (status, body) => {
          let outcome = String(status);
          if (status !== 201) {
            try {
              outcome = `${status} ${(JSON.parse(body) as { code?: string }).code ?? ''}`.trim();
            } catch {
              // Not a problem body; the status says enough.
            }
          }
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        },
      },
    ],
  });
  const posted = outcomes.get('201') ?? 0;
  outcomes.delete('201');
  return {
    duration_seconds: result.duration,
    requests: result.requests.total,
    posted,
    transfers_per_second: Math.round(posted / result.duration),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    refused: Object.fromEntries([...outcomes].sort(([, left], [, right]) => right - left)),
    socket_errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Runs the ledger's invariant check on the data the halted runtime left behind. */
function verifyLedger(system: StartedSystem) {
  const verify = join(root, 'services/ledger/dist/verify.js');
  if (!existsSync(verify)) return { skipped: 'services/ledger/dist/verify.js is not built' };
  const target =
    runtime === 'local'
      ? { args: ['--data-dir', join(system.dataDir!, 'ledger')], env: process.env }
      : { args: [], env: { ...process.env, LEDGER_DATABASE_URL: system.databaseUrls.ledger } };
  const run = spawnSync(process.execPath, [verify, ...target.args], { env: target.env, encoding: 'utf8' });
  return {
    exit_code: run.status,
    output: `${run.stdout}${run.stderr}`.trim().split('\n'),
  };
}

const system = await startSystem({
  runtime,
  env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
});
let stopped = false;
try {
  const seeding = await seedUsers(system.url);
  const cpu = await startCpuSampling(system.databaseUrls);
  const transfers = await runTransfers(system.url, seeding.users);
  const cpuPercent = await cpu.stop();
  // PGlite allows one process per data directory, so the runtime stops before the check.
  await system.halt();
  const verify = verifyLedger(system);
  await system.stop();
  stopped = true;
  const figures = {
    runtime,
    workload,
    users: userCount,
    wallets: seeding.users.length,
    connections,
    seeding: {
      seconds: Math.round(seeding.seconds * 10) / 10,
      users_per_second: Math.round(userCount / seeding.seconds),
      concurrency: seedConcurrency,
      initial_balance_minor: initialBalanceMinor,
    },
    transfers,
    cpu_percent_of_one_core: cpuPercent,
    verify,
  };
  console.log(JSON.stringify(figures, null, 2));
  if ('exit_code' in verify && verify.exit_code !== 0) process.exitCode = 1;
} finally {
  if (!stopped) await system.stop();
}
