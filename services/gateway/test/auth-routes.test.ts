import { randomUUID } from 'node:crypto';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, userOf } from './support.js';

const tokens = { access_token: 'a.b.c', refresh_token: 'r1', token_type: 'Bearer', expires_in: 900 };
const registration = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  user_name: 'ada',
  email: 'ada@example.com',
  password: 'correct horse battery',
};

describe('auth routes', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    await gateway.close();
  });

  it('registers a user and answers 201 with the user identity returned', async () => {
    const user = userOf();
    await gateway.respond('identity.user.register', async () => user);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: registration,
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual(user);
    expect(gateway.operationCalls()).toEqual([
      expect.objectContaining({ subject: 'identity.user.register', payload: registration }),
    ]);
  });

  it('passes a conflict from identity through as 409 with its field errors', async () => {
    await gateway.respond('identity.user.register', async () => {
      throw new AppError('conflict', 'That email is already registered.', {
        errors: [{ path: 'email', message: 'Is already registered.' }],
      });
    });
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: registration,
    });
    expect(response.statusCode).toBe(409);
    const problem = problemBody(response);
    expect(problem).toMatchObject({
      type: '/problems/conflict',
      status: 409,
      code: 'conflict',
      detail: 'That email is already registered.',
      errors: [{ path: 'email', message: 'Is already registered.' }],
    });
    expect(problem.request_id).toBe(response.headers['x-request-id']);
  });

  it('answers 200 with tokens when the login needs no one-time code', async () => {
    await gateway.respond('identity.auth.login', async () => tokens);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: 'ada', password: 'correct horse battery' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(tokens);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers 202 with the challenge when the login needs a one-time code', async () => {
    const challenge = { otp_required: true, challenge_id: randomUUID() };
    await gateway.respond('identity.auth.login', async () => challenge);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: 'ada', password: 'correct horse battery' },
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual(challenge);
  });

  it('maps a wrong password from identity to 401', async () => {
    await gateway.respond('identity.auth.login', async () => {
      throw new AppError('unauthenticated', 'The login or password is wrong.');
    });
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: 'ada', password: 'wrong password' },
    });
    expect(response.statusCode).toBe(401);
    expect(problemBody(response).code).toBe('unauthenticated');
  });

  it('passes an expired refresh token through as token_expired and a revoked one as token_invalid', async () => {
    let code: 'token_expired' | 'token_invalid' = 'token_expired';
    await gateway.respond('identity.auth.refresh', async () => {
      throw new AppError(code, `refused with ${code}`);
    });
    for (const each of ['token_expired', 'token_invalid'] as const) {
      code = each;
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        payload: { refresh_token: 'A'.repeat(43) },
      });
      expect(response.statusCode, each).toBe(401);
      expect(problemBody(response)).toMatchObject({ code: each, type: `/problems/${each}` });
    }
  });

  it('verifies a one-time code and answers tokens', async () => {
    await gateway.respond('identity.auth.otp.verify', async () => tokens);
    const payload = { challenge_id: randomUUID(), code: '123456' };
    const response = await gateway.app.inject({ method: 'POST', url: '/v1/auth/otp/verify', payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(tokens);
    expect(gateway.operationCalls()[0]).toMatchObject({ subject: 'identity.auth.otp.verify', payload });
  });

  it('maps a wrong one-time code to 401 otp_invalid', async () => {
    await gateway.respond('identity.auth.otp.verify', async () => {
      throw new AppError('otp_invalid', 'The code is wrong; 4 tries left.');
    });
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/otp/verify',
      payload: { challenge_id: randomUUID(), code: '000000' },
    });
    expect(response.statusCode).toBe(401);
    expect(problemBody(response)).toMatchObject({ code: 'otp_invalid', type: '/problems/otp_invalid' });
  });

  it('exchanges a refresh token for new tokens', async () => {
    await gateway.respond('identity.auth.refresh', async () => tokens);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refresh_token: 'r0' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(tokens);
  });

  it('sets the refresh token as an HttpOnly, Secure, SameSite=Strict cookie of the auth routes on a login', async () => {
    await gateway.respond('identity.auth.login', async () => tokens);
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { login: 'ada', password: 'correct horse battery' },
    });
    expect(response.headers['set-cookie']).toBe(
      'moneypal_refresh=r1; Path=/v1/auth; HttpOnly; Secure; SameSite=Strict',
    );
  });

  it('refreshes with the cookie when a same-origin page asks with X-Requested-With', async () => {
    await gateway.respond('identity.auth.refresh', async () => ({ ...tokens, refresh_token: 'r2' }));
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: {
        host: 'wallet.example',
        origin: 'https://wallet.example',
        'sec-fetch-site': 'same-origin',
        'x-requested-with': 'fetch',
        cookie: 'theme=dark; moneypal_refresh=r1',
      },
      payload: {},
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toMatch(/^moneypal_refresh=r2; /);
    expect(gateway.operationCalls()).toEqual([
      expect.objectContaining({ subject: 'identity.auth.refresh', payload: { refresh_token: 'r1' } }),
    ]);
  });

  it('refuses a cookie refresh that another site could have sent, and asks identity nothing', async () => {
    const sameOrigin = {
      host: 'wallet.example',
      origin: 'https://wallet.example',
      'sec-fetch-site': 'same-origin',
      'x-requested-with': 'fetch',
      cookie: 'moneypal_refresh=r1',
    };
    const forged: Record<string, string | undefined>[] = [
      { 'x-requested-with': undefined },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const change of forged) {
      const headers = Object.fromEntries(
        Object.entries({ ...sameOrigin, ...change }).filter(([, value]) => value !== undefined),
      ) as Record<string, string>;
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        headers,
        payload: {},
      });
      expect(response.statusCode, JSON.stringify(change)).toBe(403);
      expect(problemBody(response).code).toBe('forbidden');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers token_invalid to a same-origin refresh without a cookie or a token', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      headers: { 'x-requested-with': 'fetch' },
      payload: {},
    });
    expect(response.statusCode).toBe(401);
    expect(problemBody(response).code).toBe('token_invalid');
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('asks for a password reset code and answers 202 whatever identity found', async () => {
    await gateway.respond('identity.password.reset.request', async () => ({}));
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'ada@example.com' },
    });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    expect(gateway.operationCalls()).toEqual([
      expect.objectContaining({
        subject: 'identity.password.reset.request',
        payload: { email: 'ada@example.com' },
      }),
    ]);
  });

  it('resets a password with a code, and refuses a malformed code or a short password before identity', async () => {
    await gateway.respond('identity.password.reset', async () => ({}));
    const good = { email: 'ada@example.com', code: '482913', password: 'a new long passphrase' };
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: good,
    });
    expect(response.statusCode).toBe(204);
    for (const [payload, path] of [
      [{ ...good, code: '4829' }, 'code'],
      [{ ...good, password: 'short' }, 'password'],
      [{ ...good, email: 'nobody' }, 'email'],
    ] as const) {
      const refused = await gateway.app.inject({
        method: 'POST',
        url: '/v1/auth/password-reset/confirm',
        payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(problemBody(refused).errors?.map((error) => error.path)).toEqual([path]);
    }
    expect(gateway.operationCalls()).toHaveLength(1);
  });

  it('logs out the session named in the access token and answers 204', async () => {
    await gateway.respond('identity.auth.logout', async () => ({}));
    const { authorization, claims } = await gateway.bearer();
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/logout',
      headers: { authorization },
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(response.headers['set-cookie']).toBe(
      'moneypal_refresh=; Path=/v1/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=0',
    );
    expect(gateway.operationCalls()).toEqual([
      expect.objectContaining({
        subject: 'identity.auth.logout',
        payload: { user_id: claims.sub, session_id: claims.sid },
      }),
    ]);
  });

  it('refuses a logout without a token and asks for a bearer token', async () => {
    const response = await gateway.app.inject({ method: 'POST', url: '/v1/auth/logout' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(gateway.operationCalls()).toEqual([]);
  });
});

