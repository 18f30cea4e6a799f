import { randomUUID } from 'node:crypto';
import {
  type Actor,
  identityEvents,
  identityRequests,
  ledgerRequests,
  type User,
  type Wallet,
} from '@moneypal/contracts';
import {
  AppError,
  type CloudEvent,
  call,
  createEvent,
  createLogger,
  MemoryBroker,
  type MemoryBus,
  serve,
} from '@moneypal/kit';
import {
  createTestDatabase,
  outboxEvents as outboxEventsOf,
  TestClock,
  type TestDatabase,
} from '@moneypal/kit/testing';
import {
  defaultLedgerConfig,
  type LedgerConfig,
  type LedgerTables,
  ledgerMigrations,
  startLedger,
} from '../src/index.js';

export interface TestUser {
  user: User;
  actor: Actor;
  /** The default wallet the ledger opened on `identity.user.created`. */
  wallet: Wallet;
}

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
  close(): Promise<void>;
}

let sequence = 0;

/** A unique Idempotency-Key. */
export function newKey(label = 'key'): string {
  sequence += 1;
  return `${label}-${process.pid}-${sequence}-${randomUUID()}`;
}

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
    config: { ...defaultLedgerConfig, ...options.config },
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
  await serve(identity, identityRequests.getUser, async (lookup) => {
    await identityGate;
    const found = [...users.values()].find((user) =>
      'id' in lookup
        ? user.id === lookup.id
        : 'email' in lookup
          ? user.email.toLowerCase() === lookup.email.toLowerCase()
          : user.user_name.toLowerCase() === lookup.user_name.toLowerCase(),
    );
    if (!found) throw new AppError('user_not_found', 'no such user');
    return found;
  });

  const publishUserEvent = async (type: string, subject: string, data: unknown, id?: string) => {
    const event = createEvent({ source: 'identity', type, subject, data, time: clock.now() });
    const sent = id === undefined ? event : { ...event, id };
    await identity.publish(sent);
    return sent;
  };

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
    async createUser(overrides = {}) {
      sequence += 1;
      const tag = `${process.pid}x${sequence}`;
      const now = clock.now().toISOString();
      const user: User = {
        id: randomUUID(),
        first_name: 'Ada',
        last_name: 'Lovelace',
        user_name: `ada${tag}`,
        email: `ada${tag}@example.com`,
        phone: null,
        role: 'user',
        two_factor_enabled: false,
        created_at: now,
        updated_at: now,
        ...overrides,
      };
      users.set(user.id, user);
      await publishUserEvent(identityEvents.userCreated, user.id, { user });
      const actor: Actor = { user_id: user.id, role: user.role };
      const page = await call(client, ledgerRequests.listWallets, { actor, limit: 10 });
      const wallet = page.data.find((item) => item.is_default);
      if (!wallet) throw new Error('the ledger opened no default wallet');
      return { user, actor, wallet };
    },
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

/** Credits a wallet from the back office, as an admin. */
export async function fund(harness: LedgerHarness, walletId: string, amount: number) {
  return call(harness.client, ledgerRequests.deposit, {
    actor: harness.admin,
    wallet_id: walletId,
    amount,
    reference: 'test funding',
    source: 'back-office',
    idempotency_key: newKey('fund'),
  });
}

export { failureOf } from '@moneypal/kit/testing';

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
