import type { Invoice, Transfer } from '@moneypal/contracts';
import { formatMinor } from '@moneypal/kit';
import {
  type Direction,
  invoiceStatusNames,
  movementLabel,
  noteOf,
  partyLabel,
  personLabel,
} from './movement-wording.js';
import { dateTimeText, drawFields, drawHeading, renderPdf } from './pdf-document.js';

const money = (amountMinor: number, currency: string) =>
  `${formatMinor(BigInt(amountMinor), currency)} ${currency}`;

/** A receipt for one transaction: who paid whom, the amount, when, its reference and status. */
export function transactionReceiptPdfOf(transfer: Transfer, direction: Direction): Promise<Buffer> {
  return renderPdf(`MoneyPal receipt ${transfer.id}`, (pdf) => {
    drawHeading(pdf, 'Transaction receipt');
    const note = noteOf(transfer);
    drawFields(pdf, [
      ['What', movementLabel(transfer, direction)],
      ['Paid by', partyLabel(transfer, 'from')],
      ['Paid to', partyLabel(transfer, 'to')],
      ['Amount', money(transfer.amount, transfer.currency)],
      ['Date', dateTimeText(transfer.created_at)],
      ['Status', 'Completed'],
      ['Reference', transfer.id],
      ...(note === null ? [] : [['Note', note] as const]),
    ]);
  });
}

/** A receipt for one invoice: payer, payee, amount, its dates, number, references and status. */
export function invoiceReceiptPdfOf(invoice: Invoice): Promise<Buffer> {
  return renderPdf(`MoneyPal invoice ${invoice.invoice_no} receipt`, (pdf) => {
    drawHeading(pdf, `Invoice ${invoice.invoice_no} receipt`);
    drawFields(pdf, [
      ['Invoice number', String(invoice.invoice_no)],
      ['Paid by', personLabel(invoice.payer_name, invoice.payer_handle) ?? 'A MoneyPal user'],
      ['Paid to', personLabel(invoice.payee_name, invoice.payee_handle) ?? 'A MoneyPal user'],
      ['Amount', money(invoice.amount, invoice.currency)],
      ...(invoice.amount_paid !== null && invoice.amount_paid !== invoice.amount
        ? [['Amount paid', money(invoice.amount_paid, invoice.currency)] as const]
        : []),
      ...(invoice.refunded_amount > 0
        ? [['Refunded', money(invoice.refunded_amount, invoice.currency)] as const]
        : []),
      ['Status', invoiceStatusNames[invoice.status]],
      ['Issued', dateTimeText(invoice.issued_at)],
      ...(invoice.paid_at === null ? [] : [['Paid', dateTimeText(invoice.paid_at)] as const]),
      ...(invoice.refunded_at === null ? [] : [['Refunded on', dateTimeText(invoice.refunded_at)] as const]),
      ['Reference', invoice.id],
      ...(invoice.transfer_id === null ? [] : [['Transaction', invoice.transfer_id] as const]),
      ...(invoice.description === null ? [] : [['Description', invoice.description] as const]),
    ]);
  });
}
