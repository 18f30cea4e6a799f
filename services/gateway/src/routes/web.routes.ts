import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths the web app never owns: an unknown one among them is a 404 problem, not the app's page. */
const apiPrefixes = ['/v1/', '/api/', '/problems/', '/healthz', '/readyz', '/metrics'];

/**
 * Serves the web app from `webRoot` at `/`. A browser asking for a client-side route (an HTML
 * GET outside the API) gets `index.html`, so deep links work. Returns that fallback for the
 * not-found handler, or `undefined` when no web app is served and `/` only points at the docs.
 */
export async function registerWebRoutes(
  app: FastifyInstance,
  webRoot: string | undefined,
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined) | undefined> {
  if (webRoot === undefined) {
    app.get('/', async (_request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify({ name: 'MoneyPal API', docs: '/api/docs', openapi: '/api/openapi.json' })),
    );
    return undefined;
  }
  await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html', wildcard: true });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !apiPrefixes.some((prefix) => path === prefix || path.startsWith(prefix)) &&
      (request.headers.accept ?? '').includes('text/html');
    return wantsPage ? reply.type('text/html; charset=utf-8').sendFile('index.html') : undefined;
  };
}
