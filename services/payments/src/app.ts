import {
  type Bus,
  type Logger,
  migrateToLatest,
  newId,
  OutboxRelay,
  type ServiceMetrics,
} from '@moneypal/kit';
import { identityDirectory } from './clients/identity.client.js';
import { ledgerPayouts, ledgerWallets } from './clients/ledger.client.js';
import { paypalBreaker } from './clients/paypal/breaker.js';
import { createPayPalClient } from './clients/paypal/client.js';
import { PayPalWebhookVerifier } from './clients/paypal/webhooks.js';
import { type PaymentsConfig, paypalTargetOf } from './config.js';
import { type PaymentsDatabase, paymentsMigrations } from './database.js';
import { serveHealthRequest } from './handlers/health.handler.js';
import { servePaymentRequests } from './handlers/payment.handlers.js';
import { servePayoutRequests } from './handlers/payout.handlers.js';
import { serveWebhookRequest } from './handlers/webhook.handler.js';
import * as paymentRepository from './repositories/payment.repository.js';
import * as payoutRepository from './repositories/payout.repository.js';
import * as refundRepository from './repositories/refund.repository.js';
import * as webhookReceiptRepository from './repositories/webhook-receipt.repository.js';
import { HealthService } from './services/health.service.js';
import { PaymentService } from './services/payment.service.js';
import { PayoutService } from './services/payout.service.js';
import { RefundService } from './services/refund.service.js';
import { SettlementService } from './services/settlement.service.js';
import { WebhookService } from './services/webhook.service.js';

export interface StartPaymentsOptions {
  config: PaymentsConfig;
  /** The payments database; the caller opened it and closes it after `stop`. */
  db: PaymentsDatabase;
  /** The caller connected it and closes it after `stop`. */
  bus: Bus;
  logger: Logger;
  /**
   * Where the service's own series go (outbox lag, events published); the caller serves
   * them, and gives the same object to the bus it connected. Unmeasured when absent.
   */
  metrics?: ServiceMetrics;
  /** The time of every change and the "now" webhooks are checked against; tests move it. */
  clock?: () => Date;
  /** How PayPal (and its webhook certificates) are reached; the global fetch by default. */
  fetch?: typeof fetch;
  /** New payment ids; UUIDv7 by default, so they sort by creation time. */
  newId?: () => string;
  /** How often the outbox relay looks for events nobody announced. */
  outboxPollIntervalMs?: number;
}

export interface RunningPayments {
  /** Stops publishing events; close the bus and then the database afterwards. */
  stop(): Promise<void>;
}

/**
 * Starts the payments service on a database and a bus: migrates, answers every
 * `paymentsRequests` subject and `payments.health`, and relays outbox events.
 */
export async function startPayments(options: StartPaymentsOptions): Promise<RunningPayments> {
  const { config, db, bus, logger } = options;
  const clock = options.clock ?? (() => new Date());

  const applied = await migrateToLatest(db, await paymentsMigrations());
  if (applied.length > 0) logger.info({ migrations: applied }, 'payments database migrated');

  const relay = new OutboxRelay({
    db,
    bus,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.outboxPollIntervalMs === undefined ? {} : { pollIntervalMs: options.outboxPollIntervalMs }),
  });
  const onEventsWritten = () => relay.notify();

  const { paypal: paypalConfig } = config;
  // One breaker for every request to PayPal: its API, its tokens and its webhook certificates.
  const breaker = paypalBreaker(options.fetch ?? fetch, paypalConfig.breaker ?? {}, options.metrics);
  const fetchPayPal = breaker.fetch;
  const paypal = createPayPalClient({
    baseUrl: paypalConfig.baseUrl,
    clientId: paypalConfig.clientId,
    clientSecret: paypalConfig.clientSecret,
    fetch: fetchPayPal,
    clock,
    logger,
    ...(paypalConfig.timeoutMs === undefined ? {} : { timeoutMs: paypalConfig.timeoutMs }),
    ...(paypalConfig.maxAttempts === undefined ? {} : { maxAttempts: paypalConfig.maxAttempts }),
    ...(paypalConfig.retryBaseDelayMs === undefined
      ? {}
      : { retryBaseDelayMs: paypalConfig.retryBaseDelayMs }),
  });
  const verifier = new PayPalWebhookVerifier({
    webhookId: paypalConfig.webhookId,
    baseUrl: paypalConfig.baseUrl,
    fetch: fetchPayPal,
    clock,
    ...(paypalConfig.webhookToleranceMs === undefined
      ? {}
      : { toleranceMs: paypalConfig.webhookToleranceMs }),
  });

  const settlement = new SettlementService({
    db,
    repositories: { payments: paymentRepository, refunds: refundRepository },
    paypal,
    clock,
    logger,
    onEventsWritten,
  });
  const refunds = new RefundService({
    db,
    repositories: { payments: paymentRepository, refunds: refundRepository },
    paypal,
    settlement,
    clock,
    newId: options.newId ?? newId,
    logger,
    onEventsWritten,
  });
  const payments = new PaymentService({
    db,
    repositories: { payments: paymentRepository, refunds: refundRepository },
    paypal,
    wallets: ledgerWallets(bus),
    users: identityDirectory(bus),
    clock,
    newId: options.newId ?? newId,
    logger,
    publicUrl: config.publicUrl,
    sandbox: paypalConfig.sandbox,
    onEventsWritten,
  });
  const payouts = new PayoutService({
    db,
    repositories: { payouts: payoutRepository },
    paypal,
    wallets: ledgerWallets(bus),
    ledger: ledgerPayouts(bus),
    clock,
    newId: options.newId ?? newId,
    logger,
    sandbox: paypalConfig.sandbox,
    onEventsWritten,
    pollIntervalMs: config.payoutPollIntervalMs ?? 60_000,
  });
  const webhooks = new WebhookService({
    db,
    repositories: { payments: paymentRepository, webhookReceipts: webhookReceiptRepository },
    paypal,
    verifier,
    settlement,
    refunds,
    payouts,
    clock,
    logger,
  });

  await servePaymentRequests(bus, payments, settlement, refunds);
  await servePayoutRequests(bus, payouts);
  await serveWebhookRequest(bus, webhooks);
  await serveHealthRequest(bus, new HealthService(db));
  relay.start();
  payouts.start();

  const target = paypalTargetOf(paypalConfig);
  logger.info(
    { paypal: target, paypal_base_url: paypalConfig.baseUrl, public_url: config.publicUrl },
    target === 'simulator'
      ? 'payments service started against the local PayPal simulator (sandbox, no real money)'
      : `payments service started against PayPal ${target === 'live' ? 'live (real money)' : 'sandbox'}`,
  );

  return {
    async stop() {
      await payouts.stop();
      await relay.stop();
      breaker.breaker.shutdown();
    },
  };
}
