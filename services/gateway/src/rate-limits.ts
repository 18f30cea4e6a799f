import rateLimit from '@fastify/rate-limit';
import { AppError, type Logger } from '@moneypal/kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { type AccessTokenVerifier, verifiedClaimsOf } from './access-token.js';
import type { GatewayConfig } from './config.js';

/** Every limit counts requests over one minute. */
const windowMs = 60_000;
/** Counters kept in memory when there is no Redis: past this many clients the oldest are forgotten. */
const memoryCounters = 50_000;
/** A Redis command that takes longer than this fails, and the request passes unlimited. */
const redisCommandTimeoutMs = 500;
/** How long a starting gateway waits for Redis before it serves, uncounted until Redis answers. */
const redisConnectWaitMs = 2_000;
/** A Redis outage is logged at most this often, not once per request. */
const outageLogIntervalMs = 10_000;

/** The response headers of the limits (draft-ietf-httpapi-ratelimit-headers), and Retry-After on 429. */
export const rateLimitHeaders = {
  limit: 'RateLimit-Limit',
  remaining: 'RateLimit-Remaining',
  reset: 'RateLimit-Reset',
} as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Requests per minute per client address on this route, besides the limits every route has. */
    rateLimitPerMinute?: number;
    /** Requests per minute per user on this route, besides the limits every route has. */
    rateLimitPerUserPerMinute?: number;
  }
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
type Count = Exclude<Awaited<ReturnType<Limiter>>, { isAllowed: true }>;

export interface RateLimitOptions {
  config: Pick<
    GatewayConfig,
    'rateLimitPerMinute' | 'rateLimitUserPerMinute' | 'rateLimitRedisUrl' | 'rateLimitRedisPrefix'
  >;
  verifier: AccessTokenVerifier;
  logger: Logger;
}

/**
 * Limits every request per client address, per user when it carries a valid access token,
 * per client address on each route that sets `rateLimitPerMinute` (the public auth
 * routes), and per user on each route that sets `rateLimitPerUserPerMinute` (the recipient
 * lookup). Counters live in Redis when `rateLimitRedisUrl` is set, so that every replica
 * shares them, and in this process's memory otherwise. Each answer says how much is left of
 * the tightest limit in `RateLimit-*` headers; an exceeded limit answers 429 `rate_limited`
 * with `Retry-After`. While Redis does not answer, requests pass unlimited (and it is logged):
 * an outage of the counters must not become an outage of the API.
 */
