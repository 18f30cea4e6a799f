import {
  type Bus,
  type Logger,
  migrateToLatest,
  newId,
  OutboxRelay,
  type ServiceMetrics,
} from '@moneypal/kit';
import { smsBreaker, smtpBreaker } from './clients/breakers.js';
import { identityDirectory } from './clients/identity.client.js';
import { RecordingSmsProvider } from './clients/sms.client.js';
import { createEmailTransport } from './clients/smtp.client.js';
import type { NotificationsConfig } from './config.js';
import { type NotificationsDatabase, notificationsMigrations } from './database.js';
import { subscribeToEvents } from './handlers/event.handlers.js';
import { serveHealthRequest } from './handlers/health.handler.js';
import { serveMessageRequests } from './handlers/message.handlers.js';
import * as contactRepository from './repositories/contact.repository.js';
import * as messageRepository from './repositories/message.repository.js';
import { ContactService } from './services/contact.service.js';
import { type ChannelBreaker, DispatchService, type SmsProvider } from './services/dispatch.service.js';
import { HealthService } from './services/health.service.js';
import { IntakeService } from './services/intake.service.js';
import { MessageLogService } from './services/message-log.service.js';

export interface StartNotificationsOptions {
  config: NotificationsConfig;
  /** The notifications database; the caller opened it and closes it after `stop`. */
  db: NotificationsDatabase;
  /** The caller connected it and closes it after `stop`. */
  bus: Bus;
  logger: Logger;
  /**
   * Where the service's own series go (outbox lag, events published, its circuit breakers);
   * the caller serves them, and gives the same object to the bus it connected. Unmeasured
   * when absent.
   */
  metrics?: ServiceMetrics;
  /** The time of every message and attempt, and what is due; tests move it. */
  clock?: () => Date;
  /** New message ids; UUIDv7 by default, so they sort by creation time. */
  newId?: () => string;
  /** Where SMS goes; a provider that only records and logs the recipient by default. */
  smsProvider?: SmsProvider;
  /** How often the dispatcher looks for due messages (retries) nobody announced; 1 s by default. */
  dispatchIntervalMs?: number;
  /** How often the outbox relay looks for events nobody announced. */
  outboxPollIntervalMs?: number;
}

export interface RunningNotifications {
  /** Sends every message due now (after a pass already running); resolves with how many it tried. */
  dispatchNow(): Promise<number>;
  /** Stops sending and publishing events; close the bus and then the database afterwards. */
  stop(): Promise<void>;
}

/**
 * Starts the notifications service on a database and a bus: migrates, keeps users'
 * contacts from identity's events, turns identity's, the ledger's, billing's and payments'
 * events into messages, sends them (email over SMTP or captured into the log; SMS through
 * the provider) with retries, answers `notifications.message.*` (the log and the inbox) and
 * `notifications.health`, and relays its outbox events.
 */
export async function startNotifications(options: StartNotificationsOptions): Promise<RunningNotifications> {
  const { config, db, bus, logger } = options;
  const clock = options.clock ?? (() => new Date());

  const applied = await migrateToLatest(db, await notificationsMigrations());
  if (applied.length > 0) logger.info({ migrations: applied }, 'notifications database migrated');

  const relay = new OutboxRelay({
    db,
    bus,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.outboxPollIntervalMs === undefined ? {} : { pollIntervalMs: options.outboxPollIntervalMs }),
  });
  // The SMTP server and the SMS provider are each behind a circuit breaker; captured email
  // never leaves the process and needs none.
  const wiring = { logger, metrics: options.metrics };
  const breakers: Partial<Record<'email' | 'sms', ChannelBreaker>> = {};
  let email = createEmailTransport(config.email, logger);
  if (email.mode === 'smtp') {
    const smtp = smtpBreaker(email, { ...wiring, settings: config.breakers?.smtp });
    email = smtp.email;
    breakers.email = smtp.breaker;
  }
  const provider = options.smsProvider ?? new RecordingSmsProvider(logger);
  const { sms, breaker: smsChannelBreaker } = smsBreaker(provider, {
    ...wiring,
    settings: config.breakers?.sms,
  });
  breakers.sms = smsChannelBreaker;
  const dispatcher = new DispatchService({
    db,
    repositories: { messages: messageRepository },
    clock,
    logger,
    email,
    sms,
    breakers,
    policy: { maxAttempts: config.maxAttempts, retryBackoffMs: config.retryBackoffMs },
    pollIntervalMs: options.dispatchIntervalMs ?? 1_000,
    outbox: relay,
  });
  const intake = new IntakeService({
    db,
    repositories: { contacts: contactRepository, messages: messageRepository },
    clock,
    newId: options.newId ?? newId,
    contacts: new ContactService({
      db,
      repositories: { contacts: contactRepository },
      users: identityDirectory(bus),
    }),
    logger,
    dispatcher,
    webAppUrl: config.webAppUrl,
  });

  await serveMessageRequests(bus, new MessageLogService(db, { messages: messageRepository }, clock));
  await serveHealthRequest(bus, new HealthService(db));
  relay.start();
  // Running before events arrive: the messages they make are handed to it at once.
  dispatcher.start();
  await subscribeToEvents(bus, intake);
  logger.info(
    {
      email: config.email.mode === 'smtp' ? `smtp://${config.email.host}:${config.email.port}` : 'capture',
      sms: sms.name,
      max_attempts: config.maxAttempts,
    },
    'notifications service started',
  );

  return {
    dispatchNow: () => dispatcher.dispatchNow(),
    async stop() {
      await dispatcher.stop();
      await relay.stop();
      email.close();
      breakers.email?.shutdown();
      breakers.sms?.shutdown();
    },
  };
}
