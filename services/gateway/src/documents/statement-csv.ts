import type { Statement } from '@moneypal/contracts';
import { formatMinor } from '@moneypal/kit';
import { counterpartyLine, directionOfMovement, movementLabel, noteOf } from './movement-wording.js';

/** The columns of a statement as CSV, in order. */
export const statementCsvColumns = [
  'date',
  'description',
  'counterparty',
  'note',
  'reference',
  'amount',
  'balance',
  'currency',
] as const;

/** A number this module wrote from minor units: it is data, never a formula, whatever its sign. */
const exactDecimal = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field: text that a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return) is prefixed with `'` (OWASP's advice on CSV
 * injection); then quoted when it holds a comma, a quote or a line break (RFC 4180).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !exactDecimal.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A statement as RFC 4180 CSV in UTF-8: a header row, the opening balance, one row per
 * movement with its balance after, and the closing balance. Amounts are exact decimals of
 * the currency (`-25.00`), written from minor units. A byte-order mark leads, so that a
 * spreadsheet opened on the file reads it as UTF-8.
 */
export function statementCsvOf(statement: Statement): string {
  const { currency } = statement.wallet;
  const money = (amountMinor: number) => formatMinor(BigInt(amountMinor), currency);
  const rows = [
    csvRow(statementCsvColumns),
    csvRow([statement.from, 'Opening balance', '', '', '', '', money(statement.opening_balance), currency]),
  ];
  for (const movement of statement.movements) {
    const { transfer } = movement;
    const direction = directionOfMovement(transfer, movement.amount);
    rows.push(
      csvRow([
        transfer.created_at,
        movementLabel(transfer, direction),
        counterpartyLine(transfer, direction) ?? '',
        noteOf(transfer) ?? '',
        transfer.id,
        money(movement.amount),
        money(movement.balance_after),
        currency,
      ]),
    );
  }
  rows.push(
    csvRow([statement.to, 'Closing balance', '', '', '', '', money(statement.closing_balance), currency]),
  );
  return `\uFEFF${rows.join('')}`;
}
