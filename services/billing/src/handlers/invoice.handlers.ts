import { billingRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { InvoiceService } from '../services/invoice.service.js';

export async function serveInvoiceRequests(bus: Bus, invoices: InvoiceService): Promise<void> {
  await serve(bus, billingRequests.listInvoices, ({ actor, ...query }) =>
    invoices.listInvoices(actor, query),
  );
  await serve(bus, billingRequests.getInvoice, ({ actor, invoice_id }) =>
    invoices.getInvoice(actor, invoice_id),
  );
}
