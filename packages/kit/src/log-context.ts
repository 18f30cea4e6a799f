import {
  context,
  createContextKey,
  isSpanContextValid,
  ROOT_CONTEXT,
  type Span,
  trace,
} from '@opentelemetry/api';

/**
 * The request and span being handled where a log line is written, read from the active
 * OpenTelemetry context. The logger needs only this, not tracing itself, which sets that
 * context (see `runInSpan` in observability/tracing.ts).
 */

/** Where the active context keeps the id of the request being handled. */
export const requestIdKey = createContextKey('moneypal.request_id');

/** The ids of a span as log fields. */
export function traceFieldsOf(span: Span): { trace_id: string; span_id: string } {
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** The log fields of the request and span active where a line is written: `createLogger`'s mixin. */
export function activeLogFields(): { request_id?: string; trace_id?: string; span_id?: string } {
  const active = context.active();
  if (active === ROOT_CONTEXT) return {};
  const span = trace.getSpan(active);
  const requestId = active.getValue(requestIdKey);
  return {
    ...(typeof requestId === 'string' ? { request_id: requestId } : {}),
    ...(span && isSpanContextValid(span.spanContext()) ? traceFieldsOf(span) : {}),
  };
}
