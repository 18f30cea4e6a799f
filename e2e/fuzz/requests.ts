import { uuid } from '@moneypal/contracts';
import fc from 'fast-check';

/**
 * Bad requests derived from the gateway's OpenAPI document. Every request carries at least
 * one flaw that the gateway must refuse before anything changes (a missing or garbage token,
 * a method the path does not have, a bad id, a bad query parameter, a bad Idempotency-Key, a
 * bad body or content type, or bytes that are not HTTP at all), and may carry noise besides
 * (unicode, odd but harmless headers, real ids). So every answer must be a 4xx problem.
 */

type JsonSchema = { [key: string]: unknown };

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface OpenApiOperation {
  security?: unknown[];
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the document, with its schemas' references followed. */
export interface Operation {
  method: string;
  /** OpenAPI syntax: `/v1/wallets/{id}`. */
  path: string;
  authenticated: boolean;
  /** The other methods of the same path; any method not among them has no route there. */
  methodsOfPath: string[];
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  idempotent: boolean;
  /** The JSON body's schema, absent when the operation takes none. */
  body: JsonSchema | undefined;
  /** The body reaches the route as text, for a signature over its bytes (the PayPal webhook). */
  signedBody: boolean;
}

/** One request exactly as it goes on the wire. */
export interface FuzzRequest {
  method: string;
  /** The request target: the path with its query string, percent-encoded as sent. */
  target: string;
  headers: Record<string, string>;
  /** Sent as UTF-8 when a string, as the bytes themselves otherwise. */
  body?: string | Uint8Array;
  /** When present, these bytes (latin1) are the whole request, written on a new connection. */
  raw?: string;
  operation: string;
  /** What makes the gateway refuse it; none only for a read, which may then succeed. */
  flaws: string[];
}

/** Real things of the running system, so that flawed requests look like real ones elsewhere. */
export interface FuzzContext {
  /** Ids that exist: users, wallets. */
  ids: string[];
  userNames: string[];
  emails: string[];
}

/**
 * Where a real access token goes: requests carry these names, and the sender puts the
 * tokens in, so a printed request is exact but for the token it names.
 */
export const userTokenName = '<user access token>';
export const adminTokenName = '<admin access token>';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const allMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function resolve(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const target = document.components.schemas[ref.slice('#/components/schemas/'.length)];
    if (target === undefined) throw new Error(`unknown schema ${ref}`);
    return resolve(document, target);
  }
  return schema;
}

/** Every operation of the document. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    const methodsOfPath = Object.keys(byMethod).map((method) => method.toUpperCase());
    for (const [method, operation] of Object.entries(byMethod)) {
      const parameters = operation.parameters ?? [];
      const of = (location: string) =>
        parameters
          .filter((parameter) => parameter.in === location)
          .map((parameter) => ({
            name: parameter.name,
            required: parameter.required === true,
            schema: resolve(document, parameter.schema),
          }));
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const body = bodySchema === undefined ? undefined : resolveDeep(document, bodySchema);
      operations.push({
        method: method.toUpperCase(),
        path,
        authenticated: (operation.security ?? []).length > 0,
        methodsOfPath,
        pathParameters: of('path'),
        queryParameters: of('query'),
        idempotent: parameters.some(
          (parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key',
        ),
        body,
        signedBody: body?.type === 'string',
      });
    }
  }
  return operations;
}

function resolveDeep(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const resolved = resolve(document, schema);
  const result: JsonSchema = { ...resolved };
  if (resolved.properties !== undefined) {
    result.properties = Object.fromEntries(
      Object.entries(resolved.properties as Record<string, JsonSchema>).map(([name, property]) => [
        name,
        resolveDeep(document, property),
      ]),
    );
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(resolved[key])) {
      result[key] = (resolved[key] as JsonSchema[]).map((branch) => resolveDeep(document, branch));
    }
  }
  return result;
}

type Generate = fc.GeneratorValue;

/** Strings a client could send, most of them odd: unicode, emoji, right-to-left, long ones. */
const oddText = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'Zoë',
    '山田',
    '💸💸',
    '\u202eevil',
    'a\u0301',
    '\ufeffbom',
    "' or 1=1 --",
    '{{7*7}}',
    '../../etc',
  ),
);

