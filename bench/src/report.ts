import type { Yardstick } from './yardstick.js';

/** What bench:transfers prints as a table (and, whole, as one JSON line after it). */
export interface TransferFigures {
  runtime: string;
  workload: string;
  api: string;
  wallets: number;
  connections: number;
  yardstick: Yardstick;
  transfers: {
    duration_seconds: number;
    posted: number;
    transfers_per_second: number;
    transfers_per_request: number;
    p50_ms: number;
    p99_ms: number;
    refused: Record<string, number>;
    socket_errors: number;
    timeouts: number;
  };
  ratio_to_r: number | null;
  cpu_ms_per_transfer: number | null;
  cpu_percent_of_one_core: Record<string, number> | { unavailable: string };
  verify: { exit_code: number | null; output: string[] } | { skipped: string };
}

export function ratioOf(rate: number, yardstickRate: number): number | null {
  return yardstickRate > 0 ? Math.round((1000 * rate) / yardstickRate) / 1000 : null;
}

const columns = ['transfers/s', 'ratio to R', 'p50 ms', 'p99 ms', 'CPU ms/transfer'];

function formatted(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** Rows under a header, the first column left-aligned and the others right-aligned. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)))
      .join('   ');
  return [line(header), ...rows.map(line)].join('\n');
}

function listed(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0
    ? 'none'
    : entries.map(([what, count]) => `${what} ${formatted(count)}`).join(' · ');
}

function yardstickRow(yardstick: Yardstick): string[] {
  return [
    `R: plpgsql transfer(), ${yardstick.driver}, ${yardstick.connections} connections, ${yardstick.seconds} s`,
    formatted(yardstick.transfers_per_second),
    '1',
    formatted(yardstick.p50_ms),
    formatted(yardstick.p99_ms),
    formatted(yardstick.cpu_ms_per_transfer),
  ];
}

function yardstickLines(yardstick: Yardstick): string[] {
  return [
    `R over ${formatted(yardstick.accounts)} accounts: ${formatted(yardstick.transfers)} transfers, ` +
      `refused ${formatted(yardstick.refused)}, errors: ${listed(yardstick.errors)}, ` +
      `money kept: ${yardstick.money_kept ? 'yes' : 'NO'}`,
    `R's CPU, % of one core: ${'unavailable' in yardstick.cpu_percent_of_one_core ? yardstick.cpu_percent_of_one_core.unavailable : listed(yardstick.cpu_percent_of_one_core)}`,
  ];
}

export function yardstickTable(yardstick: Yardstick): string {
  return [table(['', ...columns], [yardstickRow(yardstick)]), '', ...yardstickLines(yardstick)].join('\n');
}

export function figuresTable(figures: TransferFigures): string {
  const { transfers, verify } = figures;
  const latencyOf = transfers.transfers_per_request > 1 ? ' (latency of a whole batch)' : '';
  const moneyPal = [
    `MoneyPal, ${figures.api}${latencyOf}`,
    formatted(transfers.transfers_per_second),
    formatted(figures.ratio_to_r),
    formatted(transfers.p50_ms),
    formatted(transfers.p99_ms),
    formatted(figures.cpu_ms_per_transfer),
  ];
  const verified =
    'skipped' in verify
      ? `skipped: ${verify.skipped}`
      : `${verify.exit_code === 0 ? 'passed' : 'FAILED'} (exit ${verify.exit_code}): ${verify.output.at(-1) ?? ''}`;
  const cpu = figures.cpu_percent_of_one_core;
  return [
    `bench:transfers: ${figures.runtime} runtime, ${figures.workload} workload, ${formatted(figures.wallets)} wallets, ` +
      `${figures.connections} connections for ${transfers.duration_seconds} s`,
    '',
    table(['', ...columns], [yardstickRow(figures.yardstick), moneyPal]),
    '',
    `MoneyPal: ${formatted(transfers.posted)} transfers posted, refused: ${listed(transfers.refused)}, ` +
      `socket errors ${transfers.socket_errors}, timeouts ${transfers.timeouts}`,
    `MoneyPal's CPU, % of one core: ${'unavailable' in cpu ? cpu.unavailable : listed(cpu)}`,
    `ledger verify: ${verified}`,
    ...yardstickLines(figures.yardstick),
  ].join('\n');
}
