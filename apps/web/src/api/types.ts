import type { Schema } from '@moneypal/api-client';

/*
 * The API's shapes, as the gateway's OpenAPI document names them (`@moneypal/api-client`,
 * generated from the routes). Only types: the app trusts its own server's answers. Money is
 * an integer of minor units (`number`), as the JSON carries it.
 */

export type Entry = Schema<'Entry'>;
export type Hold = Schema<'Hold'>;
export type InboxMessage = Schema<'InboxMessage'>;
export type Invoice = Schema<'Invoice'>;
export type Payment = Schema<'Payment'>;
export type PaymentRequest = Schema<'PaymentRequest'>;
export type PaymentStatus = Payment['status'];
export type Payout = Schema<'Payout'>;
export type PayoutStatus = Payout['status'];
export type Recipient = Schema<'Recipient'>;
export type ReportSummary = Schema<'ReportSummary'>;
export type SavingsPlan = Schema<'SavingsPlan'>;
export type Tokens = Schema<'Tokens'>;
export type Transfer = Schema<'Transfer'>;
export type TransactionType = Transfer['type'];
export type User = Schema<'User'>;
export type Wallet = Schema<'Wallet'>;

export type WalletBalance = Schema<'WalletBalance'>;
export type TransferResult = Schema<'TransferResult'>;
export type BillResult = Schema<'BillResult'>;
export type HoldResult = Schema<'HoldResult'>;
export type OtpChallenge = Schema<'OtpChallenge'>;

/** A page of a list: `?limit=` and `?cursor=` in, `next_cursor` (null on the last page) out. */
export interface Page<Item> {
  data: Item[];
  next_cursor: string | null;
}
