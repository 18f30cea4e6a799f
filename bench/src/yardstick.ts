import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuMsPerTransfer, startCpuSampling } from './cpu.js';
import { percentile, root } from './system.js';

/**
 * The yardstick R of bench:transfers: transfers per second of a one-round-trip plpgsql
 * `transfer()` function (bench/sql/yardstick-schema.sql) over `accounts` accounts, measured
 * on the PostgreSQL server MoneyPal uses, in a scratch database dropped afterwards. Driven by
 * pgbench (bench/sql/yardstick-transfer.sql) when it is on PATH, else by as many `pg`
 * connections in a loop. Every figure of MoneyPal is read as a ratio to it: this machine's
 * speed drifts from one day to the next, a ratio measured in one run does not.
 */

export interface YardstickOptions {
  /** A role that may create databases on the server. */
  serverUrl: string;
  accounts: number;
  connections: number;
  seconds: number;
  /** pgbench when it is on PATH, else the `pg` loop, unless one is named. */
  driver?: YardstickDriver;
}

export type YardstickDriver = 'pgbench' | 'pg';

export interface Yardstick {
  driver: YardstickDriver;
  accounts: number;
  connections: number;
  seconds: number;
  /** Transfers written, counted in the transfers table afterwards. */
  transfers: number;
  transfers_per_second: number;
  p50_ms: number;
  p99_ms: number;
  /** Calls answered false: the sender held less than the amount (none while balances are ample). */
  refused: number;
  /** Failed calls by PostgreSQL error (pgbench ends a client at its first one). */
  errors: Record<string, number>;
  /** Balances still sum to what was seeded and every transfer's entries to zero. */
  money_kept: boolean;
  cpu_percent_of_one_core: Record<string, number> | { unavailable: string };
  /** The server's backends of the scratch database only; the driver is not counted. */
  cpu_ms_per_transfer: number | null;
}

interface DriverRun {
  calls: number;
  transfersPerSecondOfCalls: number;
  latenciesMs: number[];
  errors: Record<string, number>;
}

const initialBalanceMinor = 1_000_000_000n;
const yardstickDatabase = 'yardstick';
/** The name cpu.ts gives the backends of the scratch database. */
const yardstickPart = `postgres (${yardstickDatabase} database)`;

