import { z } from 'zod';
import {
  actorSchema,
  amountMinor,
  currencyCode,
  cursor,
  idempotencyKey,
  pageLimit,
  pageOf,
  text,
  timestamp,
  uuid,
} from './common.js';
import { defineRequest } from './define.js';
import { metadata, metadataFilter, transferResultSchema } from './ledger.js';

/*
 * Payments through PayPal (ARCHITECTURE §6): a payment is created with a PayPal order, the
 * buyer approves it at PayPal, then it is captured (by the buyer's return or by webhook,
 * whichever comes first) and its result is published for billing. A user sees only their
 * own payments; an admin sees all and refunds.
 */

/** `partially_refunded`: captured, and some of it (not all) refunded; `refunded`: all of it refunded. */
export const paymentStatuses = [
  'created',
  'approved',
  'pending',
  'captured',
  'failed',
  'partially_refunded',
  'refunded',
] as const;
export const paymentStatus = z.enum(paymentStatuses);
export type PaymentStatus = z.infer<typeof paymentStatus>;

/** Why a payment failed: PayPal declined the capture, the buyer cancelled, or the order expired. */
export const paymentFailureReasons = ['declined', 'cancelled', 'expired'] as const;

export const refundStatuses = ['requested', 'pending', 'completed', 'failed'] as const;

/**
 * One refund of a captured payment. `requested`: asked of PayPal, its amount reserved;
 * `pending`: PayPal accepted it and completes it later; `completed`: the money went back to
 * the buyer; `failed`: PayPal refused it, and its amount is refundable again.
 */
export const refundSchema = z
  .object({
    id: uuid,
    amount: amountMinor,
    status: z.enum(refundStatuses),
    reason: z.string().nullable(),
    paypal_refund_id: z.string().nullable(),
    created_at: timestamp,
    completed_at: timestamp.nullable(),
  })
  .meta({ id: 'Refund' });
export type Refund = z.infer<typeof refundSchema>;

export const paymentSchema = z
  .object({
    id: uuid,
    /** The user who pays (and whose wallet PayPal's money is credited to first). */
    payer_id: uuid,
    wallet_id: uuid,
    /** The provider paid with this money, or null when the payer funds their own wallet. */
    paid_to: uuid.nullable(),
    amount: amountMinor,
    currency: z.string(),
    description: z.string().nullable(),
    status: paymentStatus,
    failure_reason: z.enum(paymentFailureReasons).nullable(),
    /** Where the buyer approves the order; null once it no longer can be. */
    approve_url: z.string().nullable(),
    paypal_order_id: z.string().nullable(),
    paypal_capture_id: z.string().nullable(),
    /** true when the order lives at the local PayPal simulator, not at PayPal. */
    sandbox: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    captured_at: timestamp.nullable(),
    /** When the last refund completed. */
    refunded_at: timestamp.nullable(),
    /** The sum of its completed refunds. */
    refunded_amount: z.number().int().nonnegative(),
    /** Its refunds, oldest first. */
    refunds: z.array(refundSchema),
    metadata: z.record(z.string(), z.string()),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof paymentSchema>;

/** A provider to pay: their user_name or email (as transfers name users). */
const paidTo = text.trim().min(1).max(254);

export const createPaymentBody = z
  .object({
    amount: amountMinor,
    currency: currencyCode,
    wallet_id: uuid,
    paid_to: paidTo.optional(),
    description: text.trim().min(1).max(500).optional(),
    metadata: metadata.optional(),
  })
  .strict()
  .meta({ id: 'CreatePaymentRequest' });

/** Payments whose metadata holds every pair given; over HTTP `metadata[order_id]=A-1042`. */
const paymentMetadataFilter = metadataFilter.meta({
  description:
    'Only payments whose metadata holds every pair given, exactly: `metadata[order_id]=A-1042&metadata[channel]=web`.',
  examples: [{ order_id: 'A-1042' }],
});

export const listPaymentsQuery = z
  .object({
    status: paymentStatus.optional(),
    metadata: paymentMetadataFilter.optional(),
    cursor: cursor.optional(),
    limit: pageLimit,
  })
  .strict();

/** An admin refunds a captured payment: all that is left of it (no amount), or part of it. */
export const refundPaymentBody = z
  .object({
    amount: amountMinor.optional(),
    reason: text.trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
  })
  .strict()
  .meta({
    id: 'RefundPaymentRequest',
    examples: [{}, { amount: 500, reason: 'One of the two sessions was cancelled' }],
  });

export const paymentPage = pageOf(paymentSchema).meta({ id: 'PaymentPage' });

const replayable = <Reply extends z.ZodType>(reply: Reply) =>
  z.object({ result: reply, replayed: z.boolean() });

const withActor = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ actor: actorSchema, ...shape }).strict();

