import { endSpan, type Span, startSpan, traceFieldsOf, traceparentOf } from '@moneypal/kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The span of this request: it continues the caller's `traceparent`, or starts a trace. */
    span: Span | undefined;
  }
}

/**
 * A span per HTTP request, continuing the W3C `traceparent` header when the caller sent
 * one. The request's log lines carry its `trace_id` and `span_id` next to `request_id`,
 * and every bus request a route makes carries the span on (`traceparentFor`).
 */
export function installTracing(app: FastifyInstance): void {
  app.decorateRequest('span', undefined);
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.traceparent;
    const route = request.routeOptions.url;
    const span = startSpan(route === undefined ? `${request.method}` : `${request.method} ${route}`, {
      kind: 'server',
      parent: typeof header === 'string' ? header : undefined,
      attributes: {
        'http.request.method': request.method,
        'http.route': route ?? 'unmatched',
        'moneypal.request_id': request.id,
      },
    });
    request.span = span;
    request.log = request.log.child(traceFieldsOf(span));
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    if (request.span) {
      request.span.setAttribute('http.response.status_code', reply.statusCode);
      endSpan(request.span, reply.statusCode >= 500 ? new Error(`status ${reply.statusCode}`) : undefined);
    }
    done();
  });
  app.addHook('onRequestAbort', async (request) => {
    if (request.span) endSpan(request.span, new Error('the client went away'));
  });
}

/** The `traceparent` a route's bus requests carry: the request's span, when it has one. */
export function traceparentFor(request: FastifyRequest): string | undefined {
  return request.span ? traceparentOf(request.span) : undefined;
}
