import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCodes } from '@moneypal/kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, userOf } from './support.js';

describe('health and metrics', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    await gateway.close();
  });

  it('answers /healthz while the process is up', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the bus, identity and the ledger answer', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/readyz',
      headers: { 'x-request-id': 'ready-1' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      checks: { bus: 'ok', identity: 'ok', ledger: 'ok', payments: 'ok', billing: 'ok', notifications: 'ok' },
    });
    expect(gateway.calls.find((call) => call.subject === 'identity.health')?.context.requestId).toBe(
      'ready-1',
    );
  });

  it('answers /readyz 503 naming identity when identity does not answer', async () => {
    await gateway.identity.close();
    const response = await gateway.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    const problem = problemBody(response);
    expect(problem.code).toBe('unavailable');
    expect(problem.detail).toMatch(/identity/);
    expect(problem.errors?.map((error) => error.path)).toEqual(['identity']);
  });

  it('answers /readyz 503 naming the ledger when the ledger does not answer', async () => {
    await gateway.ledger.close();
    const response = await gateway.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(problemBody(response).errors?.map((error) => error.path)).toEqual(['ledger']);
  });

  it('answers /readyz 503 when identity is too slow', async () => {
    await gateway.identity.close();
    const identity = gateway.broker.connect('identity');
    await identity.handle('identity.health', () => new Promise(() => {}));
    const started = Date.now();
    const response = await gateway.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    await identity.close();
  });

  it('answers /readyz 503 naming the bus when the bus is closed', async () => {
    await gateway.gatewayBus.close();
    const response = await gateway.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(problemBody(response).errors?.map((error) => error.path)).toEqual([
      'bus',
      'identity',
      'ledger',
      'payments',
      'billing',
      'notifications',
    ]);
  });

  it('exposes request counts and durations by route template on /metrics', async () => {
    await gateway.respond('identity.user.get', async () => userOf());
    const { authorization } = await gateway.bearer();
    await gateway.app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization } });
    await gateway.app.inject({ method: 'GET', url: '/v1/no-such-thing/123' });
    const response = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toMatch(
      /http_requests_total\{[^}]*method="GET"[^}]*route="\/v1\/users\/me"[^}]*status_code="200"[^}]*\} 1/,
    );
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/v1\/users\/me"/);
    expect(text).toMatch(/http_requests_total\{[^}]*route="unmatched"[^}]*status_code="404"/);
    expect(text).not.toContain('/v1/no-such-thing/123');
    expect(text).toContain('process_cpu_user_seconds_total');
    // The bus requests the routes made, measured by the gateway's bus on the same registry.
    expect(text).toMatch(
      /bus_client_requests_total\{[^}]*subject="identity\.user\.get"[^}]*outcome="ok"[^}]*\} 1/,
    );
    expect(text).toMatch(/bus_client_request_duration_seconds_count\{[^}]*subject="identity\.user\.get"/);
  });
});

describe('tracing', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
    await gateway.respond('identity.user.get', async () => userOf());
  });
  afterEach(async () => {
    await gateway.close();
  });

  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpanId = '00f067aa0ba902b7';

  const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
  const completedLine = (requestId: string) =>
    gateway.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.message === 'request completed' && line.request_id === requestId);

  it('continues an inbound traceparent into the bus request and the request’s log lines', async () => {
    const { authorization } = await gateway.bearer();
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization, traceparent: `00-${traceId}-${callerSpanId}-01`, 'x-request-id': 'traced-1' },
    });
    expect(response.statusCode).toBe(200);

    const call = gateway.operationCalls()[0];
    expect(call?.context.requestId).toBe('traced-1');
    expect(traceIdOf(call?.context.traceparent)).toBe(traceId);
    expect(call?.context.traceparent).not.toContain(callerSpanId);
    const line = completedLine('traced-1');
    expect(line).toMatchObject({ trace_id: traceId, span_id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(line?.span_id).not.toBe(callerSpanId);
  });

  it('starts a new trace for a request without a traceparent, or with a malformed one', async () => {
    const { authorization } = await gateway.bearer();
    await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization, 'x-request-id': 'untraced-1' },
    });
    await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization, traceparent: 'not-a-traceparent', 'x-request-id': 'untraced-2' },
    });

    const [first, second] = gateway.operationCalls();
    const firstTrace = traceIdOf(first?.context.traceparent);
    const secondTrace = traceIdOf(second?.context.traceparent);
    expect(firstTrace).toMatch(/^[0-9a-f]{32}$/);
    expect(secondTrace).toMatch(/^[0-9a-f]{32}$/);
    expect(firstTrace).not.toBe(secondTrace);
    expect(completedLine('untraced-1')?.trace_id).toBe(firstTrace);
    expect(completedLine('untraced-2')?.trace_id).toBe(secondTrace);
  });

  it('never writes the bearer token into a log line', async () => {
    const { authorization } = await gateway.bearer();
    await gateway.app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization } });

    expect(gateway.logLines.join('\n')).not.toContain(authorization.slice('Bearer '.length));
  });
});

