import type { Kysely } from 'kysely';
import { connectNatsBus } from './bus/nats.js';
import type { Bus } from './bus/types.js';
import { ConfigError, type ServiceProcessSettings } from './config.js';
import { openDatabase, pingDatabase } from './db/database.js';
import { createLogger, type Logger, printableError } from './logger.js';
import { ServiceMetrics } from './observability/metrics.js';
import { startOpsServer } from './observability/ops-server.js';
import { startTracing } from './observability/tracing.js';

/** What a service process is made of: its configuration and how to start it on its parts. */
export interface ServiceProcess<Config extends ServiceProcessSettings & { databaseUrl: string }, Schema> {
  service: string;
  /** Reads the environment; throws a `ConfigError` listing every problem. */
  loadConfig(env: Record<string, string | undefined>): Config;
  /** Connections in the database pool; 10 unless the service holds more transactions at once. */
  poolSize?: number;
  start(parts: {
    config: Config;
    db: Kysely<Schema>;
    bus: Bus;
    logger: Logger;
    metrics: ServiceMetrics;
  }): Promise<{ stop(): Promise<void> }>;
}

/**
 * Runs a service as a process of the distributed runtime (`node services/<name>/dist/main.js`):
 * environment → logger, tracing, metrics → PostgreSQL → NATS → the service → the ops port
 * (`/healthz`, `/readyz`, `/metrics`). On SIGTERM or SIGINT it stops in reverse: the service
 * (no new publishes), the bus (running handlers finish), the database, the ops port.
 */
export function runServiceProcess<Config extends ServiceProcessSettings & { databaseUrl: string }, Schema>(
  definition: ServiceProcess<Config, Schema>,
): void {
  const { service } = definition;
  const fail = (message: string) => {
    process.stderr.write(`${service}: ${message}\n`);
    process.exit(1);
  };
  const main = async () => {
    let config: Config;
    try {
      config = definition.loadConfig(process.env);
    } catch (error) {
      if (error instanceof ConfigError) return fail(error.message);
      throw error;
    }
    const logger = createLogger({ service, level: config.logLevel });
    const tracing = startTracing({ service, otlpTracesUrl: config.tracing.otlpTracesUrl });
    const metrics = new ServiceMetrics(service);
    const db = await openDatabase<Schema>({
      url: config.databaseUrl,
      ...(definition.poolSize === undefined ? {} : { poolSize: definition.poolSize }),
    });
    const bus = await connectNatsBus({ ...config.nats, service, logger, metrics });
    const running = await definition.start({ config, db, bus, logger, metrics });
    // Probes and Prometheus reach this process itself here; a bus request would reach any replica.
    const ops = await startOpsServer({
      ...config.ops,
      registry: metrics.registry,
      checks: { database: () => pingDatabase(db), bus: () => bus.ping() },
      logger,
    });
    logger.info({ ops_url: ops.url }, 'operations port listening (/healthz, /readyz, /metrics)');

    let stopping = false;
    const shutdown = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, `${service} service stopping`);
      try {
        await running.stop();
        await bus.close();
        await db.destroy();
        await ops.close();
        await tracing.shutdown();
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, `${service} service did not stop cleanly`);
        process.exit(1);
      }
    };
    process.once('SIGTERM', (signal) => void shutdown(signal));
    process.once('SIGINT', (signal) => void shutdown(signal));
  };
  main().catch((error: unknown) => fail(`failed to start: ${printableError(error)}`));
}
