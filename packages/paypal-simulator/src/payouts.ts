import { z } from 'zod';
import { detail, PayPalError, type PayPalErrorDetail, type PayPalLink, resourceNotFound } from './errors.js';
import { paypalIds } from './ids.js';
import { formatAmountValue, isPayPalCurrency, parseAmountValue } from './money.js';
import { paypalTime } from './resources.js';

/*
 * PayPal's Payouts API (v1): a batch of items, each paid to one receiver. A batch answers
 * PENDING at once; each item then ends as its receiver or the configured outcome says.
 * `sender_batch_id` is the sender's idempotency: a second batch with one already used is
 * refused, naming it and linking to the original.
 */

/** What an item ends as: paid, failed, blocked, unclaimed (no account yet), or unclaimed and then returned. */
export const payoutOutcomes = ['success', 'failed', 'blocked', 'unclaimed', 'returned'] as const;
export type PayoutOutcome = (typeof payoutOutcomes)[number];

export type PayoutItemStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'BLOCKED' | 'UNCLAIMED' | 'RETURNED';

export interface PayoutItem {
  id: string;
  batchId: string;
  transactionId: string;
  activityId: string;
  status: PayoutItemStatus;
  recipientType: string;
  currency: string;
  minor: bigint;
  receiver: string;
  note: string | undefined;
  senderItemId: string | undefined;
  /** What it ends as once processed. */
  outcome: PayoutOutcome;
  processedAt: Date | null;
  error: { name: string; message: string } | null;
}

export interface PayoutBatch {
  id: string;
  senderBatchId: string;
  emailSubject: string | undefined;
  emailMessage: string | undefined;
  createdAt: Date;
  itemIds: string[];
}

/** An item's change, as the webhook PayPal sends about it. */
export interface PayoutItemEvent {
  type:
    | 'PAYMENT.PAYOUTS-ITEM.SUCCEEDED'
    | 'PAYMENT.PAYOUTS-ITEM.FAILED'
    | 'PAYMENT.PAYOUTS-ITEM.BLOCKED'
    | 'PAYMENT.PAYOUTS-ITEM.UNCLAIMED'
    | 'PAYMENT.PAYOUTS-ITEM.RETURNED'
    | 'PAYMENT.PAYOUTS-ITEM.CANCELED';
  itemId: string;
}

const recipientTypes = ['EMAIL', 'PHONE', 'PAYPAL_ID'] as const;
/** PayPal's limit of items in one batch. */
const maxItemsPerBatch = 15_000;

const batchSchema = z.object({
  sender_batch_header: z.looseObject({
    sender_batch_id: z.string().min(1).max(256),
    recipient_type: z.enum(recipientTypes).optional(),
    email_subject: z.string().max(255).optional(),
    email_message: z.string().max(1000).optional(),
  }),
  items: z
    .array(
      z.looseObject({
        recipient_type: z.enum(recipientTypes).optional(),
        amount: z.object({ value: z.string(), currency: z.string() }),
        receiver: z.string().min(1).max(127),
        note: z.string().max(4000).optional(),
        sender_item_id: z.string().max(63).optional(),
      }),
    )
    .min(1)
    .max(maxItemsPerBatch),
});

/** PayPal's answer to a request body the Payouts API does not take. */
function validationError(details: PayPalErrorDetail[]): PayPalError {
  return new PayPalError({
    status: 400,
    name: 'VALIDATION_ERROR',
    message: 'Invalid request - see details',
    details,
    api: 'payouts',
  });
}

/** The receiver's address chooses an outcome: `ana+unclaimed@example.com` stays unclaimed. */
function outcomeOfReceiver(receiver: string): PayoutOutcome | null {
  const tag = /\+([a-z]+)@/i.exec(receiver)?.[1]?.toLowerCase();
  return (payoutOutcomes as readonly string[]).includes(tag ?? '') ? (tag as PayoutOutcome) : null;
}

const itemErrors: Partial<Record<PayoutItemStatus, { name: string; message: string }>> = {
  FAILED: { name: 'RECEIVER_UNCONFIRMED', message: 'Receiver is unconfirmed.' },
  BLOCKED: { name: 'RISK_DECLINE', message: 'The payout was blocked by risk controls.' },
  UNCLAIMED: {
    name: 'RECEIVER_UNREGISTERED',
    message:
      'The recipient for this payout does not have an account. A link to sign up for an account was sent to the recipient. However, if the recipient does not claim this payout within 30 days, the funds will be returned to your account.',
  },
};

/** The batches and items the simulator was sent, and every change to them. */
export class PayoutBook {
  private readonly batches = new Map<string, PayoutBatch>();
  private readonly batchesBySenderId = new Map<string, string>();
  private readonly items = new Map<string, PayoutItem>();

