import { z } from 'zod';
import {
  actorSchema,
  amountMinor,
  balanceMinor,
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

/*
 * The ledger: wallets, their two balances (main and savings), double-entry transfers,
 * savings plans, transaction rules and history. Every request names its actor; the
 * ledger answers `wallet_not_found` for a wallet and `not_found` for a transfer the actor
 * may not see, as for one that does not exist.
 */

/**
 * The refusals that depend on the ledger's state. The ledger stores them with the
 * Idempotency-Key, so that a retry with the same key meets the same refusal and moves
 * nothing (Stripe's semantics). Errors of the request itself (validation, forbidden) are
 * answered before the key is claimed; transient ones (unavailable, internal, in flight)
 * are never stored, so a retry may succeed. Each is one of the kit's error codes.
 */
export const ledgerRefusalCodes = [
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
  'hold_already_settled',
] as const;
export type LedgerRefusalCode = (typeof ledgerRefusalCodes)[number];

/** Whether the ledger stores this refusal with the key, so that asking again meets it again. */
export function isLedgerRefusalCode(code: string): code is LedgerRefusalCode {
  return (ledgerRefusalCodes as readonly string[]).includes(code);
}

export const walletStatuses = ['active', 'frozen', 'closed'] as const;
export const transactionTypes = ['deposit', 'transfer', 'payment', 'withdrawal', 'savings'] as const;
export const transactionType = z.enum(transactionTypes);
export type TransactionType = z.infer<typeof transactionType>;
/**
 * The types a transfer may have: every transaction type, and `reversal`, an admin's
 * compensating transfer of a user-to-user transfer. No wallet type's rule or daily limit
 * applies to a reversal (it is a correction, not the payee's spending), so it is no
 * transaction type a rule can name. A reversal also gives a failed payout's withdrawal back.
 * `clearing` moves money between two system accounts (a paid payout, from
 * `payouts-clearing` to `paypal-clearing`); no wallet takes part in it.
 *
 * Escrow holds add three: `hold` moves the amount from the payer's main balance to the
 * payer's held balance (the rules of `transfer`, or of `payment` when a service holds for
 * a bill, apply to it); `hold_capture` and `hold_void` settle it out of the held balance,
 * to the payee (and any rest back to the payer) or all back to the payer. No rule applies
 * to a settlement: the money was checked when it was held.
 */
export const transferTypes = [
  ...transactionTypes,
  'reversal',
  'clearing',
  'hold',
  'hold_capture',
  'hold_void',
] as const;
export const transferType = z.enum(transferTypes);
export type TransferType = z.infer<typeof transferType>;

const walletTypeCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9_-]{1,31}$/,
    'must be 2 to 32 lower-case letters, digits, "_" or "-", starting with a letter',
  );

export const walletTypeSchema = z
  .object({ code: z.string(), name: z.string(), created_at: timestamp })
  .meta({ id: 'WalletType' });

export const createWalletTypeBody = z
  .object({ code: walletTypeCode, name: text.trim().min(1).max(100) })
  .strict()
  .meta({ id: 'CreateWalletTypeRequest' });

