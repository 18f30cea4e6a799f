import { ConfigError, connectNatsBus, createLogger, openDatabase } from '@moneypal/kit';
import { startLedger } from './app.js';
import { type LedgerProcessConfig, loadLedgerConfig } from './config.js';
import type { LedgerTables } from './database.js';

/** The distributed runtime's ledger process: `node services/ledger/dist/main.js`. */
async function main(): Promise<void> {
  let config: LedgerProcessConfig;
  try {
    config = loadLedgerConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`ledger: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: 'ledger', level: config.logLevel });
  // More connections than identity: every transfer holds one for its whole transaction.
  const db = await openDatabase<LedgerTables>({ kind: 'postgres', url: config.databaseUrl, poolSize: 20 });
  const bus = await connectNatsBus({ servers: config.natsUrl, service: 'ledger', logger });
  const ledger = await startLedger({ config, db, bus, logger });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'ledger service stopping');
    try {
      // Outbox first (no new publishes), then the bus (lets running handlers finish), then the database.
      await ledger.stop();
      await bus.close();
      await db.destroy();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'ledger service did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ledger: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
