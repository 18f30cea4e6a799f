import type {
  Hold,
  Invoice,
  otpRequestedData,
  Payment,
  PaymentRequest,
  passwordResetRequestedData,
  Transfer,
  User,
} from '@moneypal/contracts';
import { type CloudEvent, claimEvents, GroupCommit, type Logger } from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor, NotificationsDatabase } from '../database.js';
import { type Contact, contactRecordOf, type DeletedUser, deletedContactRecord } from '../domain/contact.js';
import { holdTemplateOf } from '../domain/hold.js';
import {
  createMessageRecord,
  type MessageDraft,
  type MessageRecord,
  type MessageTemplate,
} from '../domain/message.js';
import { paymentRequestLinkOf, paymentRequestTemplateOf } from '../domain/payment-request.js';
import { type MessageContent, renderMessage } from '../domain/templates.js';
import { counterpartyLabelOf, partiesToNotify } from '../domain/transfer.js';
import type * as contactRepository from '../repositories/contact.repository.js';
import type * as messageRepository from '../repositories/message.repository.js';
import type { ContactService } from './contact.service.js';
import type { ClaimedMessageSender } from './dispatch.service.js';

/** The inbox consumer name of the notifications service's event handlers. */
export const notificationsConsumer = 'notifications';

export interface IntakeServiceOptions {
  db: NotificationsDatabase;
  repositories: { contacts: typeof contactRepository; messages: typeof messageRepository };
  clock: () => Date;
  newId: () => string;
  contacts: ContactService;
  logger: Logger;
  /** Sends the messages written, which are claimed for it when they are inserted. */
  dispatcher: ClaimedMessageSender;
  /** The web app's public origin, which links in messages start with; links are paths alone without it. */
  webAppUrl?: string | undefined;
}

type OtpRequest = z.infer<typeof otpRequestedData>;
type PasswordResetRequest = z.infer<typeof passwordResetRequestedData>;

/** Messages inserted under one claim, for the dispatcher to send. */
interface Claimed {
  token: string;
  messages: MessageRecord[];
}

/** A `ledger.transfer.posted` event's data. */
export interface PostedTransfer {
  transfer: Transfer;
  from_owner_id: string | null;
  to_owner_id: string | null;
}

/** One event's effect: its messages, and the change to a contact it makes. */
interface Intake {
  event: CloudEvent;
  drafts: readonly MessageDraft[];
  changeContact: ((trx: Executor) => Promise<void>) | undefined;
}

/**
 * Turns other services' events into messages: each event is applied once (the inbox), and
 * its messages are written in the same transaction as the inbox mark, rendered and
 * pending, for the dispatcher to send. Identity's user events keep the contacts that
 * messages are addressed from; contacts are read before the transaction, so none stays
 * open across the request to identity that a user not known yet takes.
 */
export class IntakeService {
  private readonly contacts: ContactService;
  private readonly logger: Logger;
  /** Events that arrive one by one; under load many are applied in one transaction. */
  private readonly intakes: GroupCommit<Intake, Claimed | undefined>;

  constructor(private readonly options: IntakeServiceOptions) {
    this.contacts = options.contacts;
    this.logger = options.logger;
    this.intakes = new GroupCommit({
      runBatch: async (batch) => {
        // The batch's messages go to the dispatcher together, through its first event.
        const claimed = await this.applyIntakes(batch);
        return batch.map((_, index) => (index === 0 ? claimed : undefined));
      },
    });
  }

  /**
   * Applies events in one transaction, each once: the inbox rows, the contact changes and
   * the messages of all of them, which are claimed for the dispatcher as they are inserted.
   * A batch that changes no contact (every transfer's) is one statement.
   */
  private async applyIntakes(batch: readonly Intake[]): Promise<Claimed | undefined> {
    const now = this.options.clock();
    if (batch.every((intake) => intake.changeContact === undefined)) {
      const token = this.options.newId();
      const messages = await this.options.repositories.messages.insertMessagesOnce(
        this.options.db,
        notificationsConsumer,
        batch.map(({ event }) => event),
        batch.flatMap((intake) => this.recordsOf(intake, now)),
        { token, leaseMs: this.options.dispatcher.leaseMs },
      );
      return messages.length === 0 ? undefined : { token, messages };
    }
    return this.options.db.transaction().execute(async (trx) => {
      const claimed = await claimEvents(
        trx,
        notificationsConsumer,
        batch.map(({ event }) => event),
      );
      const records: MessageRecord[] = [];
      for (const [index, intake] of batch.entries()) {
        if (!claimed[index]) continue;
        await intake.changeContact?.(trx);
        records.push(...this.recordsOf(intake, now));
      }
      return this.claimForSending(trx, records);
    });
  }

