import { ConfigError, connectNatsBus, createLogger, openDatabase } from '@moneypal/kit';
import { startBilling } from './app.js';
import { type BillingProcessConfig, loadBillingConfig } from './config.js';
import type { BillingTables } from './database.js';

/** The distributed runtime's billing process: `node services/billing/dist/main.js`. */
async function main(): Promise<void> {
  let config: BillingProcessConfig;
  try {
    config = loadBillingConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`billing: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: 'billing', level: config.logLevel });
  const db = await openDatabase<BillingTables>({ kind: 'postgres', url: config.databaseUrl });
  const bus = await connectNatsBus({ servers: config.natsUrl, service: 'billing', logger });
  const billing = await startBilling({ config, db, bus, logger });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'billing service stopping');
    try {
      // Outbox first (no new publishes), then the bus (lets running handlers finish), then the database.
      await billing.stop();
      await bus.close();
      await db.destroy();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'billing service did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `billing: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
