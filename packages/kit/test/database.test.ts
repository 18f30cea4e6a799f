import { createTestDatabase, type TestDatabase, testDatabaseLabel } from '@moneypal/testing';
import { type Generated, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/database.js';

interface Schema {
  notes: { id: Generated<number>; text: string; amount_minor: Generated<bigint> };
}

const migrations = [
  {
    name: '0001_notes',
    sql: `
      create table notes (id serial primary key, text text not null, amount_minor bigint not null default 0);
      create index notes_text_idx on notes (text);
    `,
  },
];

/** What the driver makes of the database: the same on the embedded server and on TEST_DATABASE_URL. */
describe(`a test database on ${testDatabaseLabel}`, () => {
  let database: TestDatabase<Schema>;
  let db: Kysely<Schema>;

  beforeAll(async () => {
    database = await createTestDatabase<Schema>(migrations);
    db = database.db;
  });

  afterAll(async () => {
    await database.destroy();
  });

  it('returns int8 columns as bigint, beyond 2^53 exactly', async () => {
    await db.insertInto('notes').values({ text: 'big', amount_minor: 9007199254740993n }).execute();

    const row = await db
      .selectFrom('notes')
      .select('amount_minor')
      .where('text', '=', 'big')
      .executeTakeFirstOrThrow();

    expect(row.amount_minor).toBe(9007199254740993n);
  });

  it('writes rows read from one JSON parameter exactly: bigints, odd text, absent columns', async () => {
    const texts = ['rows "quoted" \\ back\nslash', 'ünïcødé ✓', "it's"];
    await sql`
      insert into notes (text, amount_minor)
      select text, coalesce(amount_minor, 7) from ${rowsOf('notes', [
        { text: texts[0], amount_minor: 9007199254740993n },
        { text: texts[1], amount_minor: -1n },
        { text: texts[2] },
      ])}
    `.execute(db);

    const rows = await db
      .selectFrom('notes')
      .select(['text', 'amount_minor'])
      .where('text', 'in', texts)
      .orderBy('id')
      .execute();

    expect(rows).toEqual([
      { text: texts[0], amount_minor: 9007199254740993n },
      { text: texts[1], amount_minor: -1n },
      { text: texts[2], amount_minor: 7n },
    ]);
  });

  it('reports how many rows an update changed', async () => {
    await db
      .insertInto('notes')
      .values([{ text: 'count' }, { text: 'count' }])
      .execute();

    const result = await db
      .updateTable('notes')
      .set({ amount_minor: 1n })
      .where('text', '=', 'count')
      .executeTakeFirst();

    expect(result.numUpdatedRows).toBe(2n);
  });

  it('runs a transaction at the isolation level asked for', async () => {
    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(
        async (trx) =>
          (await sql<{ transaction_isolation: string }>`show transaction_isolation`.execute(trx)).rows[0],
      );

    expect(level?.transaction_isolation).toBe('serializable');
  });

  it('refuses writes in a read-only transaction', async () => {
    await expect(
      db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => trx.insertInto('notes').values({ text: 'read only' }).execute()),
    ).rejects.toThrow(/read-only transaction/);
  });

  it('rolls back to a savepoint and keeps the work before it', async () => {
    const trx = await db.startTransaction().execute();
    await trx.insertInto('notes').values({ text: 'kept' }).execute();
    const withSavepoint = await trx.savepoint('before_discarded').execute();
    await withSavepoint.insertInto('notes').values({ text: 'discarded' }).execute();
    await withSavepoint.rollbackToSavepoint('before_discarded').execute();
    await withSavepoint.commit().execute();

    const texts = await db
      .selectFrom('notes')
      .select('text')
      .where('text', 'in', ['kept', 'discarded'])
      .execute();

    expect(texts).toEqual([{ text: 'kept' }]);
  });

  it('rolls back every statement of a failed transaction', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ text: 'rolled back' }).execute();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    const rows = await db.selectFrom('notes').select('id').where('text', '=', 'rolled back').execute();
    expect(rows).toEqual([]);
  });
});
