import { idempotencyKey, problemSchema } from '@moneypal/contracts';
import { AppError, type ErrorCode, httpStatusOf, titleOf } from '@moneypal/kit';
import { z } from 'zod';
import { expiredTokenDetail, invalidTokenDetail } from './access-token.js';
import { malformedRequestDetail } from './client-error.js';
import { type Problem, problemOf, unexpectedDetail } from './problem.js';
import { problemPageOf } from './problem-pages.js';
import { rateLimitedDetailOf } from './rate-limits.js';
import {
  adminOnlyDetail,
  type DocumentResponse,
  idempotencyKeyHeader,
  idempotentReplayedHeader,
  isDocumentResponse,
  missingTokenDetail,
  parseRequestPart,
  type Route,
  unavailableDetailOf,
} from './route.js';
import { ids, transferRule } from './routes/examples.js';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, unknown>;
  };
}

const description = `The public HTTP API of MoneyPal, an open-source e-wallet platform.

**Authentication.** Send \`Authorization: Bearer <access token>\` (from \`POST /v1/auth/login\`) on every
operation that is not marked public. Access tokens are short-lived; renew them with \`POST /v1/auth/refresh\`.

**Money.** Amounts are integers in minor units (10.50 USD is \`1050\`); times are RFC 3339 UTC; ids are UUIDs.

**Idempotency-Key.** Every POST that moves money requires an \`Idempotency-Key\` header, scoped to the caller.
A retry with the same key and body gets the first answer again (with \`Idempotent-Replayed: true\`) and moves
nothing; the same key with another body answers 422 \`idempotency_mismatch\`, and while the first request is
still in flight 409 \`idempotency_in_flight\`.

**Rate limits.** Every operation counts against a limit per client address and, with a valid access token,
one per user; the public auth operations also have a tighter one per client address. Answers carry
\`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds) for the tightest limit; past it,
429 \`rate_limited\` with \`Retry-After\`.

**Lists.** \`?limit=\` (1 to 100, default 20) and \`?cursor=\`; answers are \`{ "data": [...], "next_cursor": "..." | null }\`.

**Errors.** Every error is an RFC 9457 problem (\`application/problem+json\`) with \`type\`, \`title\`, \`status\`,
\`detail\`, a stable \`code\`, the \`request_id\` and, for invalid input, \`errors: [{ path, message }]\`.

**Request ids.** Send \`X-Request-Id\` (1 to 64 of \`A-Z a-z 0-9 . _ -\`) or let the gateway make one; it is
echoed in the response and follows the request through every service's logs.`;

const problemRef = { $ref: '#/components/schemas/Problem' };

const successDescriptions: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
};

/** Errors any route may answer, by what the route does. */
function problemCodesOf(route: Route): ErrorCode[] {
  const codes: ErrorCode[] = ['validation_failed'];
  if (route.auth !== 'public') codes.push('unauthenticated', 'token_expired', 'token_invalid');
  if (route.auth === 'admin') codes.push('forbidden');
  if (route.body !== undefined) codes.push('payload_too_large', 'unsupported_media_type');
  if (route.idempotent) codes.push('idempotency_in_flight', 'idempotency_mismatch');
  codes.push(...(route.problems ?? []), 'rate_limited', 'internal', 'unavailable');
  return [...new Set(codes)];
}

function openApiPathOf(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationIdOf(route: Route): string {
  const words = route.url
    .split('/')
    .filter((segment) => segment.length > 0)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[-_.]/));
  return [
    route.method.toLowerCase(),
    ...words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)),
  ].join('');
}

function rewriteRefs(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, names));
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
      const name = inner.slice('#/$defs/'.length);
      result[key] = `#/components/schemas/${names.get(name) ?? name}`;
    } else {
      result[key] = rewriteRefs(inner, names);
    }
  }
  return result;
}

/**
 * Turns zod schemas into OpenAPI 3.1 schemas with zod's own `z.toJSONSchema`. Schemas named
 * with `.meta({ id })` become `components.schemas` and are referenced; when a schema reads
 * differently as input and as output (defaults, transforms), the input reading gets its own
 * `…Input` component.
 */
class SchemaCatalogue {
  readonly components: Record<string, JsonSchema> = {};

