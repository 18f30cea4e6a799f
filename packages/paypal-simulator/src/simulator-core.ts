import { setTimeout as sleep } from 'node:timers/promises';
import { defaultFailures, mergeFailures, type SimulatorFailures } from './failures.js';
import { paypalIds } from './ids.js';
import type { SimulatorLogger } from './logger.js';
import { formatAmountValue } from './money.js';
import {
  type CaptureOutcome,
  type Money,
  type Order,
  OrderBook,
  type OrderBookEvent,
  type Refund,
  type RefundRequest,
} from './orders.js';
import {
  type PayoutBatch,
  PayoutBook,
  type PayoutItem,
  type PayoutItemEvent,
  payoutItemJson,
} from './payouts.js';
import { captureJson, type Merchant, orderJson, type ResourceUrls, refundJson } from './resources.js';
import type { SigningIdentity } from './signing.js';
import { TokenIssuer } from './tokens.js';
import { createWebhookEvent, WebhookDispatcher, type WebhookEvent } from './webhooks.js';

/** Waits between webhook retries: five attempts within about a second, for tests. */
const webhookRetryDelaysMs = [50, 100, 200, 400];
const webhookAttemptTimeoutMs = 5_000;

function amountText(money: Money): string {
  return `${formatAmountValue(money.minor, money.currency)} ${money.currency}`;
}

export interface SimulatorCoreOptions {
  identity: SigningIdentity;
  credentials: { clientId: string; clientSecret: string };
  failures: Partial<SimulatorFailures>;
  tokenLifetimeSeconds: number;
  logger: SimulatorLogger | undefined;
  clock?: () => Date;
}

/**
 * The simulator's state and every change to it, shared by the HTTP routes and the
 * programmatic controls; each change sends its webhooks.
 */
export class SimulatorCore {
  readonly book: OrderBook;
  readonly payouts: PayoutBook;
  readonly tokens: TokenIssuer;
  readonly webhooks: WebhookDispatcher;
  /** PayPal-Request-Id → the stored answer, per method and path. */
  readonly idempotentAnswers = new Map<string, { status: number; body: unknown }>();
  readonly merchant: Merchant = {
    merchantId: paypalIds.account(),
    emailAddress: 'sandbox-merchant@business.example.com',
  };
  urls: ResourceUrls = { apiUrl: '', checkoutUrl: '' };
  readonly identity: SigningIdentity;
  readonly logger: SimulatorLogger | undefined;
  readonly clock: () => Date;
  private currentFailures: SimulatorFailures;
  /** Requests received per path (API, approval page and certificates; not the controls). */
  private readonly requestsPerPath = new Map<string, number>();
  private readonly stopping = new AbortController();

  constructor(options: SimulatorCoreOptions) {
    this.identity = options.identity;
    this.logger = options.logger;
    this.clock = options.clock ?? (() => new Date());
    this.currentFailures = mergeFailures(defaultFailures, options.failures);
    this.book = new OrderBook(this.clock);
    this.payouts = new PayoutBook(this.clock);
    this.tokens = new TokenIssuer(options.credentials, options.tokenLifetimeSeconds, this.clock);
    this.webhooks = new WebhookDispatcher({
      identity: options.identity,
      certUrl: () => this.certUrl,
      failures: () => this.currentFailures,
      clock: this.clock,
      logger: options.logger,
      retryDelaysMs: webhookRetryDelaysMs,
      attemptTimeoutMs: webhookAttemptTimeoutMs,
    });
  }

  get failures(): SimulatorFailures {
    return this.currentFailures;
  }

  get certUrl(): string {
    return `${this.urls.apiUrl}/v1/notifications/certs/${this.identity.certId}`;
  }

  configure(change: Partial<SimulatorFailures>): void {
    this.currentFailures = mergeFailures(this.currentFailures, change);
    this.webhooks.failuresChanged();
  }

  countRequest(path: string): void {
    this.requestsPerPath.set(path, (this.requestsPerPath.get(path) ?? 0) + 1);
  }

  /** How many requests each path received since the start (or the last reset). */
  requestCounts(): Record<string, number> {
    return Object.fromEntries(this.requestsPerPath);
  }

  resetRequestCounts(): void {
    this.requestsPerPath.clear();
  }

  /** Counts one API request against `failNextRequests`; the status it must fail with, or null. */
  takeInjectedFailure(): 500 | 503 | null {
    const pending = this.currentFailures.failNextRequests;
    if (pending.count <= 0) return null;
    pending.count -= 1;
    return pending.status;
  }

