import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { root } from './system.js';

/**
 * Where the CPU goes during a run, per part of the system: each service process, the
 * PostgreSQL backends serving each database, NATS and the load generators. Read from
 * Linux's /proc (user + system time), so it is measured from outside and costs the
 * processes nothing; elsewhere it reports nothing.
 *
 * Processes are read every `pollMs` during the run, not only at its ends: a backend whose
 * connection closes during the run (every pgbench backend does when pgbench ends) still
 * counts with what it used up to its last reading, so at most `pollMs` of it is missed.
 */

/** Percent of one core and CPU seconds per part over a run. */
export interface CpuUse {
  /** 200 = both cores of a 2-core machine, for the whole run. */
  percentOfOneCore: Record<string, number>;
  seconds: Record<string, number>;
  elapsedSeconds: number;
}

/** Parts whose CPU is the benchmark's own, not the measured system's. */
export const loadGeneratorPrefix = 'load generator';

/**
 * The application name of the bench's own connections that watch the system (how many events
 * are applied): their backends count as no part, so that watching costs the system nothing.
 */
export const observerApplicationName = 'moneypal bench observer';

/** The thin peer's HTTP server (peer-server.ts), a process of its own. */
export const peerServerPart = 'peer server';

const services = ['gateway', 'identity', 'ledger', 'payments', 'billing', 'notifications'];
const pollMs = 250;
/** pg_stat_activity is read at most this often; new backends appear as pools grow. */
const backendLookupMs = 1_000;

function clockTicksPerSecond(): number {
  const run = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(run.stdout.trim());
  return Number.isSafeInteger(ticks) && ticks > 0 ? ticks : 100;
}

