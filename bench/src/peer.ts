import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from '@moneypal/kit';
import autocannon from 'autocannon';
import type pg from 'pg';
import { cpuMsPerTransfer, peerServerPart, startCpuSampling } from './cpu.js';
import { root } from './system.js';
import { withScratchDatabase } from './yardstick.js';

/**
 * The thin peer MoneyPal is compared with: pgledger (github.com/pgr0ss/pgledger, a double-entry
 * ledger in PL/pgSQL; its SQL is not part of this repository, the bench takes the path of a
 * checkout's pgledger.sql) behind peer-server.ts, on the PostgreSQL server MoneyPal uses, in a
 * scratch database dropped afterwards. As many accounts as MoneyPal has wallets, each funded
 * from one account that may go negative and refusing to go negative itself; autocannon sends
 * transfers between two random accounts over as many connections as MoneyPal gets. Its CPU
 * per transfer counts the server process and its database's backends.
 */

export interface PeerOptions {
  /** A role that may create databases on the server. */
  serverUrl: string;
  /** pgledger.sql of a pgledger checkout; its vendored ULID helpers are read from beside it. */
  pgledgerSql: string;
  accounts: number;
  connections: number;
  /** Connections of the server's pool to PostgreSQL. */
  pool: number;
  seconds: number;
  maxAmountMinor: number;
}

export interface PeerFigures {
  accounts: number;
  connections: number;
  pool: number;
  duration_seconds: number;
  /** Transfers written, counted in pgledger's transfers table afterwards (the funding left out). */
  transfers: number;
  transfers_per_second: number;
  p50_ms: number;
  p99_ms: number;
  /** Answers other than 201, by `"<status> <PostgreSQL error code>"`. */
  refused: Record<string, number>;
  socket_errors: number;
  /** Balances still sum to zero, every transfer's entries too, and no funded account is negative. */
  money_kept: boolean;
  cpu_percent_of_one_core: Record<string, number> | { unavailable: string };
  cpu_ms_per_transfer: number | null;
}

const initialBalanceMinor = 1_000_000_000;
const peerDatabase = 'pgledger';
/** The name cpu.ts gives the backends of the scratch database. */
const peerDatabasePart = `postgres (${peerDatabase} database)`;
const vendoredHelpers = ['ulid-to-uuid.sql', 'uuid-to-ulid.sql'];

/** pgledger's SQL in the order its README installs it: the vendored ULID helpers, then pgledger.sql. */
function pgledgerScripts(pgledgerSql: string): string[] {
  if (!existsSync(pgledgerSql)) throw new Error(`--pgledger-sql: no file ${pgledgerSql}`);
  const vendor = join(dirname(pgledgerSql), 'vendor/scoville-pgsql-ulid');
  const helpers = vendoredHelpers.map((file) => join(vendor, file));
  const own = readFileSync(pgledgerSql, 'utf8');
  if (helpers.every((path) => existsSync(path))) {
    return [...helpers.map((path) => readFileSync(path, 'utf8')), own];
  }
  if (/function\s+uuid_to_ulid/i.test(own)) return [own];
  throw new Error(
    `--pgledger-sql: pgledger.sql needs the ULID helpers of its checkout, not found in ${vendor}`,
  );
}

function startServer(databaseUrl: string, port: number, pool: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bench/dist/peer-server.js'),
      '--database-url',
      databaseUrl,
      '--port',
      String(port),
      '--pool',
      String(pool),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the peer server exited with ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Creates the accounts and funds each from one account that may go negative; returns the funded ones. */
async function seedAccounts(client: pg.Client, accounts: number): Promise<string[]> {
  const funding = await client.query<{ id: string }>(
    `select id from pgledger_create_account('bench funding', 'USD', true, true)`,
  );
  const fundingId = funding.rows[0]!.id;
  const created = await client.query<{ id: string }>(
    `select (pgledger_create_account('bench ' || n, 'USD', false, true)).id
       from generate_series(1, $1::int) n`,
    [accounts],
  );
  await client.query(
    `select count(*) from pgledger_create_transfers(
       array(select row($1::text, id, $2::numeric)::transfer_request
               from pgledger_accounts where id <> $1::text order by id))`,
    [fundingId, initialBalanceMinor],
  );
  return created.rows.map((row) => row.id);
}

export async function measurePeer(options: PeerOptions): Promise<PeerFigures> {
  const scripts = pgledgerScripts(options.pgledgerSql);
  return withScratchDatabase(options.serverUrl, 'moneypal_pgledger', async (client, databaseUrl) => {
    for (const script of scripts) await client.query(script);
    const accountIds = await seedAccounts(client, options.accounts);
    await client.query('analyze');
    const seeded = await client.query<{ transfers: string }>(
      'select count(*) as transfers from pgledger_transfers',
    );
    const port = await freePort();
    const server = await startServer(databaseUrl, port, options.pool);
    let result: autocannon.Result;
    const refused = new Map<string, number>();
    const cpu = await startCpuSampling({ [peerDatabase]: databaseUrl });
    try {
      result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method: 'POST',
            path: '/transfers',
            setupRequest: (request) => {
              const from = randomInt(accountIds.length);
              const to = (from + 1 + randomInt(accountIds.length - 1)) % accountIds.length;
              return {
                ...request,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                  from_account_id: accountIds[from],
                  to_account_id: accountIds[to],
                  amount: 1 + randomInt(options.maxAmountMinor),
                }),
              };
            },
            onResponse: (status, body) => {
              if (status === 201) return;
              let outcome = String(status);
              try {
                outcome = `${status} ${(JSON.parse(body) as { code?: string }).code ?? ''}`.trim();
              } catch {
                // No JSON body: the status alone.
              }
              refused.set(outcome, (refused.get(outcome) ?? 0) + 1);
            },
          },
        ],
      });
    } finally {
      await stopServer(server);
    }
    const cpuUse = await cpu.stop();
    const counted = await client.query<{ transfers: string; money_kept: boolean }>(
      `select (select count(*) from pgledger_transfers) - $1::bigint as transfers,
                (select sum(balance) from pgledger_accounts) = 0
                  and not exists (select 1 from pgledger_entries group by transfer_id having sum(amount) <> 0)
                  and not exists (select 1 from pgledger_accounts where balance < 0 and not allow_negative_balance)
                  as money_kept`,
      [seeded.rows[0]!.transfers],
    );
    const transfers = Number(counted.rows[0]!.transfers);
    return {
      accounts: options.accounts,
      connections: options.connections,
      pool: options.pool,
      duration_seconds: result.duration,
      transfers,
      transfers_per_second: Math.round(transfers / result.duration),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      refused: Object.fromEntries(refused),
      socket_errors: result.errors,
      money_kept: counted.rows[0]!.money_kept,
      cpu_percent_of_one_core: 'unavailable' in cpuUse ? cpuUse : cpuUse.percentOfOneCore,
      cpu_ms_per_transfer: cpuMsPerTransfer(
        cpuUse,
        transfers,
        (part) => part === peerServerPart || part === peerDatabasePart,
      ),
    };
  });
}
