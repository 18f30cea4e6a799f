import { readdirSync } from 'node:fs';
import { problemSchema, timestamp, uuid } from '@moneypal/contracts';
import { type ErrorCode, isErrorCode, MemoryBroker, titleOf } from '@moneypal/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isDocumentResponse, type Route } from '../src/route.js';
import { startGateway, type TestGateway } from './support.js';

/** Every route the route modules define, each module's `…Routes` factory called as the gateway does. */
async function definedRoutes(): Promise<Route[]> {
  const directory = new URL('../src/routes/', import.meta.url);
  const files = readdirSync(directory).filter((file) => file.endsWith('.routes.ts'));
  const modules = await Promise.all(
    files.map((file) => import(new URL(file, directory).href) as Promise<Record<string, unknown>>),
  );
  const bus = new MemoryBroker().connect('gateway');
  const options = { rateLimitPerMinute: 10, bus, services: [], timeoutMs: 1_000 };
  const routes: Route[] = [];
  for (const module of Object.values(modules)) {
    for (const [name, factory] of Object.entries(module)) {
      if (/^[a-z]\w*Routes$/.test(name) && !name.startsWith('register') && typeof factory === 'function') {
        routes.push(...(factory as (options: unknown) => Route[])(options));
      }
    }
  }
  return routes;
}

interface MediaType {
  schema: unknown;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}
interface Parameter {
  name: string;
  in: string;
  schema: unknown;
  example?: unknown;
}
interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

function openApiPathOf(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Every object in a value, however deep, with where it is. */
function objectsIn(
  value: unknown,
  where = '',
  found: { where: string; object: Record<string, unknown> }[] = [],
) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      objectsIn(item, `${where}[${index}]`, found);
    });
  } else if (value !== null && typeof value === 'object') {
    found.push({ where, object: value as Record<string, unknown> });
    for (const [key, inner] of Object.entries(value)) objectsIn(inner, `${where}.${key}`, found);
  }
  return found;
}

/** The field schema of one parameter of an object schema (through zod's wrappers). */
function fieldSchemaOf(schema: z.ZodType, name: string): z.ZodType | undefined {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape?.[name];
}

