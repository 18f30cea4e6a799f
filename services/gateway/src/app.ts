import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { type Bus, type Logger, ServiceMetrics } from '@moneypal/kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { createAccessTokenVerifier } from './access-token.js';
import { clientErrorHandlerOf } from './client-error.js';
import type { GatewayConfig } from './config.js';
import { installMetrics } from './metrics.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import { problemOf, problemOfError, sendProblem } from './problem.js';
import { installRateLimits } from './rate-limits.js';
import { RequestLogger } from './request-logger.js';
import { type Route, registerRoute } from './route.js';
import { authRoutes } from './routes/auth.routes.js';
import { balanceRoutes } from './routes/balance.routes.js';
import { billingRoutes } from './routes/billing.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { documentRoutes } from './routes/documents.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { holdRoutes } from './routes/holds.routes.js';
import { notificationRoutes } from './routes/notifications.routes.js';
import { paymentRequestRoutes } from './routes/payment-requests.routes.js';
import { paymentRoutes } from './routes/payments.routes.js';
import { payoutRoutes } from './routes/payouts.routes.js';
import { registerPlatformRoutes } from './routes/platform.routes.js';
import { recipientRoutes } from './routes/recipients.routes.js';
import { transferRoutes } from './routes/transfers.routes.js';
import { userRoutes } from './routes/users.routes.js';
import { walletRoutes } from './routes/wallets.routes.js';
import { registerWebRoutes } from './routes/web.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { installSecurityHeaders } from './security-headers.js';
import { watchSessionRevocations } from './session-revocations.js';
import { installTracing } from './tracing.js';

export interface GatewayDependencies {
  /** A bus connected as service `gateway`. */
  bus: Bus;
  logger: Logger;
  config: GatewayConfig;
  /**
   * Where the gateway's series go (HTTP requests, and the bus requests it makes when the
   * bus was connected with the same object); served at `/metrics`. Its own when absent.
   */
  metrics?: ServiceMetrics;
}

/** The services the gateway routes to; `/readyz` asks each for its health. */
export const routedServices = ['identity', 'ledger', 'payments', 'billing', 'notifications'];

/** An inbound request id is kept only when it is short and plain enough to be safe in logs and headers. */
const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/**
 * The public HTTP surface of MoneyPal, built but not listening (the runtime calls `listen`).
 * Every route validates, authorises and makes one bus request; every error is a problem+json.
 */
