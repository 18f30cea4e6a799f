import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startCpuSampling } from './cpu.js';
import { root, runtimeOf, type StartedSystem, startSystem, wholeOption } from './system.js';

/**
 * Transfers money between users over HTTP against a freshly started MoneyPal and prints
 * transfers/s, latency percentiles, the refusals by status and code and where the CPU went
 * (per service, per service's PostgreSQL backends, NATS; see cpu.ts); then checks the
 * ledger's invariants with its verify command. Starts the chosen runtime as a child process
 * (see system.ts), seeds users and wallets through the public API (register, log in, find
 * the default wallet, open more wallets, and the admin deposits into each), then runs
 * autocannon for a fixed time.
 *
 * Workloads: `uniform` sends from a random wallet to another random wallet; `hot` sends from
 * random wallets to one wallet, which every transfer credits.
 *
 *   npm run bench:transfers -- --runtime distributed --workload uniform --wallets 10000 --duration 20
 *   npm run bench:transfers -- --runtime local --workload hot --users 100 --wallets 1000
 */
const { values: options } = parseArgs({
  options: {
    runtime: { type: 'string', default: 'local' },
    workload: { type: 'string', default: 'uniform' },
    users: { type: 'string', default: '200' },
    wallets: { type: 'string', default: '10000' },
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
/** Spread round-robin over the users: wallet i is user (i mod users)'s, the first of each their default. */
const walletCount = wholeOption('wallets', options.wallets, userCount, 100_000);
const connections = wholeOption('connections', options.connections, 1, 10_000);
const durationSeconds = wholeOption('duration', options.duration, 1, 3_600);
/**
 * Registration hashes a password with argon2id: more parallel seeding than cores buys nothing.
 * Opening and funding wallets is cheaper and runs with four times as many in flight.
 */
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

/** A funded wallet and the token of its owner, who sends from it. */
interface BenchWallet {
  token: string;
  walletId: string;
  currency: string;
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
async function defaultWalletOf(
  url: string,
  token: string,
  timeoutMs = 30_000,
): Promise<{ id: string; currency: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const page = (await expectStatus(
      'the wallet list',
      200,
      requestJson(`${url}/v1/wallets`, { token }),
    )) as { data: { id: string; currency: string; is_default: boolean }[] };
    const wallet = page.data.find((candidate) => candidate.is_default);
    if (wallet) return wallet;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no default wallet appeared for a new user');
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight; reports progress on stderr. */
async function inParallel(
  what: string,
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        await task(next++);
        done += 1;
        if (done % Math.max(1, Math.floor(count / 10)) === 0)
          process.stderr.write(`${what}: ${done}/${count}\n`);
      }
    }),
  );
}

/**
 * Registers and logs in every user and finds their default wallet, opens the other wallets,
 * then has the admin fund every wallet. Returns the wallets in the order they were planned.
 */
async function seed(url: string): Promise<{ wallets: BenchWallet[]; seconds: number }> {
  let adminToken = await logIn(url, admin.email, admin.password);
  let adminTokenAt = Date.now();
  const currentAdminToken = async () => {
    if (Date.now() - adminTokenAt > tokenReuseMs) {
      adminToken = await logIn(url, admin.email, admin.password);
      adminTokenAt = Date.now();
    }
    return adminToken;
  };
  const tag = randomBytes(3).toString('hex');
  const startedAt = performance.now();
  const wallets: BenchWallet[] = new Array(walletCount);
  await inParallel('users', userCount, seedConcurrency, async (index) => {
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
    const wallet = await defaultWalletOf(url, token);
    wallets[index] = { token, walletId: wallet.id, currency: wallet.currency };
  });
  await inParallel('wallets opened', walletCount - userCount, seedConcurrency * 4, async (offset) => {
    const index = userCount + offset;
    // In the owner's default currency: transfers move within one currency.
    const { token, currency } = wallets[index % userCount]!;
    const wallet = (await expectStatus(
      'open a wallet',
      201,
      requestJson(`${url}/v1/wallets`, { method: 'POST', token, body: { currency } }),
    )) as { id: string };
    wallets[index] = { token, walletId: wallet.id, currency };
  });
  await inParallel('wallets funded', walletCount, seedConcurrency * 4, async (index) => {
    const { walletId } = wallets[index]!;
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
  });
  return { wallets, seconds: (performance.now() - startedAt) / 1000 };
}

/** A sending and a receiving wallet for the next transfer of the workload; never the same one. */
function pairOf(wallets: BenchWallet[]): { from: BenchWallet; to: BenchWallet } {
  if (workload === 'hot') {
    // wallets[0] is the hot wallet: every transfer credits it, from any other wallet.
    return { from: wallets[1 + randomInt(wallets.length - 1)]!, to: wallets[0]! };
  }
  const fromIndex = randomInt(wallets.length);
  const toIndex = (fromIndex + 1 + randomInt(wallets.length - 1)) % wallets.length;
  return { from: wallets[fromIndex]!, to: wallets[toIndex]! };
}

async function runTransfers(url: string, wallets: BenchWallet[]) {
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
          const { from, to } = pairOf(wallets);
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

/**
 * Gives PostgreSQL statistics of the seeded tables. A database in service has them from autovacuum;
 * one filled a minute ago may not yet, and the planner then takes every table for empty.
 */
async function analyzeDatabases(system: StartedSystem): Promise<void> {
  for (const url of Object.values(system.databaseUrls)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('analyze');
    } finally {
      await client.end();
    }
  }
}

/** Runs the ledger's invariant check on the ledger's database, once the transfers are done. */
function verifyLedger(system: StartedSystem) {
  const verify = join(root, 'services/ledger/dist/verify.js');
  if (!existsSync(verify)) return { skipped: 'services/ledger/dist/verify.js is not built' };
  const env = { ...process.env, LEDGER_DATABASE_URL: system.databaseUrls.ledger };
  const run = spawnSync(process.execPath, [verify], { env, encoding: 'utf8' });
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
  const seeding = await seed(system.url);
  await analyzeDatabases(system);
  const cpu = await startCpuSampling(system.databaseUrls);
  const transfers = await runTransfers(system.url, seeding.wallets);
  const cpuPercent = await cpu.stop();
  // The load is over; the check runs before the runtime stops, which stops the local runtime's database too.
  const verify = verifyLedger(system);
  await system.stop();
  stopped = true;
  const figures = {
    runtime,
    workload,
    users: userCount,
    wallets: walletCount,
    connections,
    seeding: {
      seconds: Math.round(seeding.seconds * 10) / 10,
      wallets_per_second: Math.round(walletCount / seeding.seconds),
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
