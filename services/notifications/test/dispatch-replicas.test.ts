import { notificationsEvents } from '@moneypal/contracts';
import { openDatabase } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordOf, deletedContactRecord } from '../src/domain/contact.js';
import { type NotificationsTables, startNotifications } from '../src/index.js';
import { markContactDeleted, saveContact } from '../src/repositories/contact.repository.js';
import { type NotificationsHarness, outboxEvents, startHarness } from './notifications-harness.js';

/*
 * Replicas of the notifications service share one PostgreSQL database; only separate
 * connections can claim messages concurrently the way two replicas do.
 */

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

describe(`notifications replicas sharing one database on ${testDatabaseLabel}`, () => {
  it('never sends one message twice when two replicas dispatch at once', async () => {
    const otherDb = await openDatabase<NotificationsTables>({
      url: harness.database.url,
      poolSize: 5,
    });
    // The second replica joins the same consumer group, so events are shared between both.
    const replicaBus = harness.broker.connect('notifications', harness.logger);
    const replica = await startNotifications({
      config: harness.config,
      db: otherDb,
      bus: replicaBus,
      logger: harness.logger,
      clock: () => harness.clock.now(),
      dispatchIntervalMs: 3_600_000,
    });
    try {
      // Every first attempt fails while the SMTP server is down, so that all the messages
      // come due again at one instant, when both replicas claim from the same rows at once.
      const users = Array.from({ length: 40 }, () => harness.addUser());
      await harness.sink.stop();
      try {
        await Promise.all(users.map((user) => harness.userCreated(user)));
        await Promise.all([harness.notifications.dispatchNow(), replica.dispatchNow()]);
      } finally {
        await harness.sink.start();
      }
      harness.sink.acceptDelayMs = 10;
      harness.clock.advance(1_000);
      await Promise.all([
        harness.notifications.dispatchNow(),
        replica.dispatchNow(),
        harness.notifications.dispatchNow(),
        replica.dispatchNow(),
      ]);
      for (const user of users) expect(harness.sink.receivedBy(user.email)).toHaveLength(1);
      const rows = await harness.database.db
        .selectFrom('messages')
        .select(['id', 'status', 'attempts', 'claim_token'])
        .where(
          'user_id',
          'in',
          users.map((user) => user.id),
        )
        .execute();
      expect(rows).toHaveLength(40);
      expect(
        rows.every((row) => row.status === 'sent' && row.attempts === 2 && row.claim_token === null),
      ).toBe(true);
      const sentEvents = (await outboxEvents(harness.database.db, notificationsEvents.messageSent)).filter(
        (event) => rows.some((row) => row.id === event.subject),
      );
      expect(sentEvents).toHaveLength(40);
    } finally {
      harness.sink.acceptDelayMs = 0;
      await replica.stop();
      await replicaBus.close();
      await otherDb.destroy();
    }
  });

  it('keeps the newest state of a user, and the deletion, when replicas write a contact at once', async () => {
    const otherDb = await openDatabase<NotificationsTables>({
      url: harness.database.url,
      poolSize: 5,
    });
    try {
      const user = harness.addUser();
      const start = Date.parse(user.updated_at);
      const versions = Array.from({ length: 20 }, (_, index) =>
        contactRecordOf({
          ...user,
          first_name: `Version ${index}`,
          updated_at: new Date(start + index * 1_000).toISOString(),
        }),
      );
      // Newest first, so that the older writes would win if the order of arrival decided.
      const writes = [...versions].reverse();
      await Promise.all(
        writes.map((contact, index) => saveContact(index % 2 === 0 ? harness.database.db : otherDb, contact)),
      );
      expect(await harness.contactOf(user.id)).toMatchObject({
        first_name: 'Version 19',
        updated_at: versions[19]!.updated_at,
      });

      const deletedAt = new Date(start + 60_000);
      const late = contactRecordOf({ ...user, updated_at: new Date(start + 120_000).toISOString() });
      await Promise.all([
        ...Array.from({ length: 5 }, () => saveContact(otherDb, late)),
        markContactDeleted(
          harness.database.db,
          deletedContactRecord({ user_id: user.id, user_name: user.user_name, email: user.email }, deletedAt),
        ),
        ...Array.from({ length: 5 }, () => saveContact(otherDb, late)),
      ]);
      expect(await harness.contactOf(user.id)).toMatchObject({
        first_name: null,
        phone: null,
        deleted_at: deletedAt,
      });
    } finally {
      await otherDb.destroy();
    }
  });
});
