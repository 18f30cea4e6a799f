import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import { replyBodyOf, replyOf, replyTimeoutError, unwrapReply } from './reply.js';
import type { MessageContext, ReplyEnvelope, RequestHandler } from './types.js';

/**
 * Coalesced requests (ARCHITECTURE.md §3 "Batch at every hop"): the requests one connection
 * makes to one subject in the same turn of the event loop travel as one message and come
 * back as one reply, so that a hop costs one message per turn rather than one per request.
 * A request alone in its turn travels as a plain request, as before.
 *
 * The wire shape, shared by every bus:
 * - a coalesced request carries the `Moneypal-Batch` header (on NATS) and a JSON array of
 *   items, each `{"requestId", "traceparent"?, "payload"}`;
 * - its reply comes in one or more parts, each a JSON array of `[index, envelope]` pairs:
 *   the items answered in the same turn share a part, so an item whose handler is slow does
 *   not hold back its neighbours' answers. A reply that is a bare envelope (not an array)
 *   answers every item, e.g. a refusal of the whole message.
 */

/** The header that marks a coalesced request; its value is the number of items. */
export const batchHeader = 'Moneypal-Batch';

/**
 * The most JSON one coalesced message or reply part carries before the rest goes in another:
 * a quarter of NATS's default 1 MiB payload limit, so that two large items (a batch of a
 * thousand transfers answers about 0.6 MB) never share a message that the server refuses.
 * An item larger than this travels alone.
 */
export const maxCoalescedBytes = 256 * 1024;

/** One request waiting for its turn, and then for its answer. */
export interface QueuedRequest {
  /** The payload as JSON text, made when the request was issued. */
  payloadJson: string;
  context: MessageContext;
  timeoutMs: number;
  /** Settles the caller with the reply envelope (or the error); only the first call counts. */
  settle(outcome: { envelope: unknown } | { error: unknown }): void;
  readonly settled: boolean;
}

/** Sends the requests of one subject that came in one turn; one or more of them. */
export type SendQueued = (subject: string, items: QueuedRequest[]) => void;

/**
 * Gathers a connection's requests by subject until the end of the current turn (a
 * `setImmediate`), then hands each subject's requests to `send` together. Each request has
 * its own timer: it answers `unavailable` after its own timeout whatever its neighbours do.
 */
export class RequestCoalescer {
  private readonly queues = new Map<string, { items: QueuedRequest[]; bytes: number }>();

  constructor(private readonly send: SendQueued) {}

  /** Resolves with the reply's data, or rejects with its error as an `AppError`. */
  enqueue(subject: string, payload: unknown, context: MessageContext, timeoutMs: number): Promise<unknown> {
    // Serialised now, so that a payload that cannot cross the network fails its own caller at once.
    const payloadJson = JSON.stringify(payload ?? null);
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(
        () => item.settle({ error: replyTimeoutError(subject, timeoutMs) }),
        timeoutMs,
      );
      const item: QueuedRequest = {
        payloadJson,
        context,
        timeoutMs,
        get settled() {
          return settled;
        },
        settle(outcome) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if ('error' in outcome) {
            reject(outcome.error);
            return;
          }
          try {
            resolve(unwrapReply(outcome.envelope, subject));
          } catch (error) {
            reject(error);
          }
        },
      };
      let turn = this.queues.get(subject);
      if (turn !== undefined && turn.bytes + payloadJson.length > maxCoalescedBytes) {
        // Full: it leaves now, and this request starts the next message of the turn.
        this.queues.delete(subject);
        this.send(subject, turn.items);
        turn = undefined;
      }
      if (turn === undefined) {
        const started = { items: [] as QueuedRequest[], bytes: 0 };
        turn = started;
        this.queues.set(subject, started);
        setImmediate(() => {
          if (this.queues.get(subject) !== started) return;
          this.queues.delete(subject);
          this.send(subject, started.items);
        });
      }
      turn.items.push(item);
      turn.bytes += payloadJson.length;
    });
  }
}