export function pgbenchAvailable(): boolean {
  return spawnSync('pgbench', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs `work` with a connected client of a new database on the server of `serverUrl`, named
 * `<prefix>_<random>`, and drops the database afterwards, whatever happened.
 */
export async function withScratchDatabase<Result>(
  serverUrl: string,
  prefix: string,
  work: (client: pg.Client, databaseUrl: string) => Promise<Result>,
): Promise<Result> {
  const database = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  try {
    await admin.query(`create database ${database}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await work(client, databaseUrl);
    } finally {
      await client.end();
    }
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }
}

export async function measureYardstick(options: YardstickOptions): Promise<Yardstick> {
  return withScratchDatabase(options.serverUrl, 'moneypal_yardstick', async (client, databaseUrl) => {
    await client.query(readFileSync(join(root, 'bench/sql/yardstick-schema.sql'), 'utf8'));
    await client.query(
      'insert into accounts (id, balance) select id, $2 from generate_series(1, $1::bigint) id',
      [options.accounts, initialBalanceMinor.toString()],
    );
    await client.query('analyze');
    const driver = options.driver ?? (pgbenchAvailable() ? 'pgbench' : 'pg');
    const cpu = await startCpuSampling({ [yardstickDatabase]: databaseUrl });
    const run =
      driver === 'pgbench' ? await runPgbench(databaseUrl, options) : await runPgLoop(databaseUrl, options);
    const cpuUse = await cpu.stop();
    const counted = await client.query<{ transfers: string; money_kept: boolean }>(
      `select (select count(*) from transfers) as transfers,
                (select sum(balance) from accounts) = $1::numeric * $2::numeric
                  and not exists (select 1 from entries group by transfer_id having sum(amount) <> 0) as money_kept`,
      [options.accounts, initialBalanceMinor.toString()],
    );
    const transfers = Number(counted.rows[0]!.transfers);
    const sorted = run.latenciesMs.sort((left, right) => left - right);
    return {
      driver,
      accounts: options.accounts,
      connections: options.connections,
      seconds: options.seconds,
      transfers,
      // The driver's rate of calls (pgbench's leaves connecting out), of which refused ones moved nothing.
      transfers_per_second:
        run.calls === 0 ? 0 : Math.round((run.transfersPerSecondOfCalls * transfers) / run.calls),
      p50_ms: round(percentile(sorted, 0.5)),
      p99_ms: round(percentile(sorted, 0.99)),
      refused: Math.max(0, run.calls - transfers),
      errors: run.errors,
      money_kept: counted.rows[0]!.money_kept,
      cpu_percent_of_one_core: 'unavailable' in cpuUse ? cpuUse : cpuUse.percentOfOneCore,
      // MoneyPal idles meanwhile, yet its processes and NATS still use a little: R counts its own backends only.
      cpu_ms_per_transfer: cpuMsPerTransfer(cpuUse, transfers, (part) => part === yardstickPart),
    };
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * pgbench with prepared statements and one thread per core, logging every transaction's
 * latency into a temporary directory; a client that meets an error ends there.
 */
async function runPgbench(databaseUrl: string, options: YardstickOptions): Promise<DriverRun> {
  const url = new URL(databaseUrl);
  const logDirectory = mkdtempSync(join(tmpdir(), 'moneypal-yardstick-'));
  try {
    const args = [
      '--no-vacuum',
      '--protocol=prepared',
      `--client=${options.connections}`,
      `--jobs=${Math.min(options.connections, availableParallelism())}`,
      `--time=${options.seconds}`,
      `--file=${join(root, 'bench/sql/yardstick-transfer.sql')}`,
      `--define=accounts=${options.accounts}`,
      '--log',
      `--log-prefix=${join(logDirectory, 'pgbench')}`,
      `--host=${url.hostname}`,
      `--port=${url.port || '5432'}`,
      `--username=${decodeURIComponent(url.username) || 'postgres'}`,
      url.pathname.slice(1),
    ];
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
    const child = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exitCode = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const calls = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? 0);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? 0);
    if (calls === 0) throw new Error(`pgbench ran no transaction (exit ${exitCode}):\n${stdout}${stderr}`);
    const errors: Record<string, number> = {};
    for (const line of stderr.split('\n')) {
      const message = /ERROR:\s+(.*)$/.exec(line)?.[1];
      if (message !== undefined) errors[message] = (errors[message] ?? 0) + 1;
    }
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    if (failed > 0 && Object.keys(errors).length === 0) errors['failed transactions'] = failed;
    const latenciesMs: number[] = [];
    for (const file of readdirSync(logDirectory)) {
      for (const line of readFileSync(join(logDirectory, file), 'utf8').split('\n')) {
        // client_id transaction_no latency_us script_no epoch_s epoch_us; a failed one says "failed".
        const latencyUs = Number(line.split(' ')[2]);
        if (Number.isFinite(latencyUs) && line.length > 0) latenciesMs.push(latencyUs / 1000);
      }
    }
    return { calls, transfersPerSecondOfCalls: tps, latenciesMs, errors };
  } finally {
    rmSync(logDirectory, { recursive: true, force: true });
  }
}

/** The same load without pgbench: each connection calls `transfer()` in a loop, prepared once. */
async function runPgLoop(databaseUrl: string, options: YardstickOptions): Promise<DriverRun> {
  const clients = Array.from(
    { length: options.connections },
    () => new pg.Client({ connectionString: databaseUrl }),
  );
  await Promise.all(clients.map((client) => client.connect()));
  const latenciesMs: number[] = [];
  const errors: Record<string, number> = {};
  let calls = 0;
  const startedAt = performance.now();
  const deadline = startedAt + options.seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const from = 1 + randomInt(options.accounts);
          const to = 1 + ((from + randomInt(options.accounts - 1)) % options.accounts);
          const sentAt = performance.now();
          try {
            await client.query({
              name: 'transfer',
              text: 'select transfer($1, $2, $3)',
              values: [from, to, 1 + randomInt(100)],
            });
            calls += 1;
            latenciesMs.push(performance.now() - sentAt);
          } catch (error) {
            const code = (error as { code?: string }).code ?? 'no code';
            errors[code] = (errors[code] ?? 0) + 1;
          }
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return { calls, transfersPerSecondOfCalls: calls / seconds, latenciesMs, errors };
}
