import { isDeepStrictEqual } from 'node:util';
import { type AccessClaims, type Actor, idempotencyKey } from '@moneypal/contracts';
import {
  AppError,
  type Bus,
  call,
  contractChecksEnabled,
  type ErrorCode,
  fieldErrorsOf,
  type RequestContract,
} from '@moneypal/kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AccessTokenVerifier, verifiedClaimsOf } from './access-token.js';
import { traceparentFor } from './tracing.js';

export type Access = 'public' | 'user' | 'admin';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The media types a route may answer with a document (a file to save) instead of JSON. */
export type DocumentMediaType = 'text/csv' | 'application/pdf';

/**
 * A response that is a document of one of `mediaTypes`, or, when `json` is given, either
 * that or a JSON body of the schema, as the request asks (`?format=`).
 */
export interface DocumentResponse<Json extends z.ZodType | undefined = z.ZodType | undefined> {
  mediaTypes: readonly DocumentMediaType[];
  json: Json;
}

/** A document response, with the JSON schema of its `format=json` reading when it has one. */
export function documentResponse(mediaTypes: readonly DocumentMediaType[]): DocumentResponse<undefined>;
export function documentResponse<Json extends z.ZodType>(
  mediaTypes: readonly DocumentMediaType[],
  json: Json,
): DocumentResponse<Json>;
export function documentResponse(
  mediaTypes: readonly DocumentMediaType[],
  json?: z.ZodType,
): DocumentResponse<z.ZodType | undefined> {
  return { mediaTypes, json };
}

export function isDocumentResponse(response: Responses[number] | undefined): response is DocumentResponse {
  return typeof response === 'object' && response !== null && 'mediaTypes' in response;
}

/** A document a handler answers: sent as an attachment named `filename`. */
export interface DocumentBody {
  mediaType: DocumentMediaType;
  filename: string;
  content: Buffer | string;
}

/** A response status with its body schema; `null` means no body (204). */
export type Responses = { [status: number]: z.ZodType | null | DocumentResponse };

/** The header that carries the key of a request that moves money (Stripe semantics). */
export const idempotencyKeyHeader = 'Idempotency-Key';
/** The response header that marks the stored answer to an earlier request with the same key. */
export const idempotentReplayedHeader = 'Idempotent-Replayed';

/** Response headers a handler may set besides the ones every route gets. */
export type ResultHeaders = { [idempotentReplayedHeader]?: 'true'; 'Set-Cookie'?: string };

/** What a handler returns: one of the declared statuses with a body of its schema. */
export type RouteResult<R extends Responses> = {
  [S in keyof R & number]: R[S] extends z.ZodType
    ? { status: S; body: z.input<R[S]>; headers?: ResultHeaders }
    : R[S] extends DocumentResponse<infer Json>
      ?
          | { status: S; document: DocumentBody; headers?: ResultHeaders }
          | (Json extends z.ZodType ? { status: S; body: z.input<Json>; headers?: ResultHeaders } : never)
      : { status: S; headers?: ResultHeaders };
}[keyof R & number];

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/**
 * A real, consistent example of a route's request body and of each success response, as the
 * API docs show them. Typed by the route's schemas, and checked against them by the OpenAPI tests.
 */
export interface RouteExamples<Params, Query, Body, R extends Responses> {
  /** The path parameters of the example request. */
  params?: Params extends z.ZodType ? z.input<Params> : never;
  /**
   * An example of each query parameter, as the query string carries it; each is checked on its
   * own, since some filters exclude others (`id` or `email`, not both).
   */
  query?: Query extends z.ZodType ? { [Name in keyof z.input<Query>]?: z.input<Query>[Name] } : never;
  request?: Body extends z.ZodType ? z.input<Body> : never;
  /** A document-only response (a PDF, say) has no JSON to show: its status takes no example. */
  responses: {
    [Status in keyof R as R[Status] extends DocumentResponse<undefined>
      ? never
      : Status]: R[Status] extends z.ZodType
      ? z.output<R[Status]>
      : R[Status] extends DocumentResponse<infer Json extends z.ZodType>
        ? z.output<Json>
        : null;
  };
}

