import { uuid } from '@moneypal/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAccessTokenVerifier } from '../src/access-token.js';
import { defineRoute, registerRoute, respond } from '../src/route.js';
import { problemBody, startGateway, type TestGateway, userOf } from './support.js';

const json = { 'content-type': 'application/json' };

/** Bodies no route accepts, in every shape a client could send. */
const junkBodies: Record<string, string | Buffer> = {
  'broken JSON': '{"login": "ada",',
  'a trailing comma': '{"login": "ada", "password": "x",}',
  'an array': '[]',
  'an array of objects': '[{"login": "ada", "password": "x"}]',
  'a string': '"login"',
  'a number': '42',
  null: 'null',
  true: 'true',
  'a number too large for a double': '{"login": 1e400, "password": "x"}',
  'a huge integer': `{"login": ${'9'.repeat(400)}, "password": "x"}`,
  'a prototype-poisoning key': '{"__proto__": {"admin": true}, "login": "ada", "password": "x"}',
  'a constructor-poisoning key': '{"constructor": {"prototype": {"admin": true}}, "login": "ada"}',
  'deeply nested arrays': `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  'deeply nested objects under an unknown field': `{"login": "ada", "password": "x", "junk": ${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
  'invalid UTF-8': Buffer.from([0xff, 0xfe, 0xfd, 0x7b, 0x22]),
  'a NUL byte': '\u0000',
  'an object with wrong types': '{"login": ["ada"], "password": {"x": 1}}',
  'an object with an unknown field': '{"login": "ada", "password": "x", "role": "admin"}',
  'an empty object': '{}',
};

describe('bad input', () => {
  let gateway: TestGateway;
  let authorization: string;
  beforeEach(async () => {
    gateway = await startGateway();
    authorization = (await gateway.bearer('admin')).authorization;
  });
  afterEach(async () => {
    await gateway.close();
  });

  const walletId = crypto.randomUUID();
  const bodyRoutes = [
    { method: 'POST', url: '/v1/auth/register', auth: false },
    { method: 'POST', url: '/v1/auth/login', auth: false },
    { method: 'POST', url: '/v1/auth/otp/verify', auth: false },
    // `{}` asks to refresh from the session cookie: without it (and the CSRF header) a 403.
    { method: 'POST', url: '/v1/auth/refresh', auth: false, emptyReadsCookie: true },
    { method: 'PATCH', url: '/v1/users/me', auth: true },
    { method: 'POST', url: '/v1/transfers', auth: true, idempotent: true },
    { method: 'POST', url: `/v1/wallets/${walletId}/deposits`, auth: true, idempotent: true },
    { method: 'POST', url: `/v1/wallets/${walletId}/savings/withdraw`, auth: true, idempotent: true },
    { method: 'PUT', url: `/v1/wallets/${walletId}/savings-plan`, auth: true },
    { method: 'POST', url: `/v1/wallets/${walletId}/release`, auth: true, idempotent: true },
    { method: 'POST', url: '/v1/payouts', auth: true, idempotent: true },
    // Rate limited per user below the number of junk bodies: each is sent by a user of its own.
    { method: 'POST', url: '/v1/payment-requests', auth: true, userPerRequest: true },
    { method: 'POST', url: `/v1/payment-requests/${walletId}/pay`, auth: true, idempotent: true },
    { method: 'POST', url: '/v1/wallets', auth: true },
    { method: 'POST', url: '/v1/wallet-types', auth: true },
    { method: 'POST', url: '/v1/savings-plans', auth: true },
    { method: 'POST', url: '/v1/transaction-rules', auth: true },
  ] as const;

  for (const route of bodyRoutes) {
    it(`answers 400 to every junk body on ${route.method} ${route.url.replace(walletId, ':id')} and asks no service`, async () => {
      for (const [name, payload] of Object.entries(junkBodies)) {
        const response = await gateway.app.inject({
          method: route.method,
          url: route.url,
          headers: {
            ...json,
            ...(route.auth
              ? {
                  authorization:
                    'userPerRequest' in route ? (await gateway.bearer('admin')).authorization : authorization,
                }
              : {}),
            // A valid key, so that it is the body that is refused.
            ...('idempotent' in route ? { 'idempotency-key': crypto.randomUUID() } : {}),
          },
          payload,
        });
        if (name === 'an empty object' && 'emptyReadsCookie' in route) {
          expect(problemBody(response).code, name).toBe('forbidden');
          continue;
        }
        expect(response.statusCode, name).toBe(400);
        const problem = problemBody(response);
        expect(problem.code, name).toBe('validation_failed');
        expect(problem.type, name).toBe('/problems/validation_failed');
        expect(problem.request_id, name).toBe(response.headers['x-request-id']);
        expect(JSON.stringify(problem.errors ?? []), name).not.toContain('Idempotency-Key');
      }
      expect(gateway.operationCalls()).toEqual([]);
    });
  }

  it('names each invalid field with its path and message', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: {
        first_name: 7,
        last_name: 'L',
        user_name: '-x',
        email: 'not-an-email',
        password: 'short',
        admin: true,
      },
    });
    expect(response.statusCode).toBe(400);
    const problem = problemBody(response);
    const paths = problem.errors?.map((error) => error.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['first_name', 'user_name', 'email', 'password']));
    expect(problem.errors?.every((error) => error.message.length > 0)).toBe(true);
    expect(JSON.stringify(problem.errors)).toMatch(/admin/);
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 400 to an empty body sent as JSON', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: json,
      payload: '',
    });
    expect(response.statusCode).toBe(400);
    expect(problemBody(response).code).toBe('validation_failed');
  });

  it('answers 400 to a body route called without a body', async () => {
    const response = await gateway.app.inject({ method: 'POST', url: '/v1/auth/login' });
    expect(response.statusCode).toBe(400);
    expect(problemBody(response).code).toBe('validation_failed');
  });

  it('answers 415 to a body that is not JSON', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ]) {
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        headers: { 'content-type': contentType },
        payload: 'login=ada&password=x',
      });
      expect(response.statusCode, contentType).toBe(415);
      expect(problemBody(response).code).toBe('unsupported_media_type');
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 413 to a body over the limit', async () => {
    const payload = JSON.stringify({ login: 'a'.repeat(gateway.config.bodyLimitBytes), password: 'x' });
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: json,
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(problemBody(response)).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 400 to every malformed list query and asks no service', async () => {
    const queries = [
      'limit=1&limit=2',
      'limit=0',
      'limit=101',
      'limit=1.5',
      'limit=ten',
      'limit=',
      `limit=${'9'.repeat(400)}`,
      'id=not-a-uuid',
      'role=root',
      'two_factor_enabled=yes',
      'created_from=yesterday',
      'email=a&email=b',
      'unknown=1',
      '__proto__=x',
      'a[b]=1',
      `cursor=${'c'.repeat(500)}`,
    ];
    for (const query of queries) {
      const response = await gateway.app.inject({
        method: 'GET',
        url: `/v1/users?${query}`,
        headers: { authorization },
      });
      expect(response.statusCode, query).toBe(400);
      expect(problemBody(response).code, query).toBe('validation_failed');
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 400 to a find without exactly one key', async () => {
    for (const query of ['', `id=${crypto.randomUUID()}&email=a@example.com`, 'phone=1', 'id=42']) {
      const response = await gateway.app.inject({
        method: 'GET',
        url: `/v1/users/find?${query}`,
        headers: { authorization },
      });
      expect(response.statusCode, query).toBe(400);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('passes a valid list query to identity with its defaults and parsed types', async () => {
    await gateway.respond('identity.user.list', async () => ({ data: [userOf()], next_cursor: null }));
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users?email=example&two_factor_enabled=false',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(200);
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      email: 'example',
      two_factor_enabled: false,
      limit: 20,
    });
  });

  it('answers 404 problem to an unknown route', async () => {
    for (const [method, url] of [
      ['GET', '/v1/nothing-here'],
      ['DELETE', '/v1/nothing-here'],
      ['GET', '/v2/users/me'],
      ['POST', `/${'x'.repeat(5000)}`],
    ] as const) {
      const response = await gateway.app.inject({ method, url });
      expect(response.statusCode, url.slice(0, 40)).toBe(404);
      const problem = problemBody(response);
      expect(problem.code).toBe('not_found');
      expect(problem.detail.length).toBeLessThan(300);
    }
  });
});

