import type { StatementFormat } from '@moneypal/contracts';

/** A statement's query once validated: a UTC month, or a period of two instants. */
export type StatementPeriodQuery = {
  month?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** The instants a statement covers: a month's first UTC midnight to the next month's, or the period given. */
export function statementPeriodOf(query: StatementPeriodQuery): { from: string; to: string } {
  if (query.month !== undefined) {
    const [year, month] = query.month.split('-').map(Number) as [number, number];
    return {
      from: new Date(Date.UTC(year, month - 1, 1)).toISOString(),
      to: new Date(Date.UTC(year, month, 1)).toISOString(),
    };
  }
  return { from: query.from!, to: query.to! };
}

/**
 * The name a statement is saved under: `moneypal-statement-2026-11.pdf` for a month, else
 * the first and last UTC days of the period, `moneypal-statement-2026-11-03-to-2026-11-20.csv`.
 */
export function statementFileNameOf(
  query: StatementPeriodQuery,
  format: Exclude<StatementFormat, 'json'>,
): string {
  if (query.month !== undefined) return `moneypal-statement-${query.month}.${format}`;
  const { from, to } = statementPeriodOf(query);
  const firstDay = new Date(from).toISOString().slice(0, 10);
  const lastDay = new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
  return `moneypal-statement-${firstDay}-to-${lastDay}.${format}`;
}
