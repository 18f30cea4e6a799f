import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '@moneypal/kit';
import type { LedgerTables } from './database.js';
import * as journalRepository from './repositories/journal.repository.js';
import { VerifyService } from './services/verify.service.js';

const usage = `usage: node services/ledger/dist/verify.js [--data-dir <MONEYPAL_DATA_DIR>]
  Checks the ledger's invariants: of the PostgreSQL database LEDGER_DATABASE_URL names, or
  of the ledger's database of a running local runtime (--data-dir .moneypal: its
  databases.json names it). Exits 1 on any violation.`;

/** The ledger's journal check: `npm run ledger:verify` (after `npm run build`). */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const dataDirIndex = args.indexOf('--data-dir');
  const dataDir = dataDirIndex === -1 ? undefined : args[dataDirIndex + 1];
  if (dataDirIndex !== -1 && !dataDir) {
    process.stderr.write(`ledger verify: --data-dir needs a directory\n${usage}\n`);
    return 2;
  }
  const url = dataDir === undefined ? process.env.LEDGER_DATABASE_URL : localLedgerUrl(dataDir);
  if (!url) {
    process.stderr.write(`ledger verify: set LEDGER_DATABASE_URL or give --data-dir\n${usage}\n`);
    return 2;
  }
  const db = await openDatabase<LedgerTables>({ url, poolSize: 1 });
  try {
    const verdict = await new VerifyService({ db, repositories: { journal: journalRepository } }).verify();
    for (const check of verdict.checks) {
      const mark = check.violations === 0 ? 'ok  ' : 'FAIL';
      process.stdout.write(
        `${mark} ${check.name}: ${check.checked} checked, ${check.violations} violation${check.violations === 1 ? '' : 's'}\n`,
      );
      for (const example of check.examples) process.stdout.write(`       ${example}\n`);
    }
    process.stdout.write(verdict.ok ? 'ledger verified: every invariant holds\n' : 'ledger NOT verified\n');
    return verdict.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

/** The ledger's database of the local runtime that runs on `dataDir`, as its databases.json names it. */
function localLedgerUrl(dataDir: string): string {
  const file = join(dataDir, 'databases.json');
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { ledger: string }).ledger;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`no ${file}: start the local runtime (npm start) on that data directory first`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `ledger verify: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
