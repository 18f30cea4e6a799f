import { randomBytes } from 'node:crypto';
import pg from 'pg';
// The kit's source, not its build: the test command needs no build step.
import { startEmbeddedPostgres } from './packages/kit/src/db/embedded-postgres.js';

/**
 * The suite's global setup: without TEST_DATABASE_URL, one throwaway embedded PostgreSQL
 * server for the whole run, on which every test file creates its own database. The
 * variables set here reach the test workers, which start after this.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) {
    process.env.TEST_DATABASE_LABEL ??= `PostgreSQL ${await majorVersionOf(process.env.TEST_DATABASE_URL)}`;
    return undefined;
  }
  const server = await startEmbeddedPostgres({
    password: randomBytes(18).toString('base64url'),
    throwaway: true,
    settings: { max_connections: '500' },
  });
  process.env.TEST_DATABASE_URL = server.url;
  process.env.TEST_DATABASE_LABEL = `embedded PostgreSQL ${server.version.split('.')[0]}`;
  return () => server.stop();
}

async function majorVersionOf(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>(
      "select current_setting('server_version') as version",
    );
    return rows[0]!.version.split('.')[0]!;
  } finally {
    await client.end();
  }
}
