import { ConfigError, connectNatsBus, createLogger, openDatabase } from '@moneypal/kit';
import { startIdentity } from './app.js';
import { type IdentityProcessConfig, loadIdentityConfig } from './config.js';
import type { IdentityTables } from './database.js';

/** The distributed runtime's identity process: `node services/identity/dist/main.js`. */
async function main(): Promise<void> {
  let config: IdentityProcessConfig;
  try {
    config = loadIdentityConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`identity: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: 'identity', level: config.logLevel });
  const db = await openDatabase<IdentityTables>({ kind: 'postgres', url: config.databaseUrl });
  const bus = await connectNatsBus({ servers: config.natsUrl, service: 'identity', logger });
  const identity = await startIdentity({ config, db, bus, logger });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'identity service stopping');
    try {
      // Outbox first (no new publishes), then the bus (lets running handlers finish), then the database.
      await identity.stop();
      await bus.close();
      await db.destroy();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'identity service did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `identity: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
