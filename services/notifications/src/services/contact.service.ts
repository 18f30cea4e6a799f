import type { User } from '@moneypal/contracts';
import type { NotificationsDatabase } from '../database.js';
import type { ContactRecord } from '../domain/contact.js';
import { type Contact, contactRecordOf, reachableContact } from '../domain/contact.js';
import type * as contactRepository from '../repositories/contact.repository.js';

/** Identity, as the notifications service asks it: a user by id. */
export interface UserDirectory {
  /** The user, or null when identity no longer knows them (deleted). */
  findUser(id: string): Promise<User | null>;
}

export interface ContactServiceOptions {
  db: NotificationsDatabase;
  repositories: { contacts: typeof contactRepository };
  users: UserDirectory;
}

/** A contact asked for, waiting for the query that reads it. */
interface Lookup {
  promise: Promise<ContactRecord | undefined>;
  resolve: (contact: ContactRecord | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Users' addresses and names, from the contacts table that identity's user events keep.
 * Identity is asked only for a user not there yet: their events may come after an event
 * that mentions them (each event type is delivered on its own), or came before this
 * service was running.
 */
export class ContactService {
  /** The lookups asked for in this turn of the event loop, read together in the next. */
  private lookups: Map<string, Lookup> | undefined;

  constructor(private readonly options: ContactServiceOptions) {}

  /** The user's contact, or null once they were deleted (or identity does not know them). */
  async contactOf(userId: string): Promise<Contact | null> {
    const stored = await this.storedContact(userId);
    if (stored) return reachableContact(stored);
    const user = await this.options.users.findUser(userId);
    if (user === null) return null;
    const contact = contactRecordOf(user);
    // Kept, so identity is asked once per user; a newer state an event wrote meanwhile stays.
    await this.options.repositories.contacts.saveContact(this.options.db, contact);
    return reachableContact(contact);
  }

  /**
   * The stored contact of a user. Events are handled many at a time, each asking for two
   * or three contacts: the lookups of one turn of the event loop are one query.
   */
  private storedContact(userId: string): Promise<ContactRecord | undefined> {
    if (this.lookups === undefined) {
      const lookups = new Map<string, Lookup>();
      this.lookups = lookups;
      setImmediate(() => {
        this.lookups = undefined;
        void this.readContacts(lookups);
      });
    }
    let lookup = this.lookups.get(userId);
    if (lookup === undefined) {
      let settle: Pick<Lookup, 'resolve' | 'reject'> | undefined;
      const promise = new Promise<ContactRecord | undefined>((resolve, reject) => {
        settle = { resolve, reject };
      });
      lookup = { promise, ...settle! };
      this.lookups.set(userId, lookup);
    }
    return lookup.promise;
  }

  private async readContacts(lookups: Map<string, Lookup>): Promise<void> {
    try {
      const found = new Map(
        (await this.options.repositories.contacts.findContacts(this.options.db, [...lookups.keys()])).map(
          (row) => [row.user_id, row],
        ),
      );
      for (const [userId, lookup] of lookups) lookup.resolve(found.get(userId));
    } catch (error) {
      for (const lookup of lookups.values()) lookup.reject(error);
    }
  }
}
