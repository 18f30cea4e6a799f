import { z } from 'zod';
import { defineRequest } from './define.js';
import './messages.js';

export const uuid = z.uuid({ error: 'must be a UUID, such as 0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01' });

/**
 * Control characters other than tab, line feed and carriage return. None belongs in a name,
 * a note or a search, and PostgreSQL cannot store NUL at all.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Text a client sends: any string without control characters. Every string of a request
 * (HTTP body, query string or bus request) starts from it, so that a NUL or an escape
 * sequence is refused as `validation_failed` wherever it enters a process.
 */
export const text = z.string().refine((value) => !controlCharacters.test(value), {
  message: 'must not contain control characters',
});

/** RFC 3339 timestamp with an offset, as every API time is written. */
export const timestamp = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 date and time, such as 2026-11-02T09:14:07Z',
});

export const pageLimit = z.coerce
  .number({ error: 'must be a whole number from 1 to 100' })
  .int('must be a whole number from 1 to 100')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100')
  .default(20);

/**
 * An amount of money in a currency's minor units (10.50 USD is 1050): a whole, positive
 * JSON number no larger than 2^53-1, so that it converts to `bigint` exactly.
 */
export const amountMinor = z
  .number({ error: 'must be a whole number of minor units (cents), such as 1050 for 10.50' })
  .int('must be a whole number of minor units (cents), such as 1050 for 10.50')
  .positive('must be greater than zero')
  .max(Number.MAX_SAFE_INTEGER, 'must be at most 9007199254740991 minor units');

/** A balance in minor units; system accounts may be negative. */
export const balanceMinor = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** An ISO 4217 currency code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

/** The caller key of a request that moves money (Stripe semantics, scoped by caller). */
export const idempotencyKey = z
  .string({ error: 'the Idempotency-Key header is required: send a key of your own, such as a new UUID' })
  .min(1, 'the Idempotency-Key header must not be empty')
  .max(255, 'the Idempotency-Key header must be at most 255 characters')
  .regex(/^[\x21-\x7E]+$/, 'the Idempotency-Key header must be printable ASCII without spaces');

/**
 * Who asks: a user (as the gateway authenticated them) or another service. Services
 * check ownership against it: a user sees and moves only their own things; an admin may
 * see all; a service acts on behalf of its own records.
 */
export const actorSchema = z.union([
  z.object({ user_id: uuid, role: z.enum(['user', 'admin']) }).strict(),
  z.object({ service: text.min(1).max(64) }).strict(),
]);
export type Actor = z.infer<typeof actorSchema>;

/** Cursors are opaque to clients; each service encodes its own, in base64url. */
export const cursor = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor from an earlier page');

export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

/** RFC 9457 problem details, as every error answers. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    request_id: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    limit: z.object({ name: z.string(), value: z.number().optional() }).optional(),
  })
  .meta({ id: 'Problem' });

export const healthReply = z.object({ status: z.literal('ok'), service: z.string() });

/** Every service answers `<service>.health` when it and its database are up. */
export function healthContract(service: string) {
  return defineRequest(`${service}.health`, z.object({}).strict(), healthReply);
}

/** CloudEvents 1.0 envelope (structured JSON mode). */
export function cloudEventOf<Data extends z.ZodType>(type: string, data: Data) {
  return z.object({
    specversion: z.literal('1.0'),
    id: uuid,
    source: z.string(),
    type: z.literal(type),
    time: timestamp,
    subject: z.string(),
    datacontenttype: z.literal('application/json'),
    data,
    traceparent: z.string().optional(),
    requestid: z.string().optional(),
  });
}
