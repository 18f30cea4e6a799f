import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { CloudEvent } from '../bus/types.js';
import type { MessagingTables } from '../messaging/tables.js';
import { migrateToLatest, openDatabase, type SqlMigration } from './database.js';

/** The database the tests run on, as TEST_DATABASE_URL chooses it; for test names. */
export const testDatabaseLabel = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';

export interface TestDatabase<Schema> {
  db: Kysely<Schema>;
  /** `postgres` when TEST_DATABASE_URL is set, else `pglite`. */
  kind: 'postgres' | 'pglite';
  /** The connection string of the test database (postgres only), for a second pool. */
  url?: string;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL (dropped afterwards), or an in-memory PGlite instance.
 */
export async function createTestDatabase<Schema>(
  migrations: SqlMigration[],
  options: { poolSize?: number } = {},
): Promise<TestDatabase<Schema>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase<Schema>({ kind: 'pglite', dataDir: 'memory://' });
    await migrateToLatest(db, migrations);
    return { db, kind: 'pglite', destroy: () => db.destroy() };
  }
  const name = `moneypal_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase<unknown>({ kind: 'postgres', url: serverUrl, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase<Schema>({
    kind: 'postgres',
    url: url.toString(),
    poolSize: options.poolSize ?? 10,
  });
  await migrateToLatest(db, migrations);
  return {
    db,
    kind: 'postgres',
    url: url.toString(),
    destroy: async () => {
      await db.destroy();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
      await admin.destroy();
    },
  };
}

/** The rejection of a promise as an object with `code`, or a failure when it resolved. */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The events in a service's outbox, oldest first, optionally of one type. */
export async function outboxEvents<Schema extends MessagingTables>(
  database: Kysely<Schema>,
  type?: string,
): Promise<CloudEvent[]> {
  const db = database as unknown as Kysely<MessagingTables>;
  let query = db.selectFrom('outbox').select(['event']).orderBy('id');
  if (type !== undefined) query = query.where('type', '=', type);
  return (await query.execute()).map((row) => row.event);
}