  /** Inserts the messages claimed for the dispatcher: the batch's claim, with its rows. */
  private async claimForSending(
    trx: Executor,
    records: readonly MessageRecord[],
  ): Promise<Claimed | undefined> {
    const token = this.options.newId();
    const messages = await this.options.repositories.messages.insertMessages(trx, records, {
      token,
      leaseMs: this.options.dispatcher.leaseMs,
    });
    return messages.length === 0 ? undefined : { token, messages };
  }

  /**
   * `identity.user.created`: a welcome email to the address the user registered with, and
   * their contact.
   */
  async welcomeUser(event: CloudEvent, user: User): Promise<void> {
    const contact = contactRecordOf(user);
    await this.recordOnce(
      event,
      [
        emailTo(
          { user_id: user.id, email: user.email },
          { template: 'registration', firstName: user.first_name, userName: user.user_name },
        ),
      ],
      (trx) => this.options.repositories.contacts.saveContact(trx, contact),
    );
  }

  /** `identity.user.updated`: the contact, unless it already holds a newer state of the user. */
  async updateContact(event: CloudEvent, user: User): Promise<void> {
    const contact = contactRecordOf(user);
    await this.recordOnce(event, [], (trx) => this.options.repositories.contacts.saveContact(trx, contact));
  }

  /** `identity.user.deleted`: nothing more is sent to the user. */
  async forgetContact(event: CloudEvent, deleted: DeletedUser): Promise<void> {
    const contact = deletedContactRecord(deleted, new Date(event.time));
    await this.recordOnce(event, [], (trx) =>
      this.options.repositories.contacts.markContactDeleted(trx, contact),
    );
  }

  /**
   * `identity.otp.requested`: the code by SMS or email, as identity chose. It is rendered
   * into the body, which is blanked once the message is sent or failed, and expires with
   * the code.
   */
  async sendOneTimeCode(event: CloudEvent, request: OtpRequest): Promise<void> {
    const expiresAt = new Date(request.expires_at);
    const rendered = renderMessage({
      template: 'one_time_code',
      channel: request.channel,
      code: request.code,
      expiresAt,
    });
    await this.recordOnce(event, [
      {
        userId: request.user_id,
        channel: request.channel,
        to: request.to,
        template: 'one_time_code',
        subject: rendered.subject,
        body: rendered.body,
        expiresAt,
      },
    ]);
  }

  /** `identity.password_reset.requested`: the reset code by email, kept like a one-time code. */
  async sendPasswordResetCode(event: CloudEvent, request: PasswordResetRequest): Promise<void> {
    const expiresAt = new Date(request.expires_at);
    const rendered = renderMessage({ template: 'password_reset', code: request.code, expiresAt });
    await this.recordOnce(event, [
      {
        userId: request.user_id,
        channel: 'email',
        to: request.to,
        template: 'password_reset',
        subject: rendered.subject,
        body: rendered.body,
        expiresAt,
      },
    ]);
  }

  /**
   * A batch of `ledger.transfer.posted`: the payer and the payee of money moved between two
   * users each hear of it. The batch's contacts are read in one query and its messages
   * written in one transaction, so a batch costs the same few statements however large.
   */
  async announceTransfers(batch: readonly { event: CloudEvent; posted: PostedTransfer }[]): Promise<void> {
    const intakes = (
      await Promise.all(batch.map(({ event, posted }) => this.transferIntake(event, posted)))
    ).filter((intake) => intake !== undefined);
    if (intakes.length === 0) return;
    const claimed = await this.applyIntakes(intakes);
    if (claimed !== undefined) this.options.dispatcher.sendClaimed(claimed.messages, claimed.token);
  }

