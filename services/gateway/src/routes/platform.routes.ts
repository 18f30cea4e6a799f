import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isErrorCode, type ServiceMetrics } from '@moneypal/kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OpenApiDocument } from '../openapi.js';
import { problemOf, sendProblem } from '../problem.js';
import { problemHtmlOf, problemIndexHtmlOf, problemPageOf, problemPages } from '../problem-pages.js';

const require = createRequire(import.meta.url);
const swaggerUiRoot = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The files of swagger-ui-dist the docs page uses, served from the package (the machine may be offline). */
const docsAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>MoneyPal API</title>
    <link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png" sizes="32x32">
    <link rel="stylesheet" href="/api/docs/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/initializer.js"></script>
  </body>
</html>
`;

const docsInitializer = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

export interface PlatformRouteOptions {
  metrics: ServiceMetrics;
  openApiDocument: () => OpenApiDocument;
}

/** A browser asks for a page; any other client gets JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Routes whose answers are not JSON API bodies: metrics, the OpenAPI document, its docs page
 * (also at `/api`), and the pages problem types resolve to.
 */
export function registerPlatformRoutes(
  app: FastifyInstance,
  { metrics, openApiDocument }: PlatformRouteOptions,
): void {
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.metrics()),
  );

  app.get('/api/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(JSON.stringify(openApiDocument())),
  );

  app.get('/api', async (_request, reply) => reply.redirect('/api/docs', 302));
  app.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(docsPage));
  app.get('/api/docs/initializer.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(docsInitializer),
  );
  const assetCache = new Map<string, Buffer>();
  for (const [file, contentType] of Object.entries(docsAssets)) {
    app.get(`/api/docs/${file}`, async (_request, reply) => {
      let content = assetCache.get(file);
      if (content === undefined) {
        content = await readFile(join(swaggerUiRoot, file));
        assetCache.set(file, content);
      }
      return reply.type(contentType).header('cache-control', 'public, max-age=86400').send(content);
    });
  }

  app.get('/problems', async (request, reply) =>
    wantsHtml(request)
      ? reply.type('text/html; charset=utf-8').send(problemIndexHtmlOf(problemPages()))
      : reply.type('application/json; charset=utf-8').send(JSON.stringify({ data: problemPages() })),
  );
  app.get<{ Params: { code: string } }>('/problems/:code', async (request, reply) => {
    const { code } = request.params;
    if (!isErrorCode(code)) {
      return sendProblem(
        reply,
        problemOf('not_found', 'No problem type has this code; /problems lists them all.', request.id),
      );
    }
    const page = problemPageOf(code);
    return wantsHtml(request)
      ? reply.type('text/html; charset=utf-8').send(problemHtmlOf(page))
      : reply.type('application/json; charset=utf-8').send(JSON.stringify(page));
  });
}