  /** The configured latency; cut short when the simulator stops. */
  async addLatency(): Promise<void> {
    const latencyMs = this.currentFailures.latencyMs;
    if (latencyMs <= 0) return;
    await sleep(latencyMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  approve(orderId: string, outcome: CaptureOutcome | null): Order {
    const { order, events } = this.book.approveOrder(orderId, outcome);
    this.publish(events);
    return order;
  }

  cancel(orderId: string): Order {
    return this.book.cancelOrder(orderId);
  }

  capture(orderId: string): Order {
    const { order, events } = this.book.captureOrder(orderId, this.currentFailures.captureOutcome);
    this.publish(events);
    return order;
  }

  refund(captureId: string, request: RefundRequest): Refund {
    const { refund, events } = this.book.refundCapture(
      captureId,
      request,
      this.currentFailures.refundOutcome,
    );
    this.publish(events);
    return refund;
  }

  completePendingRefund(refundId: string): void {
    this.publish(this.book.completePendingRefund(refundId).events);
  }

  completePendingCapture(captureId: string): void {
    this.publish(this.book.completePendingCapture(captureId).events);
  }

  denyPendingCapture(captureId: string): void {
    this.publish(this.book.denyPendingCapture(captureId).events);
  }

  /** Accepts a payout batch (PENDING) and processes its items a little later, sending their webhooks. */
  createPayoutBatch(body: unknown): PayoutBatch {
    const batch = this.payouts.createBatch(body, this.currentFailures.payoutOutcome, this.urls.apiUrl);
    const timer = setTimeout(() => {
      this.publishPayoutEvents(this.payouts.processBatch(batch.id));
    }, this.currentFailures.payoutProcessingMs);
    this.stopping.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    return batch;
  }

  /** Returns an unclaimed payout item to the sender. */
  cancelPayoutItem(itemId: string): PayoutItem {
    const { item, events } = this.payouts.cancelItem(itemId);
    this.publishPayoutEvents(events);
    return item;
  }

  private publishPayoutEvents(events: PayoutItemEvent[]): void {
    for (const event of events) {
      const item = this.payouts.findItem(event.itemId)!;
      this.webhooks.publish(
        createWebhookEvent({
          eventType: event.type,
          resourceType: 'payouts_item',
          apiUrl: this.urls.apiUrl,
          now: this.clock(),
          summary: `Payout item ${item.id} is ${item.status.toLowerCase()}`,
          resource: payoutItemJson(this.payouts, item, this.urls.apiUrl),
        }),
      );
    }
  }

  stop(): void {
    this.stopping.abort();
    this.webhooks.stop();
  }

  private publish(events: OrderBookEvent[]): void {
    for (const event of events) this.webhooks.publish(this.webhookEventFor(event));
  }

  private webhookEventFor(event: OrderBookEvent): WebhookEvent {
    const base = { eventType: event.type, apiUrl: this.urls.apiUrl, now: this.clock() };
    switch (event.type) {
      case 'CHECKOUT.ORDER.APPROVED': {
        const order = this.book.findOrder(event.orderId)!;
        return createWebhookEvent({
          ...base,
          resourceType: 'checkout-order',
          summary: 'An order has been approved by buyer',
          resource: orderJson(this.book, order, this.urls, this.merchant),
        });
      }
      case 'PAYMENT.CAPTURE.REFUNDED': {
        const refund = this.book.findRefund(event.refundId)!;
        return createWebhookEvent({
          ...base,
          resourceType: 'refund',
          summary: `A ${amountText(refund.amount)} capture payment was refunded`,
          resource: refundJson(refund, this.urls),
        });
      }
      default: {
        const capture = this.book.findCapture(event.captureId)!;
        const summaries = {
          'PAYMENT.CAPTURE.COMPLETED': `Payment completed for ${amountText(capture.amount)}`,
          'PAYMENT.CAPTURE.PENDING': `Payment pending for ${amountText(capture.amount)}`,
          'PAYMENT.CAPTURE.DECLINED': `A payment capture for ${amountText(capture.amount)} was declined`,
          'PAYMENT.CAPTURE.DENIED': `Payment denied for ${amountText(capture.amount)}`,
        };
        return createWebhookEvent({
          ...base,
          resourceType: 'capture',
          summary: summaries[event.type],
          resource: captureJson(capture, this.urls, this.merchant, { standalone: true }),
        });
      }
    }
  }
}
