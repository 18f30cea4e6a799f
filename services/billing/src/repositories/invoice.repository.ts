import type { Executor } from '../database.js';
import type { InvoiceRecord, InvoiceStatus } from '../domain/invoice.js';

/**
 * Takes the next invoice number. Locks the counter row until the transaction ends, so
 * numbers are handed out one transaction at a time and a rollback gives its number back.
 */
export async function takeInvoiceNo(db: Executor): Promise<bigint> {
  const row = await db
    .updateTable('invoice_counter')
    .set((eb) => ({ last_no: eb('last_no', '+', 1n) }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return row.last_no;
}

export async function insertInvoice(db: Executor, invoice: InvoiceRecord): Promise<void> {
  await db.insertInto('invoices').values(invoice).execute();
}

export async function findInvoice(db: Executor, id: string): Promise<InvoiceRecord | undefined> {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findInvoiceOfPayment(
  db: Executor,
  paymentId: string,
): Promise<InvoiceRecord | undefined> {
  return db.selectFrom('invoices').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

/** The invoice of an escrow bill, by its hold; locks it until the transaction ends, so one settlement changes it at a time. */
export async function lockInvoiceOfHold(db: Executor, holdId: string): Promise<InvoiceRecord | undefined> {
  return db.selectFrom('invoices').selectAll().where('hold_id', '=', holdId).forUpdate().executeTakeFirst();
}

/** The invoice of a bill, by its payer and their Idempotency-Key. */
export async function findInvoiceOfBill(
  db: Executor,
  payerId: string,
  idempotencyKey: string,
): Promise<InvoiceRecord | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('payer_id', '=', payerId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export type InvoiceUpdate = Partial<
  Pick<
    InvoiceRecord,
    | 'status'
    | 'transfer_id'
    | 'paid_at'
    | 'refunded_at'
    | 'refunded_amount'
    | 'updated_at'
    | 'captured_amount'
  >
>;

export async function updateInvoice(
  db: Executor,
  id: string,
  changes: InvoiceUpdate,
): Promise<InvoiceRecord> {
  return db
    .updateTable('invoices')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface InvoiceListFilters {
  /** Invoices this user paid, was paid, or either; undefined for every invoice. */
  userId?: string | undefined;
  role?: 'payer' | 'payee' | undefined;
  status?: InvoiceStatus | undefined;
  transferId?: string | undefined;
  holdId?: string | undefined;
}

/** Newest first (by number, which follows issuance), after the cursor's number. */
export async function listInvoices(
  db: Executor,
  filters: InvoiceListFilters,
  page: { beforeNo?: bigint | undefined; limit: number },
): Promise<InvoiceRecord[]> {
  let query = db.selectFrom('invoices').selectAll();
  const { userId, role } = filters;
  if (userId !== undefined) {
    if (role === 'payer') query = query.where('payer_id', '=', userId);
    else if (role === 'payee') query = query.where('payee_id', '=', userId);
    else query = query.where((eb) => eb.or([eb('payer_id', '=', userId), eb('payee_id', '=', userId)]));
  }
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  if (filters.transferId !== undefined) query = query.where('transfer_id', '=', filters.transferId);
  if (filters.holdId !== undefined) query = query.where('hold_id', '=', filters.holdId);
  if (page.beforeNo !== undefined) query = query.where('invoice_no', '<', page.beforeNo);
  return query.orderBy('invoice_no', 'desc').limit(page.limit).execute();
}