/** Characters no request string may hold (a tab, a newline and a carriage return are allowed). */
const controlCharacter = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u001f',
  '\u007f',
);

function typesOf(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  const add = (branch: JsonSchema) => {
    if (typeof branch.type === 'string') types.add(branch.type);
    if (Array.isArray(branch.type)) for (const type of branch.type) types.add(String(type));
    if ('const' in branch)
      types.add(typeof branch.const === 'string' ? 'string' : String(typeof branch.const));
    if (Array.isArray(branch.enum)) types.add('string');
  };
  add(schema);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) for (const branch of schema[key] as JsonSchema[]) add(branch);
  }
  if (types.has('integer')) types.add('number');
  return types;
}

/** A value the schema accepts, or close to one: the base that flaws are then put into. */
function plausibleValue(g: Generate, schema: JsonSchema, context: FuzzContext, name = ''): unknown {
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches))
      return plausibleValue(g, g(fc.constantFrom, ...(branches as JsonSchema[])), context, name);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return g(fc.constantFrom, ...(schema.enum as unknown[]));
  if (schema.default !== undefined && g(fc.boolean)) return schema.default;
  switch (schema.type) {
    case 'null':
      return null;
    case 'boolean':
      return g(fc.boolean);
    case 'integer':
    case 'number': {
      if (schema.type === 'number' && g(fc.boolean)) {
        return g(fc.constantFrom, 0, -1, 0.5, 1e-9, 9007199254740991, 9007199254740992, 1e300, -1e300);
      }
      const maximum = typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1_000_000) : 1_000_000;
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : 1;
      return g(fc.integer, { min: Math.max(minimum, 1), max: Math.max(maximum, 1) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(properties)) {
        if (required.has(key) || g(fc.boolean)) value[key] = plausibleValue(g, property, context, key);
      }
      return value;
    }
    case 'string':
      return plausibleString(g, schema, context, name);
    default:
      return g(fc.jsonValue, { maxDepth: 2 });
  }
}

function plausibleString(g: Generate, schema: JsonSchema, context: FuzzContext, name: string): string {
  if (schema.format === 'uuid')
    return g(() => fc.oneof(fc.constantFrom(...context.ids), fc.uuid({ version: 7 })));
  if (schema.format === 'date-time') {
    return g(fc.date, {
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    }).toISOString();
  }
  if (schema.format === 'date') {
    return g(fc.date, {
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
      .toISOString()
      .slice(0, 10);
  }
  if (name === 'email' || name === 'login' || name === 'to_user' || name === 'paid_to') {
    return g(fc.constantFrom, ...context.emails, ...context.userNames, 'nobody@example.com');
  }
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  if (typeof schema.pattern === 'string') {
    const value = g(fc.stringMatching, new RegExp(schema.pattern), { maxLength: Math.min(maxLength, 40) });
    if (value.length <= maxLength) return value;
  }
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const text = g(fc.string, { minLength, maxLength: Math.min(maxLength, minLength + 20), unit: 'grapheme' });
  return text.length >= minLength ? text : text.padEnd(minLength, 'x');
}

/** A value of a JSON type the schema does not allow. */
function wrongTypedValue(g: Generate, schema: JsonSchema): unknown {
  const allowed = typesOf(schema);
  const candidates: [string, unknown][] = [
    ['string', g(fc.constantFrom, '1', '', 'true', '00000000-0000-0000-0000-000000000000', '1e3')],
    ['number', g(fc.constantFrom, 1.5, -0.25, 1e-7)],
    ['integer', g(fc.constantFrom, 7, -1)],
    ['boolean', g(fc.boolean)],
    ['null', null],
    ['array', g(fc.constantFrom, [], [1], ['a'], [{}])],
    ['object', g(fc.constantFrom, {}, { a: 1 }, { $gt: '' })],
  ];
  // A fraction is a wrong type only where whole numbers are wanted.
  const wrong = candidates.filter(
    ([type]) => !allowed.has(type) && !(type === 'integer' && allowed.has('number')),
  );
  if (allowed.has('integer') && !allowed.has('string')) wrong.push(['number', 1.5]);
  return g(fc.constantFrom, ...wrong)[1];
}

/** Number literals that no whole-number field in range accepts, written as JSON text. */
const badNumberLiteral = fc.constantFrom(
  '0',
  '-1',
  '-0',
  '1.5',
  '9007199254740992',
  '9007199254740993',
  '1e21',
  '1e400',
  '-1e400',
  '1e-400',
  `${'9'.repeat(400)}`,
  '123456789012345678901234567890',
  '2E+308',
);

/** Ids that are not UUIDs, in the shapes a client gets wrong. */
const badId = fc.oneof(
  fc.constantFrom(
    '1',
    '0',
    '-1',
    'null',
    'undefined',
    'me',
    "' or '1'='1",
    '00000000-0000-0000-0000-00000000000g',
    '{00000000-0000-0000-0000-000000000000}',
    '..',
    'x'.repeat(5_000),
  ),
  fc.uuid().map((id) => `${id.slice(0, 14)}9${id.slice(15)}`),
  fc.uuid().map((id) => `${id}0`),
  fc.uuid().map((id) => id.replaceAll('-', '')),
  fc.uuid().chain((id) => controlCharacter.map((character) => `${id}${character}`)),
  oddText.filter((text) => text.length > 0 && !uuid.safeParse(text).success),
);

/** Garbage where an access token goes. */
const badAuthorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer null',
    'Basic YWRtaW46YWRtaW4=',
    'bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.',
    'Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJl',
    `Bearer ${'A'.repeat(8_000)}`,
    'Token abc',
  ),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => `Bearer ${headerSafe(text)}`),
);

