import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messagingMigration } from '@moneypal/kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventWatcher, watchEvents } from './event-lag.js';
import { root } from './system.js';

/**
 * The watcher on the tables it reads, made by the services' own migrations: the kit's outbox
 * and inbox in each database, the ledger's journal in the ledger's.
 */
const services = ['ledger', 'billing', 'notifications'] as const;
const serverUrl = process.env.TEST_DATABASE_URL!;
const prefix = `bench_event_lag_${randomBytes(4).toString('hex')}`;
const databaseUrls: Record<string, string> = {};
const clients: Record<string, pg.Client> = {};
let watcher: EventWatcher;

async function createDatabases(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const service of services) {
      await admin.query(`create database ${prefix}_${service}`);
      const url = new URL(serverUrl);
      url.pathname = `/${prefix}_${service}`;
      databaseUrls[service] = url.toString();
    }
  } finally {
    await admin.end();
  }
  for (const service of services) {
    const client = new pg.Client({ connectionString: databaseUrls[service] });
    await client.connect();
    await client.query(messagingMigration.sql);
    clients[service] = client;
  }
  for (const migration of ['0001_wallets.sql', '0002_transfers.sql']) {
    await clients.ledger!.query(readFileSync(join(root, 'services/ledger/migrations', migration), 'utf8'));
  }
}

/** A transfer in the ledger's journal and its event in the outbox, unsent; returns the event id. */
async function postTransfer(
  type: string,
  fromOwnerId: string | null,
  toOwnerId: string | null,
): Promise<string> {
  const transferId = randomUUID();
  const eventId = randomUUID();
  await clients.ledger!.query(
    `insert into transfers (id, type, amount, currency, from_owner_id, to_owner_id, idempotency_scope,
                            idempotency_key, created_at)
     values ($1, $2, 100, 'EUR', $3, $4, 'bench', $5, now())`,
    [transferId, type, fromOwnerId, toOwnerId, transferId],
  );
  await clients.ledger!.query(
    `insert into outbox (id, type, event) values ($1, 'ledger.transfer.posted', '{}')`,
    [eventId],
  );
  return eventId;
}

async function markSent(): Promise<void> {
  await clients.ledger!.query('update outbox set sent_at = now() where sent_at is null');
}

async function apply(service: 'billing' | 'notifications', eventId: string): Promise<void> {
  await clients[service]!.query(
    `insert into inbox (consumer, event_id, event_type) values ($1, $2, 'ledger.transfer.posted')`,
    [service, eventId],
  );
}

beforeAll(async () => {
  await createDatabases();
  watcher = await watchEvents(databaseUrls);
});

afterAll(async () => {
  await watcher?.close();
  for (const client of Object.values(clients)) await client.end();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const service of services)
    await admin.query(`drop database if exists ${prefix}_${service} with (force)`);
  await admin.end();
});

describe('watchEvents', () => {
  it('waits for the outbox and both consumers, and counts for notifications only transfers between two users', async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const deposit = await postTransfer('deposit', null, alice);
    const payment = await postTransfer('transfer', alice, bob);
    const ownWallets = await postTransfer('transfer', alice, alice);

    expect(await watcher.read()).toEqual({
      ledger_transfers: 3,
      ledger_transfers_between_users: 1,
      outbox_unsent: 3,
      billing_applied: 0,
      notifications_applied: 0,
    });
    await markSent();
    for (const eventId of [deposit, payment, ownWallets]) await apply('billing', eventId);
    const notificationsBehind = await watcher.waitUntilApplied(300);
    expect(notificationsBehind).toMatchObject({
      applied: false,
      bound_seconds: 0.3,
      notifications_applied: 0,
    });
    expect(notificationsBehind.seconds).toBeGreaterThanOrEqual(0.3);

    setTimeout(() => void apply('notifications', payment), 300);
    const applied = await watcher.waitUntilApplied(5_000);

    expect(applied).toMatchObject({
      applied: true,
      ledger_transfers: 3,
      ledger_transfers_between_users: 1,
      outbox_unsent: 0,
      billing_applied: 3,
      notifications_applied: 1,
    });
    expect(applied.seconds).toBeGreaterThanOrEqual(0.3);
    expect(applied.seconds).toBeLessThan(5);
  });

  it('is not done while an event waits in the outbox, even when every consumer has caught up', async () => {
    await postTransfer('deposit', null, randomUUID());
    const eventIds = (
      await clients.ledger!.query<{ id: string }>('select id from outbox where sent_at is null')
    ).rows;
    for (const { id } of eventIds) await apply('billing', id);

    expect(await watcher.waitUntilApplied(200)).toMatchObject({ applied: false, outbox_unsent: 1 });
    await markSent();
    expect(await watcher.waitUntilApplied(2_000)).toMatchObject({ applied: true, outbox_unsent: 0 });
  });
});
