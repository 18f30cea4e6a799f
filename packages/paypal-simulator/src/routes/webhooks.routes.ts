import type { FastifyInstance } from 'fastify';
import { resourceNotFound } from '../errors.js';
import type { SimulatorCore } from '../simulator-core.js';
import { parseVerifyWebhookSignatureRequest } from '../validation.js';
import { type IdParams, requireJsonContentType } from './http.js';

/**
 * Notifications v1: verify a webhook's signature, fetch the certificate that signs them,
 * and show an event that was sent.
 */
export function registerWebhooksRoutes(app: FastifyInstance, core: SimulatorCore): void {
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
}