/** Text as a header value may carry it (Node refuses control characters there). */
function headerSafe(text: string): string {
  return text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}

/** Percent-encodes a query or path value, leaving some Latin-1 characters raw as a sloppy client does. */
function encoded(value: string, raw: boolean): string {
  if (!raw) return encodeURIComponent(value).replace(/'/g, '%27');
  return Array.from(value)
    .map((character) => (/^[\u00a1-\u00ff]$/.test(character) ? character : encodeURIComponent(character)))
    .join('');
}

/** A query value no parameter of this schema accepts. */
function badQueryValue(g: Generate, schema: JsonSchema): string {
  const choices: string[] = [];
  const types = typesOf(schema);
  if (types.has('integer') || types.has('number')) {
    choices.push('abc', 'NaN', 'Infinity', '1e400', '0x', '--1', '1 2', '[]');
    // An empty value coerces to 0, which only a minimum refuses.
    if (types.has('integer')) choices.push('1.5', '0', '-1', '101', '1e3', '9007199254740993', '', ' ');
  }
  if (Array.isArray(schema.enum)) choices.push(`${String(schema.enum[0])}x`, 'ALL', '*', '');
  if (schema.format === 'uuid') choices.push(g(() => badId));
  if (schema.format === 'date-time' || schema.format === 'date') {
    choices.push(
      'yesterday',
      '2024-02-30T00:00:00Z',
      '2024-13-01',
      '0000-00-00T00:00:00Z',
      '1e9',
      '2024-01-01T25:00:00Z',
    );
    if (schema.format === 'date') choices.push('2024-01-01T00:00:00Z');
  }
  if (typeof schema.pattern === 'string') choices.push('!!', 'UPPER lower', '💸');
  if (typeof schema.maxLength === 'number') choices.push('a'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) choices.push('');
  // A control character is refused in every request string, and makes no number.
  choices.push(`a${g(() => controlCharacter)}b`);
  return g(fc.constantFrom, ...choices);
}

interface Draft {
  method: string;
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
  /** When set, the body's exact text (broken JSON and the like), which `body` no longer describes. */
  bodyText: string | Uint8Array | undefined;
  contentType: string | undefined;
  rawQuery: boolean;
}

type FlawKind = 'auth' | 'method' | 'path' | 'query' | 'idempotency' | 'body' | 'signature';

function flawKindsOf(operation: Operation): FlawKind[] {
  const kinds: FlawKind[] = ['method'];
  if (operation.authenticated) kinds.push('auth');
  if (operation.pathParameters.length > 0) kinds.push('path');
  if (operation.queryParameters.length > 0) kinds.push('query');
  if (operation.idempotent) kinds.push('idempotency');
  if (bodyMethods.has(operation.method) && !operation.signedBody) kinds.push('body');
  if (operation.signedBody) kinds.push('signature');
  return kinds;
}

function putAuthFlaw(g: Generate, draft: Draft): string {
  if (g(fc.boolean)) {
    delete draft.headers.authorization;
    return 'no access token';
  }
  draft.headers.authorization = g(() => badAuthorization);
  return 'a garbage access token';
}

function putMethodFlaw(g: Generate, operation: Operation, draft: Draft): string {
  const others = allMethods.filter((method) => !operation.methodsOfPath.includes(method));
  draft.method = g(fc.constantFrom, ...others);
  return `a method the path does not have (${draft.method})`;
}

function putPathFlaw(g: Generate, operation: Operation, draft: Draft): string {
  const parameter = g(fc.constantFrom, ...operation.pathParameters);
  draft.pathValues[parameter.name] = g(() => badId);
  return `a bad path parameter ${parameter.name}`;
}

function putQueryFlaw(g: Generate, operation: Operation, draft: Draft): string {
  const parameters = operation.queryParameters;
  const required = parameters.filter((parameter) => parameter.required);
  const kinds = ['unknown', 'bad value', 'repeated', ...(required.length > 0 ? ['missing'] : [])];
  const kind = g(fc.constantFrom, ...kinds);
  if (kind === 'unknown') {
    const name = g(() =>
      fc.oneof(
        fc.constantFrom('user_id', 'owner_id', 'admin', 'role[]', 'offset', 'LIMIT', 'toString'),
        fc.stringMatching(/^[a-z_]{1,12}$/),
      ),
    );
    if (parameters.some((parameter) => parameter.name === name)) draft.query.push([`${name}_x`, '1']);
    else draft.query.push([name, g(fc.constantFrom, '1', 'true', '', 'x')]);
    return `an unknown query parameter ${name}`;
  }
  const parameter = g(fc.constantFrom, ...(kind === 'missing' ? required : parameters));
  draft.query = draft.query.filter(([name]) => name !== parameter.name);
  if (kind === 'missing') return `a missing query parameter ${parameter.name}`;
  if (kind === 'repeated') {
    draft.query.push([parameter.name, '1'], [parameter.name, '2']);
    return `a repeated query parameter ${parameter.name}`;
  }
  draft.query.push([parameter.name, badQueryValue(g, parameter.schema)]);
  return `a bad query parameter ${parameter.name}`;
}

function putIdempotencyFlaw(g: Generate, draft: Draft): string {
  const key = g(
    fc.constantFrom,
    undefined,
    '',
    ' ',
    'has space',
    'k'.repeat(256),
    'clé-ñ',
    '\u00ff\u00fe',
    `${'a'.repeat(255)}\u00e9`,
  );
  if (key === undefined) delete draft.headers['idempotency-key'];
  else draft.headers['idempotency-key'] = key;
  return 'a bad Idempotency-Key';
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON text with a key of its own inserted first, which JSON.stringify cannot write. */
function withLeadingKey(value: Record<string, unknown>, keyText: string): string {
  const rest = JSON.stringify(value).slice(1);
  return `{${keyText}${rest === '}' ? '}' : `,${rest}`}`;
}

function putBodyFlaw(g: Generate, operation: Operation, draft: Draft): string {
  const schema = operation.body;
  const object = (draft.body ?? {}) as Record<string, unknown>;
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  const required = (schema?.required ?? []) as string[];
  const stringNames = names.filter((name) => typesOf(properties[name]!).has('string'));
  const integerNames = names.filter((name) => typesOf(properties[name]!).has('integer'));
  const kinds = [
    'broken JSON',
    'a prototype-poisoning key',
    'invalid UTF-8',
    'a content type that is not JSON',
    'a body over the size limit',
  ];
  if (schema !== undefined) {
    kinds.push('a JSON value that is not an object', 'a missing body', 'a constructor-poisoning key');
    if (schema.additionalProperties === false || schema.oneOf !== undefined) kinds.push('an unknown field');
    if (names.length > 0) kinds.push('a field of the wrong type');
    if (required.length > 0) kinds.push('a missing required field');
    if (stringNames.length > 0)
      kinds.push('a control character in a string field', 'a string field too long');
    if (integerNames.length > 0) kinds.push('a number out of range');
  }
  const kind = g(fc.constantFrom, ...kinds);
  draft.contentType ??= 'application/json';
  switch (kind) {
    case 'broken JSON': {
      const text = JSON.stringify(object);
      const broken: string = g(() =>
        fc.oneof(
          fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((end) => text.slice(0, end)),
          fc.constantFrom(
            `${text.slice(0, -1)},}`,
            text.replace(/"/g, "'"),
            `${text}}`,
            `${text} trailing`,
            '{"amount": NaN}',
            '{"amount": Infinity}',
            '{/* comment */}',
            '{"a": 1,,}',
            '{"a" 1}',
            '{"\\uD800": "\\uZZZZ"}',
            '{',
            '[',
            '"',
            '\u0000',
          ),
        ),
      );
      // A cut or a quote swap can leave JSON whole ('{}' cut nowhere, no quotes to swap).
      draft.bodyText = isJson(broken) ? `${broken}{` : broken;
      return kind;
    }
    case 'a prototype-poisoning key':
      draft.bodyText = withLeadingKey(
        object,
        g(
          fc.constantFrom,
          '"__proto__": {"role": "admin"}',
          '"__proto__": null',
          '"a": {"__proto__": {"x": 1}}',
        ),
      );
      return kind;
    case 'a constructor-poisoning key':
      draft.bodyText = withLeadingKey(object, '"constructor": {"prototype": {"role": "admin"}}');
      return kind;
    case 'invalid UTF-8':
      draft.bodyText = Uint8Array.from([
        ...g(fc.constantFrom, [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xfe, 0xff]),
        ...Buffer.from(JSON.stringify(object)),
      ]);
      return kind;
    case 'a content type that is not JSON':
      draft.contentType = g(
        fc.constantFrom,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/octet-stream',
        'image/png',
        'json',
        'application/',
        ';',
      );
      draft.bodyText = JSON.stringify(object);
      return `${kind} (${draft.contentType})`;
    case 'a body over the size limit':
      draft.bodyText = JSON.stringify({ ...object, padding: 'x'.repeat(70 * 1024) });
      return kind;
    case 'a JSON value that is not an object':
      draft.bodyText = g(fc.constantFrom, '[]', '[{}]', '"text"', '42', 'null', 'true', '""', '-0');
      return kind;
    case 'a missing body':
      draft.contentType = g(fc.constantFrom, undefined, 'application/json');
      draft.bodyText = '';
      return kind;
    case 'an unknown field': {
      const name = g(() =>
        fc.oneof(
          fc.constantFrom(
            'role',
            'admin',
            'is_admin',
            'balance',
            'owner_id',
            'id',
            'status',
            'constructor',
            'toString',
          ),
          fc.stringMatching(/^[a-z_]{1,10}$/),
        ),
      );
      if (names.includes(name)) object[`${name}_`] = 1;
      else object[name] = g(fc.jsonValue, { maxDepth: 2 });
      draft.body = object;
      return `${kind} ${name}`;
    }
    case 'a field of the wrong type': {
      const name = g(fc.constantFrom, ...names);
      object[name] = wrongTypedValue(g, properties[name]!);
      draft.body = object;
      return `${kind} ${name}`;
    }
    case 'a missing required field': {
      const name = g(fc.constantFrom, ...required);
      delete object[name];
      draft.body = object;
      return `${kind} ${name}`;
    }
    case 'a control character in a string field': {
      const name = g(fc.constantFrom, ...stringNames);
      const value = typeof object[name] === 'string' ? (object[name] as string) : 'text';
      const at = g(fc.integer, { min: 0, max: value.length });
      object[name] = `${value.slice(0, at)}${g(() => controlCharacter)}${value.slice(at)}`;
      draft.body = object;
      return `${kind} ${name}`;
    }
    case 'a string field too long': {
      const name = g(fc.constantFrom, ...stringNames);
      const maxLength = properties[name]!.maxLength;
      object[name] = 'a'.repeat(typeof maxLength === 'number' ? maxLength + 1 : 60 * 1024);
      draft.body = object;
      return `${kind} ${name}`;
    }
    default: {
      const name = g(fc.constantFrom, ...integerNames);
      const marker = '"__number__"';
      object[name] = '__number__';
      draft.bodyText = JSON.stringify(object).replace(
        marker,
        g(() => badNumberLiteral),
      );
      return `${kind} ${name}`;
    }
  }
}

/** Harmless oddities besides the flaws: they must not turn a refusal into anything else. */
function putNoise(g: Generate, operation: Operation, draft: Draft): void {
  if (g(fc.boolean)) draft.headers['x-request-id'] = headerSafe(g(() => oddText));
  // Keys that must not reach an object's prototype, wherever they are parsed.
  if (g(fc.boolean))
    draft.query.push([g(fc.constantFrom, '__proto__', 'constructor', '__proto__[role]'), 'admin']);
  if (g(fc.boolean))
    draft.headers.accept = g(
      fc.constantFrom,
      '*/*',
      'text/html',
      'application/xml',
      'application/problem+json',
      '',
    );
  if (g(fc.boolean)) draft.headers['user-agent'] = headerSafe(g(() => oddText));
  if (!operation.authenticated && g(fc.boolean)) draft.headers.authorization = g(() => badAuthorization);
  draft.rawQuery = g(fc.boolean);
}

function targetOf(operation: Operation, draft: Draft): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) =>
    encoded(draft.pathValues[name] ?? '', draft.rawQuery),
  );
  if (draft.query.length === 0) return path;
  const query = draft.query.map(
    ([name, value]) => `${encoded(name, false)}=${encoded(value, draft.rawQuery)}`,
  );
  return `${path}?${query.join('&')}`;
}

