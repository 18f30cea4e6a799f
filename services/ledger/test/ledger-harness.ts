import { randomUUID } from 'node:crypto';
import type { Actor, User } from '@moneypal/contracts';
import { type CloudEvent, createLogger, MemoryBroker, type MemoryBus } from '@moneypal/kit';
import {
  answerUserLookups,
  createTestDatabase,
  newUser,
  outboxEvents as outboxEventsOf,
  publishIdentityEvent,
  registerWithLedger,
  TestClock,
  type TestDatabase,
  type TestUser,
} from '@moneypal/testing';
import {
  defaultLedgerConfig,
  type LedgerConfig,
  type LedgerTables,
  ledgerMigrations,
  startLedger,
} from '../src/index.js';

export interface LedgerHarness {
  database: TestDatabase<LedgerTables>;
  broker: MemoryBroker;
  /** The caller's end of the bus, as the gateway or another service would hold it. */
  client: MemoryBus;
  /** Identity's end of the bus: it answers `identity.user.get` from `users` and publishes user events. */
  identity: MemoryBus;
  users: Map<string, User>;
  /** Holds identity's answers until the returned function is called, so a request stays in flight. */
  holdIdentityAnswers(): () => void;
  clock: TestClock;
  admin: Actor;
  /** Registers a user with the stand-in identity and lets the ledger open their default wallet. */
  createUser(overrides?: Partial<User>): Promise<TestUser>;
  /** Publishes an identity event as identity's outbox relay would; resolves once the ledger applied it. */
  publishUserEvent(type: string, subject: string, data: unknown, id?: string): Promise<CloudEvent>;
  /** One sweep of the holds due at the clock's time (the ledger's own timer is left idle). */
  expireDueHolds(): Promise<number>;
  /** Another ledger replica on the same database and clock, on a broker of its own. */
  startReplica(): Promise<{ expireDueHolds(): Promise<number>; stop(): Promise<void> }>;
  close(): Promise<void>;
}

/** Tests drive the expiry of holds themselves, at the test clock's time. */
const idleHoldExpiryIntervalMs = 3_600_000;

/**
 * The ledger on a fresh database and the real in-process bus, called through the bus as
 * the gateway calls it. Identity is a separate service: a small responder stands in for
 * its `identity.user.get`, answering from a map of test users.
 */
export async function startHarness(
  options: { config?: Partial<LedgerConfig>; poolSize?: number; idempotencyCleanupIntervalMs?: number } = {},
): Promise<LedgerHarness> {
  const database = await createTestDatabase<LedgerTables>(await ledgerMigrations(), {
    poolSize: options.poolSize ?? 10,
  });
  const broker = new MemoryBroker();
  const logger = createLogger({ service: 'ledger', level: 'silent' });
  const clock = new TestClock(new Date('2030-01-01T00:00:00.000Z'));
  const bus = broker.connect('ledger', logger);
  const ledger = await startLedger({
    config: { ...defaultLedgerConfig, holdExpiryIntervalMs: idleHoldExpiryIntervalMs, ...options.config },
    db: database.db,
    bus,
    logger,
    clock: () => clock.now(),
    outboxPollIntervalMs: 50,
    ...(options.idempotencyCleanupIntervalMs === undefined
      ? {}
      : { idempotencyCleanupIntervalMs: options.idempotencyCleanupIntervalMs }),
  });
  const client = broker.connect('gateway', logger);
  const identity = broker.connect('identity', logger);
  const users = new Map<string, User>();
  let identityGate: Promise<void> = Promise.resolve();
  await answerUserLookups(identity, users, () => identityGate);

  const publishUserEvent = (type: string, subject: string, data: unknown, id?: string) =>
    publishIdentityEvent(identity, {
      type,
      subject,
      data,
      time: clock.now(),
      ...(id === undefined ? {} : { id }),
    });

  return {
    database,
    broker,
    client,
    holdIdentityAnswers: () => {
      let release!: () => void;
      identityGate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return release;
    },
    identity,
    users,
    clock,
    admin: { user_id: randomUUID(), role: 'admin' },
    publishUserEvent,
    expireDueHolds: () => ledger.expireDueHolds(),
    async startReplica() {
      const replicaBroker = new MemoryBroker();
      const replicaBus = replicaBroker.connect('ledger', logger);
      const replica = await startLedger({
        config: { ...defaultLedgerConfig, holdExpiryIntervalMs: idleHoldExpiryIntervalMs },
        db: database.db,
        bus: replicaBus,
        logger,
        clock: () => clock.now(),
      });
      return {
        expireDueHolds: () => replica.expireDueHolds(),
        async stop() {
          await replica.stop();
          await replicaBus.close();
          replicaBroker.shutdown();
        },
      };
    },
    createUser: (overrides = {}) =>
      registerWithLedger({ identity, client, users }, newUser(overrides, { now: clock.now() }), clock.now()),
    async close() {
      await ledger.stop();
      await bus.close();
      await client.close();
      await identity.close();
      broker.shutdown();
      await database.destroy();
    },
  };
}

export { failureOf, fund, newKey, type TestUser } from '@moneypal/testing';

/** The events in the outbox, oldest first, optionally of one type. */
export function outboxEvents(harness: LedgerHarness, type?: string): Promise<CloudEvent[]> {
  return outboxEventsOf(harness.database.db, type);
}

/** How many transfers the ledger holds. */
export async function transferCount(harness: LedgerHarness): Promise<number> {
  const row = await harness.database.db
    .selectFrom('transfers')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