export interface RouteInput<Params, Query, Body, A extends Access, I extends boolean = false> {
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Parsed<Body>;
  /** The verified access-token claims; present on every route that is not public. */
  user: A extends 'public' ? undefined : AccessClaims;
  /** The validated `Idempotency-Key` header; present on every idempotent route. */
  idempotencyKey: I extends true ? string : undefined;
  requestId: string;
  /** The request headers with lower-case names, each as one string. */
  headers: Record<string, string>;
  /**
   * Sends the route's one bus request with kit `call`, carrying the request id, the
   * request's trace and the gateway's timeout (its bulk timeout on a bulk route).
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
  I extends boolean = false,
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
  /** Requests per minute per user, when the route is rate limited by user. */
  rateLimitPerUserPerMinute?: number;
  /** The largest body the route reads, when it takes more than the gateway's default. */
  bodyLimitBytes?: number;
  /**
   * The route moves money: it requires an `Idempotency-Key` header (validated, and documented
   * as a parameter), may answer the idempotency problems, and marks replayed answers with
   * `Idempotent-Replayed: true` (see `respondReplayable`).
   */
  idempotent?: I;
  /**
   * The route carries many items in one bus request, each with its own idempotency key: it
   * waits the gateway's bulk timeout for its service instead of the default one.
   */
  bulk?: boolean;
  /** Shown in the OpenAPI document; required, so that no operation is documented without one. */
  examples: NoInfer<RouteExamples<Params, Query, Body, R>>;
  handler: (input: RouteInput<Params, Query, Body, A, I>) => Promise<NoInfer<RouteResult<R>>>;
}

type ErasedRouteInput = RouteInput<z.ZodType, z.ZodType, z.ZodType, Access, boolean>;

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
  rateLimitPerUserPerMinute?: number;
  bodyLimitBytes?: number;
  idempotent?: boolean;
  bulk?: boolean;
  examples: {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    request?: unknown;
    responses: Record<number, unknown>;
  };
  handler: (
    input: ErasedRouteInput,
  ) => Promise<{ status: number; body?: unknown; document?: DocumentBody; headers?: ResultHeaders }>;
}

/** A handler's answer; a function so that the status keeps its literal type. */
export function respond<const Status extends number, Body>(
  status: Status,
  body: Body,
): { status: Status; body: Body } {
  return { status, body };
}

/** A handler's answer that is a document, sent as an attachment. */
export function respondDocument<const Status extends number>(
  status: Status,
  document: DocumentBody,
): { status: Status; document: DocumentBody } {
  return { status, document };
}

export function noContent(): { status: 204 } {
  return { status: 204 };
}

/**
 * A service's answer to a request that moves money: its result, fresh or stored, under
 * `status`; a stored answer to an earlier identical request is marked `Idempotent-Replayed: true`.
 */
export function respondReplayable<const Status extends number, Body>(
  status: Status,
  reply: { result: Body; replayed: boolean },
): { status: Status; body: Body; headers?: ResultHeaders } {
  return reply.replayed
    ? { status, body: reply.result, headers: { [idempotentReplayedHeader]: 'true' } }
    : { status, body: reply.result };
}

/** Who asks, as the services see it: the verified token's user and role. */
export function actorOf(user: AccessClaims): Actor {
  return { user_id: user.sub, role: user.role };
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
  I extends boolean = false,
>(definition: RouteDefinition<Params, Query, Body, R, A, I>): Route {
  return definition as unknown as Route;
}

export interface RouteServices {
  bus: Bus;
  verifier: AccessTokenVerifier;
  busRequestTimeoutMs: number;
  /** The wait of a bulk route's bus request. */
  busBulkRequestTimeoutMs: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AccessClaims | undefined;
  }
}

const validationMessages = {
  params: 'The path is not valid: `errors` names each part to fix.',
  query: 'The query string is not valid: `errors` names each parameter to fix.',
  body: 'The request body is not valid: `errors` names each field to fix.',
} as const;

/** One part of a request, validated by its schema; `validation_failed` naming every field to fix. */
export function parseRequestPart(
  schema: z.ZodType | undefined,
  value: unknown,
  part: keyof typeof validationMessages,
): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('validation_failed', validationMessages[part], {
      errors: fieldErrorsOf(result.error.issues, schema, part === 'query' ? 'parameter' : 'field'),
    });
  }
  return result.data;
}

/** A query parameter that names one key of an object parameter: `metadata[order_id]`. */
const objectParameterName = /^([A-Za-z_][A-Za-z0-9_]*)\[([^[\]]*)\]$/;

/**
 * A query string with its `name[key]=value` parameters gathered into `name: {key: value}`
 * (OpenAPI's `deepObject` style), for the schema to validate as an object. A parameter that
 * cannot be gathered is left as it came, so the schema refuses it as unknown: its name is
 * also given bare, or its key is `__proto__` (which zod would drop from a record unseen).
 */
function queryWithObjectsOf(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  // No prototype, so that a parameter named `__proto__` stays a parameter for the schema to refuse.
  const gathered = Object.create(null) as Record<string, unknown>;
  const objects = new Map<string, Record<string, unknown>>();
  const entries = Object.entries(query);
  const bareNames = new Set(entries.map(([name]) => name));
  for (const [name, value] of entries) {
    const match = objectParameterName.exec(name);
    if (!match || bareNames.has(match[1]!) || match[2] === '__proto__') {
      gathered[name] = value;
      continue;
    }
    const [, objectName, key] = match as unknown as [string, string, string];
    let object = objects.get(objectName);
    if (object === undefined) {
      object = Object.create(null) as Record<string, unknown>;
      objects.set(objectName, object);
      gathered[objectName] = object;
    }
    object[key] = value;
  }
  return gathered;
}

