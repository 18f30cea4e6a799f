import { randomUUID } from 'node:crypto';
import {
  type Actor,
  billingEvents,
  type Hold,
  holdEventData,
  type InboxMessage,
  type Invoice,
  identityEvents,
  invoiceEventData,
  ledgerEvents,
  notificationsRequests,
  otpRequestedData,
  passwordResetRequestedData,
  paymentEventData,
  paymentsEvents,
  type TransactionType,
  type Transfer,
  transferPostedData,
  type User,
  userCreatedData,
  userDeletedData,
  userUpdatedData,
} from '@moneypal/contracts';
import {
  AppError,
  type CircuitBreakerOptions,
  type CloudEvent,
  call,
  createContractEvent,
  createLogger,
  type Logger,
  MemoryBroker,
  type MemoryBus,
  ServiceMetrics,
} from '@moneypal/kit';
import {
  answerUserLookups,
  createTestDatabase,
  newPhoneNumber,
  newUser,
  paymentOf,
  StatementRecorder,
  TestClock,
  type TestDatabase,
} from '@moneypal/testing';
import type { z } from 'zod';
import type { ContactRecord } from '../src/domain/contact.js';
import {
  defaultNotificationsConfig,
  type MessageRow,
  type NotificationsConfig,
  type NotificationsTables,
  notificationsMigrations,
  type RunningNotifications,
  type SmsProvider,
  startNotifications,
} from '../src/index.js';
import { SmtpSink } from './smtp-sink.js';

/** Events another service would see on the bus, as they arrive. */
export class EventObserver {
  readonly events: CloudEvent[] = [];
  private readonly waiters: {
    matches: (event: CloudEvent) => boolean;
    resolve: (event: CloudEvent) => void;
  }[] = [];

  receive(event: CloudEvent): void {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.matches(event)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  }

  /** The first event, received already or later, that matches. */
  next(matches: (event: CloudEvent) => boolean): Promise<CloudEvent> {
    const seen = this.events.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }
}

export const emailFrom = 'MoneyPal <no-reply@moneypal.test>';

export interface HarnessOptions {
  /** `smtp` (a real SMTP server in the test) by default. */
  emailMode?: 'smtp' | 'capture';
  maxAttempts?: number;
  retryBackoffMs?: number[];
  smsProvider?: SmsProvider;
  /**
   * The `smtp` and `sms` circuit breakers; by default ones that never open, so that tests
   * failing the SMTP server or the SMS provider on purpose do not hold back the next test's messages.
   */
  breakers?: { smtp?: Partial<CircuitBreakerOptions>; sms?: Partial<CircuitBreakerOptions> };
  /** The web app's origin that links in messages start with; none by default. */
  webAppUrl?: string;
}

