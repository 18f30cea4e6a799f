import type { User, userDeletedData } from '@moneypal/contracts';
import type { z } from 'zod';

/** What the service keeps of an identity user, as stored. */
export interface ContactRecord {
  user_id: string;
  email: string;
  phone: string | null;
  /** Null once the user was deleted. */
  first_name: string | null;
  user_name: string;
  deleted_at: Date | null;
  /** The user's `updated_at` at identity: a row is only ever replaced by a newer state. */
  updated_at: Date;
}

/** A user messages can go to. */
export interface Contact {
  user_id: string;
  email: string;
  first_name: string;
  user_name: string;
}

export type DeletedUser = z.infer<typeof userDeletedData>;

export function contactRecordOf(user: User): ContactRecord {
  return {
    user_id: user.id,
    email: user.email,
    phone: user.phone,
    first_name: user.first_name,
    user_name: user.user_name,
    deleted_at: null,
    updated_at: new Date(user.updated_at),
  };
}

/** A deleted user's row keeps what the deletion event carries, nothing more (no phone, no first name). */
export function deletedContactRecord(deleted: DeletedUser, deletedAt: Date): ContactRecord {
  return {
    user_id: deleted.user_id,
    email: deleted.email,
    phone: null,
    first_name: null,
    user_name: deleted.user_name,
    deleted_at: deletedAt,
    updated_at: deletedAt,
  };
}

/** The contact to write to, or null when the user was deleted. */
export function reachableContact(record: ContactRecord): Contact | null {
  if (record.deleted_at !== null || record.first_name === null) return null;
  return {
    user_id: record.user_id,
    email: record.email,
    first_name: record.first_name,
    user_name: record.user_name,
  };
}
