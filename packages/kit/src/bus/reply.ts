import { AppError, isErrorCode } from '../errors.js';
import type { MessageContext, ReplyEnvelope, RequestHandler } from './types.js';

/**
 * Runs a request handler and turns its outcome into the reply envelope. An `AppError`
 * travels as it is; anything else is reported by `onUnexpected` and travels as a bare
 * `internal` error, so no stack or detail leaks to the caller.
 */
export async function replyOf(
  handler: RequestHandler,
  payload: unknown,
  context: MessageContext,
  onUnexpected: (error: unknown) => void,
): Promise<ReplyEnvelope> {
  try {
    return { ok: true, data: (await handler(payload, context)) ?? null };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    onUnexpected(error);
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