export const walletSchema = z
  .object({
    id: uuid,
    owner_id: uuid,
    type: z.string(),
    currency: z.string(),
    status: z.enum(walletStatuses),
    /** The wallet a user was given at registration; transfers to a user land in it. */
    is_default: z.boolean(),
    savings_plan_id: uuid.nullable(),
    main: balanceMinor,
    savings: balanceMinor,
    /** What can be spent now: the main balance of an active wallet, else 0. */
    available: balanceMinor,
    /** Money of this wallet held in escrow by open holds: neither spendable nor the payee's yet. */
    held: balanceMinor,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Wallet' });
export type Wallet = z.infer<typeof walletSchema>;

export const openWalletBody = z
  .object({ currency: currencyCode, type: walletTypeCode.default('personal') })
  .strict()
  .meta({ id: 'OpenWalletRequest' });

const walletFilters = {
  currency: currencyCode.optional(),
  status: z.enum(walletStatuses).optional(),
  type: walletTypeCode.optional(),
  cursor: cursor.optional(),
};
export const listWalletsQuery = z.object({ ...walletFilters, limit: pageLimit }).strict();

/** What an admin asks when freezing, unfreezing or closing a wallet; the reason is kept. */
export const changeWalletStatusBody = z
  .object({ status: z.enum(walletStatuses), reason: text.trim().min(1).max(500) })
  .strict()
  .meta({
    id: 'ChangeWalletStatusRequest',
    examples: [
      { status: 'frozen', reason: 'Chargeback dispute 2291 under review' },
      { status: 'active', reason: 'Dispute 2291 settled in the customer’s favour' },
      { status: 'closed', reason: 'Closed at the customer’s request, balance paid out' },
    ],
  });

export const walletBalanceSchema = z
  .object({
    wallet_id: uuid,
    currency: z.string(),
    main: balanceMinor,
    savings: balanceMinor,
    available: balanceMinor,
    /** Held in escrow by open holds of this wallet. */
    held: balanceMinor,
    /** The instant the balance is for: now, or the `at` asked for. */
    as_of: timestamp,
  })
  .meta({ id: 'WalletBalance' });

export const walletBalanceQuery = z.object({ at: timestamp.optional() }).strict();

export const entrySchema = z
  .object({
    id: uuid,
    account_id: uuid,
    /** null for a system account (e.g. paypal-clearing). */
    wallet_id: uuid.nullable(),
    /** `held`: the wallet's escrow account, where open holds keep the payer's money. */
    account: z.enum(['main', 'savings', 'held', 'system']),
    /** Signed: positive credits the account, negative debits it. */
    amount: balanceMinor,
    balance_after: balanceMinor,
  })
  .meta({ id: 'Entry' });
export type Entry = z.infer<typeof entrySchema>;

export const transferSchema = z
  .object({
    id: uuid,
    type: transferType,
    status: z.literal('posted'),
    amount: amountMinor,
    currency: z.string(),
    description: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    from_wallet_id: uuid.nullable(),
    to_wallet_id: uuid.nullable(),
    /** The user who asked for it, or null when a service did. */
    initiator_id: uuid.nullable(),
    /**
     * The display names and handles (user names) of the owners of both wallets, where the
     * transfer is read (history, one transfer, `ledger.transfer.posted`): null for a system
     * account or an owner whose name is unknown; a deleted user is "Deleted user", without
     * a handle.
     */
    from_name: z.string().nullable().optional(),
    from_handle: z.string().nullable().optional(),
    to_name: z.string().nullable().optional(),
    to_handle: z.string().nullable().optional(),
    created_at: timestamp,
    /** On a reversal only: the id of the transfer it reverses. */
    reversal_of: uuid.optional(),
    /** On a hold and its settlement only: the id of the hold. */
    hold_id: uuid.optional(),
    entries: z.array(entrySchema).optional(),
  })
  .meta({ id: 'Transfer' });
export type Transfer = z.infer<typeof transferSchema>;

const description = text.trim().min(1).max(500);
/** Most pairs in a transfer's metadata, and in one history filter by metadata. */
export const maxMetadataKeys = 20;
/** A metadata key: an integrator's own name for a value, such as `order_id`. */
const metadataKey = z
  .string()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, "_", "." or "-"');
const metadataValue = text.max(500, 'must be at most 500 characters');
const metadataPairs = z
  .record(metadataKey, metadataValue)
  .refine((value) => Object.keys(value).length <= maxMetadataKeys, {
    message: `must have at most ${maxMetadataKeys} keys`,
  });
/** Free-form string pairs a caller attaches to a transfer (or a payout), returned wherever it is read. */
export const metadata = metadataPairs.meta({
  description: `At most ${maxMetadataKeys} pairs; keys 1 to 40 of \`A-Z a-z 0-9 _ . -\`, values strings of at most 500 characters.`,
  examples: [{ order_id: 'A-1042', channel: 'web' }],
});
/**
 * History filtered by metadata: the transfers whose metadata holds every pair given (exact
 * match); over HTTP `metadata[order_id]=A-1042`, one parameter per pair.
 */
export const metadataFilter = metadataPairs.meta({
  description:
    'Only transfers whose metadata holds every pair given, exactly: `metadata[order_id]=A-1042&metadata[channel]=web`.',
  examples: [{ order_id: 'A-1042' }],
});

/** A user to pay: their user_name or email; the money lands in their default wallet of the currency. */
const toUser = text.trim().min(1).max(254);

/** A transfer as a user asks for it over HTTP. */
const transferBodyFields = {
  from_wallet_id: uuid,
  to_wallet_id: uuid.optional(),
  to_user: toUser.optional(),
  amount: amountMinor,
  description: description.optional(),
  metadata: metadata.optional(),
};
const namesOneRecipient = (body: { to_wallet_id?: string | undefined; to_user?: string | undefined }) =>
  (body.to_wallet_id === undefined) !== (body.to_user === undefined);
const oneRecipient = {
  message: 'name the recipient with exactly one of `to_wallet_id` or `to_user`, not both',
  path: ['to_wallet_id'],
};

export const createTransferBody = z
  .object(transferBodyFields)
  .strict()
  .refine(namesOneRecipient, oneRecipient)
  .meta({ id: 'CreateTransferRequest' });

/** Most transfers in one batch request. */
export const maxTransfersPerBatch = 1_000;

/** Refuses a batch that uses one idempotency key twice, naming each repeat by its path. */
function refuseRepeatedKeys(batch: { transfers: { idempotency_key: string }[] }, context: z.RefinementCtx) {
  const seen = new Set<string>();
  batch.transfers.forEach((transfer, index) => {
    if (seen.has(transfer.idempotency_key)) {
      context.addIssue({
        code: 'custom',
        message: 'repeats the idempotency_key of an earlier transfer in the batch',
        path: ['transfers', index, 'idempotency_key'],
      });
    }
    seen.add(transfer.idempotency_key);
  });
}

/** A transfer of a batch: the fields of a single transfer and its own key. */
export const createTransferBatchItem = z
  .object({
    ...transferBodyFields,
    /** Scoped by caller like the Idempotency-Key header of a single transfer, and shared with it. */
    idempotency_key: z
      .string()
      .min(1, 'must not be empty')
      .max(255, 'must be at most 255 characters')
      .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces'),
  })
  .strict()
  .refine(namesOneRecipient, oneRecipient)
  .meta({ id: 'CreateTransferBatchItem' });

export const createTransferBatchBody = z
  .object({
    transfers: z.array(createTransferBatchItem).min(1).max(maxTransfersPerBatch),
    /** All or nothing: when any transfer would fail, none is posted. */
    atomic: z.boolean().default(false),
  })
  .strict()
  .superRefine(refuseRepeatedKeys)
  .meta({ id: 'CreateTransferBatchRequest' });

/**
 * The outcome of one transfer of a batch, in the batch's order: posted (now, or earlier
 * under the same key when `replayed`), or failed with the error a single transfer would
 * have answered.
 */
export const transferBatchItemResultSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('posted'), transfer: transferSchema, replayed: z.boolean() }),
    z.object({
      status: z.literal('failed'),
      error: z.object({
        code: z.string(),
        message: z.string(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  ])
  .meta({ id: 'TransferBatchItemResult' });

export const transferBatchResultSchema = z
  .object({ results: z.array(transferBatchItemResultSchema) })
  .meta({ id: 'TransferBatchResult' });

export const transferResultSchema = z
  .object({ transfer: transferSchema, balance: walletBalanceSchema })
  .meta({ id: 'TransferResult' });

export const depositBody = z
  .object({ amount: amountMinor, reference: text.trim().min(1).max(200) })
  .strict()
  .meta({ id: 'DepositRequest' });

/** Most characters of the reason an admin gives for a reversal. */
const reversalReason = text.trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

/** An admin reverses a transfer, in full (no amount: what is left of it) or in part. */
export const reverseTransferBody = z
  .object({ amount: amountMinor.optional(), reason: reversalReason })
  .strict()
  .meta({
    id: 'ReverseTransferRequest',
    examples: [
      { reason: 'Chargeback 2291: the service was never delivered' },
      { amount: 1500, reason: 'Dispute 2291 settled: half of the job was delivered' },
    ],
  });

export const holdStatuses = ['held', 'captured', 'voided', 'expired'] as const;
export const holdStatus = z.enum(holdStatuses);
export type HoldStatus = z.infer<typeof holdStatus>;
/** What a hold does by itself at `expires_at`: give the money back, or pay the payee. */
export const holdExpiryActions = ['void', 'capture'] as const;

/**
 * Escrow: money taken from the payer's available balance at once and held until the payer
 * captures it (to the payee), the payee or an admin voids it (back to the payer), or it
 * expires and applies `on_expiry`. Exactly one of these settles it.
 */
export const holdSchema = z
  .object({
    id: uuid,
    status: holdStatus,
    amount: amountMinor,
    /** What went to the payee: 0 until captured; on a partial capture, the rest went back. */
    captured_amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: z.string(),
    description: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    from_wallet_id: uuid,
    to_wallet_id: uuid,
    payer_id: uuid,
    payee_id: uuid,
    /** The parties' display names and handles where the hold is read, as on a transfer. */
    payer_name: z.string().nullable().optional(),
    payer_handle: z.string().nullable().optional(),
    payee_name: z.string().nullable().optional(),
    payee_handle: z.string().nullable().optional(),
    expires_at: timestamp.nullable(),
    on_expiry: z.enum(holdExpiryActions),
    created_at: timestamp,
    /** When it was captured, voided or expired; null while held. */
    settled_at: timestamp.nullable(),
    /** The user who settled it; null while held or when it expired. */
    settled_by: uuid.nullable(),
    /** The transfer that moved the amount into escrow. */
    transfer_id: uuid,
    /** The transfer that settled it (to the payee and/or back to the payer); null while held. */
    settlement_transfer_id: uuid.nullable(),
  })
  .meta({ id: 'Hold' });
export type Hold = z.infer<typeof holdSchema>;

export const createHoldBody = z
  .object({
    ...transferBodyFields,
    expires_at: timestamp.optional(),
    on_expiry: z.enum(holdExpiryActions).default('void'),
  })
  .strict()
  .refine(namesOneRecipient, oneRecipient)
  .meta({
    id: 'CreateHoldRequest',
    examples: [
      {
        from_wallet_id: '0b9f6c0e-8d3c-4f7e-9a51-2f1f7c3b9d10',
        to_user: 'ada',
        amount: 12000,
        description: 'Kitchen tiling, job 1042',
        expires_at: '2027-01-15T12:00:00Z',
        on_expiry: 'capture',
        metadata: { order_id: 'A-1042' },
      },
    ],
  });

/** The payer (or an admin) releases a hold to the payee: all of it, or `amount` and the rest back. */
export const captureHoldBody = z
  .object({ amount: amountMinor.optional() })
  .strict()
  .meta({ id: 'CaptureHoldRequest', examples: [{}, { amount: 9000 }] });

/** The payee (declining the job) or an admin gives a hold back to the payer. */
export const voidHoldBody = z
  .object({ reason: text.trim().min(1).max(500).optional() })
  .strict()
  .meta({ id: 'VoidHoldRequest', examples: [{ reason: 'I cannot take this job' }] });

export const listHoldsQuery = z
  .object({
    wallet_id: uuid.optional(),
    status: holdStatus.optional(),
    /** `out`: holds the caller pays; `in`: holds the caller is the payee of. */
    direction: z.enum(['in', 'out']).optional(),
    cursor: cursor.optional(),
    limit: pageLimit,
  })
  .strict();

export const holdResultSchema = z
  .object({ hold: holdSchema, balance: walletBalanceSchema })
  .meta({ id: 'HoldResult' });

export const withdrawSavingsBody = z
  .object({ amount: amountMinor })
  .strict()
  .meta({ id: 'WithdrawSavingsRequest' });

export const selectSavingsPlanBody = z
  .object({ plan_id: uuid.nullable() })
  .strict()
  .meta({ id: 'SelectSavingsPlanRequest' });

export const savingsPlanSchema = z
  .object({
    id: uuid,
    name: z.string(),
    kind: z.enum(['flat', 'percentage']),
    /** Minor units for `flat`; basis points (1/100 %) for `percentage`. */
    value: amountMinor,
    created_at: timestamp,
  })
  .meta({ id: 'SavingsPlan' });
export type SavingsPlan = z.infer<typeof savingsPlanSchema>;

export const createSavingsPlanBody = z
  .discriminatedUnion('kind', [
    z.object({ name: text.trim().min(1).max(100), kind: z.literal('flat'), value: amountMinor }).strict(),
    z
      .object({
        name: text.trim().min(1).max(100),
        kind: z.literal('percentage'),
        value: z
          .number()
          .int('must be whole basis points')
          .min(1)
          .max(10_000, 'must be at most 10000 (100 %)'),
      })
      .strict(),
  ])
  .meta({ id: 'CreateSavingsPlanRequest' });

const limit = amountMinor.nullable();
export const transactionRuleSchema = z
  .object({
    id: uuid,
    wallet_type: z.string(),
    transaction_type: transactionType,
    min_amount: limit,
    max_amount: limit,
    daily_total: limit,
    daily_count: z.number().int().positive().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'TransactionRule' });

/** Creates or replaces the rule of one wallet type and transaction type; null means no limit. */
export const putTransactionRuleBody = z
  .object({
    wallet_type: walletTypeCode,
    transaction_type: transactionType,
    min_amount: limit.default(null),
    max_amount: limit.default(null),
    daily_total: limit.default(null),
    daily_count: z.number().int().positive().max(1_000_000).nullable().default(null),
  })
  .strict()
  .refine(
    (rule) => rule.min_amount === null || rule.max_amount === null || rule.min_amount <= rule.max_amount,
    {
      message: 'must not be above max_amount',
      path: ['min_amount'],
    },
  )
  .meta({ id: 'TransactionRuleRequest' });

/** The admin's rule list as an HTTP query string: every rule, or those of one wallet type. */
export const listTransactionRulesQuery = z.object({ wallet_type: walletTypeCode.optional() }).strict();

/** Words searched for in history: a person's name or handle, or a note. */
const searchWords = text.trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

const historyFilters = {
  wallet_id: uuid.optional(),
  from: timestamp.optional(),
  to: timestamp.optional(),
  type: transferType.optional(),
  direction: z.enum(['in', 'out']).optional(),
  /**
   * The other side of the transfer: a wallet id or a user id, or else words of the person's
   * name or user name (case-insensitive; a leading `@` is a user name's).
   */
  counterparty: z.union([uuid, searchWords]).optional().meta({
    description:
      'The other side: a wallet or user id, or words of the person’s name or user name (`ada`, `@ada`, `Lovelace`), case-insensitive.',
  }),
  /** Words in the transfer's description (its note), case-insensitive. */
  q: searchWords
    .optional()
    .meta({ description: 'Words in the transfer’s note (description), case-insensitive.' }),
  metadata: metadataFilter.optional(),
  cursor: cursor.optional(),
};

/** An amount range is refused when its lower end is above its upper end, naming `min_amount`. */
function amountRangeInOrder(query: { min_amount?: number | undefined; max_amount?: number | undefined }) {
  return (
    query.min_amount === undefined || query.max_amount === undefined || query.min_amount <= query.max_amount
  );
}
const amountRangeRefusal = { message: 'must not be above max_amount', path: ['min_amount'] };

const amountQuery = z.coerce
  .number({ error: 'must be a whole number of minor units (cents), such as 1050 for 10.50' })
  .pipe(amountMinor)
  .optional();
/** History filters as an HTTP query string; `from` inclusive, `to` exclusive; newest first. */
export const listTransactionsQuery = z
  .object({ ...historyFilters, min_amount: amountQuery, max_amount: amountQuery, limit: pageLimit })
  .strict()
  .refine(amountRangeInOrder, amountRangeRefusal);

/** The most movements one statement carries; a busier period is asked for in parts. */
export const maxStatementMovements = 10_000;
/** The longest period one statement covers. */
export const maxStatementDays = 366;

export const statementFormats = ['json', 'csv', 'pdf'] as const;
export type StatementFormat = (typeof statementFormats)[number];

/**
 * A statement as an HTTP query string: a calendar month in UTC (`month=2026-11`) or a period
 * (`from` inclusive, `to` exclusive), as JSON, CSV or PDF.
 */
export const statementQuery = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
      .optional()
      .meta({ description: 'A calendar month in UTC, `2026-11`; or give `from` and `to` instead.' }),
    from: timestamp.optional(),
    to: timestamp.optional(),
    format: z
      .enum(statementFormats)
      .default('json')
      .meta({ description: '`json` (the default), `csv` (RFC 4180, UTF-8) or `pdf`.' }),
  })
  .strict()
  .superRefine((query, context) => {
    const period = query.from !== undefined || query.to !== undefined;
    if (query.month !== undefined && period) {
      context.addIssue({ code: 'custom', message: 'give either month, or from and to', path: ['month'] });
      return;
    }
    if (query.month !== undefined) return;
    if (query.from === undefined) {
      context.addIssue({
        code: 'custom',
        message: period ? 'is required with to' : 'give a month, or from and to',
        path: [period ? 'from' : 'month'],
      });
      return;
    }
    if (query.to === undefined) {
      context.addIssue({ code: 'custom', message: 'is required with from', path: ['to'] });
      return;
    }
    const lengthMs = Date.parse(query.to) - Date.parse(query.from);
    if (lengthMs <= 0) context.addIssue({ code: 'custom', message: 'must be after from', path: ['to'] });
    else if (lengthMs > maxStatementDays * 86_400_000)
      context.addIssue({
        code: 'custom',
        message: `must be at most ${maxStatementDays} days after from`,
        path: ['to'],
      });
  });

export const statementMovementSchema = z
  .object({
    /** The transfer, with its parties named and without entries. */
    transfer: transferSchema,
    /** Signed: what the transfer changed in the wallet's main balance. */
    amount: balanceMinor,
    /** The main balance right after it. */
    balance_after: balanceMinor,
  })
  .meta({ id: 'StatementMovement' });

/**
 * A wallet's statement over a period (`from` inclusive, `to` exclusive): its main balance
 * before the period (the opening balance), every movement of it in the period in the order
 * it was posted with the balance after each, and the closing balance, which is the opening
 * balance plus every movement.
 */
export const statementSchema = z
  .object({
    wallet: z.object({
      id: uuid,
      type: z.string(),
      currency: z.string(),
      owner_id: uuid,
      owner_name: z.string().nullable(),
      owner_handle: z.string().nullable(),
    }),
    from: timestamp,
    to: timestamp,
    opening_balance: balanceMinor,
    closing_balance: balanceMinor,
    /** Sum of the credits of the period, and of the debits (as a positive number). */
    total_in: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    total_out: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    movements: z.array(statementMovementSchema),
  })
  .meta({ id: 'Statement' });
export type Statement = z.infer<typeof statementSchema>;

export const walletPage = pageOf(walletSchema).meta({ id: 'WalletPage' });
export const holdPage = pageOf(holdSchema).meta({ id: 'HoldPage' });
export const transferPage = pageOf(transferSchema).meta({ id: 'TransferPage' });

/** Every money-moving reply says whether it is a stored answer to an earlier identical request. */
const replayable = <Reply extends z.ZodType>(reply: Reply) =>
  z.object({ result: reply, replayed: z.boolean() });

const withActor = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.object({ actor: actorSchema, ...shape }).strict();

/** A transfer as a service or the gateway asks the ledger for it. */
const transferRequestFields = {
  from_wallet_id: uuid,
  to_wallet_id: uuid.optional(),
  to_user: toUser.optional(),
  /** A user id: pay that user's default wallet of the currency (used by services). */
  to_user_id: uuid.optional(),
  amount: amountMinor,
  description: description.optional(),
  /** `payment` when billing pays a provider; `transfer` otherwise. */
  type: z.enum(['transfer', 'payment']).default('transfer'),
  metadata: metadata.optional(),
  idempotency_key: idempotencyKey,
};

export const ledgerRequests = {
  listWalletTypes: defineRequest(
    'ledger.wallet-type.list',
    withActor({}),
    z.object({ data: z.array(walletTypeSchema) }),
  ),
  createWalletType: defineRequest(
    'ledger.wallet-type.create',
    withActor({ code: walletTypeCode, name: text.min(1).max(100) }),
    walletTypeSchema,
  ),
  listWallets: defineRequest(
    'ledger.wallet.list',
    withActor({ ...walletFilters, owner_id: uuid.optional(), limit: z.number().int().min(1).max(100) }),
    walletPage,
  ),
  openWallet: defineRequest(
    'ledger.wallet.open',
    withActor({ currency: currencyCode, type: walletTypeCode }),
    walletSchema,
  ),
  getWallet: defineRequest('ledger.wallet.get', withActor({ wallet_id: uuid }), walletSchema),
  /** An admin freezes, unfreezes or closes a wallet; the answer is the wallet after it. */
  changeWalletStatus: defineRequest(
    'ledger.wallet.status.change',
    withActor({ wallet_id: uuid, status: z.enum(walletStatuses), reason: text.min(1).max(500) }),
    walletSchema,
  ),
  getWalletBalance: defineRequest(
    'ledger.wallet.balance',
    withActor({ wallet_id: uuid, at: timestamp.optional() }),
    walletBalanceSchema,
  ),
  /** Credits a wallet from a system account: `back-office` (admin) or `paypal-clearing` (billing). */
  deposit: defineRequest(
    'ledger.deposit.create',
    withActor({
      wallet_id: uuid,
      amount: amountMinor,
      reference: text.min(1).max(200),
      source: z.enum(['back-office', 'paypal-clearing']),
      idempotency_key: idempotencyKey,
      metadata: metadata.optional(),
    }),
    replayable(transferResultSchema),
  ),
  /** An admin moves (part of) a user-to-user transfer back from its payee to its payer. */
  reverseTransfer: defineRequest(
    'ledger.transfer.reverse',
    withActor({
      transfer_id: uuid,
      amount: amountMinor.optional(),
      reason: reversalReason,
      idempotency_key: idempotencyKey,
    }),
    replayable(transferResultSchema),
  ),
  /** A user (or billing, for an escrow bill) puts money of the payer's wallet in escrow for a payee. */
  createHold: defineRequest(
    'ledger.hold.create',
    withActor({
      ...transferRequestFields,
      expires_at: timestamp.optional(),
      on_expiry: z.enum(holdExpiryActions).default('void'),
    }),
    replayable(holdResultSchema),
  ),
  /** The payer or an admin captures a hold; the balance in the answer is the payer's wallet. */
  captureHold: defineRequest(
    'ledger.hold.capture',
    withActor({ hold_id: uuid, amount: amountMinor.optional(), idempotency_key: idempotencyKey }),
    replayable(holdResultSchema),
  ),
  /** The payee or an admin voids a hold; the balance in the answer is the caller's side. */
  voidHold: defineRequest(
    'ledger.hold.void',
    withActor({
      hold_id: uuid,
      reason: text.min(1).max(500).optional(),
      idempotency_key: idempotencyKey,
    }),
    replayable(holdResultSchema),
  ),
  getHold: defineRequest('ledger.hold.get', withActor({ hold_id: uuid }), holdSchema),
  listHolds: defineRequest(
    'ledger.hold.list',
    withActor({
      wallet_id: uuid.optional(),
      status: holdStatus.optional(),
      direction: z.enum(['in', 'out']).optional(),
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(100),
    }),
    holdPage,
  ),
  transfer: defineRequest(
    'ledger.transfer.create',
    withActor(transferRequestFields),
    replayable(transferResultSchema),
  ),
  /**
   * Many transfers of one actor in one request, each with its own key and outcome; with
   * `atomic`, all of them or none.
   */
  transferBatch: defineRequest(
    'ledger.transfer.batch',
    withActor({
      transfers: z.array(z.object(transferRequestFields).strict()).min(1).max(maxTransfersPerBatch),
      atomic: z.boolean().default(false),
    }).superRefine(refuseRepeatedKeys),
    transferBatchResultSchema,
  ),
  /**
   * Debits a wallet's main balance to a system account (a service only): how billing
   * reverses a PayPal funding when the payment is refunded.
   */
  withdraw: defineRequest(
    'ledger.withdrawal.create',
    withActor({
      wallet_id: uuid,
      amount: amountMinor,
      reference: text.min(1).max(200),
      /** `payouts-clearing`: the money of a payout on its way to PayPal (payments). */
      destination: z.enum(['paypal-clearing', 'payouts-clearing']),
      idempotency_key: idempotencyKey,
      metadata: metadata.optional(),
    }),
    replayable(transferResultSchema),
  ),
  /**
   * A payout's money left through PayPal (a service only): its withdrawal's amount moves on
   * from `payouts-clearing` to `paypal-clearing`, a posting between the two system accounts.
   */
  settleWithdrawal: defineRequest(
    'ledger.withdrawal.settle',
    withActor({ transfer_id: uuid, idempotency_key: idempotencyKey }),
    z.object({ transfer: transferSchema }),
  ),
  /**
   * A payout failed or came back (a service only): its withdrawal's amount returns from
   * `payouts-clearing` to the wallet's main balance, as a `reversal` linked to the withdrawal,
   * past the savings plan and the wallet type's rules, and whatever the wallet's status.
   */
  reverseWithdrawal: defineRequest(
    'ledger.withdrawal.reverse',
    withActor({ transfer_id: uuid, reason: text.min(1).max(500), idempotency_key: idempotencyKey }),
    replayable(transferResultSchema),
  ),
  /**
   * The one movement out of a frozen or closed wallet (a deleted user's, say): its whole
   * balance, main and savings, to `back-office` (an admin) or to `payouts-clearing` (payments,
   * for an admin's payout of it, naming the admin in `released_by`). `amount`, when given,
   * must be that whole balance; an active wallet is refused. Who and why are kept in the
   * transfer's metadata.
   */
  releaseWallet: defineRequest(
    'ledger.wallet.release',
    withActor({
      wallet_id: uuid,
      amount: amountMinor.optional(),
      reason: text.min(1).max(500),
      destination: z.enum(['back-office', 'payouts-clearing']),
      released_by: uuid.optional(),
      idempotency_key: idempotencyKey,
    }),
    replayable(transferResultSchema),
  ),
  withdrawSavings: defineRequest(
    'ledger.savings.withdraw',
    withActor({ wallet_id: uuid, amount: amountMinor, idempotency_key: idempotencyKey }),
    replayable(transferResultSchema),
  ),
  selectSavingsPlan: defineRequest(
    'ledger.savings-plan.select',
    withActor({ wallet_id: uuid, plan_id: uuid.nullable() }),
    walletSchema,
  ),
  listSavingsPlans: defineRequest(
    'ledger.savings-plan.list',
    withActor({}),
    z.object({ data: z.array(savingsPlanSchema) }),
  ),
  createSavingsPlan: defineRequest(
    'ledger.savings-plan.create',
    z.object({ actor: actorSchema, plan: createSavingsPlanBody }).strict(),
    savingsPlanSchema,
  ),
  listTransactionRules: defineRequest(
    'ledger.transaction-rule.list',
    withActor({ wallet_type: walletTypeCode.optional() }),
    z.object({ data: z.array(transactionRuleSchema) }),
  ),
  putTransactionRule: defineRequest(
    'ledger.transaction-rule.put',
    z.object({ actor: actorSchema, rule: putTransactionRuleBody }).strict(),
    transactionRuleSchema,
  ),
  listTransactions: defineRequest(
    'ledger.transaction.list',
    withActor({
      ...historyFilters,
      min_amount: amountMinor.optional(),
      max_amount: amountMinor.optional(),
      limit: z.number().int().min(1).max(100),
    }).refine(amountRangeInOrder, amountRangeRefusal),
    transferPage,
  ),
  /** A wallet's statement of its main balance over a period of at most `maxStatementDays`. */
  getStatement: defineRequest(
    'ledger.wallet.statement',
    withActor({ wallet_id: uuid, from: timestamp, to: timestamp }),
    statementSchema,
  ),
  getTransaction: defineRequest('ledger.transaction.get', withActor({ transfer_id: uuid }), transferSchema),
  /** Another service asks for a user's balance: their default wallet (or the one of `currency`). */
  getBalance: defineRequest(
    'ledger.balance.get',
    withActor({ owner_id: uuid, currency: currencyCode.optional() }),
    z.object({ wallet_id: uuid, currency: z.string(), balance: balanceMinor, savings: balanceMinor }),
  ),
} as const;

export const ledgerEvents = {
  walletCreated: 'ledger.wallet.created',
  transferPosted: 'ledger.transfer.posted',
  walletStatusChanged: 'ledger.wallet.status_changed',
  holdCreated: 'ledger.hold.created',
  holdCaptured: 'ledger.hold.captured',
  holdVoided: 'ledger.hold.voided',
  holdExpired: 'ledger.hold.expired',
} as const;

export const walletCreatedData = z.object({ wallet: walletSchema });
/**
 * The transfer, without its entries (no consumer may read another account's balance), and
 * the owners of both wallets (null for a system account), so consumers need not ask back.
 */
export const transferPostedData = z.object({
  transfer: transferSchema,
  from_owner_id: uuid.nullable(),
  to_owner_id: uuid.nullable(),
});

/** An admin changed a wallet's status: who, when, why, and from what to what. */
export const walletStatusChangedData = z.object({
  wallet_id: uuid,
  owner_id: uuid,
  from: z.enum(walletStatuses),
  to: z.enum(walletStatuses),
  reason: z.string(),
  changed_by: uuid,
  changed_at: timestamp,
});

/**
 * A hold was created or settled (`ledger.hold.created|captured|voided|expired`): the hold
 * as it is after the change. The payer and payee ids are in the hold, so consumers tell
 * both parties without asking back.
 */
export const holdEventData = z.object({ hold: holdSchema });
