import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type Invoice,
  ledgerRequests,
  type Payment,
  paymentEventData,
  type Refund,
  type User,
} from '@moneypal/contracts';
import {
  type CloudEvent,
  call,
  createContractEvent,
  createLogger,
  type EventHandlers,
  isBatchHandler,
  MemoryBroker,
  MemoryBus,
  newId,
  type SubscribeOptions,
} from '@moneypal/kit';
import {
  answerUserLookups,
  createTestDatabase,
  newUser,
  paymentOf,
  registerWithLedger,
  StatementRecorder,
  TestClock,
  type TestDatabase,
  type TestUser,
} from '@moneypal/testing';
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
  readonly eventHandlers: EventHandlers = {};

  override async subscribe(
    consumer: string,
    handlers: EventHandlers,
    options?: SubscribeOptions,
  ): Promise<void> {
    Object.assign(this.eventHandlers, handlers);
    await super.subscribe(consumer, handlers, options);
  }
}

export interface BillingHarness {
  database: TestDatabase<BillingTables>;
  ledgerDatabase: TestDatabase<LedgerTables>;
  /** Every statement billing runs on its database. */
  statements: StatementRecorder;
  /** The caller's end of the bus, as the gateway holds it. */
  client: MemoryBus;
  clock: TestClock;
  admin: Actor;
  /** Registers a user with the stand-in identity and lets the ledger open their default wallet. */
  createUser(): Promise<TestUser>;
  /** A payments event, as payments writes it. */
  paymentEvent(type: string, payment: Payment, refund?: Refund): CloudEvent;
  /** Publishes a payments event as payments' outbox relay would; resolves once billing applied it. */
  publishPaymentEvent(type: string, payment: Payment, refund?: Refund): Promise<CloudEvent>;
  /** Publishes an event as its outbox relay would; resolves once billing applied it. */
  publish(event: CloudEvent): Promise<void>;
  /** Hands an event to billing's handler again, as the bus does when an acknowledgement is lost. */
  redeliver(event: CloudEvent): Promise<void>;
  /** Starts another billing replica on the same database and bus; resolves to its stop. */
  startReplica(): Promise<() => Promise<void>>;
  verifyLedger(): Promise<LedgerVerdict>;
  close(): Promise<void>;
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
  const statements = new StatementRecorder();
  const start = async () => {
    const bus = new RecordingBus('billing', broker, logger);
    const billing = await startBilling({
      config: defaultBillingConfig,
      db: database.db.withPlugin(statements),
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
  await answerUserLookups(identity, users);

  const paymentEvent = (type: string, payment: Payment, refund?: Refund) =>
    createContractEvent('payments', {
      type,
      schema: paymentEventData,
      subject: payment.id,
      data: { payment, ...(refund === undefined ? {} : { refund }) },
      time: clock.now(),
    });

  return {
    database,
    ledgerDatabase,
    statements,
    client,
    clock,
    admin: { user_id: randomUUID(), role: 'admin' },
    createUser: () =>
      registerWithLedger({ identity, client, users }, newUser({}, { now: clock.now() }), clock.now()),
    paymentEvent,
    async publishPaymentEvent(type, payment, refund) {
      const event = paymentEvent(type, payment, refund);
      await payments.publish(event);
      return event;
    },
    publish: (event) => payments.publish(event),
    async redeliver(event) {
      const handler = billing.bus.eventHandlers[event.type];
      if (!handler) throw new Error(`billing has no handler of ${event.type}`);
      const delivery = { attempt: 2, context: { requestId: event.id } };
      if (isBatchHandler(handler)) await handler.handle([structuredClone(event)], [delivery]);
      else await handler(structuredClone(event), delivery);
    },
    async startReplica() {
      const replica = await start();
      replicas.push(replica.stop);
      return replica.stop;
    },
    verifyLedger: () => verifyLedger(ledgerDatabase.db),
    async close() {
      // The ledger stops before billing: its relay's last publication waits until every
      // consumer group, billing's among them, has settled it, which a closed billing never does.
      await ledger.stop();
      await Promise.all(replicas.map((stop) => stop()));
      await billing.stop();
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
  return paymentOf({ payer_id: payer.user.id, wallet_id: payer.wallet.id, ...overrides }, clock?.now());
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
  return {
    ...capturedPayment(payment),
    status: 'refunded',
    updated_at: now,
    refunded_at: now,
    refunded_amount: payment.amount,
  };
}

/**
 * A captured payment after one more refund of `amount` completed at payments, with
 * `refundedBefore` given back by earlier ones; with the refund, as its event carries it.
 */
export function paymentWithRefund(
  payment: Payment,
  amount: number,
  refundedBefore = 0,
): { payment: Payment; refund: Refund } {
  const now = new Date().toISOString();
  const refund: Refund = {
    id: newId(),
    amount,
    status: 'completed',
    reason: null,
    paypal_refund_id: `REFUND-${randomUUID()}`,
    created_at: now,
    completed_at: now,
  };
  const refundedAmount = refundedBefore + amount;
  return {
    payment: {
      ...capturedPayment(payment),
      status: refundedAmount === payment.amount ? 'refunded' : 'partially_refunded',
      updated_at: now,
      refunded_at: now,
      refunded_amount: refundedAmount,
    },
    refund,
  };
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

/** An invoice as its events and a bill's answer carry it: without the parties' names, which reads add. */
export function withoutPartyNames(invoice: Invoice): Invoice {
  const {
    payer_name: _payerName,
    payer_handle: _payerHandle,
    payee_name: _payeeName,
    payee_handle: _payeeHandle,
    ...unnamed
  } = invoice;
  return unnamed;
}

export { failureOf, fund, newKey, outboxEvents, type TestUser } from '@moneypal/testing';