/** The validated `Idempotency-Key` header of a request, or `validation_failed` naming the header. */
function idempotencyKeyOf(request: FastifyRequest): string {
  const result = idempotencyKey.safeParse(request.headers[idempotencyKeyHeader.toLowerCase()]);
  if (!result.success) {
    // One message is enough for one header value; an empty one would otherwise also fail the pattern.
    const message = result.error.issues[0]?.message ?? 'is not valid';
    throw new AppError('validation_failed', `The ${idempotencyKeyHeader} header is missing or not valid.`, {
      errors: [{ path: idempotencyKeyHeader, message }],
    });
  }
  return result.data;
}

/** A request's headers as plain strings; a repeated header's values are joined as HTTP joins them. */
function headersOf(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** What the verifier answers for a missing, bad or expired token: each gets the RFC 6750 challenge. */
const refusedTokenCodes: ReadonlySet<ErrorCode> = new Set([
  'unauthenticated',
  'token_expired',
  'token_invalid',
]);

/** What a request without an access token is told. */
export const missingTokenDetail =
  'An access token is required: log in and send it as `Authorization: Bearer <access token>`.';
/** What a user who is no admin is told on an admin's route. */
export const adminOnlyDetail = 'Only an administrator may do this: log in with an admin account.';

/** The bearer token of a request, or `unauthenticated`. */
function bearerTokenOf(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) throw new AppError('unauthenticated', missingTokenDetail);
  const match = /^Bearer +([^\s]+) *$/i.exec(header);
  if (!match)
    throw new AppError(
      'unauthenticated',
      'The Authorization header must be `Bearer <access token>`, with the token from a login.',
    );
  return match[1]!;
}

/**
 * What a client is told when the service behind a route does not answer: a request that
 * changes something may have been applied all the same (the bus or the gateway failed after
 * the service committed), so it is retried with the same Idempotency-Key, never a new one.
 */
export function unavailableDetailOf(route: Pick<Route, 'method' | 'idempotent' | 'bulk'>): string {
  if (route.idempotent) {
    return `The service did not answer in time. The request may have been applied: retry it with the same ${idempotencyKeyHeader} (and the same body) to get its outcome; it is never applied twice.`;
  }
  if (route.bulk) {
    return 'The service did not answer in time. Some items may have been applied: send the same items again, with the same idempotency keys, to get each outcome; none is applied twice.';
  }
  if (route.method === 'GET') return 'The service did not answer in time; try again shortly.';
  return 'The service did not answer in time. The request may have been applied: check its outcome before sending it again.';
}

/** Registers a defined route on the app: authorise (before the body is read), validate, call, shape the reply. */
export function registerRoute(app: FastifyInstance, route: Route, services: RouteServices): void {
  const requiresUser = route.auth !== 'public';
  const busTimeoutMs = route.bulk ? services.busBulkRequestTimeoutMs : services.busRequestTimeoutMs;
  const authorise = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      request.user = await verifiedClaimsOf(services.verifier, request, bearerTokenOf(request));
    } catch (error) {
      if (error instanceof AppError && refusedTokenCodes.has(error.code)) {
        // RFC 6750: a request without a token gets the bare challenge; a bad token also gets the error.
        const challenge = request.headers.authorization === undefined ? '' : ', error="invalid_token"';
        reply.header('www-authenticate', `Bearer realm="moneypal"${challenge}`);
      }
      throw error;
    }
    if (route.auth === 'admin' && request.user.role !== 'admin') {
      throw new AppError('forbidden', adminOnlyDetail);
    }
  };
  app.route({
    method: route.method,
    url: route.url,
    config: {
      ...(route.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: route.rateLimitPerMinute }),
      ...(route.rateLimitPerUserPerMinute === undefined
        ? {}
        : { rateLimitPerUserPerMinute: route.rateLimitPerUserPerMinute }),
    },
    ...(route.bodyLimitBytes === undefined ? {} : { bodyLimit: route.bodyLimitBytes }),
    ...(requiresUser ? { onRequest: authorise } : {}),
    handler: async (request, reply) => {
      const input: ErasedRouteInput = {
        params: parseRequestPart(route.params, request.params, 'params'),
        query: parseRequestPart(route.query, queryWithObjectsOf(request.query), 'query'),
        idempotencyKey: route.idempotent ? idempotencyKeyOf(request) : undefined,
        body: parseRequestPart(route.body, request.body, 'body'),
        user: request.user,
        requestId: request.id,
        headers: headersOf(request),
        call: (contract, payload) =>
          call(services.bus, contract, payload, {
            requestId: request.id,
            traceparent: traceparentFor(request),
            timeoutMs: busTimeoutMs,
          }).catch((error: unknown) => {
            if (!(error instanceof AppError) || error.code !== 'unavailable') throw error;
            request.log.warn({ reason: error.message }, 'service unavailable');
            throw new AppError('unavailable', unavailableDetailOf(route));
          }),
      };
      const result = await route.handler(input);
      const declared = route.responses[result.status];
      if (declared === undefined)
        throw new Error(`${route.method} ${route.url} answered undeclared ${result.status}`);
      if (result.document !== undefined) return sendDocument(route, result, reply);
      const schema = isDocumentResponse(declared) ? (declared.json ?? null) : declared;
      if (schema === null)
        return reply
          .code(result.status)
          .headers(result.headers ?? {})
          .send();
      const body = serialisedBodyOf(route, result.status, schema, result.body, reply);
      return reply
        .code(result.status)
        .headers(result.headers ?? {})
        .type('application/json; charset=utf-8')
        .send(body);
    },
  });
}