/** A PayPal webhook as the gateway received it: the headers PayPal signs with, and the raw body. */
export const paypalWebhookRequest = z
  .object({
    headers: z.record(z.string(), z.string()),
    /** Exactly the bytes received (UTF-8): the signature covers their CRC32. */
    body: z.string().max(1_000_000),
  })
  .strict();

export const paymentsRequests = {
  create: defineRequest(
    'payments.payment.create',
    withActor({ ...createPaymentBody.shape, idempotency_key: idempotencyKey }),
    replayable(paymentSchema),
  ),
  list: defineRequest(
    'payments.payment.list',
    withActor({
      status: paymentStatus.optional(),
      metadata: metadataFilter.optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(100),
    }),
    paymentPage,
  ),
  get: defineRequest('payments.payment.get', withActor({ payment_id: uuid }), paymentSchema),
  /** Captures an approved order; capturing a captured payment answers it unchanged. */
  capture: defineRequest('payments.payment.capture', withActor({ payment_id: uuid }), paymentSchema),
  /** The buyer cancelled at PayPal: the payment fails as `cancelled` unless it was approved since. */
  cancel: defineRequest('payments.payment.cancel', withActor({ payment_id: uuid }), paymentSchema),
  /**
   * Refunds a captured payment, in full (no amount: what is left of it) or in part (admin),
   * once per Idempotency-Key; answers the payment with its refunds.
   */
  refund: defineRequest(
    'payments.payment.refund',
    withActor({ payment_id: uuid, ...refundPaymentBody.shape, idempotency_key: idempotencyKey }),
    replayable(paymentSchema),
  ),
  /** Verifies and applies a PayPal webhook; a bad signature answers `webhook_signature_invalid`. */
  webhook: defineRequest(
    'payments.webhook.receive',
    paypalWebhookRequest,
    z.object({ event_id: z.string(), outcome: z.enum(['applied', 'duplicate', 'ignored']) }),
  ),
} as const;

export const paymentsEvents = {
  paymentCreated: 'payments.payment.created',
  paymentCaptured: 'payments.payment.captured',
  paymentFailed: 'payments.payment.failed',
  paymentRefunded: 'payments.payment.refunded',
} as const;

/**
 * Every payments event carries the payment as it is after the change; `refunded` also
 * carries the refund that completed (its amount; the payment's `refunded_amount` is the total).
 */
export const paymentEventData = z.object({ payment: paymentSchema, refund: refundSchema.optional() });

/*
 * Payouts (money out to PayPal): the ledger moves the amount from the wallet's main
 * balance to `payouts-clearing`, PayPal's Payouts API sends it to the receiver, and the
 * item's outcome (webhook or poll) either settles it (succeeded) or gives it back to the
 * wallet (failed, returned), exactly once. `succeeded`, `failed` and `returned` are final.
 */

export const payoutStatuses = [
  'pending',
  'processing',
  'unclaimed',
  'succeeded',
  'failed',
  'returned',
] as const;
export const payoutStatus = z.enum(payoutStatuses);
export type PayoutStatus = z.infer<typeof payoutStatus>;

/**
 * Why a payout failed or came back: the ledger refused the debit (`insufficient_funds`,
 * `limit_exceeded`, `wallet_frozen`), PayPal refused the batch (`denied`), the item failed
 * or was blocked at PayPal, an unclaimed item was returned, or a released wallet's balance
 * was no longer the one released (`balance_changed`).
 */
export const payoutFailureReasons = [
  'insufficient_funds',
  'limit_exceeded',
  'wallet_frozen',
  'denied',
  'failed',
  'blocked',
  'returned',
  'balance_changed',
] as const;

