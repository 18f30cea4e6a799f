import { randomBytes } from 'node:crypto';
import {
  type CloudEvent,
  type MessagingTables,
  migrateToLatest,
  openDatabase,
  type SqlMigration,
} from '@moneypal/kit';
import { type Kysely, sql } from 'kysely';

/**
 * The PostgreSQL server the tests run on: TEST_DATABASE_URL when given, otherwise the
 * embedded server that the suite's global setup (vitest.setup.ts) started for the run.
 */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests with vitest, whose global setup starts a server',
    );
  }
  return url;
}

/** Which server the tests run on, for test names, e.g. `embedded PostgreSQL 17` or `PostgreSQL 15`. */
export const testDatabaseLabel = process.env.TEST_DATABASE_LABEL ?? 'PostgreSQL';

export interface TestDatabase<Schema> {
  db: Kysely<Schema>;
  /** The connection string of the test database, for a second pool. */
  url: string;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new database on the test server
 * (`testServerUrl`), dropped afterwards.
 */
/** How long a test database's pool may take to end before its connections are ended for it. */
const poolEndGraceMs = 10_000;

export async function createTestDatabase<Schema>(
  migrations: SqlMigration[],
  options: { poolSize?: number } = {},
): Promise<TestDatabase<Schema>> {
  const serverUrl = testServerUrl();
  const name = `moneypal_test_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase<unknown>({ url: serverUrl, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase<Schema>({ url: url.toString(), poolSize: options.poolSize ?? 10 });
  await migrateToLatest(db, migrations);
  return {
    db,
    url: url.toString(),
    destroy: async () => {
      // The pool ends once every connection is back; one a test left inside a transaction
      // would hold it for ever, so after a grace period the database is dropped with its
      // connections, which gives them back.
      const ended = db.destroy();
      const graceful = await Promise.race([
        ended.then(() => true),
        new Promise<false>((resolve) => setTimeout(resolve, poolEndGraceMs, false).unref()),
      ]);
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
      if (!graceful) await ended.catch(() => undefined);
      await admin.destroy();
    },
  };
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

/** Empty databases on the test server for services that migrate their own, as the runtime starts them. */
export interface EmptyTestDatabases<Name extends string> {
  /** The database's name on the test server. */
  nameOf(name: Name): string;
  /** The connection string of the database. */
  urlOf(name: Name): string;
  create(): Promise<void>;
  /** Drops every one of them, ending the connections still open to them; those never created are skipped. */
  drop(): Promise<void>;
}

/** Empty databases on the test server (`testServerUrl`), one for each name, called `<prefix>_<name>`. */
export function emptyTestDatabases<Name extends string>(
  prefix: string,
  names: readonly Name[],
): EmptyTestDatabases<Name> {
  const serverUrl = testServerUrl();
  const nameOf = (name: Name) => `${prefix}_${name}`;
  const onServer = async (statementOf: (name: Name) => string) => {
    const server = await openDatabase<unknown>({ url: serverUrl, poolSize: 1 });
    try {
      for (const name of names) await sql.raw(statementOf(name)).execute(server);
    } finally {
      await server.destroy();
    }
  };
  return {
    nameOf,
    urlOf(name) {
      const url = new URL(serverUrl);
      url.pathname = `/${nameOf(name)}`;
      return url.toString();
    },
    create: () => onServer((name) => `create database ${nameOf(name)}`),
    drop: () => onServer((name) => `drop database if exists ${nameOf(name)} with (force)`),
  };
}
