import { buildGateway, type GatewayConfig, routedServices } from '@moneypal/gateway';
import { type IdentityConfig, type IdentityTables, startIdentity } from '@moneypal/identity';
import { type Bus, type DatabaseTarget, type Logger, openDatabase } from '@moneypal/kit';
import type { FastifyInstance } from 'fastify';

/** Every service the system runs, in start order: the gateway last, once the services it routes to answer. */
export const services = [...routedServices, 'gateway'];

export interface SystemOptions {
  /** Where each service keeps its data. */
  databaseOf(service: string): DatabaseTarget;
  /** A bus connection for each service. */
  connectBus(service: string): Promise<Bus>;
  loggerOf(service: string): Logger;
  identity: IdentityConfig;
  gateway: GatewayConfig;
  /** Extra knobs for tests (e.g. a cheaper password hash); production leaves them unset. */
  identityOptions?: Partial<Parameters<typeof startIdentity>[0]>;
}

export interface RunningSystem {
  gateway: FastifyInstance;
  /** The gateway's address once listening. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts every service in one process, each on its own database and bus connection, then
 * the gateway. Both the local runtime and the whole-system tests go through here, so what
 * the tests exercise is what `npm start` runs.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const identityDb = await openDatabase<IdentityTables>(options.databaseOf('identity'));
    stops.push(() => identityDb.destroy());
    const identityBus = await options.connectBus('identity');
    stops.push(() => identityBus.close());
    const identity = await startIdentity({
      ...options.identityOptions,
      config: options.identity,
      db: identityDb,
      bus: identityBus,
      logger: options.loggerOf('identity'),
    });
    stops.push(() => identity.stop());

    const gatewayBus = await options.connectBus('gateway');
    stops.push(() => gatewayBus.close());
    const gateway = await buildGateway({
      bus: gatewayBus,
      logger: options.loggerOf('gateway'),
      config: options.gateway,
    });
    stops.push(() => gateway.close());
    const url = await gateway.listen({ port: options.gateway.port, host: options.gateway.host });
    return { gateway, url, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
