import { createTestDatabase, type TestDatabase, testDatabaseLabel, testServerUrl } from '@moneypal/testing';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';

/*
 * What a service's pool does when PostgreSQL drops its connections (a restart, a failover,
 * `pg_terminate_backend`).
 */
describe(`a pool whose connections the server terminates, on ${testDatabaseLabel}`, () => {
  let database: TestDatabase<unknown>;
  let db: Kysely<unknown>;
  let server: Kysely<unknown>;

  beforeAll(async () => {
    database = await createTestDatabase<unknown>([]);
    db = database.db;
    server = await openDatabase<unknown>({ url: testServerUrl(), poolSize: 1 });
  });

  afterAll(async () => {
    await server.destroy();
    await database.destroy();
  });

  const terminate = (pid: number) => sql`select pg_terminate_backend(${pid})`.execute(server);
  const pidOf = async (executor: Kysely<unknown>) =>
    (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(executor)).rows[0]!.pid;

  it('survives losing a connection in the middle of a transaction: that transaction fails, the next one works', async () => {
    // Node would end the process (here: fail the run with an unhandled error) if the client
    // checked out by the transaction had no listener for the 'error' the termination emits.
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        await terminate(await pidOf(trx));
        // The termination reaches the client while the transaction does other work.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 1`.execute(trx);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('replaces idle connections the server dropped', async () => {
    const pids = await Promise.all(Array.from({ length: 4 }, () => pidOf(db)));
    for (const pid of new Set(pids)) await terminate(pid);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The first statements may meet a dead connection; within a few tries every one succeeds.
    let answered = 0;
    for (let attempt = 0; attempt < 20 && answered < 4; attempt += 1) {
      answered += (await Promise.allSettled(Array.from({ length: 4 }, () => pidOf(db)))).filter(
        (outcome) => outcome.status === 'fulfilled',
      ).length;
    }
    expect(answered).toBeGreaterThanOrEqual(4);
  });
});
