import { hashCanonicalJson } from '@moneypal/kit';

/** SHA-256 (hex) of a payment request's body, without the actor and the key themselves. */
export function requestHashOf(request: Record<string, unknown>): string {
  const { actor: _actor, idempotency_key: _key, ...body } = request;
  return hashCanonicalJson(body);
}