function partOf(command: string, pid: number, databaseOfBackend: Map<number, string>): string | undefined {
  const database = databaseOfBackend.get(pid);
  if (database !== undefined) return `postgres (${database} database)`;
  if (command.includes('nats-server')) return 'nats';
  // Only this checkout's processes: on a shared machine another checkout may run the same services.
  for (const service of services) {
    if (command.includes(`${root}services/${service}/`)) return service;
  }
  if (command.includes(`${root}packages/paypal-simulator/`)) return 'paypal-simulator';
  if (command.includes(`${root}apps/server/dist/local.js`)) return 'local runtime (every service)';
  if (command.includes(`${root}bench/dist/peer-server.js`)) return peerServerPart;
  if (pid === process.pid) return `${loadGeneratorPrefix} (this script)`;
  // Debian's pgbench is a perl wrapper that runs the binary of the server's version.
  if (/(^|\/)pgbench /.test(command)) return `${loadGeneratorPrefix} (pgbench)`;
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

function commandOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** The PostgreSQL backends connected to each database, by process id. */
async function backendsOf(databaseUrls: Record<string, string>): Promise<Map<number, string>> {
  const backends = new Map<number, string>();
  const entries = Object.entries(databaseUrls);
  if (entries.length === 0) return backends;
  const client = new pg.Client({
    connectionString: entries[0]![1],
    application_name: observerApplicationName,
  });
  await client.connect();
  try {
    const partOfDatabase = new Map(entries.map(([part, url]) => [new URL(url).pathname.slice(1), part]));
    const { rows } = await client.query<{ pid: number; datname: string }>(
      `select pid, datname from pg_stat_activity
        where datname = any($1::text[]) and pid <> pg_backend_pid() and application_name <> $2`,
      [[...partOfDatabase.keys()], observerApplicationName],
    );
    for (const row of rows) backends.set(row.pid, partOfDatabase.get(row.datname)!);
  } finally {
    await client.end();
  }
  return backends;
}

export interface CpuSampler {
  /** The use so far; sampling goes on. */
  current(): CpuUse | { unavailable: string };
  /** The part of each process seen so far, by process id. */
  processes(): Map<number, string>;
  stop(): Promise<CpuUse | { unavailable: string }>;
}

/**
 * Starts measuring. `databaseUrls` name the databases whose backends count, each as the part
 * given by its key (all on one server: the first URL is used to look them up).
 */
export async function startCpuSampling(databaseUrls: Record<string, string>): Promise<CpuSampler> {
  if (!existsSync('/proc/self/stat')) {
    const unavailable = { unavailable: 'no /proc on this system' };
    return { current: () => unavailable, processes: () => new Map(), stop: async () => unavailable };
  }
  const ticksPerSecond = clockTicksPerSecond();
  const ownCommand = commandOf(process.pid);
  let databaseOfBackend = await backendsOf(databaseUrls);
  let backendsReadAt = performance.now();
  /** A process id's part, once known: a backend's database and a command line do not change. */
  const partOfPid = new Map<number, string | null>();
  /** The first and the latest reading of each process seen; one first seen during the run starts at 0. */
  const seen = new Map<number, { part: string; first: number; last: number }>();
  let firstReading = true;

  const read = () => {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry);
      if (!Number.isSafeInteger(pid)) continue;
      let part = partOfPid.get(pid);
      if (part === undefined || (part === null && databaseOfBackend.has(pid))) {
        const command = commandOf(pid);
        if (command === undefined) continue;
        part = partOf(command, pid, databaseOfBackend) ?? null;
        // A child of this script reads as this script until it runs its own program (pgbench).
        if (part !== null || command !== ownCommand) partOfPid.set(pid, part);
      }
      if (part === null) continue;
      const ticks = ticksOf(pid);
      if (ticks === undefined) continue;
      const known = seen.get(pid);
      if (known) known.last = ticks;
      else seen.set(pid, { part, first: firstReading ? ticks : 0, last: ticks });
    }
    firstReading = false;
  };
  const refreshBackends = async () => {
    databaseOfBackend = await backendsOf(databaseUrls);
    backendsReadAt = performance.now();
  };

  read();
  const startedAt = performance.now();
  let polling = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling.then(async () => {
      if (performance.now() - backendsReadAt >= backendLookupMs) await refreshBackends().catch(() => {});
      read();
    });
  }, pollMs);
  timer.unref();

  const use = (): CpuUse => {
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const ticksByPart = new Map<string, number>();
    for (const { part, first, last } of seen.values()) {
      ticksByPart.set(part, (ticksByPart.get(part) ?? 0) + last - first);
    }
    const percentOfOneCore: Record<string, number> = {};
    const seconds: Record<string, number> = {};
    for (const [part, ticks] of [...ticksByPart].sort(([, left], [, right]) => right - left)) {
      if (ticks <= 0) continue;
      seconds[part] = ticks / ticksPerSecond;
      percentOfOneCore[part] = Math.round((100 * seconds[part]) / elapsedSeconds);
    }
    return { percentOfOneCore, seconds, elapsedSeconds };
  };

  return {
    current: () => {
      read();
      return use();
    },
    processes: () => new Map([...seen].map(([pid, { part }]) => [pid, part])),
    async stop() {
      clearInterval(timer);
      await polling;
      await refreshBackends();
      read();
      return use();
    },
  };
}

/** CPU milliseconds per transfer, summed over the parts counted: by default every part but the load generators. */
export function cpuMsPerTransfer(
  use: CpuUse | { unavailable: string },
  transfers: number,
  counted: (part: string) => boolean = (part) => !part.startsWith(loadGeneratorPrefix),
): number | null {
  if ('unavailable' in use || transfers === 0) return null;
  const seconds = Object.entries(use.seconds)
    .filter(([part]) => counted(part))
    .reduce((sum, [, partSeconds]) => sum + partSeconds, 0);
  return Math.round((1000 * seconds * 1000) / transfers) / 1000;
}

/** CPU milliseconds per transfer of each part (the load generators too), the largest first. */
export function cpuMsPerTransferByPart(
  use: CpuUse | { unavailable: string },
  transfers: number,
): Record<string, number> | null {
  if ('unavailable' in use || transfers === 0) return null;
  return Object.fromEntries(
    Object.entries(use.seconds).map(([part, seconds]) => [
      part,
      Math.round((1000 * seconds * 1000) / transfers) / 1000,
    ]),
  );
}
