import type { FastifyInstance } from 'fastify';
import { resourceNotFound } from '../errors.js';
import { mockedResponse } from '../failures.js';
import { payoutBatchJson, payoutItemJson } from '../payouts.js';
import type { SimulatorCore } from '../simulator-core.js';
import { answerIdempotently, headerOf, type IdParams, requireJsonContentType } from './http.js';

/** Payouts v1: send a batch, show it with its items, show one item, cancel an unclaimed one. */
export function registerPayoutsRoutes(app: FastifyInstance, core: SimulatorCore): void {
  app.post('/v1/payments/payouts', async (request, reply) => {
    requireJsonContentType(request);
    return answerIdempotently(core, request, reply, () => {
      const mocked = mockedResponse(headerOf(request, 'paypal-mock-response'), 'payouts');
      if (mocked) throw mocked;
      const batch = core.createPayoutBatch(request.body);
      return { status: 201, body: payoutBatchJson(core.payouts, batch, core.urls.apiUrl, false) };
    });
  });

  app.get<IdParams>('/v1/payments/payouts/:id', async (request) => {
    const batch = core.payouts.findBatch(request.params.id);
    if (!batch) throw resourceNotFound('payout_batch_id', request.params.id, 'payouts');
    return payoutBatchJson(core.payouts, batch, core.urls.apiUrl, true);
  });

  app.get<IdParams>('/v1/payments/payouts-item/:id', async (request) => {
    const item = core.payouts.findItem(request.params.id);
    if (!item) throw resourceNotFound('payout_item_id', request.params.id, 'payouts');
    return payoutItemJson(core.payouts, item, core.urls.apiUrl);
  });

  app.post<IdParams>('/v1/payments/payouts-item/:id/cancel', async (request) => {
    requireJsonContentType(request);
    const item = core.cancelPayoutItem(request.params.id);
    return payoutItemJson(core.payouts, item, core.urls.apiUrl);
  });
}
