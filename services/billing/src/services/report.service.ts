import type { Actor, ReportSummary } from '@moneypal/contracts';
import type { CloudEvent } from '@moneypal/kit';
import type { BillingDatabase } from '../database.js';
import { userIdOf } from '../domain/actor.js';
import { buildReportSummary, dayCountOf, instantsOf, type Movement } from '../domain/report.js';
import { billingError } from '../errors.js';
import type * as reportRepository from '../repositories/report.repository.js';
import { billingConsumer } from './settlement.service.js';

export interface ReportServiceOptions {
  db: BillingDatabase;
  repositories: { reports: typeof reportRepository };
  /** The longest range of days a report covers. */
  maxReportDays: number;
}

/** A posted transfer's event and the sides it adds to the projection. */
export interface PostedTransfer {
  event: CloudEvent;
  movements: readonly Movement[];
}

/** Users' reports, and the projection of the ledger's transfers they are computed from. */
export class ReportService {
  private readonly db: BillingDatabase;
  private readonly reports: typeof reportRepository;

  constructor(private readonly options: ReportServiceOptions) {
    this.db = options.db;
    this.reports = options.repositories.reports;
  }

  /** The actor's own report over the UTC days `from` to `to`, both included. */
  async reportSummary(actor: Actor, range: { from: string; to: string }): Promise<ReportSummary> {
    const userId = userIdOf(actor);
    if (userId === null) throw billingError('forbidden', 'a report is of a user; a service has none');
    if (range.from > range.to) {
      throw billingError(
        'validation_failed',
        'The range ends before it starts: `from` must not be after `to`.',
        {
          errors: [{ path: 'from', message: 'must not be after to' }],
        },
      );
    }
    if (dayCountOf(range.from, range.to) > this.options.maxReportDays) {
      throw billingError(
        'validation_failed',
        `A report covers at most ${this.options.maxReportDays} days: ask for a shorter range.`,
        {
          errors: [{ path: 'to', message: `must be at most ${this.options.maxReportDays} days from "from"` }],
        },
      );
    }
    const [movements, invoices] = await Promise.all([
      this.reports.sumMovements(this.db, userId, range),
      this.reports.sumInvoices(this.db, userId, instantsOf(range.from, range.to)),
    ]);
    return buildReportSummary(range, movements, invoices);
  }

  /**
   * Adds a batch of posted transfers' sides to the projection, each transfer once: one
   * statement (the inbox rows and the sides together) however many transfers.
   */
  async applyTransfersPosted(batch: readonly PostedTransfer[]): Promise<void> {
    await this.reports.insertMovementsOnce(this.db, billingConsumer, batch);
  }
}
