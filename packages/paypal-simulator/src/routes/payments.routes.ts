import type { FastifyInstance } from 'fastify';
import { resourceNotFound } from '../errors.js';
import { mockedResponse } from '../failures.js';
import { captureJson, minimalRefundJson, refundJson } from '../resources.js';
import type { SimulatorCore } from '../simulator-core.js';
import { parseRefundRequest } from '../validation.js';
import {
  answerIdempotently,
  headerOf,
  type IdParams,
  prefersRepresentation,
  requireJsonContentType,
} from './http.js';

/** Payments v2: show a capture, refund it (wholly or in part), and show a refund. */
export function registerPaymentsRoutes(app: FastifyInstance, core: SimulatorCore): void {
  app.get<IdParams>('/v2/payments/captures/:id', async (request) => {
    const capture = core.book.findCapture(request.params.id);
    if (!capture) throw resourceNotFound('capture_id', request.params.id, 'payments');
    return captureJson(capture, core.urls, core.merchant, { standalone: true });
  });

  app.post<IdParams>('/v2/payments/captures/:id/refund', async (request, reply) => {
    requireJsonContentType(request);
    const { id } = request.params;
    return answerIdempotently(core, request, reply, () => {
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
}
