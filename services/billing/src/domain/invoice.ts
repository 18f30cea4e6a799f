import type { Invoice, invoiceStatuses } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';

export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** An invoice as stored. */
export interface InvoiceRecord {
  id: string;
  invoice_no: bigint;
  payer_id: string;
  payee_id: string;
  amount: bigint;
  currency: string;
  description: string | null;
  status: InvoiceStatus;
  payment_id: string | null;
  transfer_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  issued_at: Date;
  paid_at: Date | null;
  refunded_at: Date | null;
  /** What its payment's refunds gave back so far. */
  refunded_amount: bigint;
  updated_at: Date;
}

/** An invoice about to be issued; its number is taken in the transaction that inserts it. */
export type NewInvoice = Omit<InvoiceRecord, 'invoice_no'>;

/** What happened to the payment or bill an invoice is for. */
export type InvoiceChange = 'issued' | 'paid' | 'failed' | 'refunded';

/**
 * The status an invoice takes on a change, or null when the change leaves it as it is.
 * Paid and refunded are final for what can fail; a failed invoice is paid only when the
 * money did move after all (events may arrive in any order, and the ledger decides). A
 * refund applies to a paid invoice, or one refunded in part; `afterRefund` says how far.
 */
export function statusAfter(current: InvoiceStatus | null, change: InvoiceChange): InvoiceStatus | null {
  switch (change) {
    case 'issued':
      return current === null ? 'pending' : null;
    case 'paid':
      return current === null || current === 'pending' || current === 'failed' ? 'paid' : null;
    case 'failed':
      return current === null || current === 'pending' ? 'failed' : null;
    case 'refunded':
      return current === 'paid' || current === 'partially_refunded' ? 'refunded' : null;
  }
}

/**
 * An invoice after one refund of `refundMinor` more: `refunded` once its refunds reach its
 * amount, `partially_refunded` before.
 */
export function afterRefund(
  invoice: Pick<InvoiceRecord, 'amount' | 'refunded_amount'>,
  refundMinor: bigint,
): { status: InvoiceStatus; refundedMinor: bigint } {
  const refundedMinor = invoice.refunded_amount + refundMinor;
  return { status: refundedMinor >= invoice.amount ? 'refunded' : 'partially_refunded', refundedMinor };
}

export function toPublicInvoice(invoice: InvoiceRecord): Invoice {
  return {
    id: invoice.id,
    invoice_no: toSafeNumber(invoice.invoice_no),
    payer_id: invoice.payer_id,
    payee_id: invoice.payee_id,
    amount: toSafeNumber(invoice.amount),
    currency: invoice.currency,
    description: invoice.description,
    status: invoice.status,
    payment_id: invoice.payment_id,
    transfer_id: invoice.transfer_id,
    issued_at: invoice.issued_at.toISOString(),
    paid_at: invoice.paid_at?.toISOString() ?? null,
    refunded_at: invoice.refunded_at?.toISOString() ?? null,
    refunded_amount: toSafeNumber(invoice.refunded_amount),
    updated_at: invoice.updated_at.toISOString(),
  };
}

/** A list cursor's position: the number of the last invoice of the previous page. */
export function invoiceCursorPosition(lastInvoiceNo: bigint): string {
  return `invoice:${lastInvoiceNo}`;
}

/** The invoice number in a cursor's position, or null when `invoiceCursorPosition` did not write it. */
export function invoiceNoOfCursorPosition(position: string): bigint | null {
  const match = /^invoice:([1-9]\d{0,17})$/.exec(position);
  return match ? BigInt(match[1]!) : null;
}
