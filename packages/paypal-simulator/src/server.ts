import Fastify, { type FastifyInstance } from 'fastify';
import { renderMessagePage } from './approval-page.js';
import {
  authenticationFailure,
  detail,
  internalServerError,
  invalidRequest,
  PayPalError,
  serviceUnavailable,
  unknownPath,
  unprocessableEntity,
  unsupportedMediaType,
} from './errors.js';
import { injectedFailure } from './failures.js';
import { paypalIds } from './ids.js';
import { TransitionRefused } from './orders.js';
import { registerApprovalRoutes } from './routes/approval.routes.js';
import { registerControlRoutes } from './routes/controls.routes.js';
import { apiOf, headerOf, isRestPath, pathOf, sendHtml } from './routes/http.js';
import { registerOAuthRoutes } from './routes/oauth.routes.js';
import { registerOrdersRoutes } from './routes/orders.routes.js';
import { registerPaymentsRoutes } from './routes/payments.routes.js';
import { registerPayoutsRoutes } from './routes/payouts.routes.js';
import { registerWebhooksRoutes } from './routes/webhooks.routes.js';
import type { SimulatorCore } from './simulator-core.js';

/**
 * The HTTP face of the simulator: PayPal's REST endpoints, the approval page, health, and
 * the control routes, each API in its own module under routes/. Every REST answer carries
 * `paypal-debug-id`, which is also the `debug_id` of an error body.
 */

/** Everything but the token endpoint and the certificates needs a bearer token, as at PayPal. */
function needsBearerToken(path: string): boolean {
  return isRestPath(path) && path !== '/v1/oauth2/token' && !path.startsWith('/v1/notifications/certs/');
}

/**
 * Configured failures and latency hit the Orders, Payments and signature-verification
 * calls, never the token or the certificate: a test that breaks PayPal wants its payment
 * calls to fail, not its client's authentication.
 */
function takesInjectedFaults(path: string): boolean {
  return (
    path.startsWith('/v2/') ||
    path.startsWith('/v1/payments/') ||
    path === '/v1/notifications/verify-webhook-signature'
  );
}

function toPayPalError(error: unknown, path: string): PayPalError | null {
  if (error instanceof PayPalError) return error;
  const api = apiOf(path);
  if (error instanceof TransitionRefused) {
    return error.issue === 'INVALID_RESOURCE_ID'
      ? new PayPalError({
          status: 404,
          name: 'RESOURCE_NOT_FOUND',
          message: 'The specified resource does not exist.',
          details: [detail(error.issue, { location: 'path' })],
          api,
        })
      : unprocessableEntity([detail(error.issue)], api);
  }
  const fastifyError = error as { code?: string; statusCode?: number };
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return unsupportedMediaType();
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new PayPalError({
      status,
      name: 'INVALID_REQUEST',
      message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
      api,
    });
  }
  return null;
}

/**
 * PayPal takes `Content-Type: application/json` with an empty body (a capture), which
 * Fastify's own parser refuses; and broken JSON must answer in PayPal's shape.
 */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(
        invalidRequest([detail('MALFORMED_REQUEST_JSON', { location: 'body' })], apiOf(pathOf(request.url))),
        undefined,
      );
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}

/** Outages, authentication, injected failures and latency, and one log line per request. */
function registerRequestHooks(app: FastifyInstance, core: SimulatorCore): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    if (path.startsWith('/_simulator/')) return;
    core.countRequest(path);
    const outage = core.failures.outage;
    if (outage === 'reset' && path !== '/healthz') {
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (outage === 'unavailable' && isRestPath(path)) throw serviceUnavailable();
    if (isRestPath(path)) reply.header('paypal-debug-id', request.id);
    if (needsBearerToken(path) && !core.tokens.authorizes(headerOf(request, 'authorization'))) {
      throw authenticationFailure();
    }
    if (takesInjectedFaults(path)) {
      const status = core.takeInjectedFailure();
      if (status !== null) throw injectedFailure(status);
    }
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    if (takesInjectedFaults(pathOf(request.url))) await core.addLatency();
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    core.logger?.info(
      {
        method: request.method,
        path: pathOf(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}

/** Errors in PayPal's shape on the API, as a page on the approval page, as `{error}` on the controls. */
function registerErrorHandlers(app: FastifyInstance, core: SimulatorCore): void {
  app.setErrorHandler((error, request, reply) => {
    const path = pathOf(request.url);
    const known = toPayPalError(error, path);
    if (!known) core.logger?.error({ err: error, method: request.method, path }, 'simulator request failed');
    const answer = known ?? internalServerError();
    if (path.startsWith('/_simulator/')) return reply.code(answer.status).send({ error: answer.message });
    if (!isRestPath(path))
      return sendHtml(reply, answer.status, renderMessagePage('Something went wrong', answer.message));
    return reply.code(answer.status).header('paypal-debug-id', request.id).send(answer.toBody(request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    if (path.startsWith('/_simulator/')) return reply.code(404).send({ error: 'no such control' });
    if (!isRestPath(path))
      return sendHtml(reply, 404, renderMessagePage('Not found', 'There is no page here.'));
    return reply.code(404).send(unknownPath().toBody(request.id));
  });
}

export function buildServer(core: SimulatorCore): FastifyInstance {
  const app = Fastify({
    logger: false,
    genReqId: () => paypalIds.debug(),
    // A stop must not wait for clients that keep connections open, or for injected latency.
    forceCloseConnections: true,
  });
  registerBodyParsers(app);
  registerRequestHooks(app, core);
  registerErrorHandlers(app, core);

  app.get('/healthz', async () => ({ status: 'ok', simulator: true }));
  registerOAuthRoutes(app, core);
  registerOrdersRoutes(app, core);
  registerPaymentsRoutes(app, core);
  registerPayoutsRoutes(app, core);
  registerWebhooksRoutes(app, core);
  registerApprovalRoutes(app, core);
  registerControlRoutes(app, core);
  return app;
}