export interface NotificationsHarness {
  database: TestDatabase<NotificationsTables>;
  /** Every statement the service runs on its database. */
  statements: StatementRecorder;
  broker: MemoryBroker;
  notifications: RunningNotifications;
  config: NotificationsConfig;
  /** The series notifications records (its circuit breakers among them). */
  metrics: ServiceMetrics;
  logger: Logger;
  /** Every log line the service wrote, as JSON text. */
  logLines: string[];
  /** The SMTP server the service sends to (smtp mode). */
  sink: SmtpSink;
  /** The caller's end of the bus, as the gateway would hold it. */
  client: MemoryBus;
  /** `notifications.message.sent|failed` as a consumer on the bus receives them. */
  observer: EventObserver;
  /** The users the stand-in identity answers `identity.user.get` with. */
  users: Map<string, User>;
  /** The user ids `identity.user.get` was asked for, in order, answered or not. */
  identityLookups: string[];
  clock: TestClock;
  admin: Actor;
  /**
   * Identity stops answering (`unavailable`) until `end` is called; `refused` resolves when
   * it first turned a request away.
   */
  identityOutage(): { refused: Promise<void>; end(): void };
  /** Nobody answers `identity.user.get` (a request fails at once) until `startIdentity`. */
  stopIdentity(): Promise<void>;
  startIdentity(): Promise<void>;
  /** A user identity knows (no event is published). */
  addUser(overrides?: Partial<User>): User;
  /** Publishes an event as its service's outbox relay would; resolves once notifications applied it. */
  publish<Schema extends z.ZodType>(
    source: string,
    type: string,
    schema: Schema,
    subject: string,
    data: z.input<Schema>,
  ): Promise<CloudEvent>;
  /** Publishes an event object as it is (e.g. one published before). */
  republish(event: CloudEvent): Promise<void>;
  userCreated(user: User): Promise<CloudEvent>;
  /** `identity.user.updated` with the user as given; what identity answers stays as it is. */
  userUpdated(user: User, changed: string[]): Promise<CloudEvent>;
  /** Identity deletes the user: it stops knowing them and publishes `identity.user.deleted`. */
  userDeleted(user: User): Promise<CloudEvent>;
  otpRequested(
    user: User,
    request: { channel: 'sms' | 'email'; code: string; expiresInMs?: number },
  ): Promise<CloudEvent>;
  passwordResetRequested(user: User, code: string): Promise<CloudEvent>;
  transferPosted(transfer: {
    type: TransactionType;
    amount: number;
    currency: string;
    from: User | null;
    to: User | null;
    description?: string;
    /** The parties' names as the ledger gives them; none when absent. */
    names?: Pick<Transfer, 'from_name' | 'from_handle' | 'to_name' | 'to_handle'>;
  }): Promise<CloudEvent>;
  invoiceIssued(invoice: {
    payer: User;
    payee: User;
    amount: number;
    currency: string;
    invoiceNo: number;
  }): Promise<CloudEvent>;
  paymentRefunded(payment: {
    payer: User;
    paidTo: User | null;
    amount: number;
    currency: string;
  }): Promise<CloudEvent>;
  /**
   * A `ledger.hold.*` event of the hold as it is after the change (the type follows its
   * status), as the ledger publishes it.
   */
  holdChanged(hold: {
    id?: string;
    status: Hold['status'];
    payer: User;
    payee: User;
    amount: number;
    capturedAmount?: number;
    currency?: string;
    description?: string;
    expiresAt?: Date;
    onExpiry?: Hold['on_expiry'];
  }): Promise<CloudEvent>;
  /** A user's row in the contacts table. */
  contactOf(userId: string): Promise<ContactRecord | undefined>;
  /** The messages an event made, as stored. */
  messagesOf(event: CloudEvent): Promise<MessageRow[]>;
  /** One user's log through the bus, as `GET /v1/notifications` asks for it. */
  listMessages(
    actor: Actor,
    query?: Record<string, unknown>,
  ): Promise<{ data: InboxMessage[]; next_cursor: string | null }>;
  close(): Promise<void>;
}

