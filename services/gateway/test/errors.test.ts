import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, userOf } from './support.js';

describe('errors from services', () => {
  let gateway: TestGateway;
  let authorization: string;
  beforeEach(async () => {
    gateway = await startGateway({ busRequestTimeoutMs: 200 });
    authorization = (await gateway.bearer()).authorization;
  });
  afterEach(async () => {
    await gateway.close();
  });

  const me = () => gateway.app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization } });

  it('maps each error code from a service to its HTTP status', async () => {
    let code: AppError['code'] = 'not_found';
    await gateway.respond('identity.user.get', async () => {
      throw new AppError(code, `Failed with ${code}.`);
    });
    for (const [errorCode, status] of [
      ['not_found', 404],
      ['user_not_found', 404],
      ['wallet_not_found', 404],
      ['conflict', 409],
      ['forbidden', 403],
      ['validation_failed', 400],
      ['insufficient_funds', 422],
      ['rate_limited', 429],
      ['unavailable', 503],
    ] as const) {
      code = errorCode;
      const response = await me();
      expect(response.statusCode, errorCode).toBe(status);
      expect(problemBody(response)).toMatchObject({
        type: `/problems/${errorCode}`,
        code: errorCode,
        status,
        // A service that is unavailable may have applied the request: the client gets words about that.
        detail:
          errorCode === 'unavailable' ? expect.stringContaining('try again') : `Failed with ${errorCode}.`,
      });
    }
  });

  it('says a transfer may have been applied and to retry with the same Idempotency-Key when the ledger does not answer', async () => {
    await gateway.respond('ledger.transfer.create', () => new Promise(() => {}));
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: { authorization, 'idempotency-key': 'transfer-1' },
      payload: { from_wallet_id: crypto.randomUUID(), to_user: 'grace', amount: 1050 },
    });
    expect(response.statusCode).toBe(503);
    const problem = problemBody(response);
    expect(problem.code).toBe('unavailable');
    expect(problem.detail).toContain('may have been applied');
    expect(problem.detail).toContain('same Idempotency-Key');
    // The bus's own words (subjects, timeouts) stay in the log.
    expect(problem.detail).not.toContain('ledger.transfer.create');
    expect(gateway.logLines.join('\n')).toContain('no reply on ledger.transfer.create');
  });

  it('answers 503 unavailable when the service does not reply in time', async () => {
    await gateway.respond('identity.user.get', () => new Promise(() => {}));
    const response = await me();
    expect(response.statusCode).toBe(503);
    expect(problemBody(response)).toMatchObject({ code: 'unavailable', status: 503 });
  });

  it('answers 503 unavailable when no service answers the subject', async () => {
    const response = await me();
    expect(response.statusCode).toBe(503);
    expect(problemBody(response).code).toBe('unavailable');
  });

  it('answers a generic 500 for a service failure and keeps its detail in the log only', async () => {
    await gateway.respond('identity.user.get', async () => {
      throw new Error('database password=hunter2 rejected');
    });
    const response = await me();
    expect(response.statusCode).toBe(500);
    const problem = problemBody(response);
    expect(problem).toMatchObject({
      code: 'internal',
      status: 500,
      detail: expect.stringMatching(/^Something failed on our side/),
    });
    expect(response.body).not.toMatch(/hunter2|database/);
  });

  it('answers a generic 500 when a service replies outside its contract', async () => {
    await gateway.respond('identity.user.get', async () => ({ id: 'not-a-user' }));
    const response = await me();
    expect(response.statusCode).toBe(500);
    expect(problemBody(response).detail).toMatch(/^Something failed on our side/);
    expect(gateway.logLines.some((line) => line.includes('invalid reply on identity.user.get'))).toBe(true);
  });

  it('never sends fields outside the response schema', async () => {
    await gateway.respond('identity.user.get', async () => ({
      ...userOf(),
      password_hash: '$argon2id$secret',
    }));
    const response = await me();
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/password_hash|argon2/);
  });
});

describe('request ids', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
    await gateway.respond('identity.auth.login', async () => ({
      access_token: 'a.b.c',
      refresh_token: 'r1',
      token_type: 'Bearer',
      expires_in: 900,
    }));
  });
  afterEach(async () => {
    await gateway.close();
  });

  const login = (headers: Record<string, string> = {}) =>
    gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers,
      payload: { login: 'ada', password: 'correct horse battery' },
    });

  it('keeps a sane inbound X-Request-Id, echoes it and passes it to the service', async () => {
    const response = await login({ 'x-request-id': 'client-req_42.a' });
    expect(response.headers['x-request-id']).toBe('client-req_42.a');
    expect(gateway.operationCalls()[0]?.context.requestId).toBe('client-req_42.a');
  });

  it('replaces an inbound X-Request-Id that is too long or unsafe', async () => {
    for (const unsafe of ['a'.repeat(65), 'has space', 'line\tbreak', 'quote"d', '']) {
      const response = await login({ 'x-request-id': unsafe });
      const id = String(response.headers['x-request-id']);
      expect(id, unsafe).not.toBe(unsafe);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('generates a request id when none is sent and uses it everywhere', async () => {
    const response = await login();
    const id = String(response.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(gateway.operationCalls()[0]?.context.requestId).toBe(id);
    expect(gateway.logLines.some((line) => JSON.parse(line).request_id === id)).toBe(true);
  });

  it('carries the request id in problems and on the key request of token checks', async () => {
    const { authorization } = await gateway.bearer();
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization, 'x-request-id': 'trace-me' },
    });
    expect(response.statusCode).toBe(503);
    expect(problemBody(response).request_id).toBe('trace-me');
    expect(gateway.calls.find((call) => call.subject === 'identity.keys.get')?.context.requestId).toBe(
      'trace-me',
    );
  });

  it('never writes tokens, passwords or the Authorization header to the log', async () => {
    const { authorization } = await gateway.bearer();
    await gateway.respond('identity.user.get', async () => {
      throw new Error('boom');
    });
    await gateway.app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization } });
    await login();
    const log = gateway.logLines.join('\n');
    expect(log).toContain('unexpected error');
    expect(log).not.toContain(authorization.slice('Bearer '.length));
    expect(log).not.toContain('correct horse battery');
    expect(log).not.toMatch(/"authorization"/i);
  });
});
