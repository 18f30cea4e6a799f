import { createHash } from 'node:crypto';
import type { ErrorCode, ErrorDetails } from '@moneypal/kit';

/** The money-moving operations that take an Idempotency-Key. */
export type IdempotentOperation = 'transfer' | 'deposit' | 'withdrawal' | 'savings_withdraw';

/** The stored answer of a request: its result, or the error it was refused with. */
export type StoredResponse =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; details?: ErrorDetails } };

/**
 * The refusals that depend on the ledger's state and are stored with the key, so that a
 * retry with the same key gets the same answer and moves nothing (Stripe's semantics).
 * Errors of the request itself (validation, forbidden) are answered before the key is
 * claimed; transient ones (unavailable, internal) are never stored, so a retry may succeed.
 */
export const storedRefusalCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'not_found',
  'wallet_not_found',
  'recipient_not_found',
  'recipient_has_no_wallet',
  'validation_failed',
  'insufficient_funds',
  'limit_exceeded',
  'currency_mismatch',
  'wallet_frozen',
  'credit_not_above_savings',
]);

/** JSON with object keys sorted at every level, so that equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** SHA-256 (hex) of the operation and its request, without the actor and the key themselves. */
export function requestHashOf(operation: IdempotentOperation, request: Record<string, unknown>): string {
  const { actor: _actor, idempotency_key: _key, ...body } = request;
  return createHash('sha256').update(canonicalJson({ operation, body })).digest('hex');
}
