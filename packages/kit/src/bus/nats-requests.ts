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
import {
  answerBatch,
  batchBodyOf,
  batchHeader,
  failBatch,
  malformedReplyError,
  type QueuedRequest,
  RequestCoalescer,
  takeReplyPart,
} from './coalescing.js';
import { describeFailure } from './delivery.js';
import { type NatsReplies, NoReplyError } from './nats-replies.js';
import { noResponderError, replyBodyOf, replyOf, replyTimeoutError, sendRequest } from './reply.js';
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
 * reaches one replica. The requests to one subject made in one turn travel as one
 * coalesced message (coalescing.ts).
 */
export class NatsRequests {
  private readonly service: string;
  private readonly subjectPrefix: string;
  private readonly logger: Logger;
  private readonly metrics: ServiceMetrics | undefined;
  private readonly responders: Subscription[] = [];
  private readonly requestsInFlight = new Set<Promise<void>>();
  private readonly coalescer = new RequestCoalescer((subject, items) => this.send(subject, items));

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
      this.coalescer.enqueue(subject, payload, context, options.timeoutMs ?? defaultRequestTimeoutMs),
    );
  }

  /** Sends the requests of one subject that came in one turn: alone as a plain request, else coalesced. */
  private send(subject: string, items: QueuedRequest[]): void {
    const single = items.length === 1 ? items[0]! : undefined;
    const headers = createHeaders();
    let body: string;
    if (single) {
      headers.set(requestIdHeader, single.context.requestId);
      if (single.context.traceparent) headers.set(traceparentHeader, single.context.traceparent);
      body = single.payloadJson;
    } else {
      headers.set(batchHeader, String(items.length));
      body = batchBodyOf(items);
    }
    const timeoutMs = Math.max(...items.map((item) => item.timeoutMs));
    const take = (reply: Msg): boolean => {
      let part: unknown;
      try {
        part = reply.json();
      } catch {
        failBatch(items, malformedReplyError(subject));
        return true;
      }
      if (single) {
        single.settle({ envelope: part });
        return true;
      }
      return takeReplyPart(items, part);
    };
    this.replies
      .requestInParts(this.subjectPrefix + subject, body, { timeoutMs, headers }, take)
      .catch((error: unknown) => failBatch(items, this.failureOf(subject, error, timeoutMs)));
  }

  private failureOf(subject: string, error: unknown, timeoutMs: number): AppError {
    if (error instanceof NoReplyError && error.reason === 'no_responders') return noResponderError(subject);
    if (error instanceof NoReplyError && error.reason === 'timeout')
      return replyTimeoutError(subject, timeoutMs);
    return new AppError('unavailable', `request on ${subject} failed: ${describeFailure(error)}`);
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
    this.metrics?.busRequestMessages.inc({ subject });
    const respond = (body: string) => {
      if (!message.reply || this.connection.isClosed()) return;
      message.respond(body);
    };
    // A coalesced request (ARCHITECTURE.md §3); a message without the header is a plain request.
    if (message.headers?.has(batchHeader)) {
      return answerBatch(subject, message.string(), handler, respond, this.logger, this.metrics);
    }
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
    respond(replyBodyOf(envelope, subject, context.requestId, this.logger));
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
