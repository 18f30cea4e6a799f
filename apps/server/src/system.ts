import { type BillingConfig, type BillingTables, startBilling } from '@moneypal/billing';
import { buildGateway, type GatewayConfig, routedServices } from '@moneypal/gateway';
import { type IdentityConfig, type IdentityTables, startIdentity } from '@moneypal/identity';
import { type Bus, type DatabaseTarget, type Logger, openDatabase } from '@moneypal/kit';
import { type LedgerConfig, type LedgerDatabase, type LedgerTables, startLedger } from '@moneypal/ledger';
import {
  type NotificationsConfig,
  type NotificationsTables,
  startNotifications,
} from '@moneypal/notifications';
import { type PaymentsConfig, type PaymentsTables, startPayments } from '@moneypal/payments';
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
  ledger: LedgerConfig;
  payments: PaymentsConfig;
  billing: BillingConfig;
  notifications: NotificationsConfig;
  gateway: GatewayConfig;
  /** Extra knobs for tests (a clock, a cheaper password hash); production leaves them unset. */
  identityOptions?: Partial<Parameters<typeof startIdentity>[0]>;
  ledgerOptions?: Partial<Parameters<typeof startLedger>[0]>;
  paymentsOptions?: Partial<Parameters<typeof startPayments>[0]>;
  billingOptions?: Partial<Parameters<typeof startBilling>[0]>;
  notificationsOptions?: Partial<Parameters<typeof startNotifications>[0]>;
}

export interface RunningSystem {
  gateway: FastifyInstance;
  /** The gateway's address once listening. */
  url: string;
  /** The ledger's database, for the verify command and whole-system tests. */
  ledgerDb: LedgerDatabase;
  stop(): Promise<void>;
}

/**
 * Starts every service in one process, each on its own database and bus connection, then
 * the gateway. Both the local runtime and the whole-system tests go through here, so what
 * the tests exercise is what `npm start` runs.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const stops: (() => Promise<void>)[] = [];
  const disconnects: (() => Promise<void>)[] = [];
  /**
   * Every service stops (the gateway first, then its outbox relays and senders) before any
   * bus or database closes: an in-process relay's publication waits for every consumer, so
   * each consumer stays connected until no service publishes any more.
   */
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    for (const disconnect of disconnects.reverse()) await disconnect();
  };
  /** A service's database and bus, closed in reverse order by `stop`, after every service stopped. */
  const connect = async <Schema>(service: string) => {
    const db = await openDatabase<Schema>(options.databaseOf(service));
    disconnects.push(() => db.destroy());
    const bus = await options.connectBus(service);
    disconnects.push(() => bus.close());
    return { db, bus, logger: options.loggerOf(service) };
  };
  try {
    const identity = await startIdentity({
      ...options.identityOptions,
      ...(await connect<IdentityTables>('identity')),
      config: options.identity,
    });
    stops.push(() => identity.stop());

    const ledgerParts = await connect<LedgerTables>('ledger');
    const ledger = await startLedger({ ...options.ledgerOptions, ...ledgerParts, config: options.ledger });
    stops.push(() => ledger.stop());

    const payments = await startPayments({
      ...options.paymentsOptions,
      ...(await connect<PaymentsTables>('payments')),
      config: options.payments,
    });
    stops.push(() => payments.stop());

    const billing = await startBilling({
      ...options.billingOptions,
      ...(await connect<BillingTables>('billing')),
      config: options.billing,
    });
    stops.push(() => billing.stop());

    const notifications = await startNotifications({
      ...options.notificationsOptions,
      ...(await connect<NotificationsTables>('notifications')),
      config: options.notifications,
    });
    stops.push(() => notifications.stop());

    const gatewayBus = await options.connectBus('gateway');
    disconnects.push(() => gatewayBus.close());
    const gateway = await buildGateway({
      bus: gatewayBus,
      logger: options.loggerOf('gateway'),
      config: options.gateway,
    });
    stops.push(() => gateway.close());
    const url = await gateway.listen({ port: options.gateway.port, host: options.gateway.host });
    return { gateway, url, ledgerDb: ledgerParts.db, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
