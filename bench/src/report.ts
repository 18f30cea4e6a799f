import type { EventsApplied } from './event-lag.js';
import type { PeerFigures } from './peer.js';
import type { PartProfile } from './profile.js';
import type { Yardstick } from './yardstick.js';

/** What bench:transfers prints as a table (and, whole, as one JSON line after it). */
export interface TransferFigures {
  runtime: string;
  workload: string;
  api: string;
  users: number;
  wallets: number;
  connections: number;
  yardstick: Yardstick;
  seeding: {
    seconds: number;
    wallets_per_second: number;
    concurrency: number;
    initial_balance_minor: number;
  };
  transfers: {
    duration_seconds: number;
    posted: number;
    transfers_per_second: number;
    requests: number;
    transfers_per_request: number;
    p50_ms: number;
    p99_ms: number;
    max_ms: number;
    refused: Record<string, number>;
    socket_errors: number;
    timeouts: number;
  };
  ratio_to_r: number | null;
  /** The thin peer of the same run, when measured. */
  peer?: PeerFigures & { ratio_to_r: number | null };
  ratio_to_peer?: number | null;
  /**
   * Every process's CPU from the start of the load until every event was applied (or the
   * bound), over the transfers the ledger posted meanwhile.
   */
  cpu_ms_per_transfer: number | null;
  /** The same while the load ran only: what the consumers left for later is not in it. */
  cpu_ms_per_transfer_during_load: number | null;
  cpu_ms_per_transfer_by_part: Record<string, number> | null;
  /** While the load ran. */
  cpu_percent_of_one_core: Record<string, number> | { unavailable: string };
  events: EventsApplied & { ledger_transfers_during_load: number };
  verify: { exit_code: number | null; output: string[] } | { skipped: string };
  /** With --profile: the functions with the most self time, per Node process of the system. */
  profile?: { directory: string; parts: Record<string, PartProfile> };
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

function peerRow(peer: PeerFigures & { ratio_to_r: number | null }): string[] {
  return [
    `thin peer: pgledger behind Fastify + pg, pool ${peer.pool}`,
    formatted(peer.transfers_per_second),
    formatted(peer.ratio_to_r),
    formatted(peer.p50_ms),
    formatted(peer.p99_ms),
    formatted(peer.cpu_ms_per_transfer),
  ];
}

function peerLines(peer: PeerFigures): string[] {
  const cpu = peer.cpu_percent_of_one_core;
  return [
    `thin peer over ${formatted(peer.accounts)} accounts: ${formatted(peer.transfers)} transfers, ` +
      `refused: ${listed(peer.refused)}, socket errors ${peer.socket_errors}, ` +
      `money kept: ${peer.money_kept ? 'yes' : 'NO'}`,
    `thin peer's CPU, % of one core: ${'unavailable' in cpu ? cpu.unavailable : listed(cpu)}`,
  ];
}

/** R and the thin peer alone (bench:peer). */
export function peerTable(yardstick: Yardstick, peer: PeerFigures & { ratio_to_r: number | null }): string {
  return [
    `bench:peer: ${formatted(peer.accounts)} accounts, ${peer.connections} connections for ${peer.duration_seconds} s`,
    '',
    table(['', ...columns], [yardstickRow(yardstick), peerRow(peer)]),
    '',
    ...peerLines(peer),
    ...yardstickLines(yardstick),
  ].join('\n');
}

function eventsLine(events: TransferFigures['events']): string {
  const counts =
    `ledger ${formatted(events.ledger_transfers)} transfers (${formatted(events.ledger_transfers_during_load)} ` +
    `during the load, ${formatted(events.ledger_transfers_between_users)} between two users), ` +
    `outbox unsent ${formatted(events.outbox_unsent)}; applied: billing ${formatted(events.billing_applied)}, ` +
    `notifications ${formatted(events.notifications_applied)}`;
  return events.applied
    ? `events: all applied ${formatted(events.seconds)} s after the load: ${counts}`
    : `events: NOT all applied within ${formatted(events.bound_seconds)} s after the load: ${counts}`;
}

function profileLines(profile: NonNullable<TransferFigures['profile']>): string[] {
  const lines = [
    `CPU profile, self time from the start of the load until the events were applied (${profile.directory}):`,
  ];
  for (const [part, { sampled_ms, top }] of Object.entries(profile.parts).sort(
    ([, left], [, right]) => right.sampled_ms - left.sampled_ms,
  )) {
    lines.push(`  ${part}, ${formatted(sampled_ms)} ms sampled:`);
    for (const cost of top) {
      lines.push(
        `    ${(100 * cost.share).toFixed(1).padStart(5)}%  ${formatted(cost.self_ms).padStart(7)} ms  ${cost.function}`,
      );
    }
  }
  return lines;
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
  const byPart = figures.cpu_ms_per_transfer_by_part;
  return [
    `bench:transfers: ${figures.runtime} runtime, ${figures.workload} workload, ${formatted(figures.wallets)} wallets, ` +
      `${figures.connections} connections for ${transfers.duration_seconds} s`,
    '',
    table(
      ['', ...columns],
      [yardstickRow(figures.yardstick), ...(figures.peer ? [peerRow(figures.peer)] : []), moneyPal],
    ),
    '',
    ...(figures.peer ? [`MoneyPal to the thin peer: ${formatted(figures.ratio_to_peer)}`] : []),
    `MoneyPal: ${formatted(transfers.posted)} transfers posted, refused: ${listed(transfers.refused)}, ` +
      `socket errors ${transfers.socket_errors}, timeouts ${transfers.timeouts}`,
    eventsLine(figures.events),
    `MoneyPal's CPU, ms per transfer until the events were applied: ${byPart === null ? 'unavailable' : listed(byPart)}` +
      ` (during the load alone: ${formatted(figures.cpu_ms_per_transfer_during_load)} in all)`,
    `MoneyPal's CPU during the load, % of one core: ${'unavailable' in cpu ? cpu.unavailable : listed(cpu)}`,
    `ledger verify: ${verified}`,
    ...(figures.peer ? peerLines(figures.peer) : []),
    ...yardstickLines(figures.yardstick),
    ...(figures.profile ? profileLines(figures.profile) : []),
  ].join('\n');
}
