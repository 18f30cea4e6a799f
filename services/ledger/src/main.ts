import { runServiceProcess } from '@moneypal/kit';
import { startLedger } from './app.js';
import { loadLedgerConfig } from './config.js';
import type { LedgerTables } from './database.js';

/** The distributed runtime's ledger process: `node services/ledger/dist/main.js`. */
runServiceProcess<ReturnType<typeof loadLedgerConfig>, LedgerTables>({
  service: 'ledger',
  loadConfig: loadLedgerConfig,
  // More connections than the others: every transfer holds one for its whole transaction.
  poolSize: 20,
  start: (parts) => startLedger(parts),
});
