import {
  type Bus,
  type Logger,
  migrateToLatest,
  newId,
  OutboxRelay,
  type ServiceMetrics,
} from '@moneypal/kit';
import { identityDirectory } from './clients/identity.client.js';
import type { LedgerConfig } from './config.js';
import { type LedgerDatabase, ledgerMigrations } from './database.js';
import { serveCatalogRequests } from './handlers/catalog.handlers.js';
import { serveHealthRequest } from './handlers/health.handler.js';
import { serveHistoryRequests } from './handlers/history.handlers.js';
import { serveHoldRequests } from './handlers/hold.handlers.js';
import { serveMovementRequests } from './handlers/movement.handlers.js';
import { subscribeToUserEvents } from './handlers/user-events.handlers.js';
import { serveWalletRequests } from './handlers/wallet.handlers.js';
import * as accountRepository from './repositories/account.repository.js';
import * as catalogRepository from './repositories/catalog.repository.js';
import * as dailyUsageRepository from './repositories/daily-usage.repository.js';
import * as holdRepository from './repositories/hold.repository.js';
import * as idempotencyRepository from './repositories/idempotency.repository.js';
import * as journalRepository from './repositories/journal.repository.js';
import * as ownerRepository from './repositories/owner.repository.js';
import * as statementRepository from './repositories/statement.repository.js';
import * as transferRepository from './repositories/transfer.repository.js';
import * as walletRepository from './repositories/wallet.repository.js';
import { CatalogService } from './services/catalog.service.js';
import { HealthService } from './services/health.service.js';
import { HistoryService } from './services/history.service.js';
import { HoldService } from './services/hold.service.js';
import { type MovementMetrics, MovementService } from './services/movement.service.js';
import { PostingService } from './services/posting.service.js';
import { type LedgerVerdict, VerifyService } from './services/verify.service.js';
import { WalletService } from './services/wallet.service.js';

export interface StartLedgerOptions {
  config: LedgerConfig;
  /** The ledger database; the caller opened it and closes it after `stop`. */
  db: LedgerDatabase;
  /** The caller connected it and closes it after `stop`. */
  bus: Bus;
  logger: Logger;
  /**
   * Where the service's own series go (outbox lag, events published, transfers posted,
   * idempotent replays); the caller serves them, and gives the same object to the bus it
   * connected. Unmeasured when absent.
   */
  metrics?: ServiceMetrics;
  /** The time of every posting and change; tests move it. */
  clock?: () => Date;
  /** New ids (wallets, accounts, transfers, entries); UUIDv7 by default, so they sort by creation time. */
  newId?: () => string;
  /** How often the outbox relay looks for events nobody announced. */
  outboxPollIntervalMs?: number;
  /** How often expired idempotency records are removed; hourly by default. */
  idempotencyCleanupIntervalMs?: number;
}

export interface RunningLedger {
  /**
   * One sweep of the holds whose expiry has come, as the timer runs it every
   * `holdExpiryIntervalMs`; answers how many it settled. Tests drive expiry with it.
   */
  expireDueHolds(): Promise<number>;
  /** Stops publishing events, cleaning up and expiring holds; close the bus and then the database afterwards. */
  stop(): Promise<void>;
}

const hourMs = 3_600_000;

/** The ledger's own series: what moved money, and what was answered from a stored answer. */
function movementMetricsOf(metrics: ServiceMetrics): MovementMetrics {
  const posted = metrics.counter({
    name: 'ledger_transfers_posted_total',
    help: 'Transfers posted (committed), by transaction type.',
    labelNames: ['type'],
  });
  const replays = metrics.counter({
    name: 'ledger_idempotent_replays_total',
    help: 'Requests answered with the stored answer of an earlier one with the same Idempotency-Key, by operation.',
    labelNames: ['operation'],
  });
  return {
    transferPosted: (type) => posted.inc({ type }),
    idempotentReplay: (operation) => replays.inc({ operation }),
  };
}

/**
 * Starts the ledger on a database and a bus: migrates, answers every `ledgerRequests`
 * subject and `ledger.health`, consumes identity's user events, relays outbox events,
 * removes expired idempotency records periodically, and settles holds at their expiry.
 */
