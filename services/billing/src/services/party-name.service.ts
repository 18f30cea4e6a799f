import type { User } from '@moneypal/contracts';
import { applyOnce, type CloudEvent } from '@moneypal/kit';
import type { BillingDatabase } from '../database.js';
import type * as partyNameRepository from '../repositories/party-name.repository.js';
import { billingConsumer } from './settlement.service.js';

/** The names invoices show, kept from identity's user events, each applied once (the inbox). */
export class PartyNameService {
  constructor(
    private readonly db: BillingDatabase,
    private readonly repositories: { partyNames: typeof partyNameRepository },
  ) {}

  /** A user created or changed: the name as of the user's `updated_at`. */
  async recordOnce(event: CloudEvent, user: User): Promise<void> {
    await applyOnce(this.db, billingConsumer, event, (trx) =>
      this.repositories.partyNames.recordPartyName(trx, {
        userId: user.id,
        displayName: `${user.first_name} ${user.last_name}`,
        userName: user.user_name,
        updatedAt: new Date(user.updated_at),
      }),
    );
  }

  async markDeletedOnce(event: CloudEvent, userId: string, userName: string): Promise<void> {
    await applyOnce(this.db, billingConsumer, event, (trx) =>
      this.repositories.partyNames.markPartyDeleted(trx, userId, userName, new Date(event.time)),
    );
  }
}
