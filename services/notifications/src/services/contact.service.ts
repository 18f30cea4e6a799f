import type { User } from '@moneypal/contracts';
import type { NotificationsDatabase } from '../database.js';
import { type Contact, contactRecordOf, reachableContact } from '../domain/contact.js';
import { findContact, saveContact } from '../repositories/contact.repository.js';

/** Identity, as the notifications service asks it: a user by id. */
export interface UserDirectory {
  /** The user, or null when identity no longer knows them (deleted). */
  findUser(id: string): Promise<User | null>;
}

export interface ContactServiceOptions {
  db: NotificationsDatabase;
  users: UserDirectory;
}

/**
 * Users' addresses and names, from the contacts table that identity's user events keep.
 * Identity is asked only for a user not there yet: their events may come after an event
 * that mentions them (each event type is delivered on its own), or came before this
 * service was running.
 */
export class ContactService {
  constructor(private readonly options: ContactServiceOptions) {}

  /** The user's contact, or null once they were deleted (or identity does not know them). */
  async contactOf(userId: string): Promise<Contact | null> {
    const stored = await findContact(this.options.db, userId);
    if (stored) return reachableContact(stored);
    const user = await this.options.users.findUser(userId);
    if (user === null) return null;
    const contact = contactRecordOf(user);
    // Kept, so identity is asked once per user; a newer state an event wrote meanwhile stays.
    await saveContact(this.options.db, contact);
    return reachableContact(contact);
  }
}
