import { billingEvents, type Hold } from '@moneypal/contracts';
import { applyOnce, type CloudEvent } from '@moneypal/kit';
import type { BillingDatabase } from '../database.js';
import { escrowInvoiceStateOf } from '../domain/invoice.js';
import { movementsOfCapturedHold } from '../domain/report.js';
import type * as invoiceRepository from '../repositories/invoice.repository.js';
import type * as reportRepository from '../repositories/report.repository.js';
import { type TraceContext, writeInvoiceEvent } from './events.js';
import { billingConsumer } from './settlement.service.js';

export interface EscrowServiceOptions {
  db: BillingDatabase;
  repositories: { invoices: typeof invoiceRepository; reports: typeof reportRepository };
  clock: () => Date;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

/**
 * What a settled hold does to billing: an escrow bill's invoice leaves `held` for `paid`
 * (something was captured) or `cancelled` (nothing was), and the money captured enters
 * reports. Each event is applied once (the inbox); the invoice changes once, since only a
 * held invoice changes, under its row lock.
 */
export class EscrowService {
  private readonly db: BillingDatabase;
  private readonly invoices: typeof invoiceRepository;
  private readonly reports: typeof reportRepository;

  constructor(private readonly options: EscrowServiceOptions) {
    this.db = options.db;
    this.invoices = options.repositories.invoices;
    this.reports = options.repositories.reports;
  }

  /**
   * `ledger.hold.captured|voided|expired`. A hold that no bill made (a user's own) changes
   * no invoice, and its capture counts in reports as a transfer between the two users.
   */
  async applyHoldSettled(event: CloudEvent, hold: Hold, trace?: TraceContext): Promise<void> {
    let written = false;
    await applyOnce(this.db, billingConsumer, event, async (trx) => {
      const invoice = await this.invoices.lockInvoiceOfHold(trx, hold.id);
      if (invoice === undefined) {
        await this.reports.insertMovements(trx, movementsOfCapturedHold(hold, 'transfer'));
        return;
      }
      let status = invoice.status;
      const state = escrowInvoiceStateOf(hold);
      if (status === 'held' && state.status !== 'held') {
        const updated = await this.invoices.updateInvoice(trx, invoice.id, {
          ...state,
          updated_at: this.options.clock(),
        });
        await writeInvoiceEvent(
          trx,
          state.status === 'paid' ? billingEvents.invoicePaid : billingEvents.invoiceCancelled,
          updated,
          trace,
        );
        written = true;
        status = updated.status;
      }
      // A settlement that contradicts the invoice's (a capture after it was cancelled) counts nothing.
      if (status === 'paid')
        await this.reports.insertMovements(trx, movementsOfCapturedHold(hold, 'payment'));
    });
    if (written) this.options.onEventsWritten();
  }
}