/**
 * The notifications service on a fresh database and the real in-process bus, sending email
 * to a real SMTP server in the test. Identity is a separate service: a small responder
 * stands in for its `identity.user.get`, answering from a map of test users. Retries come
 * due only when the test moves the clock and asks for a pass with `dispatchNow`.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<NotificationsHarness> {
  const database = await createTestDatabase<NotificationsTables>(await notificationsMigrations());
  const sink = new SmtpSink();
  await sink.start();
  const config: NotificationsConfig = {
    email:
      options.emailMode === 'capture'
        ? { mode: 'capture', from: emailFrom }
        : { mode: 'smtp', host: '127.0.0.1', port: sink.port, secure: false, from: emailFrom },
    maxAttempts: options.maxAttempts ?? defaultNotificationsConfig.maxAttempts,
    retryBackoffMs: options.retryBackoffMs ?? defaultNotificationsConfig.retryBackoffMs,
    breakers: {
      smtp: options.breakers?.smtp ?? { volume: Number.MAX_SAFE_INTEGER },
      sms: options.breakers?.sms ?? { volume: Number.MAX_SAFE_INTEGER },
    },
    ...(options.webAppUrl === undefined ? {} : { webAppUrl: options.webAppUrl }),
  };
  const logLines: string[] = [];
  const logger = createLogger({
    service: 'notifications',
    level: 'trace',
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const broker = new MemoryBroker();
  const clock = new TestClock(new Date('2030-01-01T00:00:00.000Z'));
  const bus = broker.connect('notifications', logger);
  const metrics = new ServiceMetrics('notifications');
  const statements = new StatementRecorder();
  const notifications = await startNotifications({
    config,
    metrics,
    db: database.db.withPlugin(statements),
    bus,
    logger,
    clock: () => clock.now(),
    ...(options.smsProvider ? { smsProvider: options.smsProvider } : {}),
    // Only commits and `dispatchNow` start passes, so a test decides when a retry happens.
    dispatchIntervalMs: 3_600_000,
    outboxPollIntervalMs: 50,
  });

  const client = broker.connect('gateway', logger);
  const observer = new EventObserver();
  await client.subscribe('test-observer', {
    'notifications.message.sent': async (event) => observer.receive(event),
    'notifications.message.failed': async (event) => observer.receive(event),
  });
  const users = new Map<string, User>();
  const publishers = new Map<string, MemoryBus>();
  const publisherOf = (source: string) => {
    let publisher = publishers.get(source);
    if (!publisher) {
      publisher = broker.connect(source, logger);
      publishers.set(source, publisher);
    }
    return publisher;
  };
  const identityLookups: string[] = [];
  let outage: { refuse: () => void } | undefined;
  // Its own connection, so that closing it stops the answers and not identity's events.
  let identity: MemoryBus | undefined;
  const startIdentity = async () => {
    if (identity) return;
    identity = broker.connect('identity', logger);
    await answerUserLookups(identity, users, (lookup) => {
      if ('id' in lookup) identityLookups.push(lookup.id);
      if (outage) {
        outage.refuse();
        throw new AppError('unavailable', 'identity is down');
      }
    });
  };
  const stopIdentity = async () => {
    await identity?.close();
    identity = undefined;
  };
  await startIdentity();

  const publish = async <Schema extends z.ZodType>(
    source: string,
    type: string,
    schema: Schema,
    subject: string,
    data: z.input<Schema>,
  ) => {
    const event = createContractEvent(source, { type, schema, subject, data, time: clock.now() });
    await publisherOf(source).publish(event);
    return event;
  };
  const now = () => clock.now().toISOString();

  return {
    database,
    statements,
    broker,
    notifications,
    config,
    metrics,
    logger,
    logLines,
    sink,
    client,
    observer,
    users,
    identityLookups,
    clock,
    admin: { user_id: randomUUID(), role: 'admin' },
    identityOutage() {
      let refuse!: () => void;
      const refused = new Promise<void>((resolve) => {
        refuse = resolve;
      });
      outage = { refuse };
      return {
        refused,
        end: () => {
          outage = undefined;
        },
      };
    },
    stopIdentity,
    startIdentity,
    addUser(overrides = {}) {
      const user = newUser({ phone: newPhoneNumber(), ...overrides }, { now: clock.now() });
      users.set(user.id, user);
      return user;
    },
    publish,
    republish: (event) => publisherOf(event.source).publish(event),
    userCreated: (user) =>
      publish('identity', identityEvents.userCreated, userCreatedData, user.id, { user }),
    userUpdated: (user, changed) =>
      publish('identity', identityEvents.userUpdated, userUpdatedData, user.id, { user, changed }),
    userDeleted: (user) => {
      users.delete(user.id);
      return publish('identity', identityEvents.userDeleted, userDeletedData, user.id, {
        user_id: user.id,
        user_name: user.user_name,
        email: user.email,
      });
    },
    otpRequested: (user, request) =>
      publish('identity', identityEvents.otpRequested, otpRequestedData, user.id, {
        user_id: user.id,
        challenge_id: randomUUID(),
        channel: request.channel,
        to: request.channel === 'sms' ? user.phone! : user.email,
        code: request.code,
        expires_at: new Date(clock.now().getTime() + (request.expiresInMs ?? 300_000)).toISOString(),
      }),
    passwordResetRequested: (user, code) =>
      publish('identity', identityEvents.passwordResetRequested, passwordResetRequestedData, user.id, {
        user_id: user.id,
        to: user.email,
        code,
        expires_at: new Date(clock.now().getTime() + 900_000).toISOString(),
      }),
    transferPosted: (transfer) => {
      const id = randomUUID();
      return publish('ledger', ledgerEvents.transferPosted, transferPostedData, id, {
        transfer: {
          id,
          type: transfer.type,
          status: 'posted',
          amount: transfer.amount,
          currency: transfer.currency,
          description: transfer.description ?? null,
          metadata: {},
          from_wallet_id: transfer.from ? randomUUID() : null,
          to_wallet_id: transfer.to ? randomUUID() : null,
          initiator_id: transfer.from?.id ?? null,
          ...transfer.names,
          created_at: now(),
        },
        from_owner_id: transfer.from?.id ?? null,
        to_owner_id: transfer.to?.id ?? null,
      });
    },
    invoiceIssued: ({ payer, payee, amount, currency, invoiceNo }) => {
      const invoice: Invoice = {
        id: randomUUID(),
        invoice_no: invoiceNo,
        payer_id: payer.id,
        payee_id: payee.id,
        amount,
        currency,
        description: 'Garden work',
        status: 'paid',
        payment_id: null,
        transfer_id: randomUUID(),
        issued_at: now(),
        paid_at: now(),
        refunded_at: null,
        refunded_amount: 0,
        updated_at: now(),
        hold_id: null,
        amount_paid: amount,
      };
      return publish('billing', billingEvents.invoiceIssued, invoiceEventData, invoice.id, { invoice });
    },
    paymentRefunded: ({ payer, paidTo, amount, currency }) => {
      const payment = paymentOf(
        {
          id: randomUUID(),
          payer_id: payer.id,
          paid_to: paidTo?.id ?? null,
          amount,
          currency,
          description: 'Concert tickets',
          status: 'refunded',
          approve_url: null,
          paypal_order_id: 'ORDER-1',
          paypal_capture_id: 'CAPTURE-1',
          captured_at: now(),
          refunded_at: now(),
          refunded_amount: amount,
        },
        clock.now(),
      );
      return publish('payments', paymentsEvents.paymentRefunded, paymentEventData, payment.id, { payment });
    },
    holdChanged: (change) => {
      const id = change.id ?? randomUUID();
      const settled = change.status !== 'held';
      const hold: Hold = {
        id,
        status: change.status,
        amount: change.amount,
        captured_amount: change.capturedAmount ?? 0,
        currency: change.currency ?? 'USD',
        description: change.description ?? null,
        metadata: {},
        from_wallet_id: randomUUID(),
        to_wallet_id: randomUUID(),
        payer_id: change.payer.id,
        payee_id: change.payee.id,
        expires_at: change.expiresAt?.toISOString() ?? null,
        on_expiry: change.onExpiry ?? 'void',
        created_at: now(),
        settled_at: settled ? now() : null,
        settled_by: settled && change.status !== 'expired' ? change.payer.id : null,
        transfer_id: randomUUID(),
        settlement_transfer_id: settled ? randomUUID() : null,
      };
      const type = {
        held: ledgerEvents.holdCreated,
        captured: ledgerEvents.holdCaptured,
        voided: ledgerEvents.holdVoided,
        expired: ledgerEvents.holdExpired,
      }[change.status];
      return publish('ledger', type, holdEventData, id, { hold });
    },
    contactOf: (userId) =>
      database.db.selectFrom('contacts').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    messagesOf: (event) =>
      database.db
        .selectFrom('messages')
        .selectAll()
        .where('source_event_id', '=', event.id)
        .orderBy('id')
        .execute(),
    listMessages: (actor, query = {}) =>
      call(client, notificationsRequests.listMessages, { actor, limit: 100, ...query } as never),
    async close() {
      await notifications.stop();
      await bus.close();
      await client.close();
      await stopIdentity();
      for (const publisher of publishers.values()) await publisher.close();
      broker.shutdown();
      await sink.stop();
      await database.destroy();
    },
  };
}

export { failureOf, outboxEvents } from '@moneypal/testing';
