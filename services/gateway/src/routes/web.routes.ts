import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The service worker's script: a fixed name, so that browsers find its new versions. */
export const serviceWorkerPath = '/sw.js';

/**
 * How long a browser keeps each web app file. Built assets carry a hash of their content in
 * their name, so they never change under it; every other file (the page, the service worker,
 * the manifest, the icons) is checked again each time, so that a new version is seen at once.
 */
export function cacheControlOf(path: string): string {
  return path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

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
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: 'index.html',
    wildcard: true,
    // Set below from the path the browser asked for.
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const path = `/${relative(webRoot, filePath).split(sep).join('/')}`;
      reply.header('cache-control', cacheControlOf(path));
      if (path === serviceWorkerPath) {
        // The worker may control the whole app, not only the folder its script is in.
        reply.header('service-worker-allowed', '/');
      }
      if (path.endsWith('.webmanifest')) {
        reply.header('content-type', 'application/manifest+json; charset=utf-8');
      }
    },
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !apiPrefixes.some((prefix) => path === prefix || path.startsWith(prefix)) &&
      (request.headers.accept ?? '').includes('text/html');
    return wantsPage ? reply.type('text/html; charset=utf-8').sendFile('index.html') : undefined;
  };
}
