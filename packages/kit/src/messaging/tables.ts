import type { ColumnType, Generated } from 'kysely';
import type { CloudEvent } from '../bus/types.js';
import type { SqlMigration } from '../db/database.js';

/** The outbox and inbox tables that every service with events has in its own database. */
export interface MessagingTables {
  outbox: {
    id: string;
    type: string;
    event: ColumnType<CloudEvent, string, string>;
    created_at: Generated<Date>;
    claimed_until: Date | null;
    sent_at: Date | null;
  };
  inbox: {
    consumer: string;
    event_id: string;
    event_type: string;
    processed_at: Generated<Date>;
  };
}

/** Runs before a service's own migrations (its name sorts first). */
export const messagingMigration: SqlMigration = {
  name: '0000_messaging',
  sql: `
    create table outbox (
      id uuid primary key,
      type text not null,
      event jsonb not null,
      created_at timestamptz not null default now(),
      claimed_until timestamptz,
      sent_at timestamptz
    );
    create index outbox_unsent_idx on outbox (id) where sent_at is null;

    create table inbox (
      consumer text not null,
      event_id uuid not null,
      event_type text not null,
      processed_at timestamptz not null default now(),
      primary key (consumer, event_id)
    );
  `,
};
