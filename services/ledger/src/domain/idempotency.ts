import { type ErrorCode, type ErrorDetails, hashCanonicalJson } from '@moneypal/kit';

/** The money-moving operations that take an Idempotency-Key. */
export type IdempotentOperation =
  | 'transfer'
  | 'deposit'
  | 'withdrawal'
  | 'savings_withdraw'
  | 'reversal'
  | 'withdrawal_settle'
  | 'withdrawal_reversal'
  | 'release'
  | 'hold'
  | 'hold_capture'
  | 'hold_void'
  | 'hold_expiry';

/**
 * What a posting's answer holds beyond its transfer row and entries: the balance the
 * caller was shown (as it was then) and whether they saw every entry or only those of
 * their own wallets. The answer is rebuilt from these and the journal, equal to the first.
 */
export interface StoredPosting {
  transfer_id: string;
  wallet_id: string;
  main: number;
  savings: number;
  available: number;
  /** Absent in answers stored before holds existed. */
  held?: number;
  all_entries: boolean;
  /** On a hold or its settlement: the hold, shown in the answer as the transfer left it. */
  hold_id?: string;
}

/** An answer as a retry gets it: the result, or the error the request was refused with. */
export type ReplayedResponse =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; details?: ErrorDetails } };

/**
 * The stored answer of a request: a posting as `StoredPosting` (a few dozen bytes instead
 * of the whole answer), or the error it was refused with. Records written before postings
 * were stored so hold the whole result.
 */
export type StoredResponse = ReplayedResponse | { ok: true; posted: StoredPosting };

/** SHA-256 (hex) of the operation and its request, without the actor and the key themselves. */
export function requestHashOf(operation: IdempotentOperation, request: Record<string, unknown>): string {
  const { actor: _actor, idempotency_key: _key, ...body } = request;
  return hashCanonicalJson({ operation, body });
}