/** The example of every success response of a route, with its status. */
/** Each success response's JSON schema and example; a document answered only as a file has neither. */
function successExamplesOf(route: Route): [number, z.ZodType | null, unknown][] {
  return Object.entries(route.responses).flatMap(
    ([status, response]): [number, z.ZodType | null, unknown][] => {
      const schema = isDocumentResponse(response) ? response.json : response;
      if (schema === undefined) return [];
      return [[Number(status), schema, route.examples.responses[Number(status)]]];
    },
  );
}

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('examples in the OpenAPI document', () => {
  let gateway: TestGateway;
  let document: Document;
  let routes: Route[];
  beforeAll(async () => {
    gateway = await startGateway();
    const response = await gateway.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
    routes = await definedRoutes();
  });
  afterAll(async () => {
    await gateway.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
  const routeOf = (name: string) =>
    routes.find((route) => `${route.method} ${openApiPathOf(route.url)}` === name);

  it('checks every operation of the document against the route that defines it', () => {
    expect(operations().length).toBeGreaterThan(50);
    for (const { name } of operations()) expect(routeOf(name), name).toBeDefined();
  });

  it('shows an example request body and an example of every success response', () => {
    for (const { name, operation } of operations()) {
      const body = operation.requestBody?.content['application/json'];
      if (body !== undefined) expect(body.example, `${name} request`).toBeDefined();
      for (const [status, response] of Object.entries(operation.responses)) {
        const json = response.content?.['application/json'];
        if (json !== undefined) expect(json.example, `${name} ${status}`).toBeDefined();
      }
    }
  });

  it('gives every request example that the route’s body schema accepts as it is', () => {
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      if (route.body === undefined) {
        expect(route.examples.request, name).toBeUndefined();
        continue;
      }
      const parsed = route.body.safeParse(route.examples.request);
      expect(parsed.error?.issues ?? [], name).toEqual([]);
    }
  });

  it('gives every response example that its schema accepts, with no field the schema does not declare', () => {
    for (const route of routes) {
      for (const [status, schema, example] of successExamplesOf(route)) {
        const name = `${route.method} ${route.url} ${status}`;
        if (schema === null) {
          expect(example, name).toBeNull();
          continue;
        }
        const parsed = schema.safeParse(example);
        expect(parsed.error?.issues ?? [], name).toEqual([]);
        // A response schema drops the fields it does not declare: the example must lose none.
        expect(JSON.parse(JSON.stringify(parsed.data)), name).toEqual(JSON.parse(JSON.stringify(example)));
      }
    }
  });

  it('gives every path and query parameter an example that its schema accepts', () => {
    for (const { name, operation } of operations()) {
      const route = routeOf(name)!;
      for (const parameter of operation.parameters) {
        if (parameter.in === 'header') continue;
        const where = `${name} ${parameter.in} ${parameter.name}`;
        expect(parameter.example, where).toBeDefined();
        const schema = parameter.in === 'path' ? route.params : route.query;
        const field = fieldSchemaOf(schema!, parameter.name);
        expect(field, where).toBeDefined();
        expect(field!.safeParse(parameter.example).error?.issues ?? [], where).toEqual([]);
      }
      if (route.params !== undefined) {
        expect(route.params.safeParse(route.examples.params).success, `${name} path`).toBe(true);
      }
    }
  });

  it('gives every problem response an example of each code it answers, in the problem shape', () => {
    for (const { name, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const problem = response.content?.['application/problem+json'];
        if (problem === undefined) continue;
        const examples = Object.entries(problem.examples ?? {});
        expect(examples.length, `${name} ${status}`).toBeGreaterThan(0);
        for (const [code, { value }] of examples) {
          const where = `${name} ${status} ${code}`;
          expect(isErrorCode(code), where).toBe(true);
          expect(problemSchema.strict().safeParse(value).error?.issues ?? [], where).toEqual([]);
          expect(value, where).toMatchObject({
            type: `/problems/${code}`,
            title: titleOf(code as ErrorCode),
            status: Number(status),
            code,
            request_id: expect.stringMatching(uuidLike),
          });
          const { detail } = value as { detail: string };
          expect(detail, where).toMatch(/^[A-Z].*[.?!]$/s);
        }
      }
    }
  });

  it('shows the validation errors a route’s own validation writes for a wrong request', () => {
    const registerProblem = document.paths['/v1/auth/register']?.post?.responses['400']?.content?.[
      'application/problem+json'
    ]?.examples?.validation_failed?.value as { errors: { path: string; message: string }[] };
    expect(registerProblem.errors).toEqual([
      {
        path: 'note',
        message:
          'Unknown field `note`. Remove it: this request takes `first_name`, `last_name`, `user_name`, `email`, `password` and `phone`.',
      },
    ]);
    const transferProblem = document.paths['/v1/transfers']?.post?.responses['400']?.content?.[
      'application/problem+json'
    ]?.examples?.validation_failed?.value as { errors: { path: string; message: string }[] };
    expect(transferProblem.errors).toEqual(
      expect.arrayContaining([
        { path: 'amount', message: expect.stringContaining('such as 1050 for 10.50') },
        { path: 'note', message: 'Unknown field `note`. Did you mean `description`?' },
      ]),
    );
    for (const { name, operation } of operations()) {
      const route = routeOf(name)!;
      if (route.body === undefined && route.query === undefined && route.params === undefined) continue;
      const value = operation.responses['400']?.content?.['application/problem+json']?.examples
        ?.validation_failed?.value as { errors?: { path: string; message: string }[] };
      expect(value.errors?.length ?? 0, name).toBeGreaterThan(0);
      for (const error of value.errors ?? []) expect(error.message, name).toMatch(/^[A-Z`].*[.?!]$/s);
    }
  });

  it('never names both a wallet and a user as the recipient', () => {
    for (const { where, object } of objectsIn(document.paths)) {
      const both = 'to_wallet_id' in object && 'to_user' in object;
      const request = !('id' in object);
      expect(both && request, where).toBe(false);
    }
  });

  it('writes every id as a UUID and every time as RFC 3339', () => {
    const examples = routes.flatMap((route) => [
      route.examples.request,
      ...Object.values(route.examples.responses),
    ]);
    for (const { where, object } of objectsIn(examples)) {
      // Metadata holds the client's own strings, such as an order id.
      if (where.endsWith('.metadata')) continue;
      for (const [key, value] of Object.entries(object)) {
        if (typeof value !== 'string') continue;
        if (key === 'id' || key.endsWith('_id')) {
          if (key.startsWith('paypal_') || key === 'event_id' || key === 'provider_id') continue;
          expect(uuid.safeParse(value).success, `${where}.${key} ${value}`).toBe(true);
        }
        if (key.endsWith('_at') || key === 'as_of') {
          expect(timestamp.safeParse(value).success, `${where}.${key} ${value}`).toBe(true);
        }
      }
    }
  });

  it('tells one story: entries that sum to zero, balances that follow from them', () => {
    let transfersWithEveryEntry = 0;
    for (const route of routes) {
      for (const [status, , example] of successExamplesOf(route)) {
        for (const { where, object } of objectsIn(example, `${route.method} ${route.url} ${status}`)) {
          const entries = object.entries as
            | { wallet_id: string | null; account: string; amount: number; balance_after: number }[]
            | undefined;
          if (!Array.isArray(entries) || typeof object.amount !== 'number') continue;
          const sum = entries.reduce((total, entry) => total + entry.amount, 0);
          const wallets = new Set(entries.map((entry) => entry.wallet_id));
          const every =
            entries.some((entry) => entry.account === 'system') ||
            (wallets.has(object.from_wallet_id as string) && wallets.has(object.to_wallet_id as string));
          if (every) {
            transfersWithEveryEntry += 1;
            expect(sum, where).toBe(0);
          }
          // What leaves (or enters) a party's accounts is the transfer's amount.
          const credited = entries
            .filter((entry) => entry.amount > 0)
            .reduce((total, e) => total + e.amount, 0);
          const debited = -entries
            .filter((entry) => entry.amount < 0)
            .reduce((total, e) => total + e.amount, 0);
          expect([credited, debited], where).toContain(object.amount);
        }
        const result = example as {
          transfer?: { entries?: { wallet_id: string; account: string; balance_after: number }[] };
          balance?: { wallet_id: string; main: number; savings: number };
        } | null;
        if (result?.transfer?.entries === undefined || result.balance === undefined) continue;
        for (const entry of result.transfer.entries) {
          if (entry.wallet_id !== result.balance.wallet_id) continue;
          if (entry.account === 'main' || entry.account === 'savings') {
            expect(result.balance[entry.account], `${route.method} ${route.url} ${entry.account}`).toBe(
              entry.balance_after,
            );
          }
        }
      }
    }
    expect(transfersWithEveryEntry).toBeGreaterThan(2);
  });

  it('keeps each media type to one of example or examples, and each parameter with its schema', () => {
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters) expect(parameter.schema, name).toBeDefined();
      const media = [
        ...Object.values(operation.requestBody?.content ?? {}),
        ...Object.values(operation.responses).flatMap((response) => Object.values(response.content ?? {})),
      ];
      for (const type of media) {
        expect(type.example !== undefined && type.examples !== undefined, name).toBe(false);
        for (const example of Object.values(type.examples ?? {}))
          expect(example, name).toHaveProperty('value');
      }
    }
  });
});
