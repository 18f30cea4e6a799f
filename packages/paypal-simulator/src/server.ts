import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  type ApprovalAction,
  isApprovalAction,
  renderApprovalPage,
  renderMessagePage,
} from './approval-page.js';
import { registerControlRoutes } from './control-routes.js';
import {
  authenticationFailure,
  detail,
  internalServerError,
  invalidRequest,
  type PayPalApi,
  PayPalError,
  resourceNotFound,
  serviceUnavailable,
  unknownPath,
  unprocessableEntity,
  unsupportedMediaType,
} from './errors.js';
import { injectedFailure, mockedResponse } from './failures.js';
import { paypalIds } from './ids.js';
import { formatAmountValue } from './money.js';
import { type CaptureOutcome, type Order, TransitionRefused } from './orders.js';
import {
  approvalUrl,
  captureJson,
  minimalCapturedOrderJson,
  minimalCreatedOrderJson,
  minimalRefundJson,
  orderJson,
  refundJson,
} from './resources.js';
import type { SimulatorCore } from './simulator-core.js';
import { invalidClient } from './tokens.js';
import {
  checkCaptureRequest,
  parseOrderRequest,
  parseRefundRequest,
  parseVerifyWebhookSignatureRequest,
} from './validation.js';

/**
 * The HTTP face of the simulator: PayPal's REST endpoints, the approval page, health, and
 * the control routes. Every REST answer carries `paypal-debug-id`, which is also the
 * `debug_id` of an error body.
 */

interface IdParams {
  Params: { id: string };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function isRestPath(path: string): boolean {
  return path.startsWith('/v1/') || path.startsWith('/v2/');
}

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
  return path.startsWith('/v2/') || path === '/v1/notifications/verify-webhook-signature';
}