  /** The messages of one posted transfer, or none when it moved no money between two users. */
  private async transferIntake(event: CloudEvent, posted: PostedTransfer): Promise<Intake | undefined> {
    const { transfer } = posted;
    const parties = partiesToNotify({
      type: transfer.type,
      fromOwnerId: posted.from_owner_id,
      toOwnerId: posted.to_owner_id,
    });
    if (parties === null) return undefined;
    // The lookups of one turn are one query (see ContactService).
    const [payer, payee] = await Promise.all([
      this.contacts.contactOf(parties.payerId),
      this.contacts.contactOf(parties.payeeId),
    ]);
    const notice = {
      kind: transfer.type === 'payment' ? ('payment' as const) : ('transfer' as const),
      amountMinor: BigInt(transfer.amount),
      currency: transfer.currency,
      description: transfer.description,
      reference: transfer.id,
    };
    const drafts: MessageDraft[] = [];
    if (payer === null) this.skip(event, 'payment_sent', parties.payerId);
    else {
      drafts.push(
        emailTo(payer, {
          template: 'payment_sent',
          firstName: payer.first_name,
          counterparty: counterpartyLabelOf(transfer.to_name, transfer.to_handle, payee?.user_name),
          ...notice,
        }),
      );
    }
    if (payee === null) this.skip(event, 'payment_received', parties.payeeId);
    else {
      drafts.push(
        emailTo(payee, {
          template: 'payment_received',
          firstName: payee.first_name,
          counterparty: counterpartyLabelOf(transfer.from_name, transfer.from_handle, payer?.user_name),
          ...notice,
        }),
      );
    }
    return drafts.length === 0 ? undefined : { event, drafts, changeContact: undefined };
  }

  /**
   * A batch of `ledger.hold.created|captured|voided|expired`: the payer and the payee each
   * hear what happened to the money held. Written as transfers are: the batch's contacts in
   * one query, its inbox rows and messages in one statement.
   */
  async announceHolds(batch: readonly { event: CloudEvent; hold: Hold }[]): Promise<void> {
    const intakes = (await Promise.all(batch.map(({ event, hold }) => this.holdIntake(event, hold)))).filter(
      (intake) => intake !== undefined,
    );
    if (intakes.length === 0) return;
    const claimed = await this.applyIntakes(intakes);
    if (claimed !== undefined) this.options.dispatcher.sendClaimed(claimed.messages, claimed.token);
  }

  /** The messages of one hold's event, to whichever of its two parties identity still knows. */
  private async holdIntake(event: CloudEvent, hold: Hold): Promise<Intake | undefined> {
    const template = holdTemplateOf(hold.status);
    const [payer, payee] = await Promise.all([
      this.contacts.contactOf(hold.payer_id),
      this.contacts.contactOf(hold.payee_id),
    ]);
    const notice = {
      template,
      amountMinor: BigInt(hold.amount),
      capturedMinor: BigInt(hold.captured_amount),
      currency: hold.currency,
      expiresAt: hold.expires_at === null ? null : new Date(hold.expires_at),
      onExpiry: hold.on_expiry,
      description: hold.description,
      reference: hold.id,
    };
    const drafts: MessageDraft[] = [];
    if (payer === null) this.skip(event, template, hold.payer_id);
    else {
      drafts.push(
        emailTo(payer, {
          ...notice,
          role: 'payer',
          firstName: payer.first_name,
          counterparty: payee?.user_name ?? null,
        }),
      );
    }
    if (payee === null) this.skip(event, template, hold.payee_id);
    else {
      drafts.push(
        emailTo(payee, {
          ...notice,
          role: 'payee',
          firstName: payee.first_name,
          counterparty: payer?.user_name ?? null,
        }),
      );
    }
    return drafts.length === 0 ? undefined : { event, drafts, changeContact: undefined };
  }

