import { createHash } from 'node:crypto';
import {
  type Actor,
  defaultPaymentRequestLifetimeDays,
  maxPaymentRequestLifetimeDays,
  type PaymentRequest,
  type PaymentRequestStatus,
} from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';
import { billingError } from '../errors.js';
import { readsAll, userIdOf } from './actor.js';
import type { PartyName } from './party.js';
import { deletedUserName } from './party.js';

/** The statuses a request is stored with; `expired` is only ever read (see `statusAt`). */
export type StoredPaymentRequestStatus = Exclude<PaymentRequestStatus, 'expired'>;

/** A payment request as stored. */
export interface PaymentRequestRecord {
  id: string;
  requester_id: string;
  payer_id: string;
  to_wallet_id: string;
  amount: bigint;
  currency: string;
  description: string | null;
  status: StoredPaymentRequestStatus;
  expires_at: Date;
  created_at: Date;
  updated_at: Date;
  from_wallet_id: string | null;
  transfer_id: string | null;
  paid_at: Date | null;
  pay_idempotency_key: string | null;
  pay_request_hash: string | null;
  closed_at: Date | null;
  decline_reason: string | null;
  /** Pay attempts the ledger refused so far: the number of the next attempt's ledger key. */
  refused_attempts: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/** A pending request past its expiry reads as expired; every other status is as stored. */
export function statusAt(request: Pick<PaymentRequestRecord, 'status' | 'expires_at'>, now: Date) {
  return request.status === 'pending' && request.expires_at.getTime() <= now.getTime()
    ? 'expired'
    : request.status;
}

/**
 * When a new request stops being payable: the requester's `expires_at`, which must lie after
 * now and at most a year ahead, or 30 days from now.
 */
export function expiryOf(expiresAt: string | undefined, now: Date): Date {
  if (expiresAt === undefined) return new Date(now.getTime() + defaultPaymentRequestLifetimeDays * dayMs);
  const expiry = new Date(expiresAt);
  if (expiry.getTime() <= now.getTime()) {
    throw billingError('validation_failed', 'a payment request cannot expire in the past', {
      errors: [{ path: 'expires_at', message: 'must be in the future' }],
    });
  }
  if (expiry.getTime() > now.getTime() + maxPaymentRequestLifetimeDays * dayMs) {
    throw billingError('validation_failed', 'a payment request expires within a year', {
      errors: [
        { path: 'expires_at', message: `must be at most ${maxPaymentRequestLifetimeDays} days from now` },
      ],
    });
  }
  return expiry;
}

/** The requester, the payer, and admins (and services) read a request; nobody else knows it exists. */
export function mayReadPaymentRequest(
  actor: Actor,
  request: Pick<PaymentRequestRecord, 'requester_id' | 'payer_id'>,
): boolean {
  const self = userIdOf(actor);
  return readsAll(actor) || (self !== null && (request.requester_id === self || request.payer_id === self));
}

/** Refuses a change to a request that is no longer pending, naming how it ended. */
export function assertPending(request: PaymentRequestRecord, now: Date): void {
  const status = statusAt(request, now);
  if (status !== 'pending') {
    throw billingError('payment_request_closed', `the payment request is ${status}`, { status });
  }
}

/** SHA-256 (hex) of a pay: the request and the paying wallet, which the payer's key is bound to. */
export function payRequestHashOf(paymentRequestId: string, fromWalletId: string): string {
  return createHash('sha256')
    .update(JSON.stringify([paymentRequestId, fromWalletId]))
    .digest('hex');
}

/**
 * The ledger's Idempotency-Key of a pay attempt, in the payer's scope: the request and the
 * number of attempts the ledger refused before. Every pay of the request whose outcome is not
 * known (a timeout, a crash before billing recorded it) is retried under the same key, so the
 * ledger moves the money once whichever Idempotency-Key the payer sends.
 */
export function payTransferKeyOf(paymentRequestId: string, refusedAttempts: number): string {
  return `payment-request:${paymentRequestId}:${refusedAttempts}`;
}

/** The description of the transfer that pays a request: it names the request and its note. */
export function payTransferDescriptionOf(request: Pick<PaymentRequestRecord, 'description'>): string {
  return request.description === null ? 'Payment request' : `Payment request: ${request.description}`;
}

function partyOf(userId: string, names: ReadonlyMap<string, PartyName>) {
  const party = names.get(userId);
  if (party === undefined) return { name: null, handle: null };
  if (party.deleted) return { name: deletedUserName, handle: null };
  return { name: party.displayName, handle: party.userName };
}

/** A request as its parties read it at `now`: both named, a pending one past its expiry `expired`. */
export function toPublicPaymentRequest(
  request: PaymentRequestRecord,
  names: ReadonlyMap<string, PartyName>,
  now: Date,
): PaymentRequest {
  const requester = partyOf(request.requester_id, names);
  const payer = partyOf(request.payer_id, names);
  return {
    id: request.id,
    status: statusAt(request, now),
    requester_id: request.requester_id,
    payer_id: request.payer_id,
    requester_name: requester.name,
    requester_handle: requester.handle,
    payer_name: payer.name,
    payer_handle: payer.handle,
    to_wallet_id: request.to_wallet_id,
    amount: toSafeNumber(request.amount),
    currency: request.currency,
    description: request.description,
    expires_at: request.expires_at.toISOString(),
    created_at: request.created_at.toISOString(),
    updated_at: request.updated_at.toISOString(),
    from_wallet_id: request.from_wallet_id,
    transfer_id: request.transfer_id,
    paid_at: request.paid_at?.toISOString() ?? null,
    closed_at: request.closed_at?.toISOString() ?? null,
    decline_reason: request.decline_reason,
  };
}

/** The position a page of requests ends at: the last id (ids are time-ordered UUIDv7). */
export function paymentRequestCursorPosition(lastId: string): string {
  return `payment-request:${lastId}`;
}

/** The id in a cursor's position, or null when `paymentRequestCursorPosition` did not write it. */
export function paymentRequestIdOfCursorPosition(position: string): string | null {
  const match = /^payment-request:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    position,
  );
  return match ? match[1]! : null;
}
