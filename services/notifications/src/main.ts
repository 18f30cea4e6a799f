import { ConfigError, connectNatsBus, createLogger, openDatabase } from '@moneypal/kit';
import { startNotifications } from './app.js';
import { loadNotificationsConfig, type NotificationsProcessConfig } from './config.js';
import type { NotificationsTables } from './database.js';

/** The distributed runtime's notifications process: `node services/notifications/dist/main.js`. */
async function main(): Promise<void> {
  let config: NotificationsProcessConfig;
  try {
    config = loadNotificationsConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`notifications: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ service: 'notifications', level: config.logLevel });
  const db = await openDatabase<NotificationsTables>({
    kind: 'postgres',
    url: config.databaseUrl,
    poolSize: 5,
  });
  const bus = await connectNatsBus({ servers: config.natsUrl, service: 'notifications', logger });
  const notifications = await startNotifications({ config, db, bus, logger });

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'notifications service stopping');
    try {
      // Dispatcher and outbox first (no new sends or publishes), then the bus, then the database.
      await notifications.stop();
      await bus.close();
      await db.destroy();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'notifications service did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `notifications: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
