import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded-postgres.js';

const scratch = mkdtempSync(join(tmpdir(), 'moneypal-embedded-test-'));
// As root the server runs as the postgres user, who must pass through this directory.
chmodSync(scratch, 0o755);
const running: EmbeddedPostgres[] = [];

afterAll(async () => {
  for (const server of running) await server.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function start(dataDir: string, password = 'first password'): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, password });
  running.push(server);
  return server;
}

async function query<Row extends object>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

function serverPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/*
 * One cluster through its life, in order: initialised, restarted, held by a running server,
 * killed, started again, and opened with the wrong password.
 */
describe('the embedded PostgreSQL server', () => {
  const dataDir = join(scratch, 'cluster');

  it('initialises a cluster on first start, listens on 127.0.0.1 only, and keeps its data across a restart', async () => {
    const first = await start(dataDir);
    expect(first.url).toMatch(/^postgres:\/\/postgres:.+@127\.0\.0\.1:\d+\/postgres$/);
    expect(first.version).toMatch(/^\d+\.\d+/);
    expect(await query(first.url, "select current_setting('listen_addresses') as listen")).toEqual([
      { listen: '127.0.0.1' },
    ]);
    await query(first.url, "create table kept (note text); insert into kept values ('before the restart')");
    await first.stop();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

    const second = await start(dataDir);
    expect(await query(second.url, 'select note from kept')).toEqual([{ note: 'before the restart' }]);
    await second.stop();
  });

  it('refuses to start a second server on a data directory a running server holds', async () => {
    const first = await start(dataDir);
    await expect(start(dataDir)).rejects.toThrow(/already running on .*cluster/);
    // The first server is untouched.
    expect(await query(first.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    await first.stop();
  });

  it('comes back after the server was killed (SIGKILL), with what it had committed', async () => {
    const first = await start(dataDir);
    await query(first.url, "insert into kept values ('committed before the kill')");
    process.kill(serverPid(dataDir), 'SIGKILL');
    await first.stop();
    // The killed server's pid file stays behind, naming a process that no longer runs.
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    const second = await start(dataDir);
    expect(await query(second.url, 'select note from kept order by note')).toEqual([
      { note: 'before the restart' },
      { note: 'committed before the kill' },
    ]);
    await second.stop();
  });

  it('refuses a password other than the one the cluster was initialised with', async () => {
    await expect(start(dataDir, 'another password')).rejects.toThrow(/refused the password/);
  });
});

describe('a throwaway embedded PostgreSQL server', () => {
  it('runs without durability, and its cluster is removed on stop', async () => {
    const server = await startEmbeddedPostgres({ password: 'throwaway', throwaway: true });
    running.push(server);
    const [row] = await query<{ fsync: string; directory: string }>(
      server.url,
      "select current_setting('fsync') as fsync, current_setting('data_directory') as directory",
    );
    expect(row!.fsync).toBe('off');
    expect(existsSync(row!.directory)).toBe(true);
    await server.stop();
    expect(existsSync(row!.directory)).toBe(false);
  });
});
