import { z } from 'zod';
import { actorSchema, cursor, pageLimit, pageOf, timestamp, uuid } from './common.js';
import { defineRequest } from './define.js';

/*
 * Notifications: every email and SMS MoneyPal sends, with its delivery status. A user
 * reads their own log; an admin reads everyone's.
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

const messageFilters = {
  channel: z.enum(messageChannels).optional(),
  status: z.enum(messageStatuses).optional(),
  cursor: cursor.optional(),
};
export const listMessagesQuery = z.object({ ...messageFilters, limit: pageLimit }).strict();
export const messagePage = pageOf(messageSchema).meta({ id: 'MessagePage' });

export const notificationsRequests = {
  listMessages: defineRequest(
    'notifications.message.list',
    z.object({ actor: actorSchema, ...messageFilters, limit: z.number().int().min(1).max(100) }).strict(),
    messagePage,
  ),
} as const;

export const notificationsEvents = {
  messageSent: 'notifications.message.sent',
  messageFailed: 'notifications.message.failed',
} as const;

/** The message without its body: a one-time code never leaves the service in an event. */
export const messageEventData = z.object({ message: messageSchema });