function requestOf(g: Generate, operation: Operation, context: FuzzContext): FuzzRequest {
  const draft: Draft = {
    method: operation.method,
    pathValues: {},
    query: [],
    headers: {},
    body: undefined,
    bodyText: undefined,
    contentType: undefined,
    rawQuery: false,
  };
  if (operation.authenticated) {
    const token = g(fc.constantFrom, userTokenName, adminTokenName);
    draft.headers.authorization = `Bearer ${token}`;
  }
  for (const parameter of operation.pathParameters) {
    draft.pathValues[parameter.name] = plausibleString(g, parameter.schema, context, parameter.name);
  }
  for (const parameter of operation.queryParameters) {
    if (parameter.required || g(fc.boolean)) {
      draft.query.push([
        parameter.name,
        String(plausibleValue(g, parameter.schema, context, parameter.name)),
      ]);
    }
  }
  if (operation.idempotent) draft.headers['idempotency-key'] = g(fc.uuid);
  if (operation.body !== undefined) {
    draft.body = plausibleValue(g, operation.body, context);
    draft.contentType = 'application/json';
  }

  // A wrong method or token stops a request before anything else is read: those flaws are
  // kept rare so that most requests reach the parameters, the key and the body.
  const deeper = flawKindsOf(operation).filter((kind) => kind !== 'method' && kind !== 'auth');
  const kinds: FlawKind[] =
    deeper.length > 0 ? g(fc.subarray, deeper, { minLength: 1, maxLength: Math.min(2, deeper.length) }) : [];
  if (operation.authenticated && (kinds.length === 0 || g(fc.integer, { min: 0, max: 5 }) === 0))
    kinds.push('auth');
  if (kinds.length === 0 || g(fc.integer, { min: 0, max: 9 }) === 0) kinds.push('method');
  // A read changes nothing, so some go without a flaw: odd but valid values (unknown ids,
  // random cursors, far dates, extreme amounts) reach the services, which must not fail on them.
  if (operation.method === 'GET' && operation.authenticated && g(fc.integer, { min: 0, max: 3 }) === 0) {
    kinds.length = 0;
  }
  const flaws: string[] = [];
  for (const kind of kinds) {
    if (kind === 'auth') flaws.push(putAuthFlaw(g, draft));
    else if (kind === 'method') flaws.push(putMethodFlaw(g, operation, draft));
    else if (kind === 'path') flaws.push(putPathFlaw(g, operation, draft));
    else if (kind === 'query') flaws.push(putQueryFlaw(g, operation, draft));
    else if (kind === 'idempotency') flaws.push(putIdempotencyFlaw(g, draft));
    else if (kind === 'body') flaws.push(putBodyFlaw(g, operation, draft));
    else flaws.push('no PayPal signature headers');
  }
  putNoise(g, operation, draft);

  const request: FuzzRequest = {
    method: draft.method,
    target: targetOf(operation, draft),
    headers: draft.headers,
    operation: `${operation.method} ${operation.path}`,
    flaws,
  };
  const body = draft.bodyText ?? (draft.body === undefined ? undefined : JSON.stringify(draft.body));
  if (body !== undefined && body.length > 0 && bodyMethods.has(draft.method)) {
    request.body = body;
    if (draft.contentType !== undefined) request.headers['content-type'] = draft.contentType;
  } else if (body === '' && draft.contentType !== undefined && bodyMethods.has(draft.method)) {
    request.body = '';
    request.headers['content-type'] = draft.contentType;
  }
  return request;
}