function apiOf(path: string): PayPalApi {
  if (path.startsWith('/v2/payments/')) return 'payments';
  if (path.startsWith('/v1/notifications/')) return 'notifications';
  return 'orders';
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** PayPal refuses POSTs that are not declared JSON, even bodiless captures. */
function requireJsonContentType(request: FastifyRequest): void {
  if (!/^application\/json\s*(;|$)/i.test(headerOf(request, 'content-type') ?? '')) {
    throw unsupportedMediaType();
  }
}

function prefersRepresentation(request: FastifyRequest): boolean {
  return /return=representation/i.test(headerOf(request, 'prefer') ?? '');
}

function isFormContentType(request: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(headerOf(request, 'content-type') ?? '');
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

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** Appends `token` (and `PayerID`) to the merchant's URL the way PayPal does, keeping its own query. */
function redirectUrl(base: string, parameters: Record<string, string>): string {
  const url = new URL(base);
  const added = new URLSearchParams(parameters).toString();
  url.search = url.search.length > 1 ? `${url.search}&${added}` : `?${added}`;
  return url.toString();
}

const outcomeOfAction: Record<Exclude<ApprovalAction, 'cancel'>, CaptureOutcome | null> = {
  approve: null,
  approve_declined: 'declined',
  approve_pending: 'pending',
};

export function buildServer(core: SimulatorCore): FastifyInstance {
  const app = Fastify({
    logger: false,
    genReqId: () => paypalIds.debug(),
    // A stop must not wait for clients that keep connections open, or for injected latency.
    forceCloseConnections: true,
  });

  // PayPal takes `Content-Type: application/json` with an empty body (a capture), which
  // Fastify's own parser refuses; and broken JSON must answer in PayPal's shape.
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

  /**
   * PayPal-Request-Id: the first successful answer is stored, and a request with the same
   * id (same method and path) gets it again, as 200 where it was 201, without a second
   * effect. Errors are not stored, so a retry after one is carried out.
   */
  async function answerIdempotently(
    request: FastifyRequest,
    reply: FastifyReply,
    carryOut: () => { status: number; body: unknown },
  ): Promise<FastifyReply> {
    const requestId = headerOf(request, 'paypal-request-id');
    if (requestId !== undefined && (requestId.length < 1 || requestId.length > 108)) {
      throw invalidRequest(
        [
          detail('INVALID_STRING_LENGTH', {
            field: 'PayPal-Request-Id',
            value: requestId,
            location: 'header',
          }),
        ],
        apiOf(pathOf(request.url)),
      );
    }
    const key = requestId === undefined ? undefined : `${request.method} ${pathOf(request.url)} ${requestId}`;
    const stored = key === undefined ? undefined : core.idempotentAnswers.get(key);
    if (stored) return reply.code(stored.status === 201 ? 200 : stored.status).send(stored.body);
    const answer = carryOut();
    if (key !== undefined) core.idempotentAnswers.set(key, answer);
    return reply.code(answer.status).send(answer.body);
  }

  function requireOrder(id: string): Order {
    const order = core.book.findOrder(id);
    if (!order) throw resourceNotFound('order_id', id, 'orders');
    return order;
  }

  app.get('/healthz', async () => ({ status: 'ok', simulator: true }));

  app.post('/v1/oauth2/token', async (request, reply) => {
    if (!core.tokens.authenticatesClient(headerOf(request, 'authorization'))) {
      return reply.code(401).send(invalidClient);
    }
    const body = request.body;
    const grantType =
      isFormContentType(request) && typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).grant_type
        : undefined;
    if (grantType === undefined) {
      return reply
        .code(400)
        .send({ error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' });
    }
    if (grantType !== 'client_credentials') {
      return reply
        .code(400)
        .send({ error: 'unsupported_grant_type', error_description: 'unsupported grant_type' });
    }
    return reply.send(core.tokens.issue());
  });

  app.post('/v2/checkout/orders', async (request, reply) => {
    requireJsonContentType(request);
    return answerIdempotently(request, reply, () => {
      const mocked = mockedResponse(headerOf(request, 'paypal-mock-response'), 'orders');
      if (mocked) throw mocked;
      const order = core.book.createOrder(parseOrderRequest(request.body));
      return {
        status: 201,
        body: prefersRepresentation(request)
          ? orderJson(core.book, order, core.urls, core.merchant)
          : minimalCreatedOrderJson(order, core.urls),
      };
    });
  });

  app.get<IdParams>('/v2/checkout/orders/:id', async (request) => {
    return orderJson(core.book, requireOrder(request.params.id), core.urls, core.merchant);
  });

  app.post<IdParams>('/v2/checkout/orders/:id/capture', async (request, reply) => {
    requireJsonContentType(request);
    const { id } = request.params;
    return answerIdempotently(request, reply, () => {
      requireOrder(id);
      checkCaptureRequest(request.body);
      const mocked = mockedResponse(
        headerOf(request, 'paypal-mock-response'),
        'orders',
        approvalUrl(core.urls, id),
      );
      if (mocked) throw mocked;
      const order = core.capture(id);
      return {
        status: 201,
        body: prefersRepresentation(request)
          ? orderJson(core.book, order, core.urls, core.merchant)
          : minimalCapturedOrderJson(core.book, order, core.urls, core.merchant),
      };
    });
  });

  app.get<IdParams>('/v2/payments/captures/:id', async (request) => {
    const capture = core.book.findCapture(request.params.id);
    if (!capture) throw resourceNotFound('capture_id', request.params.id, 'payments');
    return captureJson(capture, core.urls, core.merchant, { standalone: true });
  });

  app.post<IdParams>('/v2/payments/captures/:id/refund', async (request, reply) => {
    requireJsonContentType(request);
    const { id } = request.params;
    return answerIdempotently(request, reply, () => {
      if (!core.book.findCapture(id)) throw resourceNotFound('capture_id', id, 'payments');
      const refundRequest = parseRefundRequest(request.body);
      const mocked = mockedResponse(headerOf(request, 'paypal-mock-response'), 'payments');
      if (mocked) throw mocked;
      const refund = core.refund(id, refundRequest);
      return {
        status: 201,
        body: prefersRepresentation(request)
          ? refundJson(refund, core.urls)
          : minimalRefundJson(refund, core.urls),
      };
    });
  });

  app.get<IdParams>('/v2/payments/refunds/:id', async (request) => {
    const refund = core.book.findRefund(request.params.id);
    if (!refund) throw resourceNotFound('refund_id', request.params.id, 'payments');
    return refundJson(refund, core.urls);
  });

  app.post('/v1/notifications/verify-webhook-signature', async (request) => {
    requireJsonContentType(request);
    const verification = parseVerifyWebhookSignatureRequest(request.body);
    return { verification_status: core.webhooks.verify(verification) ? 'SUCCESS' : 'FAILURE' };
  });

  app.get<IdParams>('/v1/notifications/certs/:id', async (request, reply) => {
    if (request.params.id !== core.identity.certId)
      throw resourceNotFound('cert_id', request.params.id, 'notifications');
    return reply.type('text/plain; charset=utf-8').send(core.identity.certificatePem);
  });

  app.get<IdParams>('/v1/notifications/webhooks-events/:id', async (request) => {
    const event = core.webhooks.findEvent(request.params.id);
    if (!event) throw resourceNotFound('event_id', request.params.id, 'notifications');
    return event;
  });

  app.get<{ Querystring: { token?: string } }>('/checkoutnow', async (request, reply) => {
    const order = request.query.token === undefined ? undefined : core.book.findOrder(request.query.token);
    if (!order) {
      return sendHtml(
        reply,
        404,
        renderMessagePage('Unknown checkout', 'This checkout link names no order.'),
      );
    }
    if (order.status === 'COMPLETED') {
      return sendHtml(reply, 409, renderMessagePage('Already paid', 'This order has already been captured.'));
    }
    const currency = order.purchaseUnits[0]!.amount.currency;
    const totalMinor = order.purchaseUnits.reduce((sum, unit) => sum + unit.amount.minor, 0n);
    const descriptions = order.purchaseUnits.map((unit) => unit.description).filter((text) => text !== null);
    return sendHtml(
      reply,
      200,
      renderApprovalPage({
        orderId: order.id,
        merchantName: order.experience.brandName ?? 'Sandbox merchant',
        amountText: `${formatAmountValue(totalMinor, currency)} ${currency}`,
        description: descriptions.length > 0 ? descriptions.join('; ') : null,
        buyerEmail: 'sandbox-buyer@personal.example.com',
        formAction: `/checkoutnow/${encodeURIComponent(order.id)}`,
      }),
    );
  });

  app.post<IdParams>('/checkoutnow/:id', async (request, reply) => {
    const action = (request.body as Record<string, unknown> | undefined)?.action;
    if (!isApprovalAction(action)) {
      return sendHtml(
        reply,
        400,
        renderMessagePage('Unknown choice', 'Go back and choose one of the buttons.'),
      );
    }
    const order = core.book.findOrder(request.params.id);
    if (!order) {
      return sendHtml(
        reply,
        404,
        renderMessagePage('Unknown checkout', 'This checkout link names no order.'),
      );
    }
    if (order.status === 'COMPLETED') {
      return sendHtml(reply, 409, renderMessagePage('Already paid', 'This order has already been captured.'));
    }
    if (action === 'cancel') {
      core.cancel(order.id);
      const cancelUrl = order.experience.cancelUrl;
      if (cancelUrl) return reply.redirect(redirectUrl(cancelUrl, { token: order.id }), 303);
      return sendHtml(reply, 200, renderMessagePage('Payment cancelled', 'You can close this window.'));
    }
    const approved = core.approve(order.id, outcomeOfAction[action]);
    const returnUrl = approved.experience.returnUrl;
    if (returnUrl) {
      return reply.redirect(
        redirectUrl(returnUrl, { token: approved.id, PayerID: approved.payer!.payerId }),
        303,
      );
    }
    return sendHtml(reply, 200, renderMessagePage('Payment approved', 'You can close this window.'));
  });

  registerControlRoutes(app, core);
  return app;
}
