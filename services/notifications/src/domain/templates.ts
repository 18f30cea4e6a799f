import { formatMinor } from '@moneypal/kit';

/**
 * The text of every message MoneyPal sends. Plain text, short, and the same for a given
 * input: the service renders a message once, when the event that asks for it arrives.
 */

interface Amount {
  amountMinor: bigint;
  currency: string;
}

/** A movement of money between two users, seen from one of them. */
interface PaymentNotice extends Amount {
  firstName: string;
  /** `payment` when a provider was paid, `transfer` between users. */
  kind: 'transfer' | 'payment';
  /** The other party as the ledger named them ("Ada Lovelace (@ada)"), else their user name; null when unknown. */
  counterparty: string | null;
  description: string | null;
  /** The ledger transfer id. */
  reference: string;
}

/** A hold's event, seen from its payer or its payee. */
export interface HoldNotice extends Amount {
  template: 'hold_created' | 'hold_captured' | 'hold_voided' | 'hold_expired';
  firstName: string;
  /** Which party the message is to. */
  role: 'payer' | 'payee';
  /** The other party's user name, or null when identity no longer knows them. */
  counterparty: string | null;
  /** What was released to the payee (0 unless captured, or expired capturing); the rest went back. */
  capturedMinor: bigint;
  /** While held: when it settles by itself, and how. */
  expiresAt: Date | null;
  onExpiry: 'void' | 'capture';
  description: string | null;
  /** The hold id. */
  reference: string;
}

/** A payment request's change, told to the party who must hear it. */
export interface PaymentRequestNotice extends Amount {
  /** `received` to the payer; `paid` and `declined` to the requester. */
  template: 'payment_request_received' | 'payment_request_paid' | 'payment_request_declined';
  firstName: string;
  /** The other party as billing named them ("Ada Lovelace (@ada)"); null when unknown. */
  counterparty: string | null;
  description: string | null;
  /** With `received`: when the request stops being payable. */
  expiresAt: Date;
  /** With `declined`: the payer's reason, when they gave one. */
  declineReason: string | null;
  /** Where the request is read, paid or declined in the web app. */
  link: string;
}

export type MessageContent =
  | { template: 'registration'; firstName: string; userName: string }
  | ({ template: 'payment_sent' } & PaymentNotice)
  | ({ template: 'payment_received' } & PaymentNotice)
  | ({
      template: 'invoice_issued';
      firstName: string;
      invoiceNo: number;
      /** The provider's user name, or null when identity no longer knows them. */
      payee: string | null;
      description: string | null;
      status: string;
      issuedAt: Date;
    } & Amount)
  | ({
      template: 'refund';
      firstName: string;
      /** The provider the payment went to, if any. */
      paidTo: string | null;
      description: string | null;
      /** The payment id. */
      reference: string;
      /** What this refund gave back: the payment's amount, or part of it. */
      refundMinor: bigint;
    } & Amount)
  | { template: 'one_time_code'; channel: 'email' | 'sms'; code: string; expiresAt: Date }
  | { template: 'password_reset'; code: string; expiresAt: Date }
  | HoldNotice
  | PaymentRequestNotice;

export interface RenderedMessage {
  /** The email subject; SMS has none. */
  subject: string | null;
  body: string;
}

const signature = 'The MoneyPal team';
const unknownUser = 'another MoneyPal user';

