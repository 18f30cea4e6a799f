import {
  type MessagingTables,
  messagingMigration,
  readSqlMigrations,
  type SqlMigration,
} from '@moneypal/kit';
import type { Kysely } from 'kysely';
import type { ContactRecord } from './domain/contact.js';
import type { MessageRecord } from './domain/message.js';

/** A message as stored, with the dispatcher's claim on it. */
export interface MessageRow extends MessageRecord {
  claim_token: string | null;
  claimed_until: Date | null;
}

/** The notifications database as Kysely sees it; migrations/ is the source of truth. */
export interface NotificationsTables extends MessagingTables {
  messages: MessageRow;
  contacts: ContactRecord;
}

export type NotificationsDatabase = Kysely<NotificationsTables>;

/** A connection or an open transaction (a `Transaction` is a `Kysely`): every repository function's first argument. */
export type Executor = Kysely<NotificationsTables>;

/** The outbox and inbox tables first, then this service's own migrations in name order. */
export async function notificationsMigrations(): Promise<SqlMigration[]> {
  return [messagingMigration, ...(await readSqlMigrations(new URL('../migrations/', import.meta.url)))];
}
