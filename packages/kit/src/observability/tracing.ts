import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  RandomIdGenerator,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { AppError } from '../errors.js';
import { requestIdKey } from '../log-context.js';

export type { Span } from '@opentelemetry/api';
/** The log fields of the active request and span live beside the logger, which reads them. */
export { activeLogFields, traceFieldsOf } from '../log-context.js';

/**
 * OpenTelemetry tracing with W3C trace context (ARCHITECTURE §3: every request and event
 * carries `traceparent`). The gateway starts a span per HTTP request; the bus continues the
 * trace into every service it reaches, and events written while a span is active carry it
 * on to their consumers. Spans are exported over OTLP/HTTP only when an endpoint is
 * configured; without one (and no other span processor), spans record nothing: ids are
 * still made and propagated, so logs can be joined.
 */

export interface TracingOptions {
  /** The `service.name` spans are reported under. */
  service: string;
  /** The OTLP/HTTP traces endpoint (`…/v1/traces`); spans are exported only when set. */
  otlpTracesUrl?: string | undefined;
  /** Extra span processors, e.g. an in-memory exporter in a test. */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

const tracerName = '@moneypal/kit';

/** The provider this module registered, if any: the process has one tracer provider. */
let registered: NodeTracerProvider | undefined;
/** Whether the registered provider hands spans to a processor; if not, spans only carry ids. */
let recording = false;
const ids = new RandomIdGenerator();

function register(provider: NodeTracerProvider): void {
  if (registered) {
    // A later, explicit start (a process's main) replaces the default one.
    trace.disable();
    context.disable();
    propagation.disable();
  }
  // Also installs the AsyncLocalStorage context manager that carries the active span
  // through `await`, and the W3C propagator.
  provider.register();
  registered = provider;
}

/**
 * Starts tracing for this process: the distributed runtime's `main.ts` calls it once,
 * first. A process that never calls it (the local runtime, a test) gets a default one on
 * first use, with no exporter.
 */
export function startTracing(options: TracingOptions): Tracing {
  const spanProcessors = [...(options.spanProcessors ?? [])];
  if (options.otlpTracesUrl) {
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpTracesUrl })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors,
  });
  register(provider);
  recording = spanProcessors.length > 0;
  return {
    async shutdown() {
      await provider.shutdown();
    },
  };
}

/** Whether spans are recorded; registers the default provider (and its context manager) first. */
function isRecording(): boolean {
  if (!registered) startTracing({ service: 'moneypal' });
  return recording;
}

const spanKinds = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
} as const;

export interface SpanOptions {
  kind: keyof typeof spanKinds;
  /** The `traceparent` of the caller's span; absent (or malformed), the span starts a new trace. */
  parent: string | undefined;
  attributes?: Attributes;
}

/** Starts a span; end it with `endSpan`. */
export function startSpan(name: string, options: SpanOptions): Span {
  if (!isRecording()) return unrecordedSpan(options.parent);
  const parent = contextOfTraceparent(options.parent);
  return trace
    .getTracer(tracerName)
    .startSpan(
      name,
      { kind: spanKinds[options.kind], ...(options.attributes ? { attributes: options.attributes } : {}) },
      parent,
    );
}

/**
 * A span that records nothing and only carries ids: all a process that exports no spans
 * needs for its log lines and to pass the trace on. The SDK's span would time itself and
 * keep its attributes for no reader, which cost 3 to 7 % of a busy service's CPU. It is
 * sampled as the SDK's default sampler decides: as its parent is, or sampled.
 */
function unrecordedSpan(traceparent: string | undefined): Span {
  // The parent's ids straight from its `traceparent`: no Context is built for a span
  // nobody reads, which halves the cost of a span per bus request.
  const parentSpan = spanContextOfTraceparent(traceparent);
  return trace.wrapSpanContext({
    traceId: parentSpan?.traceId ?? ids.generateTraceId(),
    spanId: ids.generateSpanId(),
    traceFlags: parentSpan?.traceFlags ?? TraceFlags.SAMPLED,
  });
}

/** Ends a span; a failure marks it as an error, with an AppError's code. */
export function endSpan(span: Span, failure?: unknown): void {
  if (failure !== undefined) {
    const code = failure instanceof AppError ? failure.code : 'internal';
    span.setAttribute('moneypal.error_code', code);
    span.setStatus({ code: SpanStatusCode.ERROR, message: code });
  }
  span.end();
}

/**
 * Runs `work` with `span` active and `requestId` as the request being handled: the spans
 * it starts are children of `span`, its log lines carry both ids (see `createLogger`),
 * and the events it writes carry the trace on.
 */
export function runInSpan<T>(span: Span, requestId: string, work: () => T): T {
  const active = trace.setSpan(context.active(), span).setValue(requestIdKey, requestId);
  return context.with(active, work);
}

/** The W3C `traceparent` of a span. */
export function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

/** The trace and request being handled where this runs, if any. */
export function activeTrace(): { traceparent?: string; requestId?: string } {
  const active = context.active();
  const span = trace.getSpan(active);
  const requestId = active.getValue(requestIdKey);
  return {
    ...(span && isSpanContextValid(span.spanContext()) ? { traceparent: traceparentOf(span) } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
}

/** Version 00 of W3C trace context: version, trace id, parent span id, flags. */
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The context of a received `traceparent`; an absent or malformed one (which W3C says to
 * ignore) gives an empty context, so the span starts a new trace.
 */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  const spanContext = spanContextOfTraceparent(traceparent);
  return spanContext === undefined ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, spanContext);
}

const invalidTraceId = '0'.repeat(32);
const invalidSpanId = '0'.repeat(16);

/** The remote span a `traceparent` names; undefined when absent or malformed. */
function spanContextOfTraceparent(traceparent: string | undefined): SpanContext | undefined {
  const match = traceparent === undefined ? null : traceparentPattern.exec(traceparent.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  // Version ff is invalid; version 00 has exactly four parts.
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  // The pattern already checked both ids are lowercase hex of the right length; W3C makes
  // the all-zero ids invalid.
  if (traceId === invalidTraceId || spanId === invalidSpanId) return undefined;
  return {
    traceId: traceId!,
    spanId: spanId!,
    traceFlags: Number.parseInt(flags!, 16) & 1,
    isRemote: true,
  };
}