interface OpenApi {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<
    string,
    Record<string, { operationId: string; responses: Record<string, unknown>; security: unknown[] }>
  >;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; scheme: string }>;
  };
}

function refsOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsOf(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsOf(inner, found);
    }
  }
  return found;
}

describe('API documents', () => {
  let gateway: TestGateway;
  let document: OpenApi;
  beforeAll(async () => {
    gateway = await startGateway();
    const response = await gateway.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('serves an OpenAPI 3.1 document with every API route', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('MoneyPal API');
    expect(document.info.description).toContain('Idempotency-Key');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'POST /v1/auth/register',
        'POST /v1/auth/login',
        'POST /v1/auth/otp/verify',
        'POST /v1/auth/refresh',
        'POST /v1/auth/logout',
        'POST /v1/auth/password-reset',
        'POST /v1/auth/password-reset/confirm',
        'GET /v1/users/me',
        'PATCH /v1/users/me',
        'DELETE /v1/users/me',
        'GET /v1/users',
        'GET /v1/users/find',
        'GET /v1/recipients',
        'GET /v1/balance',
        'GET /v1/wallet-types',
        'POST /v1/wallet-types',
        'GET /v1/wallets',
        'POST /v1/wallets',
        'GET /v1/wallets/{id}',
        'PATCH /v1/wallets/{id}',
        'GET /v1/wallets/{id}/balance',
        'POST /v1/wallets/{id}/deposits',
        'PUT /v1/wallets/{id}/savings-plan',
        'POST /v1/wallets/{id}/savings/withdraw',
        'POST /v1/wallets/{id}/release',
        'POST /v1/transfers',
        'POST /v1/transfers/{id}/reverse',
        'POST /v1/transfers/batch',
        'POST /v1/holds',
        'POST /v1/holds/{id}/capture',
        'POST /v1/holds/{id}/void',
        'GET /v1/holds',
        'GET /v1/holds/{id}',
        'GET /v1/transactions',
        'GET /v1/transactions/{id}',
        'GET /v1/transactions/{id}/receipt',
        'GET /v1/wallets/{id}/statement',
        'GET /v1/invoices/{id}/receipt',
        'GET /v1/savings-plans',
        'POST /v1/savings-plans',
        'GET /v1/transaction-rules',
        'POST /v1/transaction-rules',
        'POST /v1/payments',
        'GET /v1/payments',
        'GET /v1/payments/{id}',
        'POST /v1/payments/{id}/capture',
        'POST /v1/payments/{id}/cancel',
        'POST /v1/payments/{id}/refund',
        'POST /v1/payouts',
        'GET /v1/payouts',
        'GET /v1/payouts/{id}',
        'POST /v1/webhooks/paypal',
        'POST /v1/bills',
        'GET /v1/invoices',
        'GET /v1/invoices/{id}',
        'GET /v1/reports/summary',
        'POST /v1/payment-requests',
        'GET /v1/payment-requests',
        'GET /v1/payment-requests/{id}',
        'POST /v1/payment-requests/{id}/pay',
        'POST /v1/payment-requests/{id}/decline',
        'POST /v1/payment-requests/{id}/cancel',
        'GET /v1/notifications',
        'GET /v1/notifications/unread-count',
        'POST /v1/notifications/{id}/read',
        'POST /v1/notifications/read',
        'GET /healthz',
        'GET /readyz',
      ].sort(),
    );
  });

  it('resolves every reference to a component schema', () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
    expect(JSON.stringify(document)).not.toContain('$defs');
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'User', 'Tokens', 'OtpChallenge', 'RegisterRequest', 'UserPage']),
    );
    // A schema met in several operations is one component, not a copy per operation.
    expect(
      Object.keys(document.components.schemas).filter((name) => /(Input|Output)\d*$/.test(name)),
    ).toEqual([]);
  });

  it('documents bearer auth and problem responses on every operation', () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const me = document.paths['/v1/users/me']?.get;
    expect(me?.security).toEqual([{ bearerAuth: [] }]);
    expect(me?.responses).toHaveProperty('401');
    expect(document.paths['/v1/users']?.get?.responses).toHaveProperty('403');
    expect(document.paths['/v1/auth/login']?.post?.security).toEqual([]);
    expect(document.paths['/v1/auth/login']?.post?.responses).toHaveProperty('429');
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods)) {
        expect(operation.responses).toHaveProperty('400');
        expect(operation.responses).toHaveProperty('500');
        expect(JSON.stringify(operation.responses['400'])).toContain('application/problem+json');
      }
    }
    const ids = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((op) => op.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents an escrow bill: its request with an example, and the invoice with its hold', () => {
    expect(document.components.schemas.CreateBillRequest).toMatchObject({
      required: ['to_user', 'amount'],
      additionalProperties: false,
      examples: expect.arrayContaining([expect.objectContaining({ escrow: true, on_expiry: 'capture' })]),
    });
    expect(document.components.schemas.Invoice).toMatchObject({
      required: expect.arrayContaining(['hold_id', 'amount_paid']),
      properties: { status: { enum: expect.arrayContaining(['held', 'cancelled']) } },
    });
  });

  it('documents query filters as parameters', () => {
    const list = document.paths['/v1/users']?.get as unknown as {
      parameters: { name: string; in: string }[];
    };
    expect(list.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'email', 'role', 'two_factor_enabled']),
    );
    expect(list.parameters.every((parameter) => parameter.in === 'query')).toBe(true);
  });

  it('serves the interactive docs from local files', async () => {
    const page = await gateway.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/https?:\/\//);
    const initializer = await gateway.app.inject({ method: 'GET', url: '/api/docs/initializer.js' });
    expect(initializer.body).toContain('/api/openapi.json');
    for (const asset of ['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css']) {
      const response = await gateway.app.inject({ method: 'GET', url: asset });
      expect(response.statusCode, asset).toBe(200);
      expect(response.body.length, asset).toBeGreaterThan(10_000);
    }
  });

  it('leads GET /api to the interactive docs', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/api' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/api/docs');
  });

  it('resolves every problem type to its page: HTML for a browser, JSON otherwise', async () => {
    for (const [code, { status, title }] of Object.entries(errorCodes)) {
      const json = await gateway.app.inject({ method: 'GET', url: `/problems/${code}` });
      expect(json.statusCode, code).toBe(200);
      expect(json.headers['content-type'], code).toMatch(/^application\/json/);
      const page = json.json();
      expect(page, code).toMatchObject({ type: `/problems/${code}`, code, status, title });
      expect(page.meaning.length, code).toBeGreaterThan(10);
      expect(page.action.length, code).toBeGreaterThan(10);

      const html = await gateway.app.inject({
        method: 'GET',
        url: `/problems/${code}`,
        headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(html.statusCode, code).toBe(200);
      expect(html.headers['content-type'], code).toMatch(/^text\/html/);
      expect(html.body, code).toContain(`<h1>${title.replace(/'/g, '&#39;')}</h1>`);
      expect(html.body, code).toContain('What to do');
    }
    const index = await gateway.app.inject({ method: 'GET', url: '/problems' });
    expect(index.json().data.map((page: { code: string }) => page.code)).toEqual(Object.keys(errorCodes));
  });

  it('resolves the type of a problem the gateway answered, and answers 404 for an unknown type', async () => {
    const missing = await gateway.app.inject({ method: 'GET', url: '/v1/no-such-route' });
    const { type } = problemBody(missing);
    const page = await gateway.app.inject({ method: 'GET', url: type });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ code: 'not_found', status: 404 });

    const unknown = await gateway.app.inject({
      method: 'GET',
      url: '/problems/no_such_code',
      headers: { accept: 'text/html' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(problemBody(unknown)).toMatchObject({
      code: 'not_found',
      detail: 'No problem type has this code; /problems lists them all.',
    });
    const injected = await gateway.app.inject({ method: 'GET', url: '/problems/%3Cscript%3E' });
    expect(injected.statusCode).toBe(404);
    expect(injected.body).not.toContain('<script>');
  });

  it('points GET / at the docs when no web app is served', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ docs: '/api/docs', openapi: '/api/openapi.json' });
  });
});

