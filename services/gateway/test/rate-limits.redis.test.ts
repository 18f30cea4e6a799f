import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support.js';

const redisUrl = process.env.TEST_REDIS_URL;
if (redisUrl === undefined) throw new Error('rate-limits.redis.test.ts needs TEST_REDIS_URL');

describe('rate limits shared through Redis', () => {
  const gateways: TestGateway[] = [];
  afterEach(async () => {
    for (const gateway of gateways.splice(0)) await gateway.close();
  });

  /** Two replicas on one Redis, under a prefix of this test's own. */
  async function twoReplicas(limits: { rateLimitPerMinute?: number; rateLimitUserPerMinute?: number }) {
    const shared = { rateLimitRedisUrl: redisUrl, rateLimitRedisPrefix: `moneypal-test:${randomUUID()}:` };
    const first = await startGateway({ ...shared, ...limits });
    const second = await startGateway({ ...shared, ...limits });
    gateways.push(first, second);
    return [first, second] as const;
  }

  it('counts a client address once across two gateway replicas', async () => {
    const [first, second] = await twoReplicas({ rateLimitPerMinute: 3 });
    const get = (gateway: TestGateway, remoteAddress = '10.0.0.1') =>
      gateway.app.inject({ method: 'GET', url: '/healthz', remoteAddress });
    expect((await get(first)).headers['ratelimit-remaining']).toBe('2');
    expect((await get(second)).headers['ratelimit-remaining']).toBe('1');
    expect((await get(first)).headers['ratelimit-remaining']).toBe('0');
    const limited = await get(second);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(first)).statusCode).toBe(429);
    expect((await get(second, '10.0.0.2')).statusCode).toBe(200);
  });

  it('counts a user once across two gateway replicas', async () => {
    const [first, second] = await twoReplicas({ rateLimitPerMinute: 100, rateLimitUserPerMinute: 2 });
    // Both replicas trust the same identity key, as replicas of one deployment do.
    second.publishedKeys.splice(0, second.publishedKeys.length, ...first.publishedKeys);
    const { authorization } = await first.bearer();
    const get = (gateway: TestGateway, remoteAddress: string) =>
      gateway.app.inject({ method: 'GET', url: '/healthz', remoteAddress, headers: { authorization } });
    expect((await get(first, '10.0.0.1')).statusCode).toBe(200);
    expect((await get(second, '10.0.0.2')).statusCode).toBe(200);
    expect((await get(second, '10.0.0.3')).statusCode).toBe(429);
    expect((await get(first, '10.0.0.4')).statusCode).toBe(429);
  });
});
