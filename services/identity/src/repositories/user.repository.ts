import { userLookupOf } from '@moneypal/contracts';
import type { Executor } from '../database.js';
import {
  alreadyTakenError,
  escapeLikePattern,
  type Role,
  type UniqueUserField,
  type UserPatch,
  type UserRecord,
} from '../domain/user.js';

const fieldOfUniqueIndex: Record<string, UniqueUserField> = {
  users_user_name_key: 'user_name',
  users_email_key: 'email',
};

/** The field behind a unique violation (node-postgres's error: its `code` and `constraint`). */
export function uniqueViolationFieldOf(error: unknown): UniqueUserField | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505' || typeof constraint !== 'string') return undefined;
  return fieldOfUniqueIndex[constraint];
}

/** Turns a unique violation on user_name or email (a concurrent writer won the race) into a conflict. */
async function mapUniqueViolation<Result>(write: () => Promise<Result>): Promise<Result> {
  try {
    return await write();
  } catch (error) {
    const field = uniqueViolationFieldOf(error);
    if (field) throw alreadyTakenError([field]);
    throw error;
  }
}

export function insertUser(db: Executor, user: UserRecord): Promise<UserRecord> {
  return mapUniqueViolation(() =>
    db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow(),
  );
}

export function findLiveUserById(db: Executor, id: string): Promise<UserRecord | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Case-insensitive on both sides, with PostgreSQL's `lower` so that it agrees with the unique index. */
export function findLiveUserByField(
  db: Executor,
  field: UniqueUserField,
  value: string,
): Promise<UserRecord | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', [field]), '=', eb.fn('lower', [eb.val(value)])))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A login is an email or a user name, told apart by `userLookupOf`; a name no user can have finds nobody. */
export async function findLiveUserByLogin(db: Executor, login: string): Promise<UserRecord | undefined> {
  const lookup = userLookupOf(login);
  if (lookup === null) return undefined;
  return 'email' in lookup
    ? findLiveUserByField(db, 'email', lookup.email)
    : findLiveUserByField(db, 'user_name', lookup.user_name);
}

/** The live users with this phone number, two at most: a phone is no unique field. */
export function findLiveUsersByPhone(db: Executor, phone: string): Promise<UserRecord[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('phone', '=', phone)
    .where('deleted_at', 'is', null)
    .limit(2)
    .execute();
}

/** Locks the user's row until the transaction ends, so concurrent changes to one user apply one at a time. */
export function lockLiveUser(db: Executor, id: string): Promise<UserRecord | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

/** Which of the given user_name and email a live user other than `exceptId` already has. */
export async function findTakenFields(
  db: Executor,
  wanted: { user_name?: string | undefined; email?: string | undefined },
  exceptId?: string,
): Promise<UniqueUserField[]> {
  const taken: UniqueUserField[] = [];
  for (const field of ['user_name', 'email'] as const) {
    const value = wanted[field];
    if (value === undefined) continue;
    let query = db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', [field]), '=', eb.fn('lower', [eb.val(value)])))
      .where('deleted_at', 'is', null);
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
    if (await query.executeTakeFirst()) taken.push(field);
  }
  return taken;
}

export function updateUser(db: Executor, id: string, patch: UserPatch, now: Date): Promise<UserRecord> {
  return mapUniqueViolation(() =>
    db
      .updateTable('users')
      .set({ ...patch, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function softDeleteUser(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

export interface UserListFilters {
  id?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  user_name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  role?: Role | undefined;
  two_factor_enabled?: boolean | undefined;
  /** Creation-time bounds; both are inclusive. */
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
}

const substringFields = ['first_name', 'last_name', 'user_name', 'email', 'phone'] as const;

/**
 * Live users matching every given filter, newest first (ids are UUIDv7, so id order is
 * creation order), starting after the id `beforeId` of the previous page's last user.
 * Text filters match case-insensitive substrings, with LIKE wildcards taken literally.
 */
export function listLiveUsers(
  db: Executor,
  filters: UserListFilters,
  page: { beforeId?: string | undefined; limit: number },
): Promise<UserRecord[]> {
  let query = db.selectFrom('users').selectAll().where('deleted_at', 'is', null);
  if (filters.id !== undefined) query = query.where('id', '=', filters.id);
  for (const field of substringFields) {
    const value = filters[field];
    if (value !== undefined) query = query.where(field, 'ilike', `%${escapeLikePattern(value)}%`);
  }
  if (filters.role !== undefined) query = query.where('role', '=', filters.role);
  if (filters.two_factor_enabled !== undefined) {
    query = query.where('two_factor_enabled', '=', filters.two_factor_enabled);
  }
  if (filters.createdFrom !== undefined) query = query.where('created_at', '>=', filters.createdFrom);
  if (filters.createdTo !== undefined) query = query.where('created_at', '<=', filters.createdTo);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}