/** Bytes that are not HTTP, each with the parser error they must meet; any method, any path. */
function malformedRequest(g: Generate, operations: Operation[]): FuzzRequest {
  // Never a public route without a body: bytes that Node does parse must still be refused.
  const operation = g(
    fc.constantFrom,
    ...operations.filter((candidate) => candidate.authenticated || candidate.body !== undefined),
  );
  const path = operation.path.replace(/\{[^}]+\}/g, '00000000-0000-0000-0000-000000000000');
  const start = `${operation.method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`;
  const cases: [string, string][] = [
    ['a space in a header name', `${start}Bad Header: 1\r\n\r\n`],
    ['a control character in a header value', `${start}X-Value: a${g(() => controlCharacter)}b\r\n\r\n`],
    [
      'a control character in the path',
      `${operation.method} ${path}${g(() => controlCharacter)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ],
    [
      'a method that is not a token',
      `${g(fc.constantFrom, 'G@T', 'PO ST', 'GET\u0000', '(GET)')} ${path} HTTP/1.1\r\n\r\n`,
    ],
    [
      'a content length that is not a number',
      `${start}Content-Type: application/json\r\nContent-Length: ${g(fc.constantFrom, 'ten', '-1', '1.5', '0x10')}\r\n\r\n{}`,
    ],
    ['two different content lengths', `${start}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`],
    [
      'a chunk size that is not hexadecimal',
      `${start}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'headers over the size limit',
      `${start}X-Big: ${'a'.repeat(g(fc.integer, { min: 17_000, max: 40_000 }))}\r\n\r\n`,
    ],
    [
      'an unknown HTTP version',
      `${operation.method} ${path} HTTP/${g(fc.constantFrom, '3.0', 'x.y', '1.1.1')}\r\nHost: x\r\n\r\n`,
    ],
  ];
  const [flaw, raw] = g(fc.constantFrom, ...cases);
  return {
    method: operation.method,
    target: path,
    headers: {},
    raw,
    operation: 'malformed HTTP',
    flaws: [flaw],
  };
}

/** Bad requests for every operation of the document, with a few that are not HTTP at all. */
export function badRequests(operations: Operation[], context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { arbitrary: fc.gen().map((g) => requestOf(g, g(fc.constantFrom, ...operations), context)), weight: 24 },
    { arbitrary: fc.gen().map((g) => malformedRequest(g, operations)), weight: 1 },
  );
}