/** A handler's document, sent as an attachment of a media type its route declared. */
function sendDocument(
  route: Route,
  result: { status: number; document?: DocumentBody; headers?: ResultHeaders },
  reply: FastifyReply,
): FastifyReply {
  const declared = route.responses[result.status];
  const document = result.document!;
  if (!isDocumentResponse(declared) || !declared.mediaTypes.includes(document.mediaType)) {
    throw new Error(`${route.method} ${route.url} answered an undeclared ${document.mediaType} document`);
  }
  // The file name is the service's own (ASCII letters, digits, dots and dashes), never the client's.
  if (!/^[A-Za-z0-9._-]+$/.test(document.filename)) throw new Error(`unsafe file name ${document.filename}`);
  return reply
    .code(result.status)
    .headers(result.headers ?? {})
    .type(document.mediaType === 'text/csv' ? 'text/csv; charset=utf-8' : document.mediaType)
    .header('content-disposition', `attachment; filename="${document.filename}"`)
    .send(document.content);
}

/** The JSON Schema each response schema is serialised by, made on its first answer. */
const serialisationSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

function serialisationSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let converted = serialisationSchemas.get(schema);
  if (converted === undefined) {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
      io: 'output',
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as Record<string, unknown>;
    converted = writingSchemaOf(rest) as Record<string, unknown>;
    serialisationSchemas.set(schema, converted);
  }
  return converted;
}

/**
 * Keywords that only validate a value, never change how it is written. fast-json-stringify
 * checks them (with ajv) wherever it must choose a branch of a union, so each answer would pay
 * for a validation that the services' contracts already made: a batch of a thousand transfers
 * took 4 ms to write with them, 1 ms without.
 */
const validationKeywords = new Set([
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
]);

/**
 * A JSON Schema as a writer needs it: without the validation keywords, and with a nullable
 * plain value (`anyOf` of a type and `null`) as a type list, which fast-json-stringify writes
 * without trying each branch.
 */
function writingSchemaOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(writingSchemaOf);
  if (node === null || typeof node !== 'object') return node;
  const written: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (!validationKeywords.has(keyword)) written[keyword] = writingSchemaOf(value);
  }
  const branches = written.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const isNull = (branch: Record<string, unknown>) =>
      branch.type === 'null' && Object.keys(branch).length === 1;
    const [first, second] = branches as Record<string, unknown>[];
    const value = isNull(first!) ? second! : isNull(second!) ? first! : undefined;
    if (value !== undefined && typeof value.type === 'string' && !['object', 'array'].includes(value.type)) {
      const { anyOf: _branches, ...rest } = written;
      return { ...rest, ...value, type: [value.type, 'null'] };
    }
  }
  return written;
}

/**
 * A handler's answer as JSON, written by the response schema (fast-json-stringify, compiled
 * once per route): only the declared fields leave, and the body is not parsed again, since it
 * comes from a service that answers in the same contract types. With contract checks on
 * (tests), the body must also pass its zod schema and serialise to exactly what zod keeps.
 */
function serialisedBodyOf(
  route: Route,
  status: number,
  schema: z.ZodType,
  value: unknown,
  reply: FastifyReply,
): string {
  const json = reply.serializeInput(value as Record<string, unknown>, serialisationSchemaOf(schema));
  if (contractChecksEnabled()) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `${route.method} ${route.url} answered a ${status} body outside its schema: ${parsed.error.message}`,
      );
    }
    if (!isDeepStrictEqual(JSON.parse(json), JSON.parse(JSON.stringify(parsed.data)))) {
      throw new Error(
        `${route.method} ${route.url} serialised its ${status} body unlike its schema: ${json}`,
      );
    }
  }
  return json;
}
