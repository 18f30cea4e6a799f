import { AppError, isErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { MessageContext, ReplyEnvelope, RequestHandler } from './types.js';

/**
 * Runs a request handler and turns its outcome into the reply envelope. An `AppError`
 * travels as it is; anything else is logged and travels as a bare `internal` error, so no
 * stack or detail leaks to the caller. Every handled request leaves one log line with the
 * request id it came with, so a request can be followed from the gateway into each service.
 */
export async function replyOf(
  handler: RequestHandler,
  payload: unknown,
  context: MessageContext,
  subject: string,
  logger: Logger | undefined,
): Promise<ReplyEnvelope> {
  const startedAt = performance.now();
  const log = (outcome: string) =>
    logger?.info(
      {
        subject,
        request_id: context.requestId,
        outcome,
        duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
      },
      'request handled',
    );
  try {
    const data = (await handler(payload, context)) ?? null;
    log('ok');
    return { ok: true, data };
  } catch (error) {
    if (error instanceof AppError) {
      log(error.code);
      return { ok: false, error: error.toJSON() };
    }
    logger?.error({ err: error, subject, request_id: context.requestId }, 'request handler failed');
    log('internal');
    return { ok: false, error: { code: 'internal', message: 'internal error' } };
  }
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
