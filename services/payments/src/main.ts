import { ConfigError, connectNatsBus, createLogger, openDatabase } from '@moneypal/kit';
import { startPayments } from './app.js';
import { loadPaymentsConfig, type PaymentsProcessConfig } from './config.js';
import type { PaymentsTables } from './database.js';

/** The distributed runtime's payments process: `node services/payments/dist/main.js`. */
async function main(): Promise<void> {
  let config: PaymentsProcessConfig;
  try {
    config = loadPaymentsConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`payments: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: 'payments', level: config.logLevel });
  const db = await openDatabase<PaymentsTables>({ kind: 'postgres', url: config.databaseUrl });
  const bus = await connectNatsBus({ servers: config.natsUrl, service: 'payments', logger });
  const payments = await startPayments({ config, db, bus, logger });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'payments service stopping');
    try {
      // Outbox first (no new publishes), then the bus (lets running handlers finish), then the database.
      await payments.stop();
      await bus.close();
      await db.destroy();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'payments service did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `payments: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