  constructor(private readonly clock: () => Date) {}

  /**
   * Validates and records a batch, its items PENDING; `outcome` is what items end as unless
   * their receiver's address says otherwise. A used `sender_batch_id` is refused.
   */
  createBatch(body: unknown, outcome: PayoutOutcome, apiUrl: string): PayoutBatch {
    const parsed = batchSchema.safeParse(body);
    if (!parsed.success) {
      throw validationError(
        parsed.error.issues.map((issue) =>
          detail(
            issue.code === 'invalid_type' && issue.input === undefined
              ? 'MISSING_REQUIRED_PARAMETER'
              : 'INVALID_PARAMETER_VALUE',
            {
              field: issue.path.join('.'),
              location: 'body',
            },
          ),
        ),
      );
    }
    const { sender_batch_header: header, items } = parsed.data;
    const problems: PayPalErrorDetail[] = [];
    const amounts = items.map((item, index) => {
      const field = `items[${index}].amount`;
      if (!isPayPalCurrency(item.amount.currency)) {
        problems.push(detail('CURRENCY_NOT_SUPPORTED', { field: `${field}.currency`, location: 'body' }));
        return 0n;
      }
      const value = parseAmountValue(item.amount.value, item.amount.currency);
      if (!value.ok) {
        problems.push(detail(value.issue, { field: `${field}.value`, location: 'body' }));
        return 0n;
      }
      if (value.minor <= 0n) {
        problems.push(detail('CANNOT_BE_ZERO_OR_NEGATIVE', { field: `${field}.value`, location: 'body' }));
      }
      if (item.recipient_type === undefined && header.recipient_type === undefined) {
        problems.push(
          detail('MISSING_REQUIRED_PARAMETER', { field: `items[${index}].recipient_type`, location: 'body' }),
        );
      }
      return value.minor;
    });
    if (problems.length > 0) throw validationError(problems);
    const original = this.batchesBySenderId.get(header.sender_batch_id);
    if (original !== undefined) {
      const self: PayPalLink = {
        href: `${apiUrl}/v1/payments/payouts/${original}`,
        rel: 'self',
        method: 'GET',
      };
      throw new PayPalError({
        status: 400,
        name: 'USER_BUSINESS_ERROR',
        message: 'User business error.',
        details: [
          {
            field: 'SENDER_BATCH_ID',
            location: 'body',
            issue: 'Batch with given sender_batch_id already exists',
            description: `Batch with given sender_batch_id ${header.sender_batch_id} already exists`,
          },
        ],
        links: [self],
        api: 'payouts',
      });
    }
    const batch: PayoutBatch = {
      id: paypalIds.account(),
      senderBatchId: header.sender_batch_id,
      emailSubject: header.email_subject,
      emailMessage: header.email_message,
      createdAt: this.clock(),
      itemIds: [],
    };
    items.forEach((item, index) => {
      const record: PayoutItem = {
        id: paypalIds.account(),
        batchId: batch.id,
        transactionId: paypalIds.resource(),
        activityId: paypalIds.resource(),
        status: 'PENDING',
        recipientType: item.recipient_type ?? header.recipient_type!,
        currency: item.amount.currency,
        minor: amounts[index]!,
        receiver: item.receiver,
        note: item.note,
        senderItemId: item.sender_item_id,
        outcome: outcomeOfReceiver(item.receiver) ?? outcome,
        processedAt: null,
        error: null,
      };
      this.items.set(record.id, record);
      batch.itemIds.push(record.id);
    });
    this.batches.set(batch.id, batch);
    this.batchesBySenderId.set(batch.senderBatchId, batch.id);
    return batch;
  }

  findBatch(id: string): PayoutBatch | undefined {
    return this.batches.get(id);
  }

  findItem(id: string): PayoutItem | undefined {
    return this.items.get(id);
  }

  /** Moves the batch's PENDING items to their outcomes; answers the item events in order. */
  processBatch(batchId: string): PayoutItemEvent[] {
    const events: PayoutItemEvent[] = [];
    for (const itemId of this.batches.get(batchId)?.itemIds ?? []) {
      const item = this.items.get(itemId)!;
      if (item.status !== 'PENDING') continue;
      switch (item.outcome) {
        case 'success':
          events.push(this.move(item, 'SUCCESS', 'PAYMENT.PAYOUTS-ITEM.SUCCEEDED'));
          break;
        case 'failed':
          events.push(this.move(item, 'FAILED', 'PAYMENT.PAYOUTS-ITEM.FAILED'));
          break;
        case 'blocked':
          events.push(this.move(item, 'BLOCKED', 'PAYMENT.PAYOUTS-ITEM.BLOCKED'));
          break;
        case 'unclaimed':
          events.push(this.move(item, 'UNCLAIMED', 'PAYMENT.PAYOUTS-ITEM.UNCLAIMED'));
          break;
        case 'returned':
          // Unclaimed, and then returned (at PayPal, 30 days later).
          events.push(this.move(item, 'UNCLAIMED', 'PAYMENT.PAYOUTS-ITEM.UNCLAIMED'));
          events.push(this.move(item, 'RETURNED', 'PAYMENT.PAYOUTS-ITEM.RETURNED'));
          break;
      }
    }
    return events;
  }

