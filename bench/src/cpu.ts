import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Where the CPU goes during a run, per part of the system: each service process, the
 * PostgreSQL backends serving each service's database, NATS and the load generator. Read
 * from Linux's /proc (user + system time), so it is measured from outside and costs the
 * processes nothing; elsewhere it reports nothing.
 */

/** CPU time so far (clock ticks) of each process of the system, by process id. */
type Ticks = Map<number, { part: string; ticks: number }>;

const services = ['gateway', 'identity', 'ledger', 'payments', 'billing', 'notifications'];

function clockTicksPerSecond(): number {
  const run = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(run.stdout.trim());
  return Number.isSafeInteger(ticks) && ticks > 0 ? ticks : 100;
}

function partOf(command: string, pid: number, databaseOfBackend: Map<number, string>): string | undefined {
  const database = databaseOfBackend.get(pid);
  if (database !== undefined) return `postgres (${database} database)`;
  if (command.includes('nats-server')) return 'nats';
  for (const service of services) {
    if (command.includes(`services/${service}/`)) return service;
  }
  if (command.includes('paypal-simulator')) return 'paypal-simulator';
  if (command.includes('apps/server/dist/local.js')) return 'local runtime (every service)';
  if (pid === process.pid) return 'load generator (this script)';
  return undefined;
}

function ticksOf(pid: number): number | undefined {
  try {
    // The command name in parentheses may hold spaces; the fields after it are fixed.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined; // The process ended meanwhile.
  }
}

function readTicks(databaseOfBackend: Map<number, string>): Ticks {
  const ticks: Ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isSafeInteger(pid)) continue;
    let command: string;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    const part = partOf(command, pid, databaseOfBackend);
    const used = part === undefined ? undefined : ticksOf(pid);
    if (part !== undefined && used !== undefined) ticks.set(pid, { part, ticks: used });
  }
  return ticks;
}

/** The PostgreSQL backends connected to each service's database, by process id. */
async function backendsOf(databaseUrls: Record<string, string>): Promise<Map<number, string>> {
  const backends = new Map<number, string>();
  const entries = Object.entries(databaseUrls);
  if (entries.length === 0) return backends;
  const client = new pg.Client({ connectionString: entries[0]![1] });
  await client.connect();
  try {
    const serviceOf = new Map(entries.map(([service, url]) => [new URL(url).pathname.slice(1), service]));
    const { rows } = await client.query<{ pid: number; datname: string }>(
      'select pid, datname from pg_stat_activity where datname = any($1::text[])',
      [[...serviceOf.keys()]],
    );
    for (const row of rows) backends.set(row.pid, serviceOf.get(row.datname)!);
  } finally {
    await client.end();
  }
  return backends;
}

export interface CpuSampler {
  /** Percent of one core per part over the time since `startCpuSampling` (200 = both of 2 cores). */
  stop(): Promise<Record<string, number> | { unavailable: string }>;
}

/** Starts measuring; the distributed runtime's database URLs name the PostgreSQL backends. */
export async function startCpuSampling(databaseUrls: Record<string, string>): Promise<CpuSampler> {
  if (!existsSync('/proc/self/stat')) {
    return { stop: async () => ({ unavailable: 'no /proc on this system' }) };
  }
  const ticksPerSecond = clockTicksPerSecond();
  // Backends are looked up at both ends: the pools open connections as the load grows.
  const before = readTicks(await backendsOf(databaseUrls));
  const startedAt = performance.now();
  return {
    async stop() {
      const after = readTicks(await backendsOf(databaseUrls));
      const seconds = (performance.now() - startedAt) / 1000;
      // A process that started during the run counts whole; one that ended is missed.
      const used = new Map<string, number>();
      for (const [pid, { part, ticks }] of after) {
        used.set(part, (used.get(part) ?? 0) + ticks - (before.get(pid)?.ticks ?? 0));
      }
      const percent: Record<string, number> = {};
      for (const [part, ticks] of [...used].sort(([, left], [, right]) => right - left)) {
        if (ticks > 0) percent[part] = Math.round((100 * ticks) / ticksPerSecond / seconds);
      }
      return percent;
    },
  };
}