  schemaOf(schema: z.ZodType, io: Io): JsonSchema {
    const converted = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
    }) as JsonSchema;
    const { $schema: _dialect, $defs, ...root } = converted;
    const names = new Map<string, string>();
    const definitions = ($defs ?? {}) as Record<string, JsonSchema>;
    for (const [name, definition] of Object.entries(definitions)) {
      // Compared as it would be stored under plain names, so a schema met again reuses its component.
      names.set(name, this.nameFor(name, rewriteRefs(definition, new Map()) as JsonSchema, io));
    }
    for (const [name, definition] of Object.entries(definitions)) {
      this.components[names.get(name)!] = rewriteRefs(definition, names) as JsonSchema;
    }
    return rewriteRefs(root, names) as JsonSchema;
  }

  /** The schema itself, with a root `$ref` followed (for parameters, which need the properties). */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      return this.components[ref.slice('#/components/schemas/'.length)] ?? schema;
    }
    return schema;
  }

  private nameFor(name: string, definition: JsonSchema, io: Io): string {
    const candidates = [name, `${name}${io === 'input' ? 'Input' : 'Output'}`];
    for (const candidate of candidates) {
      const existing = this.components[candidate];
      if (existing === undefined || JSON.stringify(existing) === JSON.stringify(definition)) return candidate;
    }
    let counter = 2;
    while (this.components[`${candidates[1]}${counter}`] !== undefined) counter++;
    return `${candidates[1]}${counter}`;
  }
}

function parametersOf(
  catalogue: SchemaCatalogue,
  schema: z.ZodType | undefined,
  location: 'path' | 'query',
  examples: Record<string, unknown> = {},
) {
  if (schema === undefined) return [];
  const object = catalogue.resolve(catalogue.schemaOf(schema, 'input'));
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description: propertyDescription, ...propertySchema } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof propertyDescription === 'string' ? { description: propertyDescription } : {}),
      // An object in a query string is sent one key per parameter: `metadata[order_id]=A-1042`.
      ...(location === 'query' && propertySchema.type === 'object'
        ? { style: 'deepObject', explode: true }
        : {}),
      schema: propertySchema,
      ...(Object.hasOwn(examples, name) ? { example: examples[name] } : {}),
    };
  });
}

/**
 * The request a route's validation example sends: its example made wrong the ways clients most
 * often get it wrong (a note under the wrong name, an amount in units with cents, a bad id).
 */
function invalidRequestOf(route: Route): { part: 'body' | 'query' | 'params'; value: unknown } | undefined {
  const { request, query } = route.examples;
  if (route.body !== undefined && typeof request === 'string') return { part: 'body', value: '' };
  if (route.body !== undefined && request !== null && typeof request === 'object') {
    const wrong: Record<string, unknown> = { ...request, note: 'Thanks!' };
    if ('amount' in request) wrong.amount = 10.5;
    return { part: 'body', value: wrong };
  }
  if (route.query !== undefined && query !== undefined) {
    return {
      part: 'query',
      value: { ...query, ...('limit' in query ? { limit: '500' } : { sort: 'newest' }) },
    };
  }
  if (route.params !== undefined) return { part: 'params', value: { id: '42' } };
  return undefined;
}

/** The `validation_failed` a route answers to its invalid request, as its own validation writes it. */
function validationProblemOf(route: Route, requestId: string): Problem {
  const invalid = invalidRequestOf(route);
  const schema = invalid === undefined ? undefined : route[invalid.part];
  try {
    if (invalid !== undefined) parseRequestPart(schema, invalid.value, invalid.part);
  } catch (error) {
    if (error instanceof AppError)
      return problemOf(error.code, error.message, requestId, error.details?.errors);
    throw error;
  }
  return problemOf('validation_failed', malformedRequestDetail, requestId);
}

/** An example of each problem a route answers: the detail a client would read, in the API's voice. */
function problemExampleOf(route: Route, code: ErrorCode): Problem {
  const requestId = ids.requestId;
  switch (code) {
    case 'validation_failed':
      return validationProblemOf(route, requestId);
    case 'unavailable':
      return problemOf(code, unavailableDetailOf(route), requestId);
    case 'unauthenticated':
      // A public route answers it for wrong credentials, as its service words them.
      return route.auth === 'public'
        ? problemOf(code, 'The login or the password is wrong: check both and try again.', requestId)
        : problemOf(code, missingTokenDetail, requestId);
    case 'token_expired':
      return problemOf(
        code,
        route.auth === 'public' ? problemPageOf(code).action : expiredTokenDetail,
        requestId,
      );
    case 'token_invalid':
      return problemOf(
        code,
        route.auth === 'public' ? problemPageOf(code).action : invalidTokenDetail,
        requestId,
      );
    case 'forbidden':
      return route.auth === 'admin'
        ? problemOf(code, adminOnlyDetail, requestId)
        : guideProblemOf(code, requestId);
    case 'rate_limited':
      return problemOf(code, rateLimitedDetailOf(30), requestId);
    case 'internal':
      return problemOf(code, unexpectedDetail, requestId);
    case 'limit_exceeded': {
      // The rule of the examples' personal wallets, as the ledger words its refusal.
      const dailyTotal = transferRule.daily_total ?? 0;
      return {
        ...problemOf(
          code,
          `The daily total of ${dailyTotal} minor units for this wallet type would be passed: send less, or wait until tomorrow (UTC).`,
          requestId,
        ),
        limit: { name: 'daily_total', value: dailyTotal },
      };
    }
    default:
      return guideProblemOf(code, requestId);
  }
}

