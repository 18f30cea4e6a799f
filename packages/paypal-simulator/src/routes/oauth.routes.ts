import type { FastifyInstance } from 'fastify';
import type { SimulatorCore } from '../simulator-core.js';
import { invalidClient } from '../tokens.js';
import { headerOf, isFormContentType } from './http.js';

/** `POST /v1/oauth2/token`: client credentials for an access token, with OAuth's own error shape. */
export function registerOAuthRoutes(app: FastifyInstance, core: SimulatorCore): void {
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
}
