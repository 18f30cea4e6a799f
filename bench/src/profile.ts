import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadGeneratorPrefix } from './cpu.js';
import { root } from './system.js';

/**
 * `--profile <dir>`: V8 CPU profiles of the system's Node processes over the measured window,
 * and the functions that take the most CPU in each. The runtime starts with
 * profile-on-signal.js preloaded into every Node process (through NODE_OPTIONS, which the
 * distributed runtime's launcher passes on to the services); SIGUSR2 starts and stops each
 * process's profiler. The profiles stay in the directory as `<part>-<pid>.cpuprofile`, for
 * Chrome DevTools or speedscope.
 */

/** A function's self time: CPU spent in its own code, not in what it calls. */
export interface FunctionCost {
  function: string;
  self_ms: number;
  /** Of the part's sampled CPU time (idle and the profiler's own work left out). */
  share: number;
}

export interface PartProfile {
  /** Sampled time that was not idle nor the profiler's own, in milliseconds. */
  sampled_ms: number;
  top: FunctionCost[];
}

/** The environment a runtime needs for `--profile`: the preload and where it writes (made here). */
export function profilingEnvironment(directory: string): Record<string, string> {
  mkdirSync(directory, { recursive: true });
  const preload = pathToFileURL(join(root, 'bench/dist/profile-on-signal.js')).href;
  return {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim(),
    BENCH_PROFILE_DIR: resolve(directory),
  };
}

/** Parts that are Node processes of the system (not PostgreSQL, NATS or the load generator). */
function isNodePart(part: string): boolean {
  return !part.startsWith('postgres (') && part !== 'nats' && !part.startsWith(loadGeneratorPrefix);
}

export interface Profiling {
  /** Stops every profiler, waits for the profiles and reads them. */
  stop(): Promise<Record<string, PartProfile>>;
}

/** Starts the profilers of the processes given by id with their part (cpu.ts names them). */
export function startProfiling(
  directory: string,
  processes: Map<number, string>,
  topCount: number,
  waitMs = 30_000,
): Profiling {
  const profiled = new Map<number, string>();
  for (const [pid, part] of processes) {
    if (!isNodePart(part)) continue;
    try {
      process.kill(pid, 'SIGUSR2');
      profiled.set(pid, part);
    } catch {
      // The process ended meanwhile.
    }
  }
  return {
    async stop() {
      for (const pid of profiled.keys()) {
        try {
          process.kill(pid, 'SIGUSR2');
        } catch {
          profiled.delete(pid);
        }
      }
      const deadline = Date.now() + waitMs;
      const pathOf = (pid: number) => join(directory, `${pid}.cpuprofile`);
      while ([...profiled.keys()].some((pid) => !existsSync(pathOf(pid))) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const byPart = new Map<string, CpuProfile[]>();
      for (const [pid, part] of profiled) {
        if (!existsSync(pathOf(pid))) {
          process.stderr.write(`profile: no profile from ${part} (pid ${pid})\n`);
          continue;
        }
        const named = join(
          directory,
          `${part.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}-${pid}.cpuprofile`,
        );
        renameSync(pathOf(pid), named);
        const profiles = byPart.get(part) ?? [];
        profiles.push(JSON.parse(readFileSync(named, 'utf8')) as CpuProfile);
        byPart.set(part, profiles);
      }
      return Object.fromEntries(
        [...byPart].map(([part, profiles]) => [part, summarizeProfiles(profiles, topCount)]),
      );
    },
  };
}

/** The parts of a .cpuprofile file read here (V8's Profiler.Profile). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const idle = '(idle)';
/**
 * The inspector session's native call, through which the profiler is started and stopped and
 * the profile handed over: the profiler's own work, not the process's.
 */
const profilerOwn = 'dispatch';

/**
 * Adds each function's self time in microseconds to `selfUs`, by name and place. A sample
 * lasts until the next one (the last until the profile's end), as Chrome DevTools counts it.
 */
function addSelfTimes(profile: CpuProfile, selfUs: Map<string, number>): void {
  const labelOf = new Map(profile.nodes.map((node) => [node.id, labelOfFrame(node.callFrame)]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  const timestamps = deltas.map((delta) => {
    at += delta;
    return at;
  });
  for (const [index, nodeId] of samples.entries()) {
    const durationUs = (timestamps[index + 1] ?? profile.endTime) - timestamps[index]!;
    if (durationUs <= 0) continue;
    const label = labelOf.get(nodeId) ?? '(unknown)';
    selfUs.set(label, (selfUs.get(label) ?? 0) + durationUs);
  }
}

/** `name place:line`, the place shortened to this repository's path or the package's. */
function labelOfFrame({ functionName, url, lineNumber }: CpuProfile['nodes'][number]['callFrame']): string {
  const name = functionName || '(anonymous)';
  if (url === '') return name;
  let place = url.startsWith('file://') ? fileURLToPath(url) : url;
  const packages = place.lastIndexOf('node_modules/');
  if (packages >= 0) place = place.slice(packages + 'node_modules/'.length);
  else if (place.startsWith(root)) place = place.slice(root.length);
  return `${name} ${place}:${lineNumber + 1}`;
}

/** The `topCount` functions with the most self time over the profiles of one part (its replicas). */
export function summarizeProfiles(profiles: readonly CpuProfile[], topCount: number): PartProfile {
  const selfUs = new Map<string, number>();
  for (const profile of profiles) addSelfTimes(profile, selfUs);
  const busy = [...selfUs]
    .filter(([label]) => label !== idle && label !== profilerOwn)
    .sort(([, left], [, right]) => right - left);
  const totalUs = busy.reduce((sum, [, us]) => sum + us, 0);
  return {
    sampled_ms: Math.round(totalUs / 1000),
    top: busy.slice(0, topCount).map(([label, us]) => ({
      function: label,
      self_ms: Math.round(us / 100) / 10,
      share: totalUs > 0 ? Math.round((1000 * us) / totalUs) / 1000 : 0,
    })),
  };
}
