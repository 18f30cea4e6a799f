import { identityRequests, ledgerRequests } from '@moneypal/contracts';
import {
  type Bus,
  call,
  type Logger,
  migrateToLatest,
  newId,
  OutboxRelay,
  type ServiceMetrics,
} from '@moneypal/kit';
import type { BillingConfig } from './config.js';
import { type BillingDatabase, billingMigrations } from './database.js';
import { serveBillRequests } from './handlers/bill.handlers.js';
import { subscribeToEvents } from './handlers/event.handlers.js';
import { serveHealthRequest } from './handlers/health.handler.js';
import { serveInvoiceRequests } from './handlers/invoice.handlers.js';
import { serveReportRequests } from './handlers/report.handlers.js';
import { BillService } from './services/bill.service.js';
import type { IdentityClient, LedgerClient } from './services/clients.js';
import { HealthService } from './services/health.service.js';
import { InvoiceService } from './services/invoice.service.js';
import { ReportService } from './services/report.service.js';
import { SettlementService } from './services/settlement.service.js';

export interface StartBillingOptions {
  config: BillingConfig;
  /** The billing database; the caller opened it and closes it after `stop`. */
  db: BillingDatabase;
  /** The caller connected it and closes it after `stop`. */
  bus: Bus;
  logger: Logger;
  /**
   * Where the service's own series go (outbox lag, events published); the caller serves
   * them, and gives the same object to the bus it connected. Unmeasured when absent.
   */
  metrics?: ServiceMetrics;
  /** The time of every invoice change; tests move it. */
  clock?: () => Date;
  /** How often the outbox relay looks for events nobody announced. */
  outboxPollIntervalMs?: number;
}

export interface RunningBilling {
  /** Stops publishing events; close the bus and then the database afterwards. */
  stop(): Promise<void>;
}

/** The ledger over the bus, as billing uses it. */
function ledgerOver(bus: Bus): LedgerClient {
  return {
    deposit: (request, trace) => call(bus, ledgerRequests.deposit, request, trace),
    transfer: (request, trace) => call(bus, ledgerRequests.transfer, request, trace),
    withdraw: (request, trace) => call(bus, ledgerRequests.withdraw, request, trace),
    getBalance: (request, trace) => call(bus, ledgerRequests.getBalance, request, trace),
  };
}

/** Identity over the bus, as billing uses it. */
function identityOver(bus: Bus): IdentityClient {
  return { getUser: (request, trace) => call(bus, identityRequests.getUser, request, trace) };
}

/**
 * Starts billing on a database and a bus: migrates, answers every `billingRequests`
 * subject and `billing.health`, consumes payments' events and the ledger's posted
 * transfers, and relays outbox events.
 */
export async function startBilling(options: StartBillingOptions): Promise<RunningBilling> {
  const { config, db, bus, logger } = options;
  const clock = options.clock ?? (() => new Date());

  const applied = await migrateToLatest(db, await billingMigrations());
  if (applied.length > 0) logger.info({ migrations: applied }, 'billing database migrated');

  const relay = new OutboxRelay({
    db,
    bus,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.outboxPollIntervalMs === undefined ? {} : { pollIntervalMs: options.outboxPollIntervalMs }),
  });
  const onEventsWritten = () => relay.notify();
  const ledger = ledgerOver(bus);

  const settlements = new SettlementService({ db, clock, newId, ledger, logger, onEventsWritten });
  const reports = new ReportService({ db, maxReportDays: config.maxReportDays });
  await serveBillRequests(
    bus,
    new BillService({ db, clock, newId, ledger, identity: identityOver(bus), onEventsWritten }),
  );
  await serveInvoiceRequests(bus, new InvoiceService(db));
  await serveReportRequests(bus, reports);
  await serveHealthRequest(bus, new HealthService(db));
  await subscribeToEvents(bus, { settlements, reports });
  relay.start();
  logger.info({ max_report_days: config.maxReportDays }, 'billing service started');

  return {
    async stop() {
      await relay.stop();
    },
  };
}
