import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, identityEvents, type Payment, paymentsRequests, type User } from '@moneypal/contracts';
import {
  AppError,
  type CircuitBreakerOptions,
  type CloudEvent,
  call,
  createLogger,
  MemoryBroker,
  type MemoryBus,
  ServiceMetrics,
} from '@moneypal/kit';
import {
  type RunningPayPalSimulator,
  type SimulatorFailures,
  startPayPalSimulator,
} from '@moneypal/paypal-simulator';
import {
  answerUserLookups,
  createTestDatabase,
  newKey,
  newUser,
  outboxEvents,
  publishIdentityEvent,
  registerWithLedger,
  type TestDatabase,
  type TestUser,
} from '@moneypal/testing';
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
  /**
   * Runs before each request payments sends to PayPal (e.g. to inject a failure at that
   * moment); the request waits for the promise it returns.
   */
  beforePayPalRequest:
    | ((request: { method: string; path: string; headers: Headers }) => void | Promise<void>)
    | null;
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
   * with the first but the database and PayPal, as a replica on another machine. With
   * `sameBus` it joins the first's bus instead, reaching the ledger as the first does.
   */
  startReplica(options?: { sameBus?: boolean }): Promise<{ client: MemoryBus; close(): Promise<void> }>;
  /** Stops the first payments instance's payouts loop and outbox relay, as a process that died. */
  stopPrimary(): Promise<void>;
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
  await answerUserLookups(identity, users);
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
    await harnessState.beforePayPalRequest?.({ method, path: url.pathname, headers });
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
  const clock = () => new Date(Date.now() + clockOffsetMs);
  const config: PaymentsConfig = {
    publicUrl: 'https://moneypal.test/',
    payoutPollIntervalMs: 100,
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
    clock,
    fetch: recordingFetch,
    outboxPollIntervalMs: 50,
  });

  let primaryStopped: Promise<void> | undefined;
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
    createUser: (overrides = {}) =>
      registerWithLedger(
        { identity, client, users },
        newUser(overrides, { name: { first: 'Grace', last: 'Hopper' } }),
      ),
    async deleteUser(user) {
      users.delete(user.id);
      await publishIdentityEvent(identity, {
        type: identityEvents.userDeleted,
        subject: user.id,
        data: { user_id: user.id, user_name: user.user_name, email: user.email },
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
    async startReplica({ sameBus = false } = {}) {
      const replicaBroker = sameBus ? broker : new MemoryBroker();
      const replicaBus = replicaBroker.connect('payments', silent);
      const replica = await startPayments({
        config,
        db: payments.db,
        bus: replicaBus,
        logger: paymentsLogger,
        clock,
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
          if (!sameBus) replicaBroker.shutdown();
        },
      };
    },
    stopPrimary() {
      primaryStopped ??= running.stop();
      return primaryStopped;
    },
    getPayment(paymentId) {
      return call(client, paymentsRequests.get, { actor: harness.admin, payment_id: paymentId });
    },
    async eventsOf(paymentId) {
      return (await outboxEvents(payments.db)).filter((event) => event.subject === paymentId);
    },
    async close() {
      await (primaryStopped ?? running.stop());
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

export { failureOf, newKey, type TestUser } from '@moneypal/testing';