  /** `billing.invoice.issued`: the payer gets the invoice. */
  async announceInvoice(event: CloudEvent, invoice: Invoice): Promise<void> {
    const [payer, payee] = await Promise.all([
      this.contacts.contactOf(invoice.payer_id),
      this.contacts.contactOf(invoice.payee_id),
    ]);
    if (payer === null) {
      this.skip(event, 'invoice_issued', invoice.payer_id);
      return;
    }
    await this.recordOnce(event, [
      emailTo(payer, {
        template: 'invoice_issued',
        firstName: payer.first_name,
        invoiceNo: invoice.invoice_no,
        payee: payee?.user_name ?? null,
        amountMinor: BigInt(invoice.amount),
        currency: invoice.currency,
        description: invoice.description,
        status: invoice.status,
        issuedAt: new Date(invoice.issued_at),
      }),
    ]);
  }

  /**
   * `billing.payment_request.created|paid|declined`: the payer is asked, with a link to the
   * request; the requester hears that it was paid or declined. A cancelled request tells nobody.
   */
  async announcePaymentRequest(event: CloudEvent, request: PaymentRequest): Promise<void> {
    const template = paymentRequestTemplateOf(request.status);
    if (template === null) return;
    const toPayer = template === 'payment_request_received';
    const recipientId = toPayer ? request.payer_id : request.requester_id;
    const contact = await this.contacts.contactOf(recipientId);
    if (contact === null) {
      this.skip(event, template, recipientId);
      return;
    }
    await this.recordOnce(event, [
      emailTo(contact, {
        template,
        firstName: contact.first_name,
        counterparty: toPayer
          ? counterpartyLabelOf(request.requester_name, request.requester_handle, undefined)
          : counterpartyLabelOf(request.payer_name, request.payer_handle, undefined),
        amountMinor: BigInt(request.amount),
        currency: request.currency,
        description: request.description,
        expiresAt: new Date(request.expires_at),
        declineReason: request.decline_reason,
        link: paymentRequestLinkOf(this.options.webAppUrl, request.id),
      }),
    ]);
  }

  /** `payments.payment.refunded`: the payer hears that the money (all of it, or `refundMinor`) went back. */
  async announceRefund(event: CloudEvent, payment: Payment, refundMinor: bigint): Promise<void> {
    const [payer, provider] = await Promise.all([
      this.contacts.contactOf(payment.payer_id),
      payment.paid_to === null ? Promise.resolve(null) : this.contacts.contactOf(payment.paid_to),
    ]);
    if (payer === null) {
      this.skip(event, 'refund', payment.payer_id);
      return;
    }
    await this.recordOnce(event, [
      emailTo(payer, {
        template: 'refund',
        firstName: payer.first_name,
        paidTo: provider?.user_name ?? null,
        amountMinor: BigInt(payment.amount),
        refundMinor,
        currency: payment.currency,
        description: payment.description,
        reference: payment.id,
      }),
    ]);
  }

  /** A deleted user (or one identity does not know): nobody is left to tell. */
  private skip(event: CloudEvent, template: MessageTemplate, userId: string): void {
    this.logger.info(
      { event_id: event.id, event_type: event.type, template, user_id: userId },
      'message skipped: the user no longer exists',
    );
  }

  /** Applies an event once: its contact change and its messages commit with the inbox mark. */
  private async recordOnce(
    event: CloudEvent,
    drafts: readonly MessageDraft[],
    changeContact?: (trx: Executor) => Promise<void>,
  ): Promise<void> {
    if (drafts.length === 0 && changeContact === undefined) return;
    const claimed = await this.intakes.submit({ event, drafts, changeContact });
    if (claimed !== undefined) this.options.dispatcher.sendClaimed(claimed.messages, claimed.token);
  }

  private recordsOf({ event, drafts }: Intake, now: Date): MessageRecord[] {
    return drafts.map((draft) => createMessageRecord(draft, this.options.newId(), event.id, now));
  }
}

function emailTo(
  contact: Pick<Contact, 'user_id' | 'email'>,
  content: Exclude<MessageContent, { template: 'one_time_code' }>,
): MessageDraft {
  const rendered = renderMessage(content);
  return {
    userId: contact.user_id,
    channel: 'email',
    to: contact.email,
    template: content.template,
    subject: rendered.subject,
    body: rendered.body,
  };
}
