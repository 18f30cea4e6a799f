import type { FastifyInstance } from 'fastify';
import { resourceNotFound } from '../errors.js';
import { mockedResponse } from '../failures.js';
import type { Order } from '../orders.js';
import { approvalUrl, minimalCapturedOrderJson, minimalCreatedOrderJson, orderJson } from '../resources.js';
import type { SimulatorCore } from '../simulator-core.js';
import { checkCaptureRequest, parseOrderRequest } from '../validation.js';
import {
  answerIdempotently,
  headerOf,
  type IdParams,
  prefersRepresentation,
  requireJsonContentType,
} from './http.js';

/** Orders v2: create an order, show it, and capture it once the buyer approved it. */
export function registerOrdersRoutes(app: FastifyInstance, core: SimulatorCore): void {
  function requireOrder(id: string): Order {
    const order = core.book.findOrder(id);
    if (!order) throw resourceNotFound('order_id', id, 'orders');
    return order;
  }

  app.post('/v2/checkout/orders', async (request, reply) => {
    requireJsonContentType(request);
    return answerIdempotently(core, request, reply, () => {
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
    return answerIdempotently(core, request, reply, () => {
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
}