export async function installRateLimits(
  app: FastifyInstance,
  { config, verifier, logger }: RateLimitOptions,
): Promise<void> {
  let lastOutageLogAt = Number.NEGATIVE_INFINITY;
  const logOutage = (error: unknown) => {
    if (Date.now() - lastOutageLogAt < outageLogIntervalMs) return;
    lastOutageLogAt = Date.now();
    logger.warn(
      { err: error instanceof Error ? { message: error.message } : undefined },
      'rate-limit store unavailable; requests pass unlimited until it answers',
    );
  };

  const redis = config.rateLimitRedisUrl === undefined ? undefined : connectRedis(config.rateLimitRedisUrl);
  if (redis !== undefined) {
    redis.on('error', logOutage);
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
    await connected(redis);
  }
  await app.register(rateLimit, {
    global: false,
    timeWindow: windowMs,
    cache: memoryCounters,
    ...(redis === undefined ? {} : { redis, nameSpace: config.rateLimitRedisPrefix }),
  });

  const limiterOf = (max: number, scope: string): Limiter => {
    const options = {
      max,
      timeWindow: windowMs,
      // In memory each limiter keeps counters of its own, this many at most (the plugin reads
      // `cache` here as well, though its types only declare it on the plugin's options).
      cache: memoryCounters,
      keyGenerator: (request: FastifyRequest) => `${scope}:${(request as RequestWithKey)[limitKey] ?? ''}`,
    };
    return app.createRateLimit(options);
  };
  const perAddress = limiterOf(config.rateLimitPerMinute, 'address');
  const perUser = limiterOf(config.rateLimitUserPerMinute, 'user');
  const perRoute = new Map<string, Limiter>();
  const routeLimiterOf = (request: FastifyRequest, max: number, by: 'address' | 'user'): Limiter => {
    const scope = `route:${request.method} ${request.routeOptions.url}:${by}`;
    let limiter = perRoute.get(scope);
    if (limiter === undefined) {
      limiter = limiterOf(max, scope);
      perRoute.set(scope, limiter);
    }
    return limiter;
  };

  /** Counts the request against one limit; `undefined` when the store cannot count it. */
  const count = async (
    limiter: Limiter,
    request: FastifyRequest,
    key: string,
  ): Promise<Count | undefined> => {
    (request as RequestWithKey)[limitKey] = key;
    try {
      const result = await limiter(request);
      return result.isAllowed ? undefined : result;
    } catch (error) {
      logOutage(error);
      return undefined;
    }
  };

  app.addHook('onRequest', async (request, reply) => {
    const counts: Count[] = [];
    const enforce = (counted: Count | undefined) => {
      if (counted === undefined) return;
      counts.push(counted);
      if (counted.isExceeded) refuse(reply, counted);
    };
    enforce(await count(perAddress, request, request.ip));
    const { rateLimitPerMinute: routeLimit, rateLimitPerUserPerMinute: routeUserLimit } =
      request.routeOptions.config;
    if (routeLimit !== undefined)
      enforce(await count(routeLimiterOf(request, routeLimit, 'address'), request, request.ip));
    const userId = await userIdOf(request, verifier);
    if (userId !== undefined) enforce(await count(perUser, request, userId));
    if (userId !== undefined && routeUserLimit !== undefined)
      enforce(await count(routeLimiterOf(request, routeUserLimit, 'user'), request, userId));
    const tightest = counts.reduce<Count | undefined>(
      (least, counted) => (least === undefined || counted.remaining < least.remaining ? counted : least),
      undefined,
    );
    if (tightest !== undefined) setLimitHeaders(reply, tightest);
  });
}

const limitKey = Symbol('rate limit key');
type RequestWithKey = FastifyRequest & { [limitKey]?: string };

/**
 * A client that stops being counted while Redis is down: commands are not queued while
 * disconnected, and each waits at most `redisCommandTimeoutMs`.
 */
function connectRedis(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: redisCommandTimeoutMs,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

/**
 * Waits until the client is connected, fails to connect, or `redisConnectWaitMs` passes: the
 * first requests are counted when Redis is up, and a gateway still starts when it is not.
 */
async function connected(redis: Redis): Promise<void> {
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, redisConnectWaitMs);
    redis.once('ready', done);
    redis.once('error', done);
  });
}

/** The user of a request whose access token is valid; anything else is counted by address only. */
async function userIdOf(request: FastifyRequest, verifier: AccessTokenVerifier): Promise<string | undefined> {
  const match = /^Bearer +([^\s]+) *$/i.exec(request.headers.authorization ?? '');
  if (match === null) return undefined;
  try {
    return (await verifiedClaimsOf(verifier, request, match[1]!)).sub;
  } catch {
    // The route itself refuses a bad token, or says the keys cannot be fetched.
    return undefined;
  }
}

function setLimitHeaders(reply: FastifyReply, counted: Count): void {
  reply.header(rateLimitHeaders.limit, counted.max);
  reply.header(rateLimitHeaders.remaining, counted.isExceeded ? 0 : counted.remaining);
  reply.header(rateLimitHeaders.reset, counted.ttlInSeconds);
}

/** What a client past a limit is told: how long to wait. */
export function rateLimitedDetailOf(seconds: number): string {
  return `Too many requests: wait ${seconds} second${seconds === 1 ? '' : 's'}, then try again.`;
}

function refuse(reply: FastifyReply, counted: Count): never {
  setLimitHeaders(reply, counted);
  reply.header('retry-after', counted.ttlInSeconds);
  const seconds = counted.ttlInSeconds;
  throw new AppError('rate_limited', rateLimitedDetailOf(seconds));
}