export async function buildGateway({
  bus,
  logger,
  config,
  metrics = new ServiceMetrics('gateway'),
}: GatewayDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    // The instance's logger (and a plugin's) is pino: `loggerInstance` above.
    childLoggerFactory: (parent, bindings, options) =>
      Object.keys(options ?? {}).length > 0
        ? parent.child(bindings, options)
        : new RequestLogger(parent as Logger, bindings),
    bodyLimit: config.bodyLimitBytes,
    // A hop count trusts that many proxies in front of the gateway.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors the router meets before a route runs (a malformed URL, a parameter too long).
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      sendProblem(reply, problemOfError(error, request).problem);
    },
    // Requests Node's HTTP parser refuses (a bad header, length or method) never reach the router.
    clientErrorHandler: clientErrorHandlerOf(logger),
    // A request id names a request in logs, nothing more: a random UUID from Node's pooled
    // entropy costs a fraction of a UUIDv7, which asks the operating system for every one.
    genReqId: (request) => {
      const inbound = request.headers['x-request-id'];
      return typeof inbound === 'string' && requestIdPattern.test(inbound) ? inbound : randomUUID();
    },
  });
  app.decorateRequest('user', undefined);
  // Bodies are JSON only: anything else is 415, not a string handed to a route.
  app.removeContentTypeParser('text/plain');

  // The hooks every request runs are callbacks, not async functions: each async hook costs a
  // promise and a turn of the microtask queue per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  installTracing(app);
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: reply.statusCode,
        duration_ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const { problem, unexpected } = problemOfError(error, request);
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    else if (problem.status >= 500)
      request.log.warn({ code: problem.code, detail: problem.detail }, 'request failed');
    return sendProblem(reply, problem);
  });

  installMetrics(app, metrics);
  await installSecurityHeaders(app, { corsOrigins: config.corsOrigins });
  app.addHook('onRequest', (request, reply, done) => {
    // Answered here, the request goes no further: `done` is not called.
    if (isTraversalPath(request.url)) sendProblem(reply, problemOf('not_found', 'No such path.', request.id));
    else done();
  });

  const revocations = watchSessionRevocations({
    bus,
    logger,
    pollIntervalMs: config.sessionRevocationPollMs,
    timeoutMs: config.busRequestTimeoutMs,
  });
  app.addHook('onClose', async () => revocations.stop());
  const verifier = createAccessTokenVerifier({
    bus,
    refetchIntervalMs: config.jwksRefetchIntervalMs,
    timeoutMs: config.busRequestTimeoutMs,
    revocations,
  });
  await installRateLimits(app, { config, verifier, logger });
  const routes: Route[] = [
    ...authRoutes({ rateLimitPerMinute: config.rateLimitAuthPerMinute }),
    ...userRoutes(),
    ...recipientRoutes(),
    ...balanceRoutes(),
    ...walletRoutes(),
    ...transferRoutes(),
    ...holdRoutes(),
    ...catalogRoutes(),
    ...paymentRoutes(),
    ...payoutRoutes(),
    ...billingRoutes(),
    ...documentRoutes(),
    ...paymentRequestRoutes(),
    ...notificationRoutes(),
    ...healthRoutes({ bus, services: routedServices, timeoutMs: config.readyTimeoutMs }),
  ];
  const routeServices = {
    bus,
    verifier,
    busRequestTimeoutMs: config.busRequestTimeoutMs,
    busBulkRequestTimeoutMs: config.busBulkRequestTimeoutMs,
  };
  for (const route of routes) registerRoute(app, route, routeServices);
  // Webhook bodies reach their route as the exact text received: signatures cover those bytes.
  const rawBodyRoutes = webhookRoutes();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    for (const route of rawBodyRoutes) registerRoute(scope, route, routeServices);
  });
  routes.push(...rawBodyRoutes);

  let document: OpenApiDocument | undefined;
  registerPlatformRoutes(app, {
    metrics,
    openApiDocument: () => {
      document ??= buildOpenApiDocument(routes, version);
      return document;
    },
  });
  const webAppFallback = await registerWebRoutes(app, config.webRoot);

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const allowed = allowedMethodsOf(app, request.url.split('?')[0] ?? '/');
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      // Without CORS nothing else answers OPTIONS: say which methods the path has.
      if (request.method === 'OPTIONS') return reply.code(204).send();
      return sendProblem(
        reply,
        problemOf(
          'method_not_allowed',
          `${path} does not answer ${request.method}; it answers ${allowed.join(', ')}.`,
          request.id,
        ),
      );
    }
    const page = webAppFallback?.(request, reply);
    if (page !== undefined) return page;
    return sendProblem(reply, problemOf('not_found', `No route ${request.method} ${path}.`, request.id));
  });

  return app;
}

const routeMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods a path has routes for; the web app's catch-all for static files does not count. */
function allowedMethodsOf(app: FastifyInstance, path: string): string[] {
  return routeMethods.filter((method) => {
    const found = app.findRoute({ method, url: path });
    return found !== null && !('*' in (found.params ?? {}));
  });
}

/**
 * A path that climbs out of its folder (`..`, also percent-encoded) or holds a NUL byte:
 * no route has one, so it is answered 404 before a route or the static files see it.
 */
export function isTraversalPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /%00|\0/.test(path) || /(^|\/|\\|%2f|%5c)(\.|%2e){2}(\/|\\|%2f|%5c|$)/i.test(path);
}

function pathOf(url: string): string {
  const path = url.split('?')[0] ?? '/';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
