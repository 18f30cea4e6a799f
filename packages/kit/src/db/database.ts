import { readdir, readFile } from 'node:fs/promises';
import { Kysely, type Migration, Migrator, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';

/** Where a service keeps its data: its own PostgreSQL database, and how many connections it may hold. */
export interface DatabaseTarget {
  url: string;
  poolSize?: number;
}

const int8Oid = 20;

/**
 * Opens a database as Kysely. `int8` columns come back as `bigint`, so money never passes
 * through a JavaScript number on the way in.
 */
export async function openDatabase<Schema>(target: DatabaseTarget): Promise<Kysely<Schema>> {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8Oid ? BigInt : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A connection the server drops (a restart, a failover, `pg_terminate_backend`) emits
  // 'error' on its client, and Node ends the process on an 'error' nobody listens to. The
  // pool reports its idle clients' errors here; a client checked out by a transaction
  // between two statements has only the listener added below. Either way the statement in
  // flight fails with its own error (the caller answers `unavailable`), and the pool
  // discards the broken client when it comes back and opens a new one on demand.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** True when the database answers a trivial query. */
export async function pingDatabase<Schema>(db: Kysely<Schema>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** A forward-only migration: a name that sorts into place, and SQL that runs once. */
export interface SqlMigration {
  name: string;
  sql: string;
}

/** Reads `*.sql` files from a service's `migrations/` folder, in name order. */
export async function readSqlMigrations(folder: URL): Promise<SqlMigration[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => ({
      name: name.replace(/\.sql$/, ''),
      sql: await readFile(new URL(name, folder), 'utf8'),
    })),
  );
}

/**
 * Applies the migrations not yet applied, in name order, in one transaction: either all
 * of them apply or none does. Replicas that start together serialise on the migrator's lock. Applied migrations are
 * never edited or reverted: a change is a new migration.
 */
export async function migrateToLatest<Schema>(
  db: Kysely<Schema>,
  migrations: SqlMigration[],
): Promise<string[]> {
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          migrations.map((migration): [string, Migration] => [
            migration.name,
            { up: async (trx) => void (await sql.raw(migration.sql).execute(trx)) },
          ]),
        ),
    },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * Rows as one JSON parameter (`jsonb`), for `jsonb_to_recordset` or `rowsOf`: a statement
 * that writes many rows keeps one text and one parameter however many rows it writes,
 * instead of a VALUES list of a parameter per column and row, which costs more to build,
 * to send and to parse. Dates become ISO strings and bigints decimal strings, which
 * PostgreSQL reads back exactly.
 */
export function jsonRows(rows: readonly object[]): RawBuilder<unknown> {
  return sql`${stringifyRows(rows)}::jsonb`;
}

/**
 * Rows without a bigint go through `JSON.stringify` alone, half again as fast as with a
 * replacer; the first bigint met makes it throw, and the rows are written with one then.
 */
function stringifyRows(rows: readonly object[]): string {
  try {
    return JSON.stringify(rows);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(rows, exactJson);
  }
}

/** `jsonRows` as a set of `table`'s row type: keys name its columns, and absent keys read as null. */
export function rowsOf(table: string, rows: readonly object[]): RawBuilder<unknown> {
  return sql`jsonb_populate_recordset(null::${sql.table(table)}, ${jsonRows(rows)})`;
}

function exactJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