/** `1234550n, 'USD'` → `'USD 12,345.50'`: the currency's exponent, digits grouped by thousands. */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const [whole = '', fraction] = formatMinor(amountMinor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** `2030-01-02T03:04:05Z` → `2030-01-02 03:04 UTC`. */
export function formatTime(time: Date): string {
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function letter(firstName: string, lines: readonly (string | null)[]): string {
  return [`Hello ${firstName},`, '', ...lines.filter((line) => line !== null), '', signature, ''].join('\n');
}

function describedAs(description: string | null): string | null {
  return description === null ? null : `Description: ${description}`;
}

/**
 * A hold's event in plain words for one party: `amountMinor` is the hold's amount, and a
 * capture or an expiry says what was released and what went back.
 */
function renderHold(content: HoldNotice): RenderedMessage {
  const amount = formatAmount(content.amountMinor, content.currency);
  const other = content.counterparty ?? unknownUser;
  /** The other party, first in a sentence. */
  const otherFirst = content.counterparty ?? 'Another MoneyPal user';
  const isPayer = content.role === 'payer';
  const released = formatAmount(content.capturedMinor, content.currency);
  const rest = content.amountMinor - content.capturedMinor;
  const back =
    content.capturedMinor > 0n && rest > 0n
      ? `${formatAmount(rest, content.currency)} went back to ${isPayer ? 'your wallet' : other}.`
      : null;
  const lines = (summary: string, ...more: (string | null)[]): RenderedMessage => ({
    subject: summary,
    body: letter(content.firstName, [
      `${summary}.`,
      ...more,
      describedAs(content.description),
      `Reference: ${content.reference}`,
    ]),
  });
  switch (content.template) {
    case 'hold_created': {
      const expiry =
        content.expiresAt === null
          ? null
          : content.onExpiry === 'capture'
            ? `If it is not released or returned before ${formatTime(content.expiresAt)}, it is released to ${isPayer ? other : 'you'} then.`
            : `If it is not released before ${formatTime(content.expiresAt)}, it goes back to ${isPayer ? 'you' : other} then.`;
      return isPayer
        ? lines(`${amount} is held for ${other} until you release it`, expiry)
        : lines(
            `${otherFirst} is holding ${amount} for you`,
            `It is yours once ${other} releases it.`,
            expiry,
          );
    }
    case 'hold_captured':
      return isPayer
        ? lines(`You released ${released} to ${other}`, back)
        : lines(`${otherFirst} released ${released} to you`, back);
    case 'hold_voided':
      return isPayer
        ? lines(`The ${amount} held for ${other} went back to your wallet`)
        : lines(`The ${amount} ${other} held for you went back to ${other}`);
    case 'hold_expired':
      if (content.capturedMinor > 0n) {
        return isPayer
          ? lines(`Your hold for ${other} expired and released ${released} to ${other}`, back)
          : lines(`The hold from ${other} expired and released ${released} to you`, back);
      }
      return isPayer
        ? lines(`Your hold of ${amount} for ${other} expired and the money went back to your wallet`)
        : lines(`The hold of ${amount} from ${other} expired and the money went back to ${other}`);
  }
}

/** A payment request in plain words for the party who must hear of it, with its link. */
function renderPaymentRequest(content: PaymentRequestNotice): RenderedMessage {
  const amount = formatAmount(content.amountMinor, content.currency);
  const lines = (summary: string, ...more: (string | null)[]): RenderedMessage => ({
    subject: summary,
    body: letter(content.firstName, [`${summary}.`, ...more, describedAs(content.description)]),
  });
  switch (content.template) {
    case 'payment_request_received':
      return lines(
        `${content.counterparty ?? 'Another MoneyPal user'} asks you for ${amount}`,
        `Pay or decline it here: ${content.link}`,
        `It can be paid until ${formatTime(content.expiresAt)}.`,
      );
    case 'payment_request_paid':
      return lines(
        `${content.counterparty ?? 'Another MoneyPal user'} paid your request for ${amount}`,
        'The money is in your wallet.',
        `See the request: ${content.link}`,
      );
    case 'payment_request_declined':
      return lines(
        `${content.counterparty ?? 'Another MoneyPal user'} declined your request for ${amount}`,
        content.declineReason === null ? null : `Their reason: ${content.declineReason}`,
        `See the request: ${content.link}`,
      );
  }
}

export function renderMessage(content: MessageContent): RenderedMessage {
  switch (content.template) {
    case 'payment_request_received':
    case 'payment_request_paid':
    case 'payment_request_declined':
      return renderPaymentRequest(content);
    case 'hold_created':
    case 'hold_captured':
    case 'hold_voided':
    case 'hold_expired':
      return renderHold(content);
    case 'registration':
      return {
        subject: `Welcome to MoneyPal, ${content.firstName}`,
        body: letter(content.firstName, [
          `Your MoneyPal account ${content.userName} is ready.`,
          'You can now fund your wallet, pay providers and send money to other users.',
        ]),
      };
    case 'payment_sent': {
      const amount = formatAmount(content.amountMinor, content.currency);
      const to = content.counterparty ?? unknownUser;
      const summary =
        content.kind === 'payment' ? `You paid ${amount} to ${to}` : `You sent ${amount} to ${to}`;
      return {
        subject: summary,
        body: letter(content.firstName, [
          `${summary}.`,
          describedAs(content.description),
          `Reference: ${content.reference}`,
        ]),
      };
    }
    case 'payment_received': {
      const amount = formatAmount(content.amountMinor, content.currency);
      const from = content.counterparty ?? unknownUser;
      const summary =
        content.kind === 'payment'
          ? `You were paid ${amount} by ${from}`
          : `You received ${amount} from ${from}`;
      return {
        subject: summary,
        body: letter(content.firstName, [
          `${summary}.`,
          describedAs(content.description),
          `Reference: ${content.reference}`,
        ]),
      };
    }
    case 'invoice_issued': {
      const amount = formatAmount(content.amountMinor, content.currency);
      const payee = content.payee ?? unknownUser;
      return {
        subject: `Invoice ${content.invoiceNo} from ${payee}: ${amount}`,
        body: letter(content.firstName, [
          `${payee} issued invoice ${content.invoiceNo} to you for ${amount}.`,
          describedAs(content.description),
          `Status: ${content.status}`,
          `Issued: ${formatTime(content.issuedAt)}`,
        ]),
      };
    }
    case 'refund': {
      const amount = formatAmount(content.amountMinor, content.currency);
      const paidTo = content.paidTo === null ? '' : ` to ${content.paidTo}`;
      // A partial refund names its own amount first.
      const part =
        content.refundMinor < content.amountMinor
          ? `${formatAmount(content.refundMinor, content.currency)} of your payment`
          : 'Your payment';
      return {
        subject: `${part} of ${amount} was refunded`,
        body: letter(content.firstName, [
          `${part} of ${amount}${paidTo} was refunded.`,
          describedAs(content.description),
          `Reference: ${content.reference}`,
        ]),
      };
    }
    case 'one_time_code':
      // The subject is kept in the log and in events: the code goes in the body only.
      if (content.channel === 'sms') {
        return {
          subject: null,
          body: `Your MoneyPal code is ${content.code}. It is valid until ${formatTime(content.expiresAt)}. Never share it.`,
        };
      }
      return {
        subject: 'Your MoneyPal one-time code',
        body: [
          `Your MoneyPal one-time code is ${content.code}.`,
          '',
          `It is valid until ${formatTime(content.expiresAt)} and works once.`,
          'Never share it: MoneyPal will never ask you for it.',
          '',
          signature,
          '',
        ].join('\n'),
      };
    case 'password_reset':
      // Like a one-time code, the code goes in the body only.
      return {
        subject: 'Reset your MoneyPal password',
        body: [
          `Someone asked to reset the password of your MoneyPal account. Your reset code is ${content.code}.`,
          '',
          `It is valid until ${formatTime(content.expiresAt)} and works once.`,
          'If it was not you, ignore this email: your password stays as it is.',
          '',
          signature,
          '',
        ].join('\n'),
      };
  }
}
