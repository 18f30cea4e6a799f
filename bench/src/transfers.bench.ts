import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuMsPerTransfer, cpuMsPerTransferByPart, startCpuSampling } from './cpu.js';
import { watchEvents } from './event-lag.js';
import { measurePeer } from './peer.js';
import { profilingEnvironment, startProfiling } from './profile.js';
import { figuresTable, ratioOf, type TransferFigures, yardstickTable } from './report.js';
import {
  distributedServerUrl,
  root,
  runtimeOf,
  type StartedSystem,
  startSystem,
  wholeOption,
} from './system.js';
import { measureYardstick, type Yardstick, type YardstickDriver } from './yardstick.js';

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
 * Before seeding it measures the yardstick R on the PostgreSQL server MoneyPal uses in this
 * run (see yardstick.ts) and prints every rate of MoneyPal also as a ratio to it, with the
 * CPU per transfer summed over every process of the system. `--yardstick-only` prints R alone.
 * `--bulk N` sends `POST /v1/transfers/batch` with N transfers a request instead, and counts
 * transfers, not requests.
 *
 * Consumers must keep up: before the load it waits until the seeding's events are applied;
 * after it, until every event is (see event-lag.ts: the ledger's outbox all sent, billing's
 * and notifications' inboxes holding as many `ledger.transfer.posted` as the ledger has
 * transfers), at most `--events-bound` seconds (10), and prints how long that took and the
 * counts; not in time, the script still prints everything and exits 1. CPU per transfer counts
 * every process from the start of the load until then (and apart, during the load alone), in
 * all and per process, over the transfers the ledger posted meanwhile (those whose answers the
 * load generator stopped waiting for at the end too).
 *
 * `--pgledger-sql <path>` measures the thin peer side by side (see peer.ts): pgledger behind
 * Fastify + pg on the same server, as many accounts as wallets, the same connections and
 * duration, right after R; MoneyPal's rate is also printed as a ratio to it. `--peer-pool`
 * sizes the peer's pool (32). pgledger's SQL is not in this repository: clone
 * https://github.com/pgr0ss/pgledger and give the path of its pgledger.sql.
 *
 * `--profile <dir>` profiles every Node process of the system with V8's CPU profiler from the
 * start of the load until the events are applied (see profile.ts), leaves the .cpuprofile
 * files in <dir> and prints each process's `--profile-top` (10) functions by self time.
 *
 *   npm run bench:transfers -- --runtime distributed --workload uniform --wallets 10000 --duration 20
 *   npm run bench:transfers -- --runtime local --workload hot --users 100 --wallets 1000
 *   npm run bench:transfers -- --runtime distributed --bulk 100
 *   npm run bench:transfers -- --runtime distributed --pgledger-sql ../pgledger/pgledger.sql
 *   npm run bench:transfers -- --runtime distributed --duration 15 --profile /tmp/moneypal-profile
 *   npm run bench:transfers -- --yardstick-only
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
    bulk: { type: 'string' },
    atomic: { type: 'boolean', default: false },
    'yardstick-connections': { type: 'string', default: '32' },
    'yardstick-seconds': { type: 'string', default: '10' },
    'yardstick-only': { type: 'boolean', default: false },
    'yardstick-driver': { type: 'string' },
    'events-bound': { type: 'string', default: '10' },
    'pgledger-sql': { type: 'string' },
    'peer-pool': { type: 'string', default: '32' },
    profile: { type: 'string' },
    'profile-top': { type: 'string', default: '10' },
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
/** Transfers per request of the bulk API, or undefined for one transfer a request. */
const bulkSize = options.bulk === undefined ? undefined : wholeOption('bulk', options.bulk, 1, 1_000);
const atomic = options.atomic;
if (atomic && bulkSize === undefined) throw new Error('--atomic goes with --bulk');
const yardstickConnections = wholeOption('yardstick-connections', options['yardstick-connections'], 1, 1_000);
const yardstickSeconds = wholeOption('yardstick-seconds', options['yardstick-seconds'], 1, 3_600);
const yardstickDriver = yardstickDriverOf(options['yardstick-driver']);
/** How long the consumers may take, after the load, to apply every event. */
const eventsBoundMs = 1000 * wholeOption('events-bound', options['events-bound'], 0, 3_600);
/** Before the load, the seeding's events have this long: seeding more wallets leaves more behind. */
const seedEventsBoundMs = 120_000;
const pgledgerSql = options['pgledger-sql'];
const peerPool = wholeOption('peer-pool', options['peer-pool'], 1, 1_000);
const profileDirectory = options.profile;
const profileTop = wholeOption('profile-top', options['profile-top'], 1, 1_000);

function yardstickDriverOf(value: string | undefined): YardstickDriver | undefined {
  if (value !== undefined && value !== 'pgbench' && value !== 'pg') {
    throw new Error('--yardstick-driver is pgbench or pg');
  }
  return value;
}

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

