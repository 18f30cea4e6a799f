import {
  loadSimulatorConfig,
  SimulatorConfigError,
  type SimulatorProcessConfig,
  simulatorOptionsOf,
} from './config.js';
import { createJsonLineLogger } from './logger.js';
import { startPayPalSimulator } from './simulator.js';

/** The standalone simulator for the distributed runtime and compose: `node packages/paypal-simulator/dist/main.js`. */
async function main(): Promise<void> {
  let config: SimulatorProcessConfig;
  try {
    config = loadSimulatorConfig(process.env);
  } catch (error) {
    if (!(error instanceof SimulatorConfigError)) throw error;
    process.stderr.write(`paypal-simulator: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createJsonLineLogger((line) => process.stdout.write(line), { service: 'paypal-simulator' });
  const simulator = await startPayPalSimulator({ ...simulatorOptionsOf(config), logger });
  logger.info(
    {
      url: simulator.url,
      listen: `${config.host}:${config.port}`,
      webhookUrl: config.webhook?.url ?? null,
    },
    'PayPal sandbox simulator listening: a local stand-in for PayPal, no real money moves',
  );

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'PayPal sandbox simulator stopping');
    try {
      await simulator.stop();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'PayPal sandbox simulator did not stop cleanly');
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `paypal-simulator: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
