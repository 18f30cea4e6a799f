import { randomUUID } from 'node:crypto';
import {
  type Actor,
  identityEvents,
  identityRequests,
  ledgerRequests,
  type Payment,
  paymentEventData,
  type User,
  type Wallet,
} from '@moneypal/contracts';
import {
  AppError,
  type CloudEvent,
  call,
  createContractEvent,
  createEvent,
  createLogger,
  type EventHandler,
  MemoryBroker,
  MemoryBus,
  newId,
  type SubscribeOptions,
  serve,
} from '@moneypal/kit';
import { createTestDatabase, TestClock, type TestDatabase } from '@moneypal/kit/testing';
import {
  defaultLedgerConfig,
  type LedgerTables,
  type LedgerVerdict,
  ledgerMigrations,
  startLedger,
  verifyLedger,
} from '../../ledger/src/index.js';
import { type BillingTables, billingMigrations, defaultBillingConfig, startBilling } from '../src/index.js';

/** Billing's end of the bus, which remembers its event handlers so a test can deliver an event again. */
class RecordingBus extends MemoryBus {
  readonly eventHandlers: Record<string, EventHandler> = {};

  override async subscribe(
    consumer: string,
    handlers: Record<string, EventHandler>,
    options?: SubscribeOptions,
  ): Promise<void> {
    Object.assign(this.eventHandlers, handlers);
    await super.subscribe(consumer, handlers, options);
  }
}

export interface TestUser {
  user: User;
  actor: Actor;
  /** The default wallet the ledger opened on `identity.user.created`. */
  wallet: Wallet;
}

export interface BillingHarness {
  database: TestDatabase<BillingTables>;
  ledgerDatabase: TestDatabase<LedgerTables>;
  /** The caller's end of the bus, as the gateway holds it. */
  client: MemoryBus;
  clock: TestClock;
  admin: Actor;
  /** Registers a user with the stand-in identity and lets the ledger open their default wallet. */
  createUser(): Promise<TestUser>;
  /** A payments event, as payments writes it. */
  paymentEvent(type: string, payment: Payment): CloudEvent;
  /** Publishes a payments event as payments' outbox relay would; resolves once billing applied it. */
  publishPaymentEvent(type: string, payment: Payment): Promise<CloudEvent>;
  /** Publishes an event as its outbox relay would; resolves once billing applied it. */
  publish(event: CloudEvent): Promise<void>;
  /** Hands an event to billing's handler again, as the bus does when an acknowledgement is lost. */
  redeliver(event: CloudEvent): Promise<void>;
  /** Starts another billing replica on the same database and bus; resolves to its stop. */
  startReplica(): Promise<() => Promise<void>>;
  verifyLedger(): Promise<LedgerVerdict>;
  close(): Promise<void>;
}

let sequence = 0;

/** A unique Idempotency-Key. */
export function newKey(label = 'key'): string {
  sequence += 1;
  return `${label}-${process.pid}-${sequence}-${randomUUID()}`;
}

/**
 * Billing and the real ledger, each on its own fresh database, on the real in-process
 * bus, called through the bus as the gateway calls them. Identity is a small responder
 * answering `identity.user.get` from a map of test users; payments is the test itself,
 * publishing payments events.
 */
