import type { Hold, ReportSummary, Transfer } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';

/*
 * Reports: a user's money movements per currency over a range of UTC days, from the
 * projection of the ledger's transfers, with the invoices they paid and received.
 */

export type MovementKind = 'payment' | 'deposit' | 'transfer';
export type MovementDirection = 'in' | 'out';

/** One user side of a posted transfer, as the projection stores it. */
export interface Movement {
  transferId: string;
  userId: string;
  direction: MovementDirection;
  kind: MovementKind;
  currency: string;
  /** The UTC day it was posted, 'YYYY-MM-DD'. */
  day: string;
  amount: bigint;
}

export const reportFigures = [
  'payments_made',
  'payments_received',
  'deposits',
  'transfers_in',
  'transfers_out',
] as const;
export type ReportFigure = (typeof reportFigures)[number];

const dayMs = 86_400_000;

export function utcDayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) / dayMs;
}

/** How many days `from` to `to` covers, both included. */
export function dayCountOf(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from) + 1;
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysOf(from: string, to: string): string[] {
  const first = dayNumberOf(from);
  return Array.from({ length: dayCountOf(from, to) }, (_, index) =>
    new Date((first + index) * dayMs).toISOString().slice(0, 10),
  );
}

/** The instants the range of days covers: from the start of `from` until the end of `to` (exclusive). */
export function instantsOf(from: string, to: string): { start: Date; end: Date } {
  return { start: new Date(dayNumberOf(from) * dayMs), end: new Date((dayNumberOf(to) + 1) * dayMs) };
}

/**
 * The sides of a posted transfer that a report counts: a deposit into a user's wallet;
 * a payment or a transfer between two users, once for the payer and once for the payee.
 * Money between one user's own wallets, withdrawals and savings moves are not counted.
 */
export function movementsOf(posted: {
  transfer: Transfer;
  from_owner_id: string | null;
  to_owner_id: string | null;
}): Movement[] {
  const { transfer, from_owner_id: fromOwner, to_owner_id: toOwner } = posted;
  const side = (userId: string, direction: MovementDirection, kind: MovementKind): Movement => ({
    transferId: transfer.id,
    userId,
    direction,
    kind,
    currency: transfer.currency,
    day: utcDayOf(new Date(transfer.created_at)),
    amount: BigInt(transfer.amount),
  });
  switch (transfer.type) {
    case 'deposit':
      return toOwner === null ? [] : [side(toOwner, 'in', 'deposit')];
    case 'payment':
    case 'transfer':
      if (fromOwner === null || toOwner === null || fromOwner === toOwner) return [];
      return [side(fromOwner, 'out', transfer.type), side(toOwner, 'in', transfer.type)];
    case 'withdrawal':
    case 'savings':
    // An admin's correction of a transfer, not a movement either party made.
    case 'reversal':
    // Between two system accounts: nobody's movement.
    case 'clearing':
    // Escrow holds and their settlements: the reports do not count them.
    case 'hold':
    case 'hold_capture':
    case 'hold_void':
      return [];
  }
}

/**
 * The sides of a settled hold that a report counts: what its capture paid the payee, once
 * for the payer and once for the payee, on the day it settled, under the settlement
 * transfer's id. The move into escrow and whatever went back to the payer are not counted,
 * so a held amount counts nowhere until it is captured. The ledger's posted settlement,
 * when it names both users' wallets, yields these same sides, which are stored once.
 */
export function movementsOfCapturedHold(
  hold: Pick<
    Hold,
    'payer_id' | 'payee_id' | 'currency' | 'captured_amount' | 'settlement_transfer_id' | 'settled_at'
  >,
  kind: 'payment' | 'transfer',
): Movement[] {
  const transferId = hold.settlement_transfer_id;
  if (hold.captured_amount === 0 || transferId === null || hold.settled_at === null) return [];
  if (hold.payer_id === hold.payee_id) return [];
  const side = (userId: string, direction: MovementDirection): Movement => ({
    transferId,
    userId,
    direction,
    kind,
    currency: hold.currency,
    day: utcDayOf(new Date(hold.settled_at!)),
    amount: BigInt(hold.captured_amount),
  });
  return [side(hold.payer_id, 'out'), side(hold.payee_id, 'in')];
}

export function figureOf(kind: MovementKind, direction: MovementDirection): ReportFigure | null {
  switch (kind) {
    case 'payment':
      return direction === 'out' ? 'payments_made' : 'payments_received';
    case 'deposit':
      return direction === 'in' ? 'deposits' : null;
    case 'transfer':
      return direction === 'in' ? 'transfers_in' : 'transfers_out';
  }
}

/** A count and a sum of movements of one kind and direction: of one day, or of the whole range. */
export interface MovementSum {
  currency: string;
  /** null for the whole range. */
  day: string | null;
  kind: MovementKind;
  direction: MovementDirection;
  count: bigint;
  amount: bigint;
}

/** A count and a sum of the invoices the user paid (`payer`) or received (`payee`). */
export interface InvoiceSum {
  currency: string;
  role: 'payer' | 'payee';
  count: bigint;
  amount: bigint;
}

type Total = { count: number; amount: number };
type Figures = Record<ReportFigure, Total>;

const zeroFigures = (): Figures => ({
  payments_made: { count: 0, amount: 0 },
  payments_received: { count: 0, amount: 0 },
  deposits: { count: 0, amount: 0 },
  transfers_in: { count: 0, amount: 0 },
  transfers_out: { count: 0, amount: 0 },
});

/** A sum as the reply carries it; one beyond 2^53-1 fails loudly rather than lose precision. */
function totalOf(sum: { count: bigint; amount: bigint }): Total {
  return { count: toSafeNumber(sum.count), amount: toSafeNumber(sum.amount) };
}

/**
 * The report from the database's sums: a section per currency that has any, with totals
 * and a point for every day of the range, days without activity included.
 */
export function buildReportSummary(
  range: { from: string; to: string },
  movements: readonly MovementSum[],
  invoices: readonly InvoiceSum[],
): ReportSummary {
  const days = daysOf(range.from, range.to);
  const positions = new Map(days.map((day, index) => [day, index]));
  const currencies = [...new Set([...movements, ...invoices].map((sum) => sum.currency))].sort();
  return {
    from: range.from,
    to: range.to,
    currencies: currencies.map((currency) => {
      const totals = {
        ...zeroFigures(),
        invoices_paid: { count: 0, amount: 0 },
        invoices_received: { count: 0, amount: 0 },
      };
      const daily = days.map((date) => ({ date, ...zeroFigures() }));
      for (const sum of movements) {
        const figure = figureOf(sum.kind, sum.direction);
        if (sum.currency !== currency || figure === null) continue;
        if (sum.day === null) {
          totals[figure] = totalOf(sum);
          continue;
        }
        const position = positions.get(sum.day);
        if (position === undefined) throw new RangeError(`day ${sum.day} is outside the report's range`);
        daily[position]![figure] = totalOf(sum);
      }
      for (const sum of invoices) {
        if (sum.currency !== currency) continue;
        totals[sum.role === 'payer' ? 'invoices_paid' : 'invoices_received'] = totalOf(sum);
      }
      return { currency, totals, daily };
    }),
  };
}
