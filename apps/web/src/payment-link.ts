import { validateDescription, validateRecipient } from './forms';
import { parseAmount, toDecimalString } from './money';

/*
 * A payment link asks someone for money: `https://<origin>/send?to=<user name>`, with an
 * optional `amount` (a decimal in the payer's wallet currency, such as 12.50) and `note`.
 * It only fills the send screen: the payer still checks and confirms, and anything in the
 * link that is not valid is left out, with a note, never sent.
 */

/** The path a payment link opens. */
export const paymentLinkPath = '/send';

export type PaymentLinkField = 'to' | 'amount' | 'note';

export interface PaymentLinkRequest {
  userName: string;
  amountMinor?: bigint | undefined;
  currency: string;
  note?: string | undefined;
}

/** The link that asks for a payment to `userName` (and an amount, and a note, when given). */
export function paymentLinkOf(origin: string, request: PaymentLinkRequest): string {
  const url = new URL(paymentLinkPath, origin);
  url.searchParams.set('to', request.userName);
  if (request.amountMinor !== undefined && request.amountMinor > 0n) {
    url.searchParams.set('amount', toDecimalString(request.amountMinor, request.currency));
  }
  const note = request.note?.trim();
  if (note !== undefined && note !== '') url.searchParams.set('note', note);
  return url.toString();
}

/** What a payment link fills in on the send screen, as a person would have typed it. */
export interface PaymentLinkDetails {
  recipient?: string;
  amountText?: string;
  description?: string;
}

export interface ParsedPaymentLink {
  /** Whether the address carries a payment link at all (any of its fields). */
  present: boolean;
  details: PaymentLinkDetails;
  /** The fields the link gave that were left out for not being valid, in link order. */
  ignored: PaymentLinkField[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
const controlCharacters = /[\u0000-\u001F\u007F]/;
/** A link's amount is written one way only: digits, and a dot before the decimals. */
const linkAmount = /^\d{1,16}(\.\d{1,4})?$/;

/**
 * The send details a payment link's query string asks for, checked against the payer's
 * wallet currency: a field given twice, empty, too long, with control characters, or not an
 * amount of that currency is ignored and named in `ignored`. Other parameters are no part of
 * a payment link and are ignored silently.
 */
export function parsePaymentLink(search: string, currency: string): ParsedPaymentLink {
  const parameters = new URLSearchParams(search);
  const details: PaymentLinkDetails = {};
  const ignored: PaymentLinkField[] = [];
  const singleValueOf = (field: PaymentLinkField): string | undefined => {
    const values = parameters.getAll(field);
    if (values.length === 0) return undefined;
    const value = values[0]!;
    if (values.length > 1 || controlCharacters.test(value)) {
      ignored.push(field);
      return undefined;
    }
    return value;
  };

  const to = singleValueOf('to');
  if (to !== undefined) {
    if (validateRecipient(to) === undefined) details.recipient = to.trim();
    else ignored.push('to');
  }
  const amount = singleValueOf('amount');
  if (amount !== undefined) {
    const text = amount.trim();
    if (linkAmount.test(text) && parseAmount(text, currency, 'en-US').ok) details.amountText = text;
    else ignored.push('amount');
  }
  const note = singleValueOf('note');
  if (note !== undefined) {
    if (note.trim() !== '' && validateDescription(note) === undefined) details.description = note.trim();
    else ignored.push('note');
  }
  return {
    present: ['to', 'amount', 'note'].some((field) => parameters.has(field)),
    details,
    ignored,
  };
}
