import {
  headers as createHeaders,
  type Msg,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import { describeFailure } from './delivery.js';
import { type NatsReplies, NoReplyError } from './nats-replies.js';
import {
  noResponderError,
  replyBodyOf,
  replyOf,
  replyTimeoutError,
  sendRequest,
  unwrapReply,
} from './reply.js';
import {
  defaultRequestTimeoutMs,
  type MessageContext,
  type ReplyEnvelope,
  type RequestHandler,
  type RequestOptions,
} from './types.js';

/** The header that carries the request id of a request (the trace context travels as `traceparent`). */
const requestIdHeader = 'Moneypal-Request-Id';
const traceparentHeader = 'traceparent';

export interface NatsRequestsOptions {
  /** The queue group every replica of the service joins. */
  service: string;
  /** Put before every subject, with its trailing dot (or empty). */
  subjectPrefix: string;
  logger: Logger;
  metrics: ServiceMetrics | undefined;
}

/**
 * Request/reply on NATS core: requests go out through the connection's reply inbox, and
 * each served subject is a subscription in the service's queue group, so each request
 * reaches one replica.
 */
export class NatsRequests {
  private readonly service: string;
  private readonly subjectPrefix: string;
  private readonly logger: Logger;
  private readonly metrics: ServiceMetrics | undefined;
  private readonly responders: Subscription[] = [];
  private readonly requestsInFlight = new Set<Promise<void>>();

  constructor(
    private readonly connection: NatsConnection,
    private readonly replies: NatsReplies,
    options: NatsRequestsOptions,
  ) {
    this.service = options.service;
    this.subjectPrefix = options.subjectPrefix;
    this.logger = options.logger;
    this.metrics = options.metrics;
  }

  async request(subject: string, payload: unknown, options: RequestOptions): Promise<unknown> {
    return sendRequest(subject, options, this.metrics, (context) =>
      this.send(subject, payload, context, options),
    );
  }

  private async send(
    subject: string,
    payload: unknown,
    context: MessageContext,
    options: RequestOptions,
  ): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
    const headers = createHeaders();
    headers.set(requestIdHeader, context.requestId);
    if (context.traceparent) headers.set(traceparentHeader, context.traceparent);
    let reply: Msg;
    try {
      reply = await this.replies.request(this.subjectPrefix + subject, JSON.stringify(payload ?? null), {
        timeoutMs,
        headers,
      });
    } catch (error) {
      if (error instanceof NoReplyError && error.reason === 'no_responders') {
        throw noResponderError(subject);
      }
      if (error instanceof NoReplyError && error.reason === 'timeout') {
        throw replyTimeoutError(subject, timeoutMs);
      }
      throw new AppError('unavailable', `request on ${subject} failed: ${describeFailure(error)}`);
    }
    let envelope: unknown;
    try {
      envelope = reply.json();
    } catch {
      throw new AppError('internal', `malformed reply on ${subject}`);
    }
    return unwrapReply(envelope, subject);
  }

  async handle(subject: string, handler: RequestHandler): Promise<void> {
    const subscription = this.connection.subscribe(this.subjectPrefix + subject, {
      // Every replica of a service joins the same queue group, so each request reaches one of them.
      queue: this.service,
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'request subscription failed');
          return;
        }
        const answering = this.answer(subject, message, handler);
        this.requestsInFlight.add(answering);
        void answering.finally(() => this.requestsInFlight.delete(answering));
      },
    });
    this.responders.push(subscription);
    // The subscription is registered with the server before `handle` returns, so a
    // request sent right after cannot miss it.
    await this.connection.flush();
  }

  private async answer(subject: string, message: Msg, handler: RequestHandler): Promise<void> {
    const context: MessageContext = {
      requestId: message.headers?.get(requestIdHeader) || newId(),
    };
    const traceparent = message.headers?.get(traceparentHeader);
    if (traceparent) context.traceparent = traceparent;
    let envelope: ReplyEnvelope;
    let payload: unknown;
    try {
      payload = message.json();
      envelope = await replyOf(handler, payload, context, subject, this.logger, this.metrics);
    } catch {
      this.metrics?.busRequests.inc({ subject, outcome: 'validation_failed' });
      envelope = { ok: false, error: { code: 'validation_failed', message: 'the request is not JSON' } };
    }
    const body = replyBodyOf(envelope, subject, context.requestId, this.logger);
    if (!message.reply || this.connection.isClosed()) return;
    message.respond(body);
  }

  /** Stops taking requests; those already taken go on (see `running`). */
  async stopServing(): Promise<void> {
    await Promise.allSettled(this.responders.map((subscription) => subscription.drain()));
  }

  /** The requests being answered now. */
  running(): Promise<void>[] {
    return [...this.requestsInFlight];
  }
}
