import { z } from 'zod';
import { actorSchema, cursor, pageLimit, pageOf, timestamp, uuid } from './common.js';
import { defineRequest } from './define.js';

/*
 * Notifications: every email and SMS MoneyPal sends, with its delivery status. A user
 * reads their own log, which is also their inbox in the app (read or unread); an admin
 * reads everyone's.
 */

export const messageChannels = ['email', 'sms'] as const;
export const messageStatuses = ['pending', 'sent', 'failed'] as const;
export const messageTemplates = [
  'registration',
  'payment_sent',
  'payment_received',
  'invoice_issued',
  'refund',
  'one_time_code',
  // Escrow holds, to the payer and the payee each.
  'hold_created',
  'hold_captured',
  'hold_voided',
  'hold_expired',
  // "Forgot password": the reset code, by email.
  'password_reset',
  // Payment requests: the payer is asked; the requester hears it was paid or declined.
  'payment_request_received',
  'payment_request_paid',
  'payment_request_declined',
] as const;

export const messageSchema = z
  .object({
    id: uuid,
    /** The user it was sent to, or null when the address belongs to no known user. */
    user_id: uuid.nullable(),
    channel: z.enum(messageChannels),
    /** The email address or phone number. */
    to: z.string(),
    template: z.enum(messageTemplates),
    /** The email subject; null for SMS. */
    subject: z.string().nullable(),
    status: z.enum(messageStatuses),
    attempts: z.number().int().nonnegative(),
    /** The id the SMTP server or SMS provider gave the message once accepted. */
    provider_id: z.string().nullable(),
    /** Why the last attempt failed, if it did. */
    error: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    sent_at: timestamp.nullable(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof messageSchema>;

/**
 * A message as its reader's inbox shows it: with its text and when it was read. The text of a
 * one-time or password reset code is always empty here, since the code is a secret.
 */
export const inboxMessageSchema = messageSchema
  .extend({
    /** The text of the message, as it was sent. */
    body: z.string(),
    /** When its user first read it in the app; null while it is unread. */
    read_at: timestamp.nullable(),
  })
  .meta({ id: 'InboxMessage' });
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

const messageFilters = {
  channel: z.enum(messageChannels).optional(),
  status: z.enum(messageStatuses).optional(),
  cursor: cursor.optional(),
};
export const listMessagesQuery = z
  .object({
    ...messageFilters,
    /** `true`: only the messages not read yet; `false`: only those read. */
    unread: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((value) => value === 'true')
      .optional(),
    limit: pageLimit,
  })
  .strict();
export const messagePage = pageOf(inboxMessageSchema).meta({ id: 'MessagePage' });

export const messageIdParams = z.object({ id: uuid }).strict();
/** The unread count takes no filter: it is always the caller's own. */
export const unreadCountQuery = z.object({}).strict();
export const unreadCountSchema = z
  .object({ count: z.number().int().nonnegative() })
  .meta({ id: 'UnreadCount' });
export const markAllReadSchema = z
  .object({
    /** How many messages this request marked read: 0 when all were read already. */
    marked_read: z.number().int().nonnegative(),
  })
  .meta({ id: 'MarkAllRead' });

export const notificationsRequests = {
  listMessages: defineRequest(
    'notifications.message.list',
    z
      .object({
        actor: actorSchema,
        ...messageFilters,
        unread: z.boolean().optional(),
        limit: z.number().int().min(1).max(100),
      })
      .strict(),
    messagePage,
  ),
  /** The actor's own unread messages, admin or not. */
  countUnread: defineRequest(
    'notifications.message.count-unread',
    z.object({ actor: actorSchema }).strict(),
    unreadCountSchema,
  ),
  /** Marks one of the actor's own messages read (the first read time stays); another's is not found. */
  markRead: defineRequest(
    'notifications.message.mark-read',
    z.object({ actor: actorSchema, id: uuid }).strict(),
    inboxMessageSchema,
  ),
  /** Marks every unread message of the actor's own read. */
  markAllRead: defineRequest(
    'notifications.message.mark-all-read',
    z.object({ actor: actorSchema }).strict(),
    markAllReadSchema,
  ),
} as const;

export const notificationsEvents = {
  messageSent: 'notifications.message.sent',
  messageFailed: 'notifications.message.failed',
} as const;

/** The message without its body: a one-time code never leaves the service in an event. */
export const messageEventData = z.object({ message: messageSchema });