describe('methods', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    await gateway.close();
  });

  it('answers 405 problem with Allow to a method the path does not have', async () => {
    for (const [method, url, allow] of [
      ['DELETE', '/v1/auth/login', 'POST'],
      ['GET', '/v1/auth/login', 'POST'],
      ['POST', '/v1/users/me', 'GET, HEAD, PATCH, DELETE'],
      ['PUT', `/v1/wallets/${crypto.randomUUID()}`, 'GET, HEAD, PATCH'],
    ] as const) {
      const response = await gateway.app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(response.headers.allow, `${method} ${url}`).toBe(allow);
      expect(problemBody(response)).toMatchObject({ code: 'method_not_allowed', status: 405 });
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers OPTIONS on a known path with its methods in Allow, and 404 on an unknown one', async () => {
    const known = await gateway.app.inject({ method: 'OPTIONS', url: '/v1/transfers' });
    expect(known.statusCode).toBe(204);
    expect(known.headers.allow).toBe('POST');
    const unknown = await gateway.app.inject({ method: 'OPTIONS', url: '/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(problemBody(unknown).code).toBe('not_found');
  });
});

describe('path parameters', () => {
  it('answers 400 to a bad UUID in the path before any bus request', async () => {
    const gateway = await startGateway();
    try {
      let handled = 0;
      registerRoute(
        gateway.app,
        defineRoute({
          method: 'GET',
          url: '/v1/things/:id',
          auth: 'public',
          summary: 'A test route',
          tags: ['test'],
          params: z.object({ id: uuid }).strict(),
          responses: { 200: z.object({ id: z.string() }) },
          examples: {
            params: { id: '0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01' },
            responses: { 200: { id: '0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01' } },
          },
          handler: async ({ params }) => {
            handled += 1;
            return respond(200, { id: params.id });
          },
        }),
        {
          bus: gateway.gatewayBus,
          verifier: createAccessTokenVerifier({
            bus: gateway.gatewayBus,
            refetchIntervalMs: 0,
            timeoutMs: 100,
            revocations: { isRevoked: () => false, stop: () => {} },
          }),
          busRequestTimeoutMs: 100,
          busBulkRequestTimeoutMs: 100,
        },
      );
      for (const id of [
        '42',
        'not-a-uuid',
        '00000000-0000-0000-0000-00000000000g',
        '%E0%A4%A',
        `${crypto.randomUUID()}x`,
      ]) {
        const response = await gateway.app.inject({ method: 'GET', url: `/v1/things/${id}` });
        expect(response.statusCode, id).toBe(400);
        expect(problemBody(response).code).toBe('validation_failed');
      }
      expect(handled).toBe(0);
      const id = crypto.randomUUID();
      const ok = await gateway.app.inject({ method: 'GET', url: `/v1/things/${id}` });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ id });
    } finally {
      await gateway.close();
    }
  });
});
