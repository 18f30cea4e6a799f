import { afterEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, userOf } from './support.js';

describe('rate limits on every route', () => {
  let gateway: TestGateway;
  afterEach(async () => {
    await gateway.close();
  });

  const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    gateway.app.inject({ method: 'GET', url, remoteAddress, headers });

  it('limits each client address on any route, with RateLimit headers and a 429 problem with Retry-After', async () => {
    gateway = await startGateway({ rateLimitPerMinute: 3 });
    const remaining: string[] = [];
    for (const url of ['/healthz', '/api/openapi.json', '/v1/nothing']) {
      const response = await get(url, '10.0.0.1');
      expect(response.statusCode, url).not.toBe(429);
      expect(response.headers['ratelimit-limit'], url).toBe('3');
      expect(Number(response.headers['ratelimit-reset']), url).toBeGreaterThan(0);
      remaining.push(String(response.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await get('/healthz', '10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(problemBody(limited)).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(problemBody(limited).detail).toMatch(/^Too many requests: wait \d+ seconds?, then try again\.$/);

    expect((await get('/healthz', '10.0.0.2')).statusCode).toBe(200);
  });

  it('limits each user across client addresses, and reports the tighter limit', async () => {
    gateway = await startGateway({ rateLimitPerMinute: 100, rateLimitUserPerMinute: 2 });
    await gateway.respond('identity.user.get', async () => userOf());
    const ada = await gateway.bearer();
    const grace = await gateway.bearer();
    const first = await get('/v1/users/me', '10.0.0.1', { authorization: ada.authorization });
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    expect((await get('/v1/users/me', '10.0.0.2', { authorization: ada.authorization })).statusCode).toBe(
      200,
    );
    const limited = await get('/v1/users/me', '10.0.0.3', { authorization: ada.authorization });
    expect(limited.statusCode).toBe(429);
    expect(problemBody(limited).code).toBe('rate_limited');
    // Any route counts for the user, and another user has a limit of their own.
    expect((await get('/healthz', '10.0.0.4', { authorization: ada.authorization })).statusCode).toBe(429);
    expect((await get('/v1/users/me', '10.0.0.1', { authorization: grace.authorization })).statusCode).toBe(
      200,
    );
    expect(gateway.operationCalls()).toHaveLength(3);
  });

  it('counts a request with an invalid token by its address only', async () => {
    gateway = await startGateway({ rateLimitPerMinute: 100, rateLimitUserPerMinute: 1 });
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await get('/v1/users/me', '10.0.0.1', { authorization: 'Bearer not-a-token' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['ratelimit-limit']).toBe('100');
    }
  });

  it('lets requests through, and logs it, while the Redis of the counters does not answer', async () => {
    // Nothing listens on port 1.
    gateway = await startGateway({ rateLimitPerMinute: 1, rateLimitRedisUrl: 'redis://127.0.0.1:1' });
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await get('/healthz', '10.0.0.1');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
    expect(gateway.logLines.some((line) => line.includes('rate-limit store unavailable'))).toBe(true);
  });
});
