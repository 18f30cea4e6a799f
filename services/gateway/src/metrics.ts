import { latencyBucketsSeconds, type ServiceMetrics } from '@moneypal/kit';
import type { FastifyInstance } from 'fastify';

/**
 * The gateway's HTTP series on its service metrics (which also hold the process defaults
 * and the bus requests it makes): a request counter and a latency histogram labelled by
 * route template (never the raw URL, whose ids would make a series per resource).
 */
export function installMetrics(app: FastifyInstance, metrics: ServiceMetrics): void {
  const requests = metrics.counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
  });
  const durations = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: latencyBucketsSeconds,
  });

  app.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });
}