/** A PayPal account to pay: its email address. */
const payoutReceiver = text
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address' }).max(127));

export const payoutSchema = z
  .object({
    id: uuid,
    user_id: uuid,
    wallet_id: uuid,
    amount: amountMinor,
    currency: z.string(),
    /** The PayPal account (email) paid. */
    receiver: z.string(),
    metadata: z.record(z.string(), z.string()),
    status: payoutStatus,
    failure_reason: z.enum(payoutFailureReasons).nullable(),
    /** PayPal's ids, once the batch was sent. */
    paypal_batch_id: z.string().nullable(),
    paypal_item_id: z.string().nullable(),
    /** The ledger's withdrawal that took the money out of the wallet; null when it was refused. */
    transfer_id: uuid.nullable(),
    /** true when the payout went to the local PayPal simulator, not to PayPal. */
    sandbox: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
    /** When it reached a final status. */
    completed_at: timestamp.nullable(),
    /** The admin who released a frozen or closed wallet's balance with this payout, and why; else null. */
    released_by: uuid.nullable(),
    release_reason: z.string().nullable(),
  })
  .meta({ id: 'Payout' });
export type Payout = z.infer<typeof payoutSchema>;

export const createPayoutBody = z
  .object({ wallet_id: uuid, amount: amountMinor, receiver: payoutReceiver, metadata: metadata.optional() })
  .strict()
  .meta({
    id: 'CreatePayoutRequest',
    examples: [
      {
        wallet_id: '0192f0c4-7d1e-7cc2-9a51-6a4b0e5d2f10',
        amount: 2500,
        receiver: 'ana@example.com',
        metadata: { reference: 'cash-out-7' },
      },
    ],
  });

const payoutListFilters = {
  status: payoutStatus.optional(),
  wallet_id: uuid.optional(),
  cursor: cursor.optional(),
};
export const listPayoutsQuery = z.object({ ...payoutListFilters, limit: pageLimit }).strict();

export const payoutPage = pageOf(payoutSchema).meta({ id: 'PayoutPage' });

export const payoutsRequests = {
  /** A user pays out of their own wallet; a refused debit is a stored `failed` payout answered as its error. */
  create: defineRequest(
    'payments.payout.create',
    withActor({ ...createPayoutBody.shape, idempotency_key: idempotencyKey }),
    replayable(payoutSchema),
  ),
  /** The user's own payouts, or every payout for an admin. */
  list: defineRequest(
    'payments.payout.list',
    withActor({ ...payoutListFilters, limit: z.number().int().min(1).max(100) }),
    payoutPage,
  ),
  get: defineRequest('payments.payout.get', withActor({ payout_id: uuid }), payoutSchema),
  /** An admin pays a frozen or closed wallet's whole balance out to `receiver`. */
  release: defineRequest(
    'payments.payout.release',
    withActor({
      wallet_id: uuid,
      reason: text.min(1).max(500),
      receiver: payoutReceiver,
      idempotency_key: idempotencyKey,
    }),
    replayable(payoutSchema),
  ),
} as const;

/** An admin releases a frozen or closed wallet's whole balance: to a PayPal account, or to the back office. */
export const releaseWalletBody = z
  .object({ reason: text.trim().min(1).max(500), receiver: payoutReceiver.optional() })
  .strict()
  .meta({
    id: 'ReleaseWalletRequest',
    examples: [{ reason: 'Account deleted; balance paid to the heir', receiver: 'heir@example.com' }],
  });

/** What a release made: a payout (with a receiver), or a withdrawal to the back office; one of the two. */
export const walletReleaseSchema = z
  .object({ payout: payoutSchema.optional(), withdrawal: transferResultSchema.optional() })
  .meta({ id: 'WalletRelease' });

export const payoutsEvents = {
  payoutCreated: 'payments.payout.created',
  payoutSucceeded: 'payments.payout.succeeded',
  payoutFailed: 'payments.payout.failed',
  payoutReturned: 'payments.payout.returned',
} as const;

/** Every payout event carries the payout as it is after the change. */
export const payoutEventData = z.object({ payout: payoutSchema });
