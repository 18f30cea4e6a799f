import { createHash } from 'node:crypto';

/** What a payer asks for when paying a provider from the wallet: the body the key is bound to. */
export interface BillRequest {
  to_user: string;
  amount: number;
  wallet_id?: string | undefined;
  description?: string | undefined;
  escrow?: boolean | undefined;
  expires_at?: string | undefined;
  on_expiry?: 'void' | 'capture' | undefined;
}

/**
 * SHA-256 (hex) of the bill's body: a retry with the same key and this hash is the same
 * request. The fields go in a fixed order, so equal bodies hash equally; the escrow fields
 * only on an escrow bill, so a bill without escrow hashes as it always did.
 */
export function billRequestHashOf(request: BillRequest): string {
  const body: unknown[] = [
    request.to_user,
    request.amount,
    request.wallet_id ?? null,
    request.description ?? null,
  ];
  if (request.escrow === true) {
    body.push('escrow', request.expires_at ?? null, request.on_expiry ?? 'void');
  }
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** The most characters of a ledger Idempotency-Key. */
const maxLedgerKeyLength = 255;

/**
 * A ledger Idempotency-Key derived from the payer's, in the payer's scope: the payer's key
 * after the prefix and ':', or (for a key too long for that) its SHA-256 after the prefix
 * and '#', so that the two forms never meet.
 */
function ledgerKeyOf(prefix: string, idempotencyKey: string): string {
  return idempotencyKey.length <= maxLedgerKeyLength - prefix.length - 1
    ? `${prefix}:${idempotencyKey}`
    : `${prefix}#${createHash('sha256').update(idempotencyKey).digest('hex')}`;
}

/** The ledger's Idempotency-Key of the bill's transfer. */
export function billTransferKeyOf(idempotencyKey: string): string {
  return ledgerKeyOf('bill', idempotencyKey);
}

/** The ledger's Idempotency-Key of an escrow bill's hold; never that of a transfer. */
export function billHoldKeyOf(idempotencyKey: string): string {
  return ledgerKeyOf('bill-hold', idempotencyKey);
}
