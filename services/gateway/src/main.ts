import { ConfigError, connectNatsBus, createLogger, ServiceMetrics, startTracing } from '@moneypal/kit';
import { buildGateway } from './app.js';
import { loadGatewayConfig } from './config.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const shutdownTimeoutMs = 10_000;

/** The distributed runtime's gateway: `node services/gateway/dist/main.js`, configured by the environment. */
async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  if (config.nats === undefined) {
    throw new ConfigError(['NATS_URL: is required (e.g. nats://localhost:4222)']);
  }
  const tracing = startTracing({ service: 'gateway', otlpTracesUrl: config.tracing.otlpTracesUrl });
  const metrics = new ServiceMetrics('gateway');
  const bus = await connectNatsBus({ ...config.nats, service: 'gateway', logger, metrics });
  const app = await buildGateway({ bus, logger, config, metrics });
  await app.listen({ port: config.port, host: config.host });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, shutdownTimeoutMs);
    forced.unref();
    try {
      // Stop taking requests and let the running ones finish, then leave the bus.
      await app.close();
      await bus.close();
      await tracing.shutdown();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // A bad environment is the operator's to fix: say what is wrong, without a stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
