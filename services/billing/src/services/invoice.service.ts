import type { Actor, Invoice } from '@moneypal/contracts';
import { decodeCursor, encodeCursor } from '@moneypal/kit';
import type { BillingDatabase } from '../database.js';
import { mayReadInvoice, readsAll, userIdOf } from '../domain/actor.js';
import {
  type InvoiceRecord,
  type InvoiceStatus,
  invoiceCursorPosition,
  invoiceNoOfCursorPosition,
  toPublicInvoice,
} from '../domain/invoice.js';
import { invoicePartiesOf } from '../domain/party.js';
import { billingError } from '../errors.js';
import type * as invoiceRepository from '../repositories/invoice.repository.js';
import type * as partyNameRepository from '../repositories/party-name.repository.js';

export interface InvoiceListQuery {
  role?: 'payer' | 'payee' | undefined;
  status?: InvoiceStatus | undefined;
  /** The invoice of one transfer, or of one escrow hold. */
  transfer_id?: string | undefined;
  hold_id?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Invoices as the actor may see them: a user those they pay or are paid; an admin or a service all. */
export class InvoiceService {
  constructor(
    private readonly db: BillingDatabase,
    private readonly repositories: {
      invoices: typeof invoiceRepository;
      partyNames: Pick<typeof partyNameRepository, 'findPartyNames'>;
    },
  ) {}

  /**
   * Newest first. A `role` narrows to the invoices the actor paid (`payer`) or was paid
   * (`payee`); an admin without one sees every invoice.
   */
  async listInvoices(
    actor: Actor,
    query: InvoiceListQuery,
  ): Promise<{ data: Invoice[]; next_cursor: string | null }> {
    const beforeNo =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor, invoiceNoOfCursorPosition);
    const self = userIdOf(actor);
    if (self === null && query.role !== undefined) return { data: [], next_cursor: null };
    const rows = await this.repositories.invoices.listInvoices(
      this.db,
      {
        userId: readsAll(actor) && query.role === undefined ? undefined : self!,
        role: query.role,
        status: query.status,
        transferId: query.transfer_id,
        holdId: query.hold_id,
      },
      // One row more than asked tells whether another page follows.
      { beforeNo, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: await this.named(page),
      next_cursor:
        rows.length > query.limit && last ? encodeCursor(invoiceCursorPosition(last.invoice_no)) : null,
    };
  }

  async getInvoice(actor: Actor, invoiceId: string): Promise<Invoice> {
    const invoice = await this.repositories.invoices.findInvoice(this.db, invoiceId);
    if (!invoice || !mayReadInvoice(actor, invoice))
      throw billingError('not_found', 'No invoice you take part in has this id.');
    return (await this.named([invoice]))[0]!;
  }

  /** Invoices as readers see them, their payer and payee named. */
  private async named(invoices: readonly InvoiceRecord[]): Promise<Invoice[]> {
    const names = await this.repositories.partyNames.findPartyNames(
      this.db,
      invoices.flatMap((invoice) => [invoice.payer_id, invoice.payee_id]),
    );
    return invoices.map((invoice) => ({ ...toPublicInvoice(invoice), ...invoicePartiesOf(invoice, names) }));
  }
}
