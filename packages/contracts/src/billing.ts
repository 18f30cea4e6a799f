import { z } from 'zod';
import {
  actorSchema,
  amountMinor,
  cursor,
  idempotencyKey,
  pageLimit,
  pageOf,
  text,
  timestamp,
  uuid,
} from './common.js';
import { defineRequest } from './define.js';
import { holdExpiryActions } from './ledger.js';

/*
 * Billing: invoices for what a payer paid a provider (from the wallet, or through PayPal),
 * gapless invoice numbers, and the reports users read. A user sees the invoices where they
 * are payer or payee; an admin sees all.
 */

export const invoiceStatuses = [
  'pending',
  'paid',
  'failed',
  'partially_refunded',
  'refunded',
  'held',
  'cancelled',
] as const;
export const invoiceStatus = z.enum(invoiceStatuses);

export const invoiceSchema = z
  .object({
    id: uuid,
    /** Sequential from 1 with no gaps: a number is taken only by an invoice that is issued. */
    invoice_no: z.number().int().positive(),
    payer_id: uuid,
    payee_id: uuid,
    /**
     * The payer's and payee's display names and handles (user names) where the invoice is
     * read: null when billing has not learnt the name; a deleted user is "Deleted user",
     * without a handle.
     */
    payer_name: z.string().nullable().optional(),
    payer_handle: z.string().nullable().optional(),
    payee_name: z.string().nullable().optional(),
    payee_handle: z.string().nullable().optional(),
    amount: amountMinor,
    currency: z.string(),
    description: z.string().nullable(),
    status: invoiceStatus,
    /** The PayPal payment it bills, or null for a bill paid from the wallet. */
    payment_id: uuid.nullable(),
    /** The ledger transfer that paid it, once paid. */
    transfer_id: uuid.nullable(),
    issued_at: timestamp,
    paid_at: timestamp.nullable(),
    refunded_at: timestamp.nullable(),
    /** What its payment's refunds gave back so far; `refunded` once it is the whole amount. */
    refunded_amount: z.number().int().nonnegative(),
    updated_at: timestamp,
    /** An escrow bill's hold, which keeps the payer's money until it is captured or voided; else null. */
    hold_id: uuid.nullable(),
    /**
     * What the payee was paid, once paid: the amount, or less when an escrow bill's hold was
     * captured in part (the rest went back to the payer). Null until paid.
     */
    amount_paid: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof invoiceSchema>;

const escrowOptionsNeedEscrow = (body: {
  escrow?: boolean | undefined;
  expires_at?: string | undefined;
  on_expiry?: string | undefined;
}) => body.escrow === true || (body.expires_at === undefined && body.on_expiry === undefined);
const escrowOptionsOnly = { message: 'expires_at and on_expiry need escrow: true', path: ['escrow'] };

export const createBillBody = z
  .object({
    /** The provider: their user_name or email. */
    to_user: text.trim().min(1).max(254),
    amount: amountMinor,
    /** The paying wallet; the payer's default wallet when left out. */
    wallet_id: uuid.optional(),
    description: text.trim().min(1).max(500).optional(),
    /**
     * Pay into escrow: the money leaves the payer's wallet into a hold for the provider, and
     * the invoice is issued `held` until the payer captures the hold (paid) or it is voided
     * (cancelled).
     */
    escrow: z.boolean().optional(),
    /** With `escrow`: when the hold settles by itself, as `on_expiry` says. */
    expires_at: timestamp.optional(),
    /** With `escrow`: what the hold does at `expires_at`; `void` (the default) gives the money back. */
    on_expiry: z.enum(holdExpiryActions).optional(),
  })
  .strict()
  .refine(escrowOptionsNeedEscrow, escrowOptionsOnly)
  .meta({
    id: 'CreateBillRequest',
    examples: [
      { to_user: 'ada', amount: 2500, description: 'Garden work' },
      {
        to_user: 'ada',
        amount: 12000,
        description: 'Kitchen tiling, job 1042',
        escrow: true,
        expires_at: '2027-01-15T12:00:00Z',
        on_expiry: 'capture',
      },
    ],
  });

const invoiceFilters = {
  /** `payer`: invoices the user paid; `payee`: invoices issued to others for the user. */
  role: z.enum(['payer', 'payee']).optional(),
  status: invoiceStatus.optional(),
  /** The invoice of one movement: the bill's transfer, or the escrow hold it was paid into. */
  transfer_id: uuid
    .optional()
    .meta({ description: 'Only the invoice of this transfer (a bill paid from a wallet).' }),
  hold_id: uuid
    .optional()
    .meta({ description: 'Only the invoice of this escrow hold (a bill paid into escrow).' }),
  cursor: cursor.optional(),
};
export const listInvoicesQuery = z.object({ ...invoiceFilters, limit: pageLimit }).strict();
export const invoicePage = pageOf(invoiceSchema).meta({ id: 'InvoicePage' });

/** A calendar day (UTC), as reports are asked for and drawn. */
export const calendarDate = z.iso.date({ error: 'must be a date such as 2026-01-31' });

/** `from` and `to` inclusive (UTC days), at most 366 days apart. */
export const reportSummaryQuery = z
  .object({ from: calendarDate, to: calendarDate })
  .strict()
  .refine((range) => range.from <= range.to, { message: 'must not be after to', path: ['from'] });

const total = z.object({ count: z.number().int().nonnegative(), amount: z.number().int().nonnegative() });
const reportFigures = {
  /** Payments to providers (invoices the user paid), and those received as a provider. */
  payments_made: total,
  payments_received: total,
  /** Money that entered the user's wallets from outside (PayPal funding, back office). */
  deposits: total,
  transfers_in: total,
  transfers_out: total,
};

export const reportSummarySchema = z
  .object({
    from: calendarDate,
    to: calendarDate,
    /** One section per currency the user moved money in during the range. */
    currencies: z.array(
      z.object({
        currency: z.string(),
        totals: z.object({
          ...reportFigures,
          invoices_paid: total,
          invoices_received: total,
        }),
        /** One point per day of the range, days without activity included, oldest first. */
        daily: z.array(z.object({ date: calendarDate, ...reportFigures })),
      }),
    ),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const billResultSchema = z
  .object({
    invoice: invoiceSchema,
    /** The transfer the bill made: the payment, or with `escrow` the amount's move into the hold. */
    transfer_id: uuid,
  })
  .meta({ id: 'BillResult' });

const withActor = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ actor: actorSchema, ...shape }).strict();

export const billingRequests = {
  /** Pays a provider from the payer's wallet and issues a paid invoice, once per key. */
  createBill: defineRequest(
    'billing.bill.create',
    withActor({ ...createBillBody.shape, idempotency_key: idempotencyKey }).refine(
      escrowOptionsNeedEscrow,
      escrowOptionsOnly,
    ),
    z.object({ result: billResultSchema, replayed: z.boolean() }),
  ),
  listInvoices: defineRequest(
    'billing.invoice.list',
    withActor({ ...invoiceFilters, limit: z.number().int().min(1).max(100) }),
    invoicePage,
  ),
  getInvoice: defineRequest('billing.invoice.get', withActor({ invoice_id: uuid }), invoiceSchema),
  reportSummary: defineRequest(
    'billing.report.summary',
    withActor({ from: calendarDate, to: calendarDate }),
    reportSummarySchema,
  ),
} as const;

export const billingEvents = {
  invoiceIssued: 'billing.invoice.issued',
  invoicePaid: 'billing.invoice.paid',
  invoiceRefunded: 'billing.invoice.refunded',
  /** An escrow bill's hold was voided, or expired giving the money back: nothing was paid. */
  invoiceCancelled: 'billing.invoice.cancelled',
} as const;

/**
 * Every billing event carries the invoice as it is after the change. `refunded` is published
 * for each refund of the invoice's payment, partial (status `partially_refunded`) or the last
 * (`refunded`), with that refund: the payments refund's id and its amount.
 */
export const invoiceEventData = z.object({
  invoice: invoiceSchema,
  refund: z.object({ id: uuid, amount: amountMinor }).optional(),
});

/*
 * Payment requests: a user (the requester) asks another (the payer) for an amount, to land in
 * one of the requester's wallets. The payer pays it through the ledger, or declines it; the
 * requester may cancel it while it is pending. A pending request past its `expires_at` reads
 * as `expired` and can no longer be paid.
 */

export const paymentRequestStatuses = ['pending', 'paid', 'declined', 'cancelled', 'expired'] as const;
export const paymentRequestStatus = z.enum(paymentRequestStatuses);
export type PaymentRequestStatus = z.infer<typeof paymentRequestStatus>;

/** Most characters of a payment request's note, so that the transfer's description can name the request. */
export const maxPaymentRequestDescriptionLength = 200;
/** How long a request stays payable when its requester gives no `expires_at`. */
export const defaultPaymentRequestLifetimeDays = 30;
/** The latest `expires_at` a requester may give, counted from the request's creation. */
export const maxPaymentRequestLifetimeDays = 365;

export const paymentRequestSchema = z
  .object({
    id: uuid,
    status: paymentRequestStatus,
    requester_id: uuid,
    payer_id: uuid,
    /**
     * Both parties' display names and handles (user names): null when billing has not learnt
     * the name; a deleted user is "Deleted user", without a handle.
     */
    requester_name: z.string().nullable(),
    requester_handle: z.string().nullable(),
    payer_name: z.string().nullable(),
    payer_handle: z.string().nullable(),
    /** The requester's wallet the money lands in. */
    to_wallet_id: uuid,
    amount: amountMinor,
    currency: z.string(),
    description: z.string().nullable(),
    expires_at: timestamp,
    created_at: timestamp,
    updated_at: timestamp,
    /** Once paid: the payer's wallet, the ledger transfer, and when. */
    from_wallet_id: uuid.nullable(),
    transfer_id: uuid.nullable(),
    paid_at: timestamp.nullable(),
    /** When it was declined or cancelled; null otherwise. */
    closed_at: timestamp.nullable(),
    /** The payer's reason for declining, when they gave one. */
    decline_reason: z.string().nullable(),
  })
  .meta({ id: 'PaymentRequest' });
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

export const createPaymentRequestBody = z
  .object({
    /** The payer: their user name or email, as `to_user` of a transfer. */
    from_user: text.trim().min(1).max(254),
    /** My wallet the money lands in. */
    to_wallet_id: uuid,
    amount: amountMinor,
    description: text.trim().min(1).max(maxPaymentRequestDescriptionLength).optional(),
    /** When the request can no longer be paid; 30 days after its creation when left out, at most 365. */
    expires_at: timestamp.optional(),
  })
  .strict()
  .meta({ id: 'CreatePaymentRequestRequest' });

export const payPaymentRequestBody = z
  .object({
    /** My wallet that pays; it must hold the request's currency. */
    from_wallet_id: uuid,
  })
  .strict()
  .meta({ id: 'PayPaymentRequestRequest' });

export const declinePaymentRequestBody = z
  .object({ reason: text.trim().min(1).max(500).optional() })
  .strict()
  .meta({ id: 'DeclinePaymentRequestRequest' });

const paymentRequestFilters = {
  /** `incoming`: requests I am asked to pay; `outgoing`: requests I made. Both when left out. */
  direction: z.enum(['incoming', 'outgoing']).optional(),
  status: paymentRequestStatus.optional(),
  cursor: cursor.optional(),
};
export const listPaymentRequestsQuery = z.object({ ...paymentRequestFilters, limit: pageLimit }).strict();
export const paymentRequestPage = pageOf(paymentRequestSchema).meta({ id: 'PaymentRequestPage' });

export const paymentRequestRequests = {
  create: defineRequest(
    'billing.payment-request.create',
    withActor(createPaymentRequestBody.shape),
    paymentRequestSchema,
  ),
  list: defineRequest(
    'billing.payment-request.list',
    withActor({ ...paymentRequestFilters, limit: z.number().int().min(1).max(100) }),
    paymentRequestPage,
  ),
  get: defineRequest(
    'billing.payment-request.get',
    withActor({ payment_request_id: uuid }),
    paymentRequestSchema,
  ),
  /** The payer pays the request through the ledger, once, whoever races. */
  pay: defineRequest(
    'billing.payment-request.pay',
    withActor({ payment_request_id: uuid, ...payPaymentRequestBody.shape, idempotency_key: idempotencyKey }),
    z.object({ result: paymentRequestSchema, replayed: z.boolean() }),
  ),
  decline: defineRequest(
    'billing.payment-request.decline',
    withActor({ payment_request_id: uuid, ...declinePaymentRequestBody.shape }),
    paymentRequestSchema,
  ),
  cancel: defineRequest(
    'billing.payment-request.cancel',
    withActor({ payment_request_id: uuid }),
    paymentRequestSchema,
  ),
} as const;

export const paymentRequestEvents = {
  created: 'billing.payment_request.created',
  paid: 'billing.payment_request.paid',
  declined: 'billing.payment_request.declined',
  cancelled: 'billing.payment_request.cancelled',
} as const;

/** Every `billing.payment_request.*` event carries the request as it is after the change, its parties named. */
export const paymentRequestEventData = z.object({ payment_request: paymentRequestSchema });
