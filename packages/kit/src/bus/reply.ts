import { AppError, isErrorCode } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import { activeTrace, endSpan, runInSpan, startSpan, traceparentOf } from '../observability/tracing.js';
import type { MessageContext, ReplyEnvelope, RequestHandler, RequestOptions } from './types.js';

/**
 * Both sides of request/reply as every bus implementation does them, so that each request
 * is logged, measured and traced the same way on the in-process bus and on NATS.
 */

/**
 * Errors that say the database cannot be reached (a refused or broken connection, a server
 * shutting down or out of connections): the request may succeed later, so it answers
 * `unavailable` (503), not `internal`.
 */
const unreachableDatabaseCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnreachable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && unreachableDatabaseCodes.has(code)) return true;
  // node-postgres says these without a code: a connection that ended, a pool that waited in
  // vain, and a statement (such as a transaction's rollback) on a connection that broke.
  return (
    error instanceof Error && /Connection terminated|connection timeout|is not queryable/i.test(error.message)
  );
}

/** The outcome of a request for metrics and logs: `ok`, an error code, or `internal`. */
function outcomeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'internal';
}

/**
 * Runs a request handler and turns its outcome into the reply envelope. An `AppError`
 * travels as it is; anything else is logged and travels as a bare `internal` error, so no
 * stack or detail leaks to the caller. Every handled request leaves one log line with the
 * request id it came with, so a request can be followed from the gateway into each service.
 *
 * The handler runs in a span that continues the caller's trace; the context it receives
 * carries that span's `traceparent`, so the events it writes and the requests it makes
 * continue the trace in turn.
 */
export async function replyOf(
  handler: RequestHandler,
  payload: unknown,
  context: MessageContext,
  subject: string,
  logger: Logger | undefined,
  metrics?: ServiceMetrics,
): Promise<ReplyEnvelope> {
  const startedAt = performance.now();
  const span = startSpan(subject, {
    kind: 'server',
    parent: context.traceparent,
    attributes: {
      'rpc.system': 'moneypal-bus',
      'rpc.method': subject,
      'moneypal.request_id': context.requestId,
    },
  });
  const handlerContext: MessageContext = { requestId: context.requestId, traceparent: traceparentOf(span) };
  return runInSpan(span, context.requestId, async () => {
    const finish = (outcome: string, failure?: unknown) => {
      const durationSeconds = (performance.now() - startedAt) / 1000;
      metrics?.busRequests.inc({ subject, outcome });
      metrics?.busRequestDuration.observe({ subject }, durationSeconds);
      logger?.info(
        {
          subject,
          request_id: context.requestId,
          outcome,
          duration_ms: Math.round(durationSeconds * 10_000) / 10,
        },
        'request handled',
      );
      endSpan(span, failure);
    };
    try {
      const data = (await handler(payload, handlerContext)) ?? null;
      finish('ok');
      return { ok: true, data };
    } catch (error) {
      if (error instanceof AppError) {
        finish(error.code, error);
        return { ok: false, error: error.toJSON() };
      }
      if (isDatabaseUnreachable(error)) {
        logger?.warn({ err: error, subject, request_id: context.requestId }, 'database unreachable');
        finish('unavailable', error);
        return {
          ok: false,
          error: { code: 'unavailable', message: 'the service cannot reach its database' },
        };
      }
      logger?.error({ err: error, subject, request_id: context.requestId }, 'request handler failed');
      finish('internal', error);
      return { ok: false, error: { code: 'internal', message: 'internal error' } };
    }
  });
}

/**
 * Sends a request through `send`, with the context it carries: the caller's request id
 * (or the one being handled here, or a new one) and the `traceparent` of a client span
 * that continues the caller's trace (or the one active here). Measures it, and ends the
 * span with its outcome.
 */
export async function sendRequest(
  subject: string,
  options: RequestOptions,
  metrics: ServiceMetrics | undefined,
  send: (context: MessageContext) => Promise<unknown>,
): Promise<unknown> {
  const active = activeTrace();
  const requestId = options.requestId ?? active.requestId ?? newId();
  const span = startSpan(subject, {
    kind: 'client',
    parent: options.traceparent ?? active.traceparent,
    attributes: { 'rpc.system': 'moneypal-bus', 'rpc.method': subject, 'moneypal.request_id': requestId },
  });
  const startedAt = performance.now();
  metrics?.busClientRequestsInFlight.inc({ subject });
  let failure: unknown;
  try {
    return await send({ requestId, traceparent: traceparentOf(span) });
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    metrics?.busClientRequestsInFlight.dec({ subject });
    metrics?.busClientRequests.inc({ subject, outcome: failure === undefined ? 'ok' : outcomeOf(failure) });
    metrics?.busClientRequestDuration.observe({ subject }, (performance.now() - startedAt) / 1000);
    endSpan(span, failure);
  }
}

/**
 * The reply as the JSON text that crosses the network. A reply that cannot become JSON (a
 * bigint, a cycle) is a bug of the handler: it is logged and travels as `internal`.
 */
export function replyBodyOf(
  envelope: ReplyEnvelope,
  subject: string,
  requestId: string,
  logger: Logger | undefined,
): string {
  try {
    return JSON.stringify(envelope);
  } catch (error) {
    logger?.error({ err: error, subject, request_id: requestId }, 'reply is not serialisable');
    const internal: ReplyEnvelope = { ok: false, error: { code: 'internal', message: 'internal error' } };
    return JSON.stringify(internal);
  }
}

/** No service serves the subject of a request. */
export function noResponderError(subject: string): AppError {
  return new AppError('unavailable', `no service answers ${subject}`);
}

/** A request got no reply in time. */
export function replyTimeoutError(subject: string, timeoutMs: number): AppError {
  return new AppError('unavailable', `no reply on ${subject} within ${timeoutMs} ms`);
}

/** The data of a reply, or its error thrown again as an `AppError` on the caller's side. */
export function unwrapReply(reply: unknown, subject: string): unknown {
  const envelope = reply as ReplyEnvelope | null;
  if (envelope && envelope.ok === true) return envelope.data;
  if (envelope && envelope.ok === false && isErrorCode(envelope.error?.code)) {
    throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
  }
  throw new AppError('internal', `malformed reply on ${subject}`);
}
