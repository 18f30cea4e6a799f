import pg from 'pg';
import { observerApplicationName } from './cpu.js';

/**
 * Whether the event consumers keep up: the ledger writes one `ledger.transfer.posted` event per
 * transfer into its outbox in the transaction that posts it; the relay publishes it and marks
 * it sent (`sent_at`); billing applies every one, with an inbox row of that event type in the
 * transaction of its effect; notifications does the same for the transfers it writes to
 * someone about, those between two users (a deposit or a move between one user's own wallets
 * has no one to tell and leaves no row). Every event is applied when no outbox row waits,
 * billing's inbox holds as many of those rows as the ledger has transfers, and notifications'
 * as many as it has transfers between two users.
 *
 * Read on each service's own database with connections that cpu.ts leaves out of the system's
 * CPU, so that watching costs the measured system nothing.
 */

export interface EventLag {
  /** Transfers in the ledger's journal, all of this run (the seeding's deposits too). */
  ledger_transfers: number;
  /** Those of them from one user to another: notifications tells both (see its partiesToNotify). */
  ledger_transfers_between_users: number;
  /** Ledger events not yet published. */
  outbox_unsent: number;
  billing_applied: number;
  notifications_applied: number;
}

export interface EventsApplied extends EventLag {
  /** Every event applied within the bound. */
  applied: boolean;
  /** From the call until every event was applied, or the bound when they were not. */
  seconds: number;
  bound_seconds: number;
}

const transferPosted = 'ledger.transfer.posted';
const pollMs = 100;
/** Once every event looks applied, a second reading this much later must agree (a late transfer may be in flight). */
const confirmMs = 200;

export interface EventWatcher {
  read(): Promise<EventLag>;
  /** Reads until every event is applied, at most `boundMs`. */
  waitUntilApplied(boundMs: number): Promise<EventsApplied>;
  close(): Promise<void>;
}

function allApplied(lag: EventLag): boolean {
  return (
    lag.outbox_unsent === 0 &&
    lag.billing_applied === lag.ledger_transfers &&
    lag.notifications_applied === lag.ledger_transfers_between_users
  );
}

/** Watches the databases of a started system: `databaseUrls` by service, with ledger, billing and notifications. */
export async function watchEvents(databaseUrls: Record<string, string>): Promise<EventWatcher> {
  const clients = new Map<string, pg.Client>();
  for (const service of ['ledger', 'billing', 'notifications']) {
    const connectionString = databaseUrls[service];
    if (connectionString === undefined) throw new Error(`no database of ${service} to watch`);
    const client = new pg.Client({ connectionString, application_name: observerApplicationName });
    await client.connect();
    clients.set(service, client);
  }
  const count = async (service: string, text: string, values: unknown[] = []) => {
    const { rows } = await clients.get(service)!.query<{ count: string }>(text, values);
    return Number(rows[0]!.count);
  };
  const read = async (): Promise<EventLag> => {
    // The ledger first, in one snapshot: a consumer cannot have applied more than it shows.
    const { rows } = await clients.get('ledger')!.query<{
      transfers: string;
      between_users: string;
      unsent: string;
    }>(
      `select count(*) as transfers,
              count(*) filter (where type in ('transfer', 'payment') and from_owner_id <> to_owner_id)
                as between_users,
              (select count(*) from outbox where sent_at is null) as unsent
         from transfers`,
    );
    const inboxCount = 'select count(*) from inbox where event_type = $1';
    return {
      ledger_transfers: Number(rows[0]!.transfers),
      ledger_transfers_between_users: Number(rows[0]!.between_users),
      outbox_unsent: Number(rows[0]!.unsent),
      billing_applied: await count('billing', inboxCount, [transferPosted]),
      notifications_applied: await count('notifications', inboxCount, [transferPosted]),
    };
  };
  return {
    read,
    async waitUntilApplied(boundMs) {
      const startedAt = performance.now();
      const elapsedMs = () => performance.now() - startedAt;
      let lag = await read();
      for (;;) {
        if (allApplied(lag)) {
          const appliedAtMs = elapsedMs();
          await new Promise((resolve) => setTimeout(resolve, confirmMs));
          const again = await read();
          if (allApplied(again) && again.ledger_transfers === lag.ledger_transfers) {
            return {
              applied: true,
              seconds: round(appliedAtMs / 1000),
              bound_seconds: boundMs / 1000,
              ...lag,
            };
          }
          lag = again;
          continue;
        }
        if (elapsedMs() >= boundMs) {
          return {
            applied: false,
            seconds: round(elapsedMs() / 1000),
            bound_seconds: boundMs / 1000,
            ...lag,
          };
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        lag = await read();
      }
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => client.end()));
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
