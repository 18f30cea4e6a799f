import type { AccessClaims } from '@moneypal/contracts';
import { AppError, type Bus, call, type ErrorCode, fieldErrorsOf, type RequestContract } from '@moneypal/kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessTokenVerifier } from './access-token.js';

export type Access = 'public' | 'user' | 'admin';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A response status with its body schema; `null` means no body (204). */
export type Responses = { [status: number]: z.ZodType | null };

/** What a handler returns: one of the declared statuses with a body of its schema. */
export type RouteResult<R extends Responses> = {
  [S in keyof R & number]: R[S] extends z.ZodType ? { status: S; body: z.input<R[S]> } : { status: S };
}[keyof R & number];

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

export interface RouteInput<Params, Query, Body, A extends Access> {
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Parsed<Body>;
  /** The verified access-token claims; present on every route that is not public. */
  user: A extends 'public' ? undefined : AccessClaims;
  requestId: string;
  /**
   * Sends the route's one bus request with kit `call`, carrying the request id and the
   * gateway's timeout.
   */
  call<Request extends z.ZodType, Reply extends z.ZodType>(
    contract: RequestContract<Request, Reply>,
    payload: z.input<Request>,
  ): Promise<z.output<Reply>>;
}

export interface RouteDefinition<
  Params extends z.ZodType | undefined,
  Query extends z.ZodType | undefined,
  Body extends z.ZodType | undefined,
  R extends Responses,
  A extends Access,
> {
  method: Method;
  /** Fastify syntax: `/v1/wallets/:id`. */
  url: string;
  auth: A;
  summary: string;
  description?: string;
  tags: string[];
  /** Schemas of the path parameters, query string and JSON body; unknown fields are refused by `.strict()`. */
  params?: Params;
  query?: Query;
  body?: Body;
  responses: R;
  /** Errors the route answers besides the ones every route may (documented in OpenAPI). */
  problems?: ErrorCode[];
  /** Requests per minute per client address, when the route is rate limited. */
  rateLimitPerMinute?: number;
  handler: (input: RouteInput<Params, Query, Body, A>) => Promise<NoInfer<RouteResult<R>>>;
}

type ErasedRouteInput = RouteInput<z.ZodType, z.ZodType, z.ZodType, Access>;

/** A route with its types erased, as the registry and the OpenAPI builder see it. */
export interface Route {
  method: Method;
  url: string;
  auth: Access;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Responses;
  problems?: ErrorCode[];
  rateLimitPerMinute?: number;
  handler: (input: ErasedRouteInput) => Promise<{ status: number; body?: unknown }>;
}

/** A handler's answer; a function so that the status keeps its literal type. */
export function respond<const Status extends number, Body>(
  status: Status,
  body: Body,
): { status: Status; body: Body } {
  return { status, body };
}

export function noContent(): { status: 204 } {
  return { status: 204 };
}

/**
 * One definition gives a route its validation, authorisation, response shape and OpenAPI
 * operation, all from the same zod schemas.
 */
export function defineRoute<
  A extends Access,
  R extends Responses,
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<Params, Query, Body, R, A>): Route {
  return definition as unknown as Route;
}

export interface RouteServices {
  bus: Bus;
  verifier: AccessTokenVerifier;
  busRequestTimeoutMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AccessClaims | undefined;
  }
}

const validationMessages = {
  params: 'The path parameters are not valid.',
  query: 'The query string is not valid.',
  body: 'The request body is not valid.',
} as const;

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  part: keyof typeof validationMessages,
): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('validation_failed', validationMessages[part], {
      errors: fieldErrorsOf(result.error.issues),
    });
  }
  return result.data;
}

/** The bearer token of a request, or `unauthenticated`. */
function bearerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) throw new AppError('unauthenticated', 'An access token is required.');
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  if (!match)
    throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <access token>".');
  return match[1]!;
}

/** Registers a defined route on the app: authorise (before the body is read), validate, call, shape the reply. */
export function registerRoute(app: FastifyInstance, route: Route, services: RouteServices): void {
  const requiresUser = route.auth !== 'public';
  const authorise = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      request.user = await services.verifier.verify(bearerTokenOf(request), request.id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthenticated') {
        // RFC 6750: a request without a token gets the bare challenge; a bad token also gets the error.
        const challenge = request.headers.authorization === undefined ? '' : ', error="invalid_token"';
        reply.header('www-authenticate', `Bearer realm="moneypal"${challenge}`);
      }
      throw error;
    }
    if (route.auth === 'admin' && request.user.role !== 'admin') {
      throw new AppError('forbidden', 'This operation needs the admin role.');
    }
  };
  app.route({
    method: route.method,
    url: route.url,
    ...(route.rateLimitPerMinute === undefined
      ? {}
      : { config: { rateLimit: { max: route.rateLimitPerMinute, timeWindow: 60_000 } } }),
    ...(requiresUser ? { onRequest: authorise } : {}),
    handler: async (request, reply) => {
      const input: ErasedRouteInput = {
        params: parsePart(route.params, request.params, 'params'),
        query: parsePart(route.query, request.query, 'query'),
        body: parsePart(route.body, request.body, 'body'),
        user: request.user,
        requestId: request.id,
        call: (contract, payload) =>
          call(services.bus, contract, payload, {
            requestId: request.id,
            timeoutMs: services.busRequestTimeoutMs,
          }),
      };
      const result = await route.handler(input);
      const schema = route.responses[result.status];
      if (schema === undefined)
        throw new Error(`${route.method} ${route.url} answered undeclared ${result.status}`);
      if (schema === null) return reply.code(result.status).send();
      const body = schema.safeParse(result.body);
      if (!body.success) {
        throw new Error(
          `${route.method} ${route.url} answered a ${result.status} body outside its schema: ${body.error.message}`,
        );
      }
      return reply
        .code(result.status)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(body.data));
    },
  });
}
