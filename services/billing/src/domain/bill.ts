import { createHash } from 'node:crypto';

/** What a payer asks for when paying a provider from the wallet: the body the key is bound to. */
export interface BillRequest {
  to_user: string;
  amount: number;
  wallet_id?: string | undefined;
  description?: string | undefined;
}

/**
 * SHA-256 (hex) of the bill's body: a retry with the same key and this hash is the same
 * request. The fields go in a fixed order, so equal bodies hash equally.
 */
export function billRequestHashOf(request: BillRequest): string {
  const body = [request.to_user, request.amount, request.wallet_id ?? null, request.description ?? null];
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Room left for the payer's key in the ledger's 255 characters after the prefix. */
const maxKeyInLedgerKey = 250;

/**
 * The ledger's Idempotency-Key of the bill's transfer, in the payer's scope: the payer's
 * key prefixed, or (for a key too long to prefix) its SHA-256 under another prefix, so
 * that the two forms never meet.
 */
export function billTransferKeyOf(idempotencyKey: string): string {
  return idempotencyKey.length <= maxKeyInLedgerKey
    ? `bill:${idempotencyKey}`
    : `bill#${createHash('sha256').update(idempotencyKey).digest('hex')}`;
}
