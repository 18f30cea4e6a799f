import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Actor,
  identityEvents,
  identityRequests,
  ledgerRequests,
  type Payment,
  paymentsRequests,
  type User,
  type Wallet,
} from '@moneypal/contracts';
import {
  AppError,
  type CircuitBreakerOptions,
  type CloudEvent,
  call,
  createEvent,
  createLogger,
  MemoryBroker,
  type MemoryBus,
  ServiceMetrics,
  serve,
} from '@moneypal/kit';
import { createTestDatabase, outboxEvents, type TestDatabase } from '@moneypal/kit/testing';
import {
  type RunningPayPalSimulator,
  type SimulatorFailures,
  startPayPalSimulator,
} from '@moneypal/paypal-simulator';
import {
  defaultLedgerConfig,
  type LedgerTables,
  ledgerMigrations,
  startLedger,
} from '../../ledger/src/index.js';
import {
  type PaymentsConfig,
  type PaymentsTables,
  paymentsMigrations,
  type RunningPayments,
  startPayments,
} from '../src/index.js';

export interface TestUser {
  user: User;
  actor: Actor;
  /** The default USD wallet the ledger opened on `identity.user.created`. */
  wallet: Wallet;
}

/** One request payments sent to PayPal, as it left (after any test hook ran). */
export interface SentRequest {
  method: string;
  path: string;
  requestId: string | null;
  status: number | null;
}

/** A webhook as the simulator delivered it to the test's receiver, and how payments answered it. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  eventId: string;
  eventType: string;
  /** The reply of `payments.webhook.receive`, or the error code it answered with. */
  answer: { outcome: string } | { code: string };
}

export interface PaymentsHarness {
  payments: TestDatabase<PaymentsTables>;
  ledger: TestDatabase<LedgerTables>;
  broker: MemoryBroker;
  /** The caller's end of the bus, as the gateway holds it. */
  client: MemoryBus;
  simulator: RunningPayPalSimulator;
  config: PaymentsConfig;
  /** The series payments records (its `paypal` circuit breaker among them). */
  metrics: ServiceMetrics;
  admin: Actor;
  /** What payments sent to PayPal, in order. */
  sent: SentRequest[];
  /** Runs before each request payments sends to PayPal (e.g. to inject a failure at that moment). */
  beforePayPalRequest: ((request: { method: string; path: string; headers: Headers }) => void) | null;
  /** Webhooks the receiver got, in order. */
  webhooks: ReceivedWebhook[];
  /** The URL of the receiver that forwards webhooks to `payments.webhook.receive`, as the gateway does. */
  webhookUrl: string;
  /** A URL of the receiver that only keeps what it gets (in `recorded`), answering 200: genuine webhooks to replay. */
  recordingUrl: string;
  recorded: { headers: Record<string, string>; body: string }[];
  /** Payments' warnings and errors, as JSON lines. */
  logLines: string[];
  /** Moves the clock payments checks webhook times against. */
  advanceClock(milliseconds: number): void;
  createUser(overrides?: Partial<User>): Promise<TestUser>;
  /** Deletes a user at identity: the ledger freezes or closes their wallets. */
  deleteUser(user: User): Promise<void>;
  createPayment(
    payer: TestUser,
    overrides?: Record<string, unknown>,
  ): Promise<{ result: Payment; replayed: boolean }>;
  getPayment(paymentId: string): Promise<Payment>;
  /**
   * A second payments replica on the same database, on a bus of its own: it shares nothing
   * with the first but the database and PayPal, as a replica on another machine.
   */
  startReplica(): Promise<{ client: MemoryBus; close(): Promise<void> }>;
  /** The payments events about one payment in the outbox, oldest first. */
  eventsOf(paymentId: string): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  failures?: Partial<SimulatorFailures>;
  /**
   * The `paypal` circuit breaker; by default one that never opens, so that tests failing
   * PayPal on purpose do not refuse the next test's calls.
   */
  breaker?: Partial<CircuitBreakerOptions>;
  /** Whether the simulator sends webhooks to the receiver from the start. */
  webhooks?: boolean;
}

export const webhookId = 'WH-MONEYPAL-TEST-0001';

let sequence = 0;

/** A unique Idempotency-Key. */
export function newKey(label = 'key'): string {
  sequence += 1;
  return `${label}-${process.pid}-${sequence}-${randomUUID()}`;
}

function stringHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/**
 * Payments on a fresh database and the real in-process bus, talking to the real PayPal
 * simulator on a free port, and checking wallets with the real ledger on its own database.
 * Identity is a small responder answering `identity.user.get` from a map of test users.
 * Webhooks reach payments through a local HTTP receiver that forwards the raw headers and
 * body over the bus, as the gateway does.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<PaymentsHarness> {
  const [payments, ledger] = await Promise.all([
    createTestDatabase<PaymentsTables>(await paymentsMigrations()),
    createTestDatabase<LedgerTables>(await ledgerMigrations()),
  ]);
  const broker = new MemoryBroker();
  const silent = createLogger({ service: 'ledger', level: 'silent' });
  const logLines: string[] = [];
  const paymentsLogger = createLogger({
    service: 'payments',
    level: 'warn',
    destination: { write: (line: string) => void logLines.push(line) },
  });

  const ledgerBus = broker.connect('ledger', silent);
  const runningLedger = await startLedger({
    config: defaultLedgerConfig,
    db: ledger.db,
    bus: ledgerBus,
    logger: silent,
    outboxPollIntervalMs: 50,
  });
  const identity = broker.connect('identity', silent);
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
  const client = broker.connect('gateway', silent);

  const webhooks: ReceivedWebhook[] = [];
  const recorded: { headers: Record<string, string>; body: string }[] = [];
  const receiver: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = stringHeaders(request.headers);
      if (request.url === '/webhooks/record') {
        recorded.push({ headers, body });
        response.writeHead(200).end();
        return;
      }
      const event = JSON.parse(body) as { id: string; event_type: string };
      call(client, paymentsRequests.webhook, { headers, body }).then(
        (reply) => {
          webhooks.push({ headers, body, eventId: event.id, eventType: event.event_type, answer: reply });
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
        },
        (error: unknown) => {
          const code = error instanceof AppError ? error.code : 'internal';
          webhooks.push({ headers, body, eventId: event.id, eventType: event.event_type, answer: { code } });
          response.writeHead(code === 'webhook_signature_invalid' ? 400 : 500).end(code);
        },
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const webhookUrl = `${receiverUrl}/webhooks/paypal`;

  const simulator = await startPayPalSimulator({
    failures: options.failures ?? {},
    ...(options.webhooks ? { webhook: { url: webhookUrl, webhookId } } : {}),
  });

  const sent: SentRequest[] = [];
  const harnessState = {
    beforePayPalRequest: null as PaymentsHarness['beforePayPalRequest'],
  };
  const recordingFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const method = init?.method ?? 'GET';
    harnessState.beforePayPalRequest?.({ method, path: url.pathname, headers });
    const record: SentRequest = {
      method,
      path: url.pathname,
      requestId: headers.get('paypal-request-id'),
      status: null,
    };
    sent.push(record);
    const response = await fetch(input, { ...init, headers });
    record.status = response.status;
    return response;
  }) as typeof fetch;

  let clockOffsetMs = 0;
  const config: PaymentsConfig = {
    publicUrl: 'https://moneypal.test/',
    paypal: {
      baseUrl: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      webhookId,
      sandbox: true,
      maxAttempts: 3,
      retryBaseDelayMs: 1,
      timeoutMs: 5_000,
      breaker: options.breaker ?? { volume: Number.MAX_SAFE_INTEGER },
    },
  };
  const paymentsBus = broker.connect('payments', silent);
  const metrics = new ServiceMetrics('payments');
  const running: RunningPayments = await startPayments({
    config,
    metrics,
    db: payments.db,
    bus: paymentsBus,
    logger: paymentsLogger,
    clock: () => new Date(Date.now() + clockOffsetMs),
    fetch: recordingFetch,
    outboxPollIntervalMs: 50,
  });

  const publishUserEvent = async (type: string, subject: string, data: unknown) => {
    await identity.publish(createEvent({ source: 'identity', type, subject, data }));
  };

  const harness: PaymentsHarness = {
    payments,
    ledger,
    broker,
    client,
    simulator,
    config,
    metrics,
    admin: { user_id: randomUUID(), role: 'admin' },
    sent,
    get beforePayPalRequest() {
      return harnessState.beforePayPalRequest;
    },
    set beforePayPalRequest(hook) {
      harnessState.beforePayPalRequest = hook;
    },
    webhooks,
    webhookUrl,
    recordingUrl: `${receiverUrl}/webhooks/record`,
    recorded,
    logLines,
    advanceClock(milliseconds) {
      clockOffsetMs += milliseconds;
    },
    async createUser(overrides = {}) {
      sequence += 1;
      const tag = `${process.pid}x${sequence}`;
      const now = new Date().toISOString();
      const user: User = {
        id: randomUUID(),
        first_name: 'Grace',
        last_name: 'Hopper',
        user_name: `grace${tag}`,
        email: `grace${tag}@example.com`,
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
    async deleteUser(user) {
      users.delete(user.id);
      await publishUserEvent(identityEvents.userDeleted, user.id, {
        user_id: user.id,
        user_name: user.user_name,
        email: user.email,
      });
    },
    createPayment(payer, overrides = {}) {
      return call(client, paymentsRequests.create, {
        actor: payer.actor,
        amount: 2500,
        currency: 'USD',
        wallet_id: payer.wallet.id,
        idempotency_key: newKey('pay'),
        ...overrides,
      } as never);
    },
    async startReplica() {
      const replicaBroker = new MemoryBroker();
      const replicaBus = replicaBroker.connect('payments', silent);
      const replica = await startPayments({
        config,
        db: payments.db,
        bus: replicaBus,
        logger: paymentsLogger,
        fetch: recordingFetch,
        outboxPollIntervalMs: 50,
      });
      const replicaClient = replicaBroker.connect('gateway', silent);
      return {
        client: replicaClient,
        async close() {
          await replica.stop();
          await replicaClient.close();
          await replicaBus.close();
          replicaBroker.shutdown();
        },
      };
    },
    getPayment(paymentId) {
      return call(client, paymentsRequests.get, { actor: harness.admin, payment_id: paymentId });
    },
    async eventsOf(paymentId) {
      return (await outboxEvents(payments.db)).filter((event) => event.subject === paymentId);
    },
    async close() {
      await running.stop();
      await runningLedger.stop();
      await simulator.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await paymentsBus.close();
      await ledgerBus.close();
      await identity.close();
      await client.close();
      broker.shutdown();
      await Promise.all([payments.destroy(), ledger.destroy()]);
    },
  };
  return harness;
}

/** The PayPal order id of a payment that has one. */
export function orderIdOf(payment: Payment): string {
  if (payment.paypal_order_id === null) throw new Error(`payment ${payment.id} has no PayPal order`);
  return payment.paypal_order_id;
}

export { failureOf } from '@moneypal/kit/testing';
