import type { AddressInfo } from 'node:net';
import type { SimulatorFailures } from './failures.js';
import type { SimulatorLogger } from './logger.js';
import type { CaptureOutcome } from './orders.js';
import { orderJson } from './resources.js';
import { buildServer } from './server.js';
import { loadSigningIdentity } from './signing.js';
import { SimulatorCore } from './simulator-core.js';
import type { WebhookDelivery, WebhookTarget } from './webhooks.js';

export interface PayPalSimulatorOptions {
  /** 0 (any free port) by default. */
  port?: number;
  /** '127.0.0.1' by default. */
  host?: string;
  /** 'sandbox-client-id' by default. */
  clientId?: string;
  /** 'sandbox-client-secret' by default. */
  clientSecret?: string;
  /** Where webhooks go from the start; `setWebhookTarget` sets it later. */
  webhook?: WebhookTarget;
  failures?: Partial<SimulatorFailures>;
  /** Any object with pino-style `info`/`warn`/`error(fields, message)`; one `info` line per request. */
  logger?: SimulatorLogger;
  /**
   * Base of the API links in answers and of PAYPAL-CERT-URL, as the merchant's servers reach
   * the simulator; `http://<host>:<port>` by default (localhost when listening on every address).
   */
  apiUrl?: string;
  /** Base of the approval page links (`approve`, `payer-action`), as buyers' browsers reach it; `apiUrl` by default. */
  publicUrl?: string;
  /** `expires_in` of access tokens; PayPal's 32400 (9 h) by default. */
  tokenLifetimeSeconds?: number;
}

export interface RunningPayPalSimulator {
  /** Base URL of the API, e.g. http://127.0.0.1:43121. */
  url: string;
  clientId: string;
  clientSecret: string;
  configure(failures: Partial<SimulatorFailures>): void;
  setWebhookTarget(target: WebhookTarget | null): void;
  /** As the buyer's "Approve" buttons do; `outcome` decides what the capture ends as (the configured default when absent). */
  approveOrder(orderId: string, outcome?: CaptureOutcome): void;
  /** As the buyer's "Cancel" does: the order is left as it was, as at PayPal. */
  cancelOrder(orderId: string): void;
  /** A PENDING capture completes and PAYMENT.CAPTURE.COMPLETED is sent. */
  completePendingCapture(captureId: string): Promise<void>;
  /** A PENDING capture is denied (status DECLINED) and PAYMENT.CAPTURE.DENIED is sent. */
  denyPendingCapture(captureId: string): Promise<void>;
  /** A PENDING refund (see `refundOutcome`) completes and PAYMENT.CAPTURE.REFUNDED is sent. */
  completePendingRefund(refundId: string): Promise<void>;
  /** The order as `GET /v2/checkout/orders/{id}` answers it; undefined for an unknown id. */
  getOrder(orderId: string): Record<string, unknown> | undefined;
  webhookDeliveries(): WebhookDelivery[];
  redeliver(eventId: string): Promise<void>;
  /** Releases webhooks held for out-of-order delivery and waits for every delivery and retry to finish. */
  flushWebhooks(): Promise<void>;
  /** Ends every access token issued so far, so the next API call answers 401 as with an expired token. */
  expireTokens(): void;
  /**
   * How many requests each path received (e.g. `/v1/notifications/certs/CERT-…`), whatever
   * they were answered; the `/_simulator` controls are not counted.
   */
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  stop(): Promise<void>;
}

function baseUrlOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Starts a stateful, in-memory PayPal on a local port: OAuth2 tokens, Orders v2, captures,
 * refunds, the buyer's approval page and signed webhooks, with failure injection.
 */
export async function startPayPalSimulator(
  options: PayPalSimulatorOptions = {},
): Promise<RunningPayPalSimulator> {
  const credentials = {
    clientId: options.clientId ?? 'sandbox-client-id',
    clientSecret: options.clientSecret ?? 'sandbox-client-secret',
  };
  const core = new SimulatorCore({
    identity: await loadSigningIdentity(),
    credentials,
    failures: options.failures ?? {},
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 32_400,
    logger: options.logger,
  });
  const app = buildServer(core);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const apiUrl = withoutTrailingSlash(options.apiUrl ?? baseUrlOf(app.server.address() as AddressInfo));
  core.urls = { apiUrl, checkoutUrl: withoutTrailingSlash(options.publicUrl ?? apiUrl) };
  if (options.webhook) core.webhooks.setTarget(options.webhook);

  let stopped: Promise<void> | undefined;
  return {
    url: apiUrl,
    ...credentials,
    configure: (failures) => core.configure(failures),
    setWebhookTarget: (target) => core.webhooks.setTarget(target),
    approveOrder: (orderId, outcome) => {
      core.approve(orderId, outcome ?? null);
    },
    cancelOrder: (orderId) => {
      core.cancel(orderId);
    },
    completePendingCapture: async (captureId) => core.completePendingCapture(captureId),
    denyPendingCapture: async (captureId) => core.denyPendingCapture(captureId),
    completePendingRefund: async (refundId) => core.completePendingRefund(refundId),
    getOrder: (orderId) => {
      const order = core.book.findOrder(orderId);
      return order ? orderJson(core.book, order, core.urls, core.merchant) : undefined;
    },
    webhookDeliveries: () => core.webhooks.deliveries(),
    redeliver: (eventId) => core.webhooks.redeliver(eventId),
    flushWebhooks: () => core.webhooks.flush(),
    expireTokens: () => core.tokens.expireAll(),
    requestCounts: () => core.requestCounts(),
    resetRequestCounts: () => core.resetRequestCounts(),
    stop: () => {
      stopped ??= (async () => {
        core.stop();
        await app.close();
      })();
      return stopped;
    },
  };
}
