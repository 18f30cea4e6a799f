import {
  type Bus,
  type Logger,
  migrateToLatest,
  newId,
  OutboxRelay,
  type ServiceMetrics,
} from '@moneypal/kit';
import { identityClient } from './clients/identity.client.js';
import { ledgerClient } from './clients/ledger.client.js';
import type { BillingConfig } from './config.js';
import { type BillingDatabase, billingMigrations } from './database.js';
import { serveBillRequests } from './handlers/bill.handlers.js';
import { subscribeToEvents } from './handlers/event.handlers.js';
import { serveHealthRequest } from './handlers/health.handler.js';
import { serveInvoiceRequests } from './handlers/invoice.handlers.js';
import { servePaymentRequestRequests } from './handlers/payment-request.handlers.js';
import { serveReportRequests } from './handlers/report.handlers.js';
import * as invoiceRepository from './repositories/invoice.repository.js';
import * as lockRepository from './repositories/lock.repository.js';
import * as partyNameRepository from './repositories/party-name.repository.js';
import * as paymentRequestRepository from './repositories/payment-request.repository.js';
import * as reportRepository from './repositories/report.repository.js';
import * as settlementRepository from './repositories/settlement.repository.js';
import { BillService } from './services/bill.service.js';
import { EscrowService } from './services/escrow.service.js';
import { HealthService } from './services/health.service.js';
import { InvoiceService } from './services/invoice.service.js';
import { PartyNameService } from './services/party-name.service.js';
import { PaymentRequestService } from './services/payment-request.service.js';
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

/**
 * Starts billing on a database and a bus: migrates, answers every `billingRequests` and
 * `paymentRequestRequests` subject and `billing.health`, consumes payments' events, the ledger's posted transfers
 * and settled holds, and relays outbox events.
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
  const ledger = ledgerClient(bus);
  const identity = identityClient(bus);

  const settlements = new SettlementService({
    db,
    repositories: { invoices: invoiceRepository, locks: lockRepository, settlements: settlementRepository },
    clock,
    newId,
    ledger,
    logger,
    onEventsWritten,
  });
  const reports = new ReportService({
    db,
    repositories: { reports: reportRepository },
    maxReportDays: config.maxReportDays,
  });
  await serveBillRequests(
    bus,
    new BillService({
      db,
      repositories: { invoices: invoiceRepository, locks: lockRepository },
      clock,
      newId,
      ledger,
      identity,
      onEventsWritten,
    }),
  );
  await servePaymentRequestRequests(
    bus,
    new PaymentRequestService({
      db,
      repositories: {
        paymentRequests: paymentRequestRepository,
        partyNames: partyNameRepository,
        locks: lockRepository,
      },
      clock,
      newId,
      ledger,
      identity,
      onEventsWritten,
    }),
  );
  await serveInvoiceRequests(
    bus,
    new InvoiceService(db, { invoices: invoiceRepository, partyNames: partyNameRepository }),
  );
  await serveReportRequests(bus, reports);
  await serveHealthRequest(bus, new HealthService(db));
  const escrow = new EscrowService({
    db,
    repositories: { invoices: invoiceRepository, reports: reportRepository },
    clock,
    onEventsWritten,
  });
  const partyNames = new PartyNameService(db, { partyNames: partyNameRepository });
  await subscribeToEvents(bus, { settlements, reports, escrow, partyNames });
  relay.start();
  logger.info({ max_report_days: config.maxReportDays }, 'billing service started');

  return {
    async stop() {
      await relay.stop();
    },
  };
}
