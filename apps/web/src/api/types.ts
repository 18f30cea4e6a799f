import type {
  billResultSchema,
  holdResultSchema,
  otpChallengeSchema,
  transferResultSchema,
  walletBalanceSchema,
} from '@moneypal/contracts';

/*
 * The API's shapes, as the contracts' zod schemas define them. Only types come from there:
 * the app trusts its own server's answers and does not ship the schemas to the browser.
 */

export type {
  Entry,
  Hold,
  InboxMessage,
  Invoice,
  Message,
  Payment,
  PaymentRequest,
  PaymentStatus,
  Payout,
  PayoutStatus,
  Recipient,
  ReportSummary,
  SavingsPlan,
  Tokens,
  TransactionType,
  Transfer,
  User,
  Wallet,
} from '@moneypal/contracts';

/** What a zod schema parses to. */
type OutputOf<Schema extends { _zod: { output: unknown } }> = Schema['_zod']['output'];

export type WalletBalance = OutputOf<typeof walletBalanceSchema>;
export type TransferResult = OutputOf<typeof transferResultSchema>;
export type BillResult = OutputOf<typeof billResultSchema>;
export type HoldResult = OutputOf<typeof holdResultSchema>;
export type OtpChallenge = OutputOf<typeof otpChallengeSchema>;

/** A page of a list: `?limit=` and `?cursor=` in, `next_cursor` (null on the last page) out. */
export interface Page<Item> {
  data: Item[];
  next_cursor: string | null;
}
