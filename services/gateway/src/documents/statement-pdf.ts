import type { Statement } from '@moneypal/contracts';
import { formatMinor } from '@moneypal/kit';
import {
  counterpartyLine,
  directionOfMovement,
  movementLabel,
  noteOf,
  personLabel,
} from './movement-wording.js';
import {
  contentWidth,
  dateText,
  drawFields,
  drawHeading,
  type Pdf,
  pageBottom,
  pageMargin,
  pdfText,
  renderPdf,
  yieldToOtherRequests,
} from './pdf-document.js';

const columns = { date: 78, amount: 85, balance: 85 };
/** Rows laid out between two yields to other requests (a row takes about a millisecond). */
const rowsBetweenYields = 25;
/**
 * The most movements a PDF statement shows: about 90 pages, a few seconds of layout. The
 * CSV of the same period carries every movement the ledger answers (up to 10,000).
 */
export const maxPdfStatementMovements = 2_000;
const rowGap = 6;

/** The last day a period covers: the day of the instant just before its (exclusive) end. */
export function lastDayOf(statement: Pick<Statement, 'to'>): Date {
  return new Date(Date.parse(statement.to) - 1);
}

/**
 * A statement as PDF: the owner, the wallet and the period; the opening balance, money in and
 * out, and the closing balance; then a table of every movement (date, what it was and with
 * whom, amount, balance after), which runs over as many pages as it needs, its header
 * repeated on each.
 */
export function statementPdfOf(statement: Statement): Promise<Buffer> {
  const { currency } = statement.wallet;
  const money = (amountMinor: number, signed = false) =>
    `${signed && amountMinor > 0 ? '+' : ''}${formatMinor(BigInt(amountMinor), currency)} ${currency}`;
  const period = `${dateText(new Date(statement.from))} to ${dateText(lastDayOf(statement))} (UTC)`;
  return renderPdf(`MoneyPal statement, ${period}`, async (pdf) => {
    drawHeading(pdf, 'Statement');
    drawFields(pdf, [
      ['Owner', personLabel(statement.wallet.owner_name, statement.wallet.owner_handle) ?? 'Unknown'],
      ['Wallet', `${statement.wallet.id} (${statement.wallet.type}, ${currency})`],
      ['Period', period],
      ['Opening balance', money(statement.opening_balance)],
      ['Money in', money(statement.total_in)],
      ['Money out', money(statement.total_out)],
      ['Closing balance', money(statement.closing_balance)],
    ]);
    pdf.moveDown(1);
    const descriptionWidth = contentWidth(pdf) - columns.date - columns.amount - columns.balance;
    drawTableHeader(pdf, descriptionWidth);
    if (statement.movements.length === 0) {
      pdf
        .font('Helvetica')
        .fontSize(10)
        .text('No movements in this period.', pageMargin, pdf.y + 4);
      return;
    }
    for (const [index, movement] of statement.movements.entries()) {
      if (index % rowsBetweenYields === rowsBetweenYields - 1) await yieldToOtherRequests();
      const { transfer } = movement;
      const direction = directionOfMovement(transfer, movement.amount);
      const description = [
        movementLabel(transfer, direction),
        counterpartyLine(transfer, direction),
        noteOf(transfer),
      ]
        .filter((line): line is string => line !== null && line !== '')
        .map(pdfText)
        .join('\n');
      pdf.font('Helvetica').fontSize(9);
      const height = pdf.heightOfString(description, { width: descriptionWidth - 8 }) + rowGap;
      if (pdf.y + height > pageBottom(pdf)) {
        pdf.addPage();
        drawTableHeader(pdf, descriptionWidth);
      }
      const y = pdf.y;
      let x = pageMargin;
      pdf.fillColor('#000000').text(dateText(new Date(transfer.created_at)), x, y, { width: columns.date });
      x += columns.date;
      pdf.text(description, x, y, { width: descriptionWidth - 8 });
      x += descriptionWidth;
      pdf
        .fillColor(movement.amount < 0 ? '#a40000' : '#006100')
        .text(money(movement.amount, true), x, y, { width: columns.amount, align: 'right' });
      x += columns.amount;
      pdf
        .fillColor('#000000')
        .text(money(movement.balance_after), x, y, { width: columns.balance, align: 'right' });
      pdf.y = y + height;
    }
  });
}

function drawTableHeader(pdf: Pdf, descriptionWidth: number): void {
  const y = pdf.y;
  let x = pageMargin;
  pdf.font('Helvetica-Bold').fontSize(9).fillColor('#333333');
  pdf.text('Date', x, y, { width: columns.date });
  x += columns.date;
  pdf.text('Description', x, y, { width: descriptionWidth });
  x += descriptionWidth;
  pdf.text('Amount', x, y, { width: columns.amount, align: 'right' });
  x += columns.amount;
  pdf.text('Balance', x, y, { width: columns.balance, align: 'right' });
  const lineY = y + 14;
  pdf
    .moveTo(pageMargin, lineY)
    .lineTo(pageMargin + contentWidth(pdf), lineY)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  pdf.y = lineY + 5;
}