describe('web app', () => {
  let gateway: TestGateway;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'moneypal-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>MoneyPal</title>');
    writeFileSync(join(webRoot, 'app.js'), 'console.log("app")');
    writeFileSync(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(webRoot, 'manifest.webmanifest'), '{"name": "MoneyPal"}');
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'assets/index-3f2a9c.js'), 'console.log("built")');
    gateway = await startGateway({ webRoot });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the web app files at /', async () => {
    const index = await gateway.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>MoneyPal</title>');
    const script = await gateway.app.inject({ method: 'GET', url: '/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('console.log');
  });

  it('answers a browser deep link with the app page', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/wallets/123',
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>MoneyPal</title>');
  });

  it('still answers unknown API paths and missing assets with a 404 problem', async () => {
    for (const url of ['/v1/nothing', '/api/nothing', '/missing.js']) {
      const response = await gateway.app.inject({
        method: 'GET',
        url,
        headers: { accept: url === '/missing.js' ? '*/*' : 'text/html' },
      });
      expect(response.statusCode, url).toBe(404);
      expect(problemBody(response).code).toBe('not_found');
    }
  });

  it('serves the service worker for the whole app, checked again on every visit', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/sw.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(response.headers['service-worker-allowed']).toBe('/');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('serves the manifest as application/manifest+json, and the page, never kept stale', async () => {
    const manifest = await gateway.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(manifest.headers['service-worker-allowed']).toBeUndefined();
    for (const url of ['/', '/wallets/123']) {
      const page = await gateway.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('lets browsers keep built assets, whose names change with their content, for a year', async () => {
    const asset = await gateway.app.inject({ method: 'GET', url: '/assets/index-3f2a9c.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('does not serve files outside the web root', async () => {
    const response = await gateway.app.inject({ method: 'GET', url: '/../../../../etc/passwd' });
    expect(response.body).not.toContain('root:');
  });
});