export async function startLedger(options: StartLedgerOptions): Promise<RunningLedger> {
  const { config, db, bus, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const ids = options.newId ?? newId;

  const applied = await migrateToLatest(db, await ledgerMigrations());
  if (applied.length > 0) logger.info({ migrations: applied }, 'ledger database migrated');

  const relay = new OutboxRelay({
    db,
    bus,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.outboxPollIntervalMs === undefined ? {} : { pollIntervalMs: options.outboxPollIntervalMs }),
  });
  const onEventsWritten = () => relay.notify();

  const wallets = new WalletService({
    db,
    clock,
    newId: ids,
    defaultCurrency: config.defaultCurrency,
    onEventsWritten,
    repositories: {
      wallets: walletRepository,
      accounts: accountRepository,
      catalog: catalogRepository,
      owners: ownerRepository,
    },
  });
  const posting = new PostingService({
    db,
    clock,
    newId: ids,
    outbox: relay,
    repositories: {
      accounts: accountRepository,
      dailyUsage: dailyUsageRepository,
      idempotency: idempotencyRepository,
      transfers: transferRepository,
      holds: holdRepository,
      owners: ownerRepository,
    },
  });
  const movements = new MovementService({
    db,
    clock,
    newId: ids,
    users: identityDirectory(bus),
    idempotencyRetentionHours: config.idempotencyRetentionHours,
    posting,
    ...(options.metrics ? { metrics: movementMetricsOf(options.metrics) } : {}),
    repositories: {
      wallets: walletRepository,
      accounts: accountRepository,
      idempotency: idempotencyRepository,
      transfers: transferRepository,
    },
  });

  const holds = new HoldService({
    db,
    clock,
    newId: ids,
    movements,
    repositories: { holds: holdRepository, wallets: walletRepository, owners: ownerRepository },
  });

  // Running before the first request: it publishes each movement's event after the commit.
  relay.start();
  await serveWalletRequests(bus, wallets);
  await serveMovementRequests(bus, movements);
  await serveHoldRequests(bus, holds);
  await serveCatalogRequests(
    bus,
    new CatalogService({ db, clock, newId: ids, repositories: { catalog: catalogRepository } }),
  );
  await serveHistoryRequests(
    bus,
    new HistoryService({
      db,
      repositories: {
        transfers: transferRepository,
        wallets: walletRepository,
        owners: ownerRepository,
        statements: statementRepository,
      },
    }),
  );
  await serveHealthRequest(bus, new HealthService(db));
  await subscribeToUserEvents(bus, wallets);

  const removeExpiredIdempotencyRecords = () =>
    movements
      .removeExpiredIdempotencyRecords()
      .then((removed) => {
        if (removed > 0) logger.info({ removed }, 'expired idempotency records removed');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'idempotency cleanup failed'));
  let cleanup: Promise<void> = removeExpiredIdempotencyRecords();
  const cleanupTimer = setInterval(() => {
    cleanup = removeExpiredIdempotencyRecords();
  }, options.idempotencyCleanupIntervalMs ?? hourMs);
  cleanupTimer.unref();

  // One sweep at a time per process; replicas sweep side by side (see `claimDueHolds`).
  let sweep: Promise<number> | undefined;
  const expireDueHolds = (): Promise<number> => {
    sweep ??= holds.expireDueHolds().finally(() => {
      sweep = undefined;
    });
    return sweep;
  };
  const expiryTimer = setInterval(() => {
    expireDueHolds()
      .then((expired) => {
        if (expired > 0) logger.info({ expired }, 'holds settled at their expiry');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'hold expiry sweep failed'));
  }, config.holdExpiryIntervalMs);
  expiryTimer.unref();
  logger.info({ default_currency: config.defaultCurrency }, 'ledger service started');

  return {
    expireDueHolds,
    async stop() {
      clearInterval(cleanupTimer);
      clearInterval(expiryTimer);
      await cleanup;
      await sweep?.catch(() => undefined);
      await relay.stop();
    },
  };
}

/**
 * Checks every invariant of the ledger's journal on its database (SPEC §6); read-only, so
 * it may run beside a ledger that is taking writes.
 */
export function verifyLedger(db: LedgerDatabase): Promise<LedgerVerdict> {
  return new VerifyService({ db, repositories: { journal: journalRepository } }).verify();
}
