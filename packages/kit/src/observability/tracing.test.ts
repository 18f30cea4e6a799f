import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import {
  activeLogFields,
  activeTrace,
  contextOfTraceparent,
  endSpan,
  runInSpan,
  startSpan,
  traceparentOf,
} from './tracing.js';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C trace context', () => {
  it('reads a traceparent as a remote parent', () => {
    const parent = trace.getSpanContext(contextOfTraceparent(traceparent));

    expect(parent).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      isRemote: true,
    });
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['of another shape', 'trace-1'],
    ['in upper case', traceparent.toUpperCase()],
    ['with an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['with an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['of the forbidden version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['of version 00 with a fifth part', `${traceparent}-extra`],
  ])('ignores a traceparent %s, so the span starts a new trace', (_case, value) => {
    expect(trace.getSpanContext(contextOfTraceparent(value))).toBeUndefined();
  });

  it('keeps the trace of a later version it does not know, as W3C asks', () => {
    expect(trace.getSpanContext(contextOfTraceparent(`01-${traceparent.slice(3)}-more`))?.traceId).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('continues the caller’s trace in a child span, and writes its traceparent', () => {
    const span = startSpan('ledger.transfer.create', { kind: 'server', parent: traceparent });
    endSpan(span);

    expect(traceparentOf(span)).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(traceparentOf(span)).not.toContain('00f067aa0ba902b7');
  });

  it('starts a sampled trace of fresh ids for a span without a parent, a new one each time', () => {
    const first = startSpan('gateway.request', { kind: 'server', parent: undefined });
    const second = startSpan('gateway.request', { kind: 'server', parent: undefined });

    expect(traceparentOf(first)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(first.spanContext().traceId).not.toBe(second.spanContext().traceId);
    expect(first.spanContext().spanId).not.toBe(second.spanContext().spanId);
  });

  it('keeps an unsampled caller’s decision', () => {
    const span = startSpan('ledger.transfer.create', {
      kind: 'server',
      parent: traceparent.replace(/01$/, '00'),
    });

    expect(traceparentOf(span)).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-00$/);
  });

  it.each([
    ['malformed', 'trace-1'],
    ['with an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['with an all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-00'],
  ])('starts a new sampled trace for a span whose parent is %s', (_case, parent) => {
    const span = startSpan('ledger.transfer.create', { kind: 'server', parent });

    expect(traceparentOf(span)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(span.spanContext().traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(span.spanContext().traceId).not.toBe('0'.repeat(32));
  });

  it('records nothing when no span processor is registered', () => {
    const span = startSpan('ledger.transfer.create', { kind: 'server', parent: traceparent });

    expect(span.isRecording()).toBe(false);
  });

  it('makes the span and request id active only inside runInSpan', () => {
    const span = startSpan('billing.bill.create', { kind: 'server', parent: undefined });
    const inside = runInSpan(span, 'request-1', () => ({ trace: activeTrace(), log: activeLogFields() }));
    endSpan(span);

    expect(inside.trace).toEqual({ traceparent: traceparentOf(span), requestId: 'request-1' });
    expect(inside.log).toEqual({
      request_id: 'request-1',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(activeTrace()).toEqual({});
    expect(activeLogFields()).toEqual({});
  });
});
