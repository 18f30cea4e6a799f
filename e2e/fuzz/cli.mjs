#!/usr/bin/env node
// `npm run fuzz -- --runs N --seed S`: the fuzz suite (e2e/fuzz/fuzz.e2e.test.ts) with more
// requests, or another seed, than `npm test` sends. The suite reads both from its environment.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const usage = `usage: npm run fuzz -- [--runs N] [--seed S]
  --runs N  how many bad requests to send (default 3000)
  --seed S  the seed of the generator (default: a new one, printed); a failure prints its seed`;

function optionsOf(args) {
  const options = { runs: 3_000, seed: Math.floor(Math.random() * 2 ** 31) };
  for (let index = 0; index < args.length; index += 2) {
    const [name, value] = [args[index], args[index + 1]];
    if (name === '--help' || name === '-h') return undefined;
    if ((name !== '--runs' && name !== '--seed') || value === undefined || !/^\d+$/.test(value)) {
      throw new Error(
        `fuzz: expected --runs N or --seed S with a whole number, got ${name ?? ''} ${value ?? ''}`,
      );
    }
    options[name.slice(2)] = Number(value);
  }
  if (options.runs < 1) throw new Error('fuzz: --runs must be at least 1');
  return options;
}

let options;
try {
  options = optionsOf(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error.message}\n${usage}\n`);
  process.exit(2);
}
if (options === undefined) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
process.stdout.write(`fuzz: ${options.runs} requests with seed ${options.seed}\n`);
const root = fileURLToPath(new URL('../..', import.meta.url));
const result = spawnSync('npx', ['vitest', 'run', 'e2e/fuzz/fuzz.e2e.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(options.runs), FUZZ_SEED: String(options.seed) },
});
process.exit(result.status ?? 1);