  /** Cancels an unclaimed item: its money returns to the sender (RETURNED). */
  cancelItem(itemId: string): { item: PayoutItem; events: PayoutItemEvent[] } {
    const item = this.items.get(itemId);
    if (!item) throw resourceNotFound('payout_item_id', itemId, 'payouts');
    if (item.status !== 'UNCLAIMED') {
      throw new PayPalError({
        status: 400,
        name: 'VALIDATION_ERROR',
        message: 'Invalid request - see details',
        details: [detail('ITEM_NOT_UNCLAIMED', { field: 'payout_item_id', location: 'path' })],
        api: 'payouts',
      });
    }
    return { item, events: [this.move(item, 'RETURNED', 'PAYMENT.PAYOUTS-ITEM.CANCELED')] };
  }

  private move(item: PayoutItem, status: PayoutItemStatus, type: PayoutItemEvent['type']): PayoutItemEvent {
    item.status = status;
    item.processedAt = this.clock();
    item.error = itemErrors[status] ?? null;
    return { type, itemId: item.id };
  }
}

/** A batch is PENDING until every item left PENDING, then SUCCESS (as PayPal reports a processed batch). */
function batchStatusOf(items: readonly PayoutItem[]): 'PENDING' | 'SUCCESS' {
  return items.some((item) => item.status === 'PENDING') ? 'PENDING' : 'SUCCESS';
}

function payoutMoney(currency: string, minor: bigint): { currency: string; value: string } {
  return { currency, value: formatAmountValue(minor, currency) };
}

/** `GET /v1/payments/payouts-item/{id}`, and the resource of its webhooks. */
export function payoutItemJson(book: PayoutBook, item: PayoutItem, apiUrl: string): Record<string, unknown> {
  const batch = book.findBatch(item.batchId)!;
  return {
    payout_item_id: item.id,
    transaction_id: item.status === 'PENDING' ? undefined : item.transactionId,
    activity_id: item.activityId,
    transaction_status: item.status,
    payout_item_fee: payoutMoney(item.currency, 0n),
    payout_batch_id: item.batchId,
    sender_batch_id: batch.senderBatchId,
    payout_item: {
      recipient_type: item.recipientType,
      amount: payoutMoney(item.currency, item.minor),
      note: item.note,
      receiver: item.receiver,
      sender_item_id: item.senderItemId,
      recipient_wallet: 'PAYPAL',
    },
    ...(item.processedAt === null ? {} : { time_processed: paypalTime(item.processedAt) }),
    ...(item.error === null
      ? {}
      : {
          errors: {
            ...item.error,
            information_link: 'https://developer.paypal.com/docs/api/payments.payouts-batch/#errors',
          },
        }),
    links: [
      { href: `${apiUrl}/v1/payments/payouts-item/${item.id}`, rel: 'self', method: 'GET' },
      { href: `${apiUrl}/v1/payments/payouts/${item.batchId}`, rel: 'batch', method: 'GET' },
    ],
  };
}

/** The batch: its header, and with `withItems` its items (`GET /v1/payments/payouts/{id}`). */
export function payoutBatchJson(
  book: PayoutBook,
  batch: PayoutBatch,
  apiUrl: string,
  withItems: boolean,
): Record<string, unknown> {
  const items = batch.itemIds.map((id) => book.findItem(id)!);
  const currency = items[0]!.currency;
  const total = items.reduce((sum, item) => sum + item.minor, 0n);
  return {
    batch_header: {
      payout_batch_id: batch.id,
      batch_status: batchStatusOf(items),
      time_created: paypalTime(batch.createdAt),
      sender_batch_header: {
        sender_batch_id: batch.senderBatchId,
        email_subject: batch.emailSubject,
        email_message: batch.emailMessage,
      },
      ...(withItems ? { amount: payoutMoney(currency, total), fees: payoutMoney(currency, 0n) } : {}),
    },
    ...(withItems
      ? {
          items: items.map((item) => payoutItemJson(book, item, apiUrl)),
          total_items: items.length,
          total_pages: 1,
        }
      : {}),
    links: [{ href: `${apiUrl}/v1/payments/payouts/${batch.id}`, rel: 'self', method: 'GET' }],
  };
}