/** The body of a coalesced request: the items' JSON texts joined, with no second serialisation. */
export function batchBodyOf(items: QueuedRequest[]): string {
  const parts = items.map((item) => {
    const traceparent =
      item.context.traceparent === undefined
        ? ''
        : `,"traceparent":${JSON.stringify(item.context.traceparent)}`;
    return `{"requestId":${JSON.stringify(item.context.requestId)}${traceparent},"payload":${item.payloadJson}}`;
  });
  return `[${parts.join(',')}]`;
}

/**
 * Settles the items a reply part answers; true once every item of the batch is answered (or
 * settled otherwise, e.g. by its timeout). A part that is not an array answers every item.
 */
export function takeReplyPart(items: QueuedRequest[], part: unknown): boolean {
  if (!Array.isArray(part)) {
    for (const item of items) item.settle({ envelope: part });
    return true;
  }
  for (const answer of part) {
    if (!Array.isArray(answer) || typeof answer[0] !== 'number') continue;
    items[answer[0]]?.settle({ envelope: answer[1] });
  }
  return items.every((item) => item.settled);
}

/** Rejects every item of a batch that is still waiting, e.g. when its message found no server. */
export function failBatch(items: QueuedRequest[], error: unknown): void {
  for (const item of items) item.settle({ error });
}

interface BatchItem {
  requestId: string;
  traceparent?: string;
  payload: unknown;
}

function batchItemsOf(body: string): BatchItem[] | undefined {
  let items: unknown;
  try {
    items = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items)) return undefined;
  const valid = items.every(
    (item) => typeof item === 'object' && item !== null && !Array.isArray(item) && 'payload' in item,
  );
  return valid ? (items as BatchItem[]) : undefined;
}

/**
 * The serving side of a coalesced request: calls the handler for every item in the same
 * turn (so that work the handler groups, such as the ledger's group commit, sees them
 * together), and sends the answers as they come, those of one turn in one part. Each item
 * is logged, measured and traced with its own request id and trace context, as a plain
 * request is. Resolves once every item is answered.
 */
export function answerBatch(
  subject: string,
  body: string,
  handler: RequestHandler,
  respond: (part: string) => void,
  logger: Logger | undefined,
  metrics: ServiceMetrics | undefined,
): Promise<void> {
  const items = batchItemsOf(body);
  if (items === undefined) {
    metrics?.busRequests.inc({ subject, outcome: 'validation_failed' });
    const refusal: ReplyEnvelope = {
      ok: false,
      error: { code: 'validation_failed', message: 'the coalesced request is not a list of requests' },
    };
    respond(JSON.stringify(refusal));
    return Promise.resolve();
  }
  let answered: string[] = [];
  let answeredBytes = 0;
  const flush = () => {
    if (answered.length === 0) return;
    const part = `[${answered.join(',')}]`;
    answered = [];
    answeredBytes = 0;
    respond(part);
  };
  const answers = items.map(async (item, index) => {
    const context: MessageContext = {
      requestId: typeof item.requestId === 'string' && item.requestId !== '' ? item.requestId : newId(),
    };
    if (typeof item.traceparent === 'string') context.traceparent = item.traceparent;
    const envelope = await replyOf(handler, item.payload, context, subject, logger, metrics);
    const answer = `[${index},${replyBodyOf(envelope, subject, context.requestId, logger)}]`;
    // A part that would grow past the bound leaves first; a single large answer goes alone.
    if (answered.length > 0 && answeredBytes + answer.length > maxCoalescedBytes) flush();
    if (answered.length === 0) setImmediate(flush);
    answered.push(answer);
    answeredBytes += answer.length;
  });
  return Promise.all(answers).then(
    // The last part goes out at the end of the turn in which the last item was answered.
    () => new Promise<void>((resolve) => setImmediate(resolve)),
  );
}

/** A reply or reply part that is not JSON: the answer of every item still waiting. */
export function malformedReplyError(subject: string): AppError {
  return new AppError('internal', `malformed reply on ${subject}`);
}
