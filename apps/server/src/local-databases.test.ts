import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, startEmbeddedPostgres } from '@moneypal/kit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type LocalDatabases,
  localDatabaseServices,
  type ServicePasswords,
  startLocalDatabases,
} from './local-databases.js';

const scratch = mkdtempSync(join(tmpdir(), 'moneypal-local-databases-'));
// As root the server runs as the postgres user, who must pass through this directory.
chmodSync(scratch, 0o755);
const started: LocalDatabases[] = [];

afterAll(async () => {
  for (const databases of started) await databases.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const passwords = Object.fromEntries(
  localDatabaseServices.map((service) => [service, `${service} password`]),
) as ServicePasswords;

async function startOn(dataDir: string, databaseUrl?: string): Promise<LocalDatabases> {
  const databases = await startLocalDatabases({
    dataDir,
    postgresPassword: 'superuser password',
    passwords,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  });
  started.push(databases);
  return databases;
}

async function query<Row extends object>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('the local runtime’s databases', () => {
  it('runs an embedded server under the data directory, with a database per service that keeps its data across a restart', async () => {
    const dataDir = join(scratch, 'restart');
    const first = await startOn(dataDir);
    expect(first.serverLabel).toMatch(/^embedded PostgreSQL \d+/);
    expect(JSON.parse(readFileSync(join(dataDir, 'databases.json'), 'utf8'))).toEqual(first.urls);
    await query(first.urls.ledger, "create table kept (note text); insert into kept values ('acknowledged')");
    await first.stop();

    const second = await startOn(dataDir);
    expect(await query(second.urls.ledger, 'select note from kept')).toEqual([{ note: 'acknowledged' }]);
    await second.stop();
    // Two initdb-sized starts: generous, since the suite shares the machine with the others.
  }, 120_000);

  it('gives each service a role that can reach its own database and no other', async () => {
    // The cluster of the test above, whose ledger database holds a table.
    const databases = await startOn(join(scratch, 'restart'));

    const identityOnLedger = new URL(databases.urls.identity);
    identityOnLedger.pathname = '/moneypal_ledger';
    await expect(query(identityOnLedger.toString(), 'select * from kept')).rejects.toThrow(
      /permission denied for database "moneypal_ledger"/,
    );
    const superuserless = await query<{ rolsuper: boolean; rolcreatedb: boolean }>(
      databases.urls.identity,
      'select rolsuper, rolcreatedb from pg_roles where rolname = current_user',
    );
    expect(superuserless).toEqual([{ rolsuper: false, rolcreatedb: false }]);
    await databases.stop();
  });

  it('uses the server of DATABASE_URL when given, and starts none', async () => {
    const server = await startEmbeddedPostgres({ password: 'own server', throwaway: true });
    try {
      const dataDir = join(scratch, 'own-server');
      const databases = await startOn(dataDir, server.url);
      expect(databases.serverLabel).toContain('DATABASE_URL');
      expect(new URL(databases.urls.billing).port).toBe(String(server.port));
      expect(await query(databases.urls.billing, 'select current_database() as name')).toEqual([
        { name: 'moneypal_billing' },
      ]);
      expect(readdirSync(dataDir)).toEqual(['databases.json']);
      await databases.stop();
    } finally {
      await server.stop();
    }
  });

  it('refuses a data directory of an older version (a database directory per service) and leaves it as it is', async () => {
    const dataDir = join(scratch, 'old');
    mkdirSync(join(dataDir, 'ledger'), { recursive: true });
    writeFileSync(join(dataDir, 'ledger', 'PG_VERSION'), '17\n');
    writeFileSync(join(dataDir, 'secrets.json'), '{}\n');

    const failure = await startOn(dataDir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toMatch(
      /older MoneyPal .*ledger\/.*left as it is.*MONEYPAL_DATA_DIR/s,
    );
    expect(readdirSync(dataDir).sort()).toEqual(['ledger', 'secrets.json']);
    expect(readFileSync(join(dataDir, 'ledger', 'PG_VERSION'), 'utf8')).toBe('17\n');
  });
});