describe('auth rate limits', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway({ rateLimitAuthPerMinute: 3 });
    await gateway.respond('identity.auth.login', async () => tokens);
  });
  afterEach(async () => {
    await gateway.close();
  });

  it('answers 429 rate_limited with Retry-After once a client exceeds the login limit', async () => {
    const login = () =>
      gateway.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { login: 'ada', password: 'x' } });
    for (let attempt = 0; attempt < 3; attempt++) expect((await login()).statusCode).toBe(200);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemBody(limited)).toMatchObject({
      code: 'rate_limited',
      status: 429,
      type: '/problems/rate_limited',
    });
    expect(gateway.operationCalls()).toHaveLength(3);
  });

  it('counts each route and each client address separately', async () => {
    await gateway.respond('identity.auth.refresh', async () => tokens);
    const login = (remoteAddress: string) =>
      gateway.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { login: 'ada', password: 'x' },
        remoteAddress,
      });
    for (let attempt = 0; attempt < 4; attempt++) await login('10.0.0.1');
    expect((await login('10.0.0.1')).statusCode).toBe(429);
    expect((await login('10.0.0.2')).statusCode).toBe(200);
    const refresh = await gateway.app.inject({
      method: 'POST',
      url: '/v1/auth/refresh',
      payload: { refresh_token: 'r0' },
      remoteAddress: '10.0.0.1',
    });
    expect(refresh.statusCode).toBe(200);
  });

  it('does not rate limit the health check', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await gateway.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    }
  });
});
