import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defaultBillingConfig } from '@moneypal/billing';
import { loadGatewayConfig } from '@moneypal/gateway';
import type { AdminCredentials } from '@moneypal/identity';
import { type Bus, type CloudEvent, createLogger, freePort } from '@moneypal/kit';
import { defaultLedgerConfig, type LedgerVerdict, verifyLedger } from '@moneypal/ledger';
import { defaultNotificationsConfig } from '@moneypal/notifications';
import { type RunningPayPalSimulator, startPayPalSimulator } from '@moneypal/paypal-simulator';
import { type RunningSystem, startSystem } from '@moneypal/server';
import { emptyTestDatabases, openTestBus, testBusLabel, testDatabaseLabel } from '@moneypal/testing';
import { type CapturedEmail, startSmtpCatcher } from './smtp.js';

/** Which real parts the whole-system tests run on, as the environment chooses them. */
export const systemLabel = `${testDatabaseLabel} + ${testBusLabel}`;

/** The services that keep a database. */
const databaseServices = ['identity', 'ledger', 'payments', 'billing', 'notifications'];

/** The built web app (apps/web/dist), served by the gateway as in the local runtime. */
const webRoot = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

/** The webhook id the test system's payments service expects PayPal's signatures to name. */
const webhookId = 'WH-E2E-SIMULATOR';

export interface TestSystem {
  url: string;
  admin: AdminCredentials;
  /**
   * Runs `action` with the services' clock moved forward (token and code expiry), then
   * puts it back; the gateway keeps real time, so tokens issued meanwhile look odd to it.
   */
  withClockAhead<T>(ms: number, action: () => Promise<T>): Promise<T>;
  /** Checks every ledger invariant on the ledger's database, as `npm run ledger:verify` does. */
  verifyLedger(): Promise<LedgerVerdict>;
  /** Events seen on the bus by a test consumer, newest last. */
  events: CloudEvent[];
  /** The PayPal simulator the payments service talks to; its webhooks reach the gateway. */
  paypal: RunningPayPalSimulator;
  /** Every email the notifications service sent, received by a real SMTP server, oldest first. */
  emails: CapturedEmail[];
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /**
   * Gateway environment variables over the test defaults, as an operator would set them
   * (e.g. the rate limits, raised for a suite that sends thousands of requests).
   */
  gatewayEnvironment?: Record<string, string>;
}

/**
 * The whole system in this process, as `npm start` runs it: on fresh databases of the test
 * server (the embedded one, or TEST_DATABASE_URL's), and on the in-process bus — or, when
 * TEST_NATS_URL is set, on that NATS server (under a prefix of its own).
 */
export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const runId = randomBytes(5).toString('hex');
  const logger = (service: string) =>
    createLogger({ service, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const cleanups: (() => Promise<void>)[] = [];

  const databases = emptyTestDatabases(`moneypal_e2e_${runId}`, databaseServices);
  const databaseOf = (service: string) => ({ url: databases.urlOf(service) });
  await databases.create();
  cleanups.push(() => databases.drop());

  // On NATS the subjects and streams are this run's own; closing the bus removes the streams.
  const bus = openTestBus({ subjectPrefix: `e2e${runId}`, streamPrefix: `E2E_${runId}` });
  cleanups.push(() => bus.close());
  const connectBus = (service: string): Promise<Bus> => bus.connect(service, logger(service));

  const paypal = await startPayPalSimulator({ port: 0 });
  cleanups.push(() => paypal.stop());
  const smtp = await startSmtpCatcher();
  cleanups.push(() => smtp.stop());

  const events: CloudEvent[] = [];
  const observer = await connectBus('e2e-observer');
  await observer.subscribe('e2e-observer', {
    'identity.user.created': async (event) => void events.push(event),
    'identity.user.updated': async (event) => void events.push(event),
    'identity.user.deleted': async (event) => void events.push(event),
    'identity.otp.requested': async (event) => void events.push(event),
    'payments.payment.created': async (event) => void events.push(event),
    'payments.payment.captured': async (event) => void events.push(event),
    'payments.payment.failed': async (event) => void events.push(event),
    'payments.payment.refunded': async (event) => void events.push(event),
    'billing.invoice.issued': async (event) => void events.push(event),
    'billing.invoice.paid': async (event) => void events.push(event),
    'billing.invoice.refunded': async (event) => void events.push(event),
    'notifications.message.sent': async (event) => void events.push(event),
    'notifications.message.failed': async (event) => void events.push(event),
  });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;

  let clockOffsetMs = 0;
  const admin: AdminCredentials = {
    email: 'root@example.com',
    password: randomBytes(12).toString('hex'),
    userName: 'admin',
  };
  let system: RunningSystem;
  try {
    system = await startSystem({
      databaseOf,
      connectBus,
      loggerOf: logger,
      identity: {
        jwtPrivateKey: generateKeyPairSync('ed25519')
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
        otpSecret: randomBytes(32).toString('base64url'),
        accessTokenTtlSeconds: 900,
        refreshTokenTtlSeconds: 3600,
        admin,
      },
      ledger: defaultLedgerConfig,
      payments: {
        publicUrl,
        paypal: {
          baseUrl: paypal.url,
          clientId: paypal.clientId,
          clientSecret: paypal.clientSecret,
          webhookId,
          sandbox: true,
        },
      },
      billing: defaultBillingConfig,
      notifications: {
        ...defaultNotificationsConfig,
        email: {
          mode: 'smtp',
          host: '127.0.0.1',
          port: smtp.port,
          secure: false,
          from: 'MoneyPal <no-reply@example.com>',
        },
        retryBackoffMs: [100, 200, 400],
        webAppUrl: publicUrl,
      },
      identityOptions: { clock: () => new Date(Date.now() + clockOffsetMs), outboxPollIntervalMs: 50 },
      ledgerOptions: { outboxPollIntervalMs: 50 },
      paymentsOptions: { outboxPollIntervalMs: 50 },
      billingOptions: { outboxPollIntervalMs: 50 },
      notificationsOptions: { dispatchIntervalMs: 50 },
      gateway: loadGatewayConfig({
        WEB_ROOT: webRoot,
        PORT: String(port),
        HOST: '127.0.0.1',
        // Every test request comes from 127.0.0.1, many of them as one user.
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_USER_PER_MINUTE: '1000000',
        RATE_LIMIT_AUTH_PER_MINUTE: '100000',
        ...options.gatewayEnvironment,
      }),
    });
    paypal.setWebhookTarget({ url: `${system.url}/v1/webhooks/paypal`, webhookId });
  } catch (error) {
    await observer.close();
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }

  return {
    url: system.url,
    admin,
    withClockAhead: async (ms, action) => {
      clockOffsetMs = ms;
      try {
        return await action();
      } finally {
        clockOffsetMs = 0;
      }
    },
    events,
    paypal,
    emails: smtp.emails,
    verifyLedger: () => verifyLedger(system.ledgerDb),
    stop: async () => {
      paypal.setWebhookTarget(null);
      await system.stop();
      await observer.close();
      for (const cleanup of cleanups) await cleanup();
    },
  };
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