/** A problem whose detail is its page's: what it means and what to do. */
function guideProblemOf(code: ErrorCode, requestId: string): Problem {
  const page = problemPageOf(code);
  return problemOf(code, `${page.meaning} ${page.action}`, requestId);
}

/** The request header and the response header of a route that moves money. */
function idempotencyHeadersOf(catalogue: SchemaCatalogue) {
  return {
    parameter: {
      name: idempotencyKeyHeader,
      in: 'header',
      required: true,
      description:
        'A key of your choice, unique per operation you mean (a UUID serves well), scoped to you. A retry ' +
        'with the same key and body gets the first answer again and moves nothing.',
      schema: catalogue.schemaOf(idempotencyKey, 'input'),
      example: ids.idempotencyKey,
    },
    replayedHeader: {
      [idempotentReplayedHeader]: {
        description:
          'Present, `true`, when this is the stored answer to an earlier request with the same key.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  };
}

/** A response that is a document (CSV, PDF) saved as an attachment, or its JSON reading. */
function documentResponseOf(catalogue: SchemaCatalogue, response: DocumentResponse, example: unknown) {
  const content: Record<string, unknown> = {};
  if (response.json !== undefined) {
    content['application/json'] = {
      schema: catalogue.schemaOf(response.json, 'output'),
      ...(example === undefined ? {} : { example }),
    };
  }
  for (const mediaType of response.mediaTypes) {
    content[mediaType] =
      mediaType === 'text/csv'
        ? { schema: { type: 'string', description: 'RFC 4180 CSV, UTF-8, with a header row.' } }
        : { schema: { type: 'string', format: 'binary' } };
  }
  return {
    description: `OK: ${[...(response.json === undefined ? [] : ['JSON']), ...response.mediaTypes.map((type) => type.split('/')[1]!.toUpperCase())].join(', ')}`,
    headers: {
      'Content-Disposition': {
        description: 'For a document: `attachment; filename="…"`, the name to save it under.',
        schema: { type: 'string' },
      },
    },
    content,
  };
}

/** The OpenAPI 3.1 document of a set of routes. */
export function buildOpenApiDocument(routes: Route[], version: string): OpenApiDocument {
  const catalogue = new SchemaCatalogue();
  catalogue.schemaOf(problemSchema, 'output');
  // Responses first, so that output readings keep the plain component names.
  for (const route of routes) {
    for (const response of Object.values(route.responses)) {
      const schema = isDocumentResponse(response) ? response.json : response;
      if (schema) catalogue.schemaOf(schema, 'output');
    }
  }

  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  const idempotency = idempotencyHeadersOf(catalogue);
  for (const route of routes) {
    for (const tag of route.tags) tags.add(tag);
    const responses: Record<string, unknown> = {};
    for (const [status, declared] of Object.entries(route.responses)) {
      if (isDocumentResponse(declared)) {
        responses[status] = documentResponseOf(
          catalogue,
          declared,
          route.examples?.responses[Number(status)],
        );
        continue;
      }
      const schema = declared;
      responses[status] = {
        description: successDescriptions[Number(status)] ?? (schema ? 'Success' : 'No content'),
        ...(route.idempotent ? { headers: idempotency.replayedHeader } : {}),
        ...(schema
          ? {
              content: {
                'application/json': {
                  schema: catalogue.schemaOf(schema, 'output'),
                  example: route.examples.responses[Number(status)],
                },
              },
            }
          : {}),
      };
    }
    const codesByStatus = new Map<number, ErrorCode[]>();
    for (const code of problemCodesOf(route)) {
      const status = httpStatusOf(code);
      codesByStatus.set(status, [...(codesByStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of [...codesByStatus].sort(([left], [right]) => left - right)) {
      responses[String(status)] = {
        description: codes.map((code) => `\`${code}\`: ${titleOf(code)}`).join('; '),
        content: {
          'application/problem+json': {
            schema: problemRef,
            examples: Object.fromEntries(
              codes.map((code) => [code, { summary: titleOf(code), value: problemExampleOf(route, code) }]),
            ),
          },
        },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: operationIdOf(route),
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      tags: route.tags,
      security: route.auth === 'public' ? [] : [{ bearerAuth: [] }],
      parameters: [
        ...parametersOf(catalogue, route.params, 'path', route.examples.params),
        ...parametersOf(catalogue, route.query, 'query', route.examples.query),
        ...(route.idempotent ? [idempotency.parameter] : []),
      ],
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: catalogue.schemaOf(route.body, 'input'),
                  ...(route.examples.request === undefined ? {} : { example: route.examples.request }),
                },
              },
            },
          }),
      responses,
    };
    const path = openApiPathOf(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'MoneyPal API', version, description },
    servers: [{ url: '/' }],
    tags: [...tags].map((name) => ({ name })),
    paths,
    components: {
      schemas: catalogue.components,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from POST /v1/auth/login, /v1/auth/otp/verify or /v1/auth/refresh.',
        },
      },
    },
  };
}
