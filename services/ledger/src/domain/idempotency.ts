import { type ErrorCode, type ErrorDetails, hashCanonicalJson } from '@moneypal/kit';

/** The money-moving operations that take an Idempotency-Key. */
export type IdempotentOperation = 'transfer' | 'deposit' | 'withdrawal' | 'savings_withdraw';

/** The stored answer of a request: its result, or the error it was refused with. */
export type StoredResponse =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; details?: ErrorDetails } };

/** SHA-256 (hex) of the operation and its request, without the actor and the key themselves. */
export function requestHashOf(operation: IdempotentOperation, request: Record<string, unknown>): string {
  const { actor: _actor, idempotency_key: _key, ...body } = request;
  return hashCanonicalJson({ operation, body });
}