/** A wallet to credit from `from` in the workload; never `from` itself. */
function receiverFor(wallets: BenchWallet[], from: BenchWallet): BenchWallet {
  // wallets[0] is the hot wallet: every transfer credits it, from any other wallet.
  if (workload === 'hot') return wallets[0]!;
  for (;;) {
    const to = wallets[randomInt(wallets.length)]!;
    if (to !== from) return to;
  }
}

/** A sending wallet for a transfer of the workload: any wallet but the hot one. */
function senderOf(wallets: BenchWallet[]): BenchWallet {
  return workload === 'hot'
    ? wallets[1 + randomInt(wallets.length - 1)]!
    : wallets[randomInt(wallets.length)]!;
}

/**
 * The wallets each user may send from in one bulk request, a list per user; with the hot
 * workload the hot wallet's owner sends nothing, so no transfer is from the hot wallet to itself.
 */
function sendersByUser(wallets: BenchWallet[]): BenchWallet[][] {
  const byUser = Array.from({ length: userCount }, (): BenchWallet[] => []);
  for (const [index, wallet] of wallets.entries()) byUser[index % userCount]!.push(wallet);
  return workload === 'hot' ? byUser.slice(1) : byUser;
}

function transferOf(from: BenchWallet, to: BenchWallet) {
  return { from_wallet_id: from.walletId, to_wallet_id: to.walletId, amount: 1 + randomInt(maxAmountMinor) };
}

/** `"<status> <code>"` of a refusal, or the status alone when the body is no problem. */
function outcomeOf(status: number, body: string): string {
  try {
    return `${status} ${(JSON.parse(body) as { code?: string }).code ?? ''}`.trim();
  } catch {
    return String(status);
  }
}

/** What one request asks and how its answer counts: transfers posted, and each refusal by outcome. */
interface Load {
  path: string;
  /** A request's headers and body. */
  next(): { token: string; body: unknown; idempotencyKey?: string };
  count(status: number, body: string, refused: (outcome: string, transfers: number) => void): number;
}

/** One transfer a request: `POST /v1/transfers`, posted when answered 201. */
function singleLoad(wallets: BenchWallet[]): Load {
  return {
    path: '/v1/transfers',
    next: () => {
      const from = senderOf(wallets);
      return {
        token: from.token,
        body: transferOf(from, receiverFor(wallets, from)),
        idempotencyKey: randomUUID(),
      };
    },
    count: (status, body, refused) => {
      if (status === 201) return 1;
      refused(outcomeOf(status, body), 1);
      return 0;
    },
  };
}

/**
 * `size` transfers a request: `POST /v1/transfers/batch`, all from one user's wallets, each
 * with its own idempotency key; every item answered `posted` counts.
 */
function bulkLoad(wallets: BenchWallet[], size: number): Load {
  const senders = sendersByUser(wallets);
  return {
    path: '/v1/transfers/batch',
    next: () => {
      const own = senders[randomInt(senders.length)]!;
      const transfers = Array.from({ length: size }, () => {
        const from = own[randomInt(own.length)]!;
        return { ...transferOf(from, receiverFor(wallets, from)), idempotency_key: randomUUID() };
      });
      return { token: own[0]!.token, body: atomic ? { transfers, atomic } : { transfers } };
    },
    count: (status, body, refused) => {
      if (status < 200 || status > 299) {
        refused(outcomeOf(status, body), size);
        return 0;
      }
      let posted = 0;
      const { results } = JSON.parse(body) as {
        results: { status: 'posted' | 'failed'; replayed?: boolean; error?: { code?: string } }[];
      };
      for (const result of results) {
        // Every key is new: a replayed answer posted nothing in this run.
        if (result.status === 'posted' && result.replayed !== true) posted += 1;
        else if (result.status === 'posted') refused('item replayed', 1);
        else refused(`item ${result.error?.code ?? 'without code'}`, 1);
      }
      return posted;
    },
  };
}

