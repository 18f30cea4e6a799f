import { randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { PayPalLink } from './errors.js';
import type { SimulatorFailures } from './failures.js';
import { paypalIds } from './ids.js';
import type { SimulatorLogger } from './logger.js';
import { paypalTime } from './resources.js';
import { type SigningIdentity, transmissionMessage } from './signing.js';
import type { VerifyWebhookSignatureRequest } from './validation.js';

/** Where webhooks go: the merchant's listener URL and the id PayPal gave that webhook (part of what is signed). */
export interface WebhookTarget {
  url: string;
  webhookId: string;
}

/** PayPal's webhook event envelope. */
export interface WebhookEvent {
  id: string;
  event_version: '1.0';
  create_time: string;
  resource_type: 'checkout-order' | 'capture' | 'refund' | 'payouts_item';
  resource_version: '2.0';
  event_type: string;
  summary: string;
  resource: Record<string, unknown>;
  links: PayPalLink[];
}

export interface WebhookAttempt {
  transmissionId: string;
  transmissionTime: string;
  /** The receiver's HTTP status; null when no answer came (refused, reset, timed out). */
  status: number | null;
  error: string | null;
}

/** One copy of one event on its way to one target, with every attempt made so far. */
export interface WebhookDelivery {
  eventId: string;
  eventType: string;
  url: string;
  webhookId: string;
  /** 1 for the first copy; more with `webhookCopies` and each `redeliver`. */
  copy: number;
  /** `held`: waiting for resume or flush; `pending`: queued, in flight or waiting to retry. */
  state: 'held' | 'pending' | 'delivered' | 'failed';
  attempts: WebhookAttempt[];
  event: WebhookEvent;
}

export function createWebhookEvent(parts: {
  eventType: string;
  resourceType: WebhookEvent['resource_type'];
  summary: string;
  resource: Record<string, unknown>;
  apiUrl: string;
  now: Date;
}): WebhookEvent {
  const id = paypalIds.webhookEvent();
  const self = `${parts.apiUrl}/v1/notifications/webhooks-events/${id}`;
  return {
    id,
    event_version: '1.0',
    create_time: parts.now.toISOString(),
    resource_type: parts.resourceType,
    resource_version: '2.0',
    event_type: parts.eventType,
    summary: parts.summary,
    resource: parts.resource,
    links: [
      { href: self, rel: 'self', method: 'GET' },
      { href: `${self}/resend`, rel: 'resend', method: 'POST' },
    ],
  };
}

interface DeliveryJob {
  record: WebhookDelivery;
  body: string;
  settled: Promise<void>;
  settle: () => void;
}

export interface WebhookDispatcherOptions {
  identity: SigningIdentity;
  /** PAYPAL-CERT-URL of every transmission (known once the server listens). */
  certUrl: () => string;
  failures: () => SimulatorFailures;
  clock: () => Date;
  logger: SimulatorLogger | undefined;
  /** The pause before each retry; one attempt more than there are delays. */
  retryDelaysMs: readonly number[];
  /** How long one attempt waits for the receiver's answer. */
  attemptTimeoutMs: number;
}

function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/**
 * Signs and sends webhook events one transmission at a time, in the order they are
 * released; retries a failed transmission (non-2xx or no answer) after a short pause, with
 * a new transmission id and signature, as PayPal does. Keeps every event, so it can be
 * resent and so `verify-webhook-signature` can check what a merchant received.
 */
export class WebhookDispatcher {
  private target: WebhookTarget | null = null;
  private readonly events = new Map<string, { event: WebhookEvent; body: string }>();
  private readonly jobs: DeliveryJob[] = [];
  private held: DeliveryJob[] = [];
  private readonly queue: DeliveryJob[] = [];
  private sending = false;
  private stopped = false;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  setTarget(target: WebhookTarget | null): void {
    this.target = target ? { ...target } : null;
  }

  findEvent(eventId: string): WebhookEvent | undefined {
    return this.events.get(eventId)?.event;
  }

  /** Keeps the event and, when a target is set, sends it (or holds it, as configured). */
  publish(event: WebhookEvent): void {
    const body = JSON.stringify(event);
    this.events.set(event.id, { event, body });
    if (!this.target || this.stopped) return;
    const failures = this.options.failures();
    const holding = failures.webhooksPaused || failures.webhookOrder !== 'in-order';
    for (let copy = 1; copy <= failures.webhookCopies; copy += 1) {
      const job = this.createJob(event, body, this.target, copy, holding ? 'held' : 'pending');
      if (holding) this.held.push(job);
      else this.queue.push(job);
    }
    this.pump();
  }

  /** Snapshots of every delivery so far, oldest first. */
  deliveries(): WebhookDelivery[] {
    return this.jobs.map(({ record }) => ({
      ...record,
      attempts: record.attempts.map((attempt) => ({ ...attempt })),
    }));
  }

  /**
   * Sends a kept event once more to the current target, past any pause or hold, and
   * resolves when that delivery succeeded or ran out of attempts.
   */
  async redeliver(eventId: string): Promise<void> {
    const stored = this.events.get(eventId);
    if (!stored) throw new Error(`no webhook event ${eventId}`);
    if (!this.target) throw new Error('no webhook target is set');
    const copies = this.jobs.filter((job) => job.record.eventId === eventId).length;
    const job = this.createJob(stored.event, stored.body, this.target, copies + 1, 'pending');
    this.queue.push(job);
    this.pump();
    await job.settled;
  }

  /**
   * Releases deliveries held for out-of-order sending (in the configured order), then waits
   * until nothing is queued, in flight or waiting to retry. Deliveries held by a pause stay held.
   */
  async flush(): Promise<void> {
    const failures = this.options.failures();
    if (!failures.webhooksPaused) this.release(failures.webhookOrder);
    for (;;) {
      const pending = this.jobs.filter((job) => job.record.state === 'pending');
      if (pending.length === 0) return;
      await Promise.all(pending.map((job) => job.settled));
    }
  }

  /** After `configure`: a resume with in-order delivery sends what was held, in order. */
  failuresChanged(): void {
    const failures = this.options.failures();
    if (!failures.webhooksPaused && failures.webhookOrder === 'in-order') this.release('in-order');
  }

  /**
   * `POST /v1/notifications/verify-webhook-signature`: the event must be one this simulator
   * sent, unaltered, and the signature must be over its exact body with the given
   * transmission id, time and webhook id.
   */
  verify(request: VerifyWebhookSignatureRequest): boolean {
    if (request.authAlgo !== 'SHA256withRSA' || request.certUrl !== this.options.certUrl()) return false;
    const eventId = request.webhookEvent.id;
    const stored = typeof eventId === 'string' ? this.events.get(eventId) : undefined;
    if (!stored || !isDeepStrictEqual(JSON.parse(stored.body), request.webhookEvent)) return false;
    const message = transmissionMessage(
      request.transmissionId,
      request.transmissionTime,
      request.webhookId,
      stored.body,
    );
    return this.options.identity.verify(message, request.transmissionSig);
  }

  /** Abandons retries and transmissions in flight; whoever waits on a delivery is released. */
  stop(): void {
    this.stopped = true;
    this.stopping.abort();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const job of this.jobs) {
      if (job.record.state === 'pending' || job.record.state === 'held') {
        job.record.state = 'failed';
        job.settle();
      }
    }
  }

  private createJob(
    event: WebhookEvent,
    body: string,
    target: WebhookTarget,
    copy: number,
    state: 'held' | 'pending',
  ): DeliveryJob {
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const job: DeliveryJob = {
      record: {
        eventId: event.id,
        eventType: event.event_type,
        url: target.url,
        webhookId: target.webhookId,
        copy,
        state,
        attempts: [],
        event,
      },
      body,
      settled,
      settle,
    };
    this.jobs.push(job);
    return job;
  }

  private release(order: SimulatorFailures['webhookOrder']): void {
    if (this.held.length === 0) return;
    const released = this.held;
    this.held = [];
    if (order === 'reversed') released.reverse();
    if (order === 'shuffled') shuffle(released);
    for (const job of released) {
      job.record.state = 'pending';
      this.queue.push(job);
    }
    this.pump();
  }

  /** One transmission at a time, so in-order delivery really arrives in order. */
  private pump(): void {
    if (this.sending || this.stopped) return;
    this.sending = true;
    void (async () => {
      try {
        for (let job = this.queue.shift(); job && !this.stopped; job = this.queue.shift()) {
          await this.transmit(job);
        }
      } finally {
        this.sending = false;
      }
    })();
  }

  private async transmit(job: DeliveryJob): Promise<void> {
    const { record, body } = job;
    const transmissionId = paypalIds.transmission();
    const transmissionTime = paypalTime(this.options.clock());
    const signature = this.options.identity.sign(
      transmissionMessage(transmissionId, transmissionTime, record.webhookId, body),
    );
    const attempt: WebhookAttempt = { transmissionId, transmissionTime, status: null, error: null };
    record.attempts.push(attempt);
    try {
      const response = await fetch(record.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'PayPal/AUHD-214.0-58843829',
          'paypal-transmission-id': transmissionId,
          'paypal-transmission-time': transmissionTime,
          'paypal-transmission-sig': signature,
          'paypal-cert-url': this.options.certUrl(),
          'paypal-auth-algo': 'SHA256withRSA',
          'paypal-auth-version': 'v2',
        },
        body,
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.attemptTimeoutMs)]),
      });
      attempt.status = response.status;
      // Read to the end so the connection goes back to the pool.
      await response.arrayBuffer();
      if (!response.ok) attempt.error = `HTTP ${response.status}`;
    } catch (error) {
      attempt.error = describeFailure(error);
    }
    if (this.stopped) return;
    if (attempt.error === null) {
      record.state = 'delivered';
      job.settle();
      return;
    }
    const delayMs = this.options.retryDelaysMs[record.attempts.length - 1];
    if (delayMs === undefined) {
      record.state = 'failed';
      this.options.logger?.warn(
        {
          eventId: record.eventId,
          eventType: record.eventType,
          url: record.url,
          attempts: record.attempts.length,
          error: attempt.error,
        },
        'webhook delivery failed; no attempts left',
      );
      job.settle();
      return;
    }
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.queue.push(job);
      this.pump();
    }, delayMs);
    this.retryTimers.add(timer);
  }
}
