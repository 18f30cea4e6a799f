import type { Actor, User } from '@moneypal/contracts';
import type { AppError } from '@moneypal/kit';
import { identityError } from '../errors.js';

export type Role = 'user' | 'admin';

/** A user as stored, password hash included: never leaves the service in this shape. */
export interface UserRecord {
  id: string;
  first_name: string;
  last_name: string;
  user_name: string;
  email: string;
  phone: string | null;
  password_hash: string;
  role: Role;
  two_factor_enabled: boolean;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** The public shape of a user (contracts' `userSchema`): no password hash, no deletion mark. */
export function toPublicUser(user: UserRecord): User {
  return {
    id: user.id,
    first_name: user.first_name,
    last_name: user.last_name,
    user_name: user.user_name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    two_factor_enabled: user.two_factor_enabled,
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
  };
}

export interface NewUser {
  first_name: string;
  last_name: string;
  user_name: string;
  email: string;
  phone?: string | undefined;
  role: Role;
}

/** A new user record; `passwordHash` is computed beforehand (argon2id takes time). */
export function createUserRecord(input: NewUser, passwordHash: string, id: string, now: Date): UserRecord {
  return {
    id,
    first_name: input.first_name,
    last_name: input.last_name,
    user_name: input.user_name,
    email: input.email,
    phone: input.phone ?? null,
    password_hash: passwordHash,
    role: input.role,
    two_factor_enabled: false,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
}

/** The profile fields a user may change about themselves (the password is handled apart). */
export interface ProfileChanges {
  first_name?: string | undefined;
  last_name?: string | undefined;
  user_name?: string | undefined;
  email?: string | undefined;
  phone?: string | null | undefined;
  two_factor_enabled?: boolean | undefined;
}

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | 'first_name'
    | 'last_name'
    | 'user_name'
    | 'email'
    | 'phone'
    | 'two_factor_enabled'
    | 'password_hash'
    | 'role'
  >
>;

const profileFields = [
  'first_name',
  'last_name',
  'user_name',
  'email',
  'phone',
  'two_factor_enabled',
] as const;

/**
 * What actually changes: fields whose new value differs from the stored one. A change of
 * letter case in user_name or email is a change (it is what the user sees), though
 * uniqueness ignores case. `changed` lists field names in a stable order.
 */
export function planProfileChanges(
  user: UserRecord,
  changes: ProfileChanges,
): { patch: UserPatch; changed: string[] } {
  const patch: Record<string, unknown> = {};
  const changed: string[] = [];
  for (const field of profileFields) {
    const value = changes[field];
    if (value === undefined || value === user[field]) continue;
    patch[field] = value;
    changed.push(field);
  }
  return { patch: patch as UserPatch, changed };
}

/** Escapes `%`, `_` and the escape character itself, so user text matches literally inside LIKE. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The fields that must be unique among live users, case-insensitively. */
export type UniqueUserField = 'user_name' | 'email';

const fieldWords: Record<UniqueUserField, string> = { user_name: 'user name', email: 'email' };

/** What a taken field is told, as its error message. */
export function takenMessageOf(field: UniqueUserField): string {
  return `This ${fieldWords[field]} is already taken: choose another.`;
}

/** The conflict a taken user_name or email answers, with one field error per taken field. */
export function alreadyTakenError(fields: UniqueUserField[]): AppError {
  const names = fields.map((field) => fieldWords[field]).join(' and ');
  return identityError(
    'conflict',
    `The ${names} ${fields.length > 1 ? 'are' : 'is'} already taken: choose another.`,
    {
      errors: fields.map((field) => ({ path: field, message: takenMessageOf(field) })),
    },
  );
}

/**
 * Whether an actor may read a user's balance: the user themselves, an admin, or another
 * service. Anyone else is told the user does not exist, so emails cannot be probed.
 */
export function mayReadBalanceOf(actor: Actor, userId: string): boolean {
  if ('service' in actor) return true;
  return actor.role === 'admin' || actor.user_id === userId;
}
