import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Logger, openDatabase, startEmbeddedPostgres } from '@moneypal/kit';
import { sql } from 'kysely';

/** The services of the local runtime that keep a database, each its own, under a role of its own. */
export const localDatabaseServices = ['identity', 'ledger', 'payments', 'billing', 'notifications'] as const;
export type LocalDatabaseService = (typeof localDatabaseServices)[number];

/** The password of each service's role, kept with the local runtime's other generated secrets. */
export type ServicePasswords = Record<LocalDatabaseService, string>;

/**
 * On the server of `adminUrl` (a role that may create roles and databases), a role and a
 * database `moneypal_<service>` per service, the database owned by that role and closed to
 * every other (no CONNECT for PUBLIC), so that a service cannot read another's tables, as
 * in the distributed runtime. Safe to repeat on every start: what exists is kept, and each
 * role's password is set to the one given. Returns each service's connection string.
 */
export async function prepareServiceDatabases(
  adminUrl: string,
  passwords: ServicePasswords,
): Promise<Record<LocalDatabaseService, string>> {
  const admin = await openDatabase<unknown>({ url: adminUrl, poolSize: 1 });
  const urls = {} as Record<LocalDatabaseService, string>;
  try {
    for (const service of localDatabaseServices) {
      const name = `moneypal_${service}`;
      const password = sql.lit(passwords[service]);
      const role = await sql`select 1 from pg_roles where rolname = ${name}`.execute(admin);
      await (role.rows.length === 0
        ? sql`create role ${sql.id(name)} login password ${password}`
        : sql`alter role ${sql.id(name)} login password ${password}`
      ).execute(admin);
      const database = await sql`select 1 from pg_database where datname = ${name}`.execute(admin);
      if (database.rows.length === 0) {
        await sql`create database ${sql.id(name)} owner ${sql.id(name)}`.execute(admin);
      }
      await sql`revoke all on database ${sql.id(name)} from public`.execute(admin);
      const url = new URL(adminUrl);
      url.username = name;
      url.password = passwords[service];
      url.pathname = `/${name}`;
      urls[service] = url.toString();
    }
  } finally {
    await admin.destroy();
  }
  return urls;
}

export interface LocalDatabases {
  /** Each service's connection string. */
  urls: Record<LocalDatabaseService, string>;
  /** The server's address without credentials, for the start banner. */
  serverLabel: string;
  /** Stops the embedded server (nothing when DATABASE_URL named the server). */
  stop(): Promise<void>;
}

export interface LocalDatabaseOptions {
  /** MONEYPAL_DATA_DIR; the embedded server's cluster is its `postgres/` directory. */
  dataDir: string;
  /** An admin connection string: use that server and start none. */
  databaseUrl?: string;
  /** The embedded server's superuser password (generated once, kept with the secrets). */
  postgresPassword: string;
  passwords: ServicePasswords;
  logger?: Logger;
}

/**
 * The local runtime's databases: the embedded PostgreSQL server under the data directory
 * (or the server of DATABASE_URL), one database and role per service on it, and
 * `databases.json` in the data directory naming each service's connection string while it
 * runs (`npm run ledger:verify -- --data-dir <dir>` reads it).
 */
export async function startLocalDatabases(options: LocalDatabaseOptions): Promise<LocalDatabases> {
  refuseOldLayout(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true });
  const server = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(options.dataDir, 'postgres'),
        password: options.postgresPassword,
        ...(options.logger ? { logger: options.logger } : {}),
      });
  const adminUrl = server?.url ?? options.databaseUrl!;
  try {
    const urls = await prepareServiceDatabases(adminUrl, options.passwords);
    writeDatabasesFile(options.dataDir, urls);
    const address = new URL(adminUrl);
    return {
      urls,
      serverLabel: server
        ? `embedded PostgreSQL ${server.version} at 127.0.0.1:${server.port}`
        : `PostgreSQL at ${address.host} (DATABASE_URL)`,
      stop: async () => {
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

/**
 * Older versions kept each service's data in an embedded database directory of its own
 * (`<data dir>/<service>/`, holding a PG_VERSION file), which this version cannot read.
 * Such a directory is never touched: the user decides what becomes of it.
 */
export function refuseOldLayout(dataDir: string): void {
  const old = localDatabaseServices.filter((service) => existsSync(join(dataDir, service, 'PG_VERSION')));
  if (old.length === 0) return;
  throw new ConfigError([
    `${dataDir} holds data of an older MoneyPal (embedded database directories ${old.map((service) => `${service}/`).join(', ')}), ` +
      'which this version cannot read; it was left as it is. Move it aside ' +
      `(e.g. \`mv ${dataDir} ${dataDir}-old\`) to start afresh, or set MONEYPAL_DATA_DIR to another directory.`,
  ]);
}

function writeDatabasesFile(dataDir: string, urls: Record<LocalDatabaseService, string>): void {
  const file = join(dataDir, 'databases.json');
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(urls, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