async function runTransfers(url: string, load: Load) {
  const refused = new Map<string, number>();
  let posted = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        path: load.path,
        setupRequest: (request) => {
          const { token, body, idempotencyKey } = load.next();
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
            },
            body: JSON.stringify(body),
          };
        },
        onResponse: (status, body) => {
          posted += load.count(status, body, (outcome, transfers) => {
            refused.set(outcome, (refused.get(outcome) ?? 0) + transfers);
          });
        },
      },
    ],
  });
  return {
    duration_seconds: result.duration,
    requests: result.requests.total,
    transfers_per_request: bulkSize ?? 1,
    posted,
    transfers_per_second: Math.round(posted / result.duration),
    /** Of requests: with --bulk, of whole batches. */
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    refused: Object.fromEntries([...refused].sort(([, left], [, right]) => right - left)),
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

function yardstickOn(serverUrl: string) {
  process.stderr.write(`yardstick: ${yardstickConnections} connections for ${yardstickSeconds} s\n`);
  return measureYardstick({
    serverUrl,
    accounts: walletCount,
    connections: yardstickConnections,
    seconds: yardstickSeconds,
    ...(yardstickDriver === undefined ? {} : { driver: yardstickDriver }),
  });
}

function printYardstick(yardstick: Yardstick): void {
  console.log(yardstickTable(yardstick));
  console.log(JSON.stringify({ runtime, yardstick }));
}

/** R, then MoneyPal on the same server; or R alone on the server of a runtime started for it. */
async function measureWithSystem(): Promise<void> {
  const system = await startSystem({
    runtime,
    env: {
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      ...(profileDirectory === undefined ? {} : profilingEnvironment(profileDirectory)),
    },
  });
  let stopped = false;
  try {
    const yardstick = await yardstickOn(system.serverUrl);
    if (options['yardstick-only']) {
      await system.stop();
      stopped = true;
      printYardstick(yardstick);
      return;
    }
    const peer =
      pgledgerSql === undefined ? undefined : await peerOn(system.serverUrl, pgledgerSql, yardstick);
    const seeding = await seed(system.url);
    await analyzeDatabases(system);
    const watcher = await watchEvents(system.databaseUrls);
    let figures: TransferFigures;
    try {
      const seeded = await watcher.waitUntilApplied(seedEventsBoundMs);
      if (!seeded.applied)
        process.stderr.write(`the seeding's events were not all applied: ${JSON.stringify(seeded)}\n`);
      const cpu = await startCpuSampling(system.databaseUrls);
      const profiling =
        profileDirectory === undefined
          ? undefined
          : startProfiling(profileDirectory, cpu.processes(), profileTop);
      const load = bulkSize === undefined ? singleLoad(seeding.wallets) : bulkLoad(seeding.wallets, bulkSize);
      const transfers = await runTransfers(system.url, load);
      const duringLoad = cpu.current();
      process.stderr.write(`waiting up to ${eventsBoundMs / 1000} s for every event to be applied\n`);
      const events = await watcher.waitUntilApplied(eventsBoundMs);
      const cpuUse = await cpu.stop();
      const profile =
        profiling === undefined ? undefined : { directory: profileDirectory!, parts: await profiling.stop() };
      const postedDuringLoad = events.ledger_transfers - seeded.ledger_transfers;
      // The ledger's own count: the transfers whose answers autocannon stopped waiting for at the end cost CPU too.
      const costed = postedDuringLoad > 0 ? postedDuringLoad : transfers.posted;
      figures = {
        runtime,
        workload,
        api: bulkSize === undefined ? 'single' : `bulk of ${bulkSize}${atomic ? ', atomic' : ''}`,
        users: userCount,
        wallets: walletCount,
        connections,
        yardstick,
        ...(peer === undefined ? {} : { peer }),
        seeding: {
          seconds: Math.round(seeding.seconds * 10) / 10,
          wallets_per_second: Math.round(walletCount / seeding.seconds),
          concurrency: seedConcurrency,
          initial_balance_minor: initialBalanceMinor,
        },
        transfers,
        ratio_to_r: ratioOf(transfers.transfers_per_second, yardstick.transfers_per_second),
        ...(peer === undefined
          ? {}
          : { ratio_to_peer: ratioOf(transfers.transfers_per_second, peer.transfers_per_second) }),
        cpu_ms_per_transfer: cpuMsPerTransfer(cpuUse, costed),
        cpu_ms_per_transfer_during_load: cpuMsPerTransfer(duringLoad, costed),
        cpu_ms_per_transfer_by_part: cpuMsPerTransferByPart(cpuUse, costed),
        cpu_percent_of_one_core: 'unavailable' in duringLoad ? duringLoad : duringLoad.percentOfOneCore,
        events: { ...events, ledger_transfers_during_load: postedDuringLoad },
        // The load is over; the check runs before the runtime stops, which stops the local runtime's database too.
        verify: verifyLedger(system),
        ...(profile === undefined ? {} : { profile }),
      };
    } finally {
      await watcher.close();
    }
    await system.stop();
    stopped = true;
    console.log(figuresTable(figures));
    console.log(JSON.stringify(figures));
    if ('exit_code' in figures.verify && figures.verify.exit_code !== 0) process.exitCode = 1;
    if (!figures.events.applied) process.exitCode = 1;
  } finally {
    if (!stopped) await system.stop();
  }
}

/** The thin peer on the same server, right after R (see peer.ts). */
async function peerOn(serverUrl: string, sqlPath: string, yardstick: Yardstick) {
  process.stderr.write(`thin peer: ${connections} connections for ${durationSeconds} s\n`);
  const peer = await measurePeer({
    serverUrl,
    pgledgerSql: sqlPath,
    accounts: walletCount,
    connections,
    pool: peerPool,
    seconds: durationSeconds,
    maxAmountMinor,
  });
  return { ...peer, ratio_to_r: ratioOf(peer.transfers_per_second, yardstick.transfers_per_second) };
}

// The distributed runtime's server is there without the runtime; the local runtime's comes with it.
if (options['yardstick-only'] && runtime === 'distributed')
  printYardstick(await yardstickOn(distributedServerUrl()));
else await measureWithSystem();
