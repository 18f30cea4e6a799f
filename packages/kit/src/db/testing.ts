import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { CloudEvent } from '../bus/types.js';
import type { MessagingTables } from '../messaging/tables.js';
import { migrateToLatest, openDatabase, type SqlMigration } from './database.js';

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

/** One sample of a Prometheus exposition: `name{labels} value`. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a `/metrics` answer (Prometheus text format), comments left out. */
export function metricSamples(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    const match = sampleLine.exec(line.trim());
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(labelPair)) {
      labels[key!] = value!.replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));
    }
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * The sum of the samples named `name` whose labels include `labels` (0 when there is
 * none): a counter's total over the labels left open.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  return metricSamples(text)
    .filter(
      (sample) =>
        sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** A clock that stands still until a test moves it; give `() => clock.now()` to a service. */
export class TestClock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