export async function startHarness(options: { poolSize?: number } = {}): Promise<BillingHarness> {
  const poolSize = options.poolSize ?? 10;
  const [ledgerDatabase, database] = await Promise.all([
    createTestDatabase<LedgerTables>(await ledgerMigrations(), { poolSize }),
    createTestDatabase<BillingTables>(await billingMigrations(), { poolSize }),
  ]);
  const broker = new MemoryBroker();
  const logger = createLogger({ service: 'billing-test', level: 'silent' });
  const clock = new TestClock(new Date('2030-01-01T08:00:00.000Z'));
  const ledgerBus = broker.connect('ledger', logger);
  const ledger = await startLedger({
    config: defaultLedgerConfig,
    db: ledgerDatabase.db,
    bus: ledgerBus,
    logger,
    clock: () => clock.now(),
    outboxPollIntervalMs: 50,
  });
  const start = async () => {
    const bus = new RecordingBus('billing', broker, logger);
    const billing = await startBilling({
      config: defaultBillingConfig,
      db: database.db,
      bus,
      logger,
      clock: () => clock.now(),
      outboxPollIntervalMs: 50,
    });
    return {
      bus,
      stop: async () => {
        await billing.stop();
        await bus.close();
      },
    };
  };
  const billing = await start();
  const replicas: (() => Promise<void>)[] = [];

  const client = broker.connect('gateway', logger);
  const payments = broker.connect('payments', logger);
  const identity = broker.connect('identity', logger);
  const users = new Map<string, User>();
  await serve(identity, identityRequests.getUser, async (lookup) => {
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

  const paymentEvent = (type: string, payment: Payment) =>
    createContractEvent('payments', {
      type,
      schema: paymentEventData,
      subject: payment.id,
      data: { payment },
      time: clock.now(),
    });

  return {
    database,
    ledgerDatabase,
    client,
    clock,
    admin: { user_id: randomUUID(), role: 'admin' },
    async createUser() {
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
      };
      users.set(user.id, user);
      await identity.publish(
        createEvent({
          source: 'identity',
          type: identityEvents.userCreated,
          subject: user.id,
          data: { user },
          time: clock.now(),
        }),
      );
      const actor: Actor = { user_id: user.id, role: user.role };
      const page = await call(client, ledgerRequests.listWallets, { actor, limit: 10 });
      const wallet = page.data.find((item) => item.is_default);
      if (!wallet) throw new Error('the ledger opened no default wallet');
      return { user, actor, wallet };
    },
    paymentEvent,
    async publishPaymentEvent(type, payment) {
      const event = paymentEvent(type, payment);
      await payments.publish(event);
      return event;
    },
    publish: (event) => payments.publish(event),
    async redeliver(event) {
      const handler = billing.bus.eventHandlers[event.type];
      if (!handler) throw new Error(`billing has no handler of ${event.type}`);
      await handler(structuredClone(event), { attempt: 2, context: { requestId: event.id } });
    },
    async startReplica() {
      const replica = await start();
      replicas.push(replica.stop);
      return replica.stop;
    },
    verifyLedger: () => verifyLedger(ledgerDatabase.db),
    async close() {
      await Promise.all(replicas.map((stop) => stop()));
      await billing.stop();
      await ledger.stop();
      await ledgerBus.close();
      await Promise.all([client.close(), payments.close(), identity.close()]);
      broker.shutdown();
      await Promise.all([database.destroy(), ledgerDatabase.destroy()]);
    },
  };
}

/** A payment as payments publishes it when created: from the payer's default wallet. */
export function newPayment(
  payer: TestUser,
  overrides: Partial<Pick<Payment, 'paid_to' | 'amount' | 'description'>> = {},
  clock?: TestClock,
): Payment {
  const id = newId();
  const now = (clock?.now() ?? new Date()).toISOString();
  return {
    id,
    payer_id: payer.user.id,
    wallet_id: payer.wallet.id,
    paid_to: null,
    amount: 1_000,
    currency: 'USD',
    description: null,
    status: 'created',
    failure_reason: null,
    approve_url: `http://127.0.0.1/sandbox/approve/${id}`,
    paypal_order_id: `ORDER-${id}`,
    paypal_capture_id: null,
    sandbox: true,
    created_at: now,
    updated_at: now,
    captured_at: null,
    refunded_at: null,
    ...overrides,
  };
}

export function capturedPayment(payment: Payment): Payment {
  const now = new Date().toISOString();
  return {
    ...payment,
    status: 'captured',
    approve_url: null,
    paypal_capture_id: `CAPTURE-${payment.id}`,
    updated_at: now,
    captured_at: now,
  };
}

export function failedPayment(payment: Payment): Payment {
  return {
    ...payment,
    status: 'failed',
    failure_reason: 'declined',
    approve_url: null,
    updated_at: new Date().toISOString(),
  };
}

export function refundedPayment(payment: Payment): Payment {
  const now = new Date().toISOString();
  return { ...capturedPayment(payment), status: 'refunded', updated_at: now, refunded_at: now };
}

/** Credits a wallet from the back office, as an admin. */
export async function fund(harness: BillingHarness, walletId: string, amount: number) {
  return call(harness.client, ledgerRequests.deposit, {
    actor: harness.admin,
    wallet_id: walletId,
    amount,
    reference: 'test funding',
    source: 'back-office',
    idempotency_key: newKey('fund'),
  });
}

/** A wallet's balances, as its owner reads them from the ledger. */
export async function balancesOf(harness: BillingHarness, owner: TestUser, walletId = owner.wallet.id) {
  const wallet = await call(harness.client, ledgerRequests.getWallet, {
    actor: owner.actor,
    wallet_id: walletId,
  });
  return { main: wallet.main, savings: wallet.savings };
}

/** The invoice numbers taken so far, in order. */
export async function invoiceNumbers(harness: BillingHarness): Promise<number[]> {
  const rows = await harness.database.db
    .selectFrom('invoices')
    .select('invoice_no')
    .orderBy('invoice_no')
    .execute();
  return rows.map((row) => Number(row.invoice_no));
}

/** True when the numbers are exactly 1..n. */
export function isGapless(numbers: readonly number[]): boolean {
  return numbers.every((number, index) => number === index + 1);
}

export { failureOf, outboxEvents } from '@moneypal/kit/testing';
