import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Loaded into every Node process of the system by `--profile` (NODE_OPTIONS=--import, since
 * Node 20 refuses --cpu-prof there): the first SIGUSR2 starts V8's CPU profiler, the next one
 * stops it and writes `<pid>.cpuprofile` into BENCH_PROFILE_DIR. So a profile holds the
 * measured window alone, not the start and the seeding.
 */
const directory = process.env.BENCH_PROFILE_DIR;
let session: Session | undefined;

if (directory !== undefined) {
  process.on('SIGUSR2', () => {
    if (session === undefined) {
      session = new Session();
      session.connect();
      const started = session;
      started.post('Profiler.enable', () => started.post('Profiler.start'));
      return;
    }
    const stopping = session;
    session = undefined;
    stopping.post('Profiler.stop', (error, result) => {
      stopping.disconnect();
      if (error !== null) return;
      // Written whole under another name first: the bench reads a profile once it has its name.
      const path = join(directory, `${process.pid}.cpuprofile`);
      writeFileSync(`${path}.partial`, JSON.stringify(result.profile));
      renameSync(`${path}.partial`, path);
    });
  });
}
