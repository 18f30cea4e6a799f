import { migrateToLatest, newId } from '@moneypal/kit';
import { createTestDatabase, type TestDatabase, testDatabaseLabel } from '@moneypal/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationsTables, notificationsMigrations } from '../src/database.js';

let database: TestDatabase<NotificationsTables>;

beforeAll(async () => {
  const migrations = await notificationsMigrations();
  // The database as it was before the queue: pending and finished messages in `messages` alone.
  database = await createTestDatabase(migrations.filter(({ name }) => name < '0003'));
});

afterAll(async () => {
  await database?.destroy();
});

function messageOf(status: 'pending' | 'sent' | 'failed', nextAttemptAt: Date | null) {
  const now = new Date('2026-01-02T03:04:05.000Z');
  return {
    id: newId(),
    user_id: null,
    channel: 'email' as const,
    recipient: `${status}@example.com`,
    template: 'registration' as const,
    subject: 'Welcome',
    body: 'Hello',
    status,
    attempts: status === 'pending' ? 1 : 2,
    next_attempt_at: nextAttemptAt,
    expires_at: null,
    provider_id: status === 'sent' ? 'captured-1' : null,
    error: null,
    source_event_id: newId(),
    created_at: now,
    updated_at: now,
    sent_at: status === 'sent' ? now : null,
    claim_token: null,
    claimed_until: null,
  };
}

describe(`the message queue migration on ${testDatabaseLabel}`, () => {
  it('queues every pending message at its due time, and none that was sent or failed', async () => {
    const due = new Date('2026-01-02T03:05:00.000Z');
    const pending = messageOf('pending', due);
    const sent = messageOf('sent', null);
    const failed = messageOf('failed', null);
    await database.db.insertInto('messages').values([pending, sent, failed]).execute();

    await migrateToLatest(database.db, await notificationsMigrations());

    expect(await database.db.selectFrom('message_queue').selectAll().execute()).toEqual([
      { message_id: pending.id, next_attempt_at: due },
    ]);
    // The due index on messages is gone: no index of messages covers what an attempt changes.
    const { rows } = await sql<{ indexdef: string }>`
      select indexdef from pg_indexes where tablename = 'messages'`.execute(database.db);
    expect(rows.map(({ indexdef }) => indexdef).join('\n')).not.toMatch(/status|next_attempt_at/);
  });
});
