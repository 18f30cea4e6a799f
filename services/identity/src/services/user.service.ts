import type { Recipient, User } from '@moneypal/contracts';
import {
  identityEvents,
  userCreatedData,
  userDeletedData,
  userLookupOf,
  userUpdatedData,
} from '@moneypal/contracts';
import { AppError, decodeIdCursor, encodeCursor } from '@moneypal/kit';
import type { AdminCredentials } from '../config.js';
import type { Executor, IdentityDatabase } from '../database.js';
import { hashPassword, type PasswordHashCost, verifyPassword } from '../domain/password.js';
import { type PasswordOwner, passwordWeakness } from '../domain/password-policy.js';
import {
  alreadyTakenError,
  createUserRecord,
  type ProfileChanges,
  planProfileChanges,
  type Role,
  toPublicUser,
  type UniqueUserField,
  type UserPatch,
  type UserRecord,
} from '../domain/user.js';
import { identityError } from '../errors.js';
import type * as otpChallengeRepository from '../repositories/otp-challenge.repository.js';
import type * as refreshTokenRepository from '../repositories/refresh-token.repository.js';
import type * as userRepository from '../repositories/user.repository.js';
import { type TraceContext, writeEvent } from './events.js';

export interface UserServiceOptions {
  db: IdentityDatabase;
  repositories: {
    users: typeof userRepository;
    otpChallenges: typeof otpChallengeRepository;
    refreshTokens: typeof refreshTokenRepository;
  };
  clock: () => Date;
  newId: () => string;
  passwordHashCost: PasswordHashCost;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

export interface Registration {
  first_name: string;
  last_name: string;
  user_name: string;
  email: string;
  password: string;
  phone?: string | undefined;
}

export interface ProfileUpdate extends ProfileChanges {
  password?: string | undefined;
  current_password?: string | undefined;
}

export type UserLookup = { id: string } | { email: string } | { user_name: string };

export interface UserListQuery {
  id?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  user_name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  role?: Role | undefined;
  two_factor_enabled?: boolean | undefined;
  created_from?: string | undefined;
  created_to?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Registration, profiles, the admin's user list and the bootstrap admin. */
export class UserService {
  private readonly db: IdentityDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly users: typeof userRepository;
  private readonly otpChallenges: typeof otpChallengeRepository;
  private readonly refreshTokens: typeof refreshTokenRepository;

  constructor(private readonly options: UserServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.users = options.repositories.users;
    this.otpChallenges = options.repositories.otpChallenges;
    this.refreshTokens = options.repositories.refreshTokens;
  }

  async register(registration: Registration, trace?: TraceContext): Promise<User> {
    refuseWeakPassword(registration.password, [registration]);
    // Hashing takes tens of milliseconds on purpose: done before the transaction, not inside it.
    const passwordHash = await hashPassword(registration.password, this.options.passwordHashCost);
    const user = await this.db.transaction().execute(async (trx) => {
      const taken = await this.users.findTakenFields(trx, registration);
      if (taken.length > 0) throw alreadyTakenError(taken);
      const now = this.clock();
      const created = await this.users.insertUser(
        trx,
        createUserRecord({ ...registration, role: 'user' }, passwordHash, this.newId(), now),
      );
      await this.writeUserCreated(trx, created, trace);
      return created;
    });
    this.options.onEventsWritten();
    return toPublicUser(user);
  }

  async findUser(lookup: UserLookup): Promise<User> {
    const user =
      'id' in lookup
        ? await this.users.findLiveUserById(this.db, lookup.id)
        : 'email' in lookup
          ? await this.users.findLiveUserByField(this.db, 'email', lookup.email)
          : await this.users.findLiveUserByField(this.db, 'user_name', lookup.user_name);
    if (!user) throw identityError('user_not_found', 'No user has this id, email or user name.');
    return toPublicUser(user);
  }

  /**
   * The one live user whose handle, email or phone is exactly `query` (see `userLookupOf`; a
   * phone starts with "+"), as a sender may see them. A phone two users share names neither.
   */
  async findRecipient(query: string): Promise<Recipient> {
    const lookup = userLookupOf(query);
    const user = query.startsWith('+')
      ? await this.users
          .findLiveUsersByPhone(this.db, query)
          .then((found) => (found.length === 1 ? found[0] : undefined))
      : lookup === null
        ? undefined
        : 'email' in lookup
          ? await this.users.findLiveUserByField(this.db, 'email', lookup.email)
          : await this.users.findLiveUserByField(this.db, 'user_name', lookup.user_name);
    if (!user) {
      throw identityError(
        'recipient_not_found',
        'Nobody has exactly this user name, email or phone: check it with the recipient.',
        {
          errors: [{ path: 'query', message: 'Nobody has this user name or email.' }],
        },
      );
    }
    return { display_name: `${user.first_name} ${user.last_name}`, user_name: user.user_name };
  }

  /**
   * Changes a user's own profile. A new password, email or phone needs the current password
   * (the contract requires it with them, and it is checked whenever given); a new password
   * ends every session: all refresh-token families are revoked in the same transaction.
   */
  async updateProfile(userId: string, update: ProfileUpdate, trace?: TraceContext): Promise<User> {
    const current = await this.users.findLiveUserById(this.db, userId);
    if (!current) throw identityError('user_not_found', 'No user has this id, email or user name.');
    if (
      update.current_password !== undefined &&
      !(await verifyPassword(current.password_hash, update.current_password))
    ) {
      throw identityError('unauthenticated', 'The current password is wrong.', {
        errors: [{ path: 'current_password', message: 'The current password is wrong.' }],
      });
    }
    let newPasswordHash: string | undefined;
    if (update.password !== undefined) {
      // Checked against the names and email the user has now and the ones this update gives.
      refuseWeakPassword(update.password, [current, update]);
      newPasswordHash = await hashPassword(update.password, this.options.passwordHashCost);
    }
    const { user, changed } = await this.db.transaction().execute(async (trx) => {
      const locked = await this.users.lockLiveUser(trx, userId);
      if (!locked) throw identityError('user_not_found', 'No user has this id, email or user name.');
      // The current password was checked against the hash read before the lock.
      if (newPasswordHash !== undefined && locked.password_hash !== current.password_hash) {
        throw identityError('conflict', 'the password was changed meanwhile; try again');
      }
      const { patch, changed } = planProfileChanges(locked, update);
      const taken = await this.users.findTakenFields(trx, patch, userId);
      if (taken.length > 0) throw alreadyTakenError(taken);
      if (newPasswordHash !== undefined) {
        patch.password_hash = newPasswordHash;
        changed.push('password');
      }
      if (changed.length === 0) return { user: locked, changed };
      const now = this.clock();
      const updated = await this.users.updateUser(trx, userId, patch, now);
      if (newPasswordHash !== undefined) await this.refreshTokens.revokeRefreshTokensOfUser(trx, userId, now);
      await this.writeUserUpdated(trx, updated, changed, trace);
      return { user: updated, changed };
    });
    if (changed.length > 0) this.options.onEventsWritten();
    return toPublicUser(user);
  }

  /**
   * Soft delete: the row stays, its user_name and email become free, and every session ends.
   * With `password` (the user asks), a wrong password deletes nothing.
   */
  async deleteUser(userId: string, password: string | undefined, trace?: TraceContext): Promise<void> {
    if (password !== undefined) {
      const current = await this.users.findLiveUserById(this.db, userId);
      if (!current) throw identityError('user_not_found', 'No user has this id, email or user name.');
      if (!(await verifyPassword(current.password_hash, password))) {
        throw identityError('unauthenticated', 'The password is wrong.', {
          errors: [{ path: 'password', message: 'The password is wrong.' }],
        });
      }
    }
    await this.db.transaction().execute(async (trx) => {
      const user = await this.users.lockLiveUser(trx, userId);
      if (!user) throw identityError('user_not_found', 'No user has this id, email or user name.');
      const now = this.clock();
      await this.users.softDeleteUser(trx, userId, now);
      await this.refreshTokens.revokeRefreshTokensOfUser(trx, userId, now);
      await this.otpChallenges.consumeOpenOtpChallengesOfUser(trx, userId, now);
      await writeEvent(trx, {
        type: identityEvents.userDeleted,
        schema: userDeletedData,
        subject: user.id,
        data: { user_id: user.id, user_name: user.user_name, email: user.email },
        time: now,
        trace,
      });
    });
    this.options.onEventsWritten();
  }

  async listUsers(query: UserListQuery): Promise<{ data: User[]; next_cursor: string | null }> {
    const beforeId = query.cursor === undefined ? undefined : decodeIdCursor(query.cursor);
    const rows = await this.users.listLiveUsers(
      this.db,
      {
        ...query,
        createdFrom: query.created_from === undefined ? undefined : new Date(query.created_from),
        createdTo: query.created_to === undefined ? undefined : new Date(query.created_to),
      },
      // One row more than asked tells whether another page follows.
      { beforeId, limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(toPublicUser),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  /**
   * Creates the bootstrap admin, or brings the existing admin (same email, else same
   * user_name) to the given user_name, email and password. Replicas that start together
   * race on the unique indexes; the loser finds the winner's row on its retry. A guessable
   * ADMIN_PASSWORD is refused like a user's.
   */
  async ensureAdmin(
    admin: AdminCredentials,
  ): Promise<{ user: User; outcome: 'created' | 'updated' | 'unchanged' }> {
    refuseWeakPassword(admin.password, [{ user_name: admin.userName, email: admin.email }], 'ADMIN_PASSWORD');
    try {
      return await this.tryEnsureAdmin(admin);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return this.tryEnsureAdmin(admin);
      throw error;
    }
  }

  private async tryEnsureAdmin(
    admin: AdminCredentials,
  ): Promise<{ user: User; outcome: 'created' | 'updated' | 'unchanged' }> {
    const byEmail = await this.users.findLiveUserByField(this.db, 'email', admin.email);
    const existing = byEmail ?? (await this.users.findLiveUserByField(this.db, 'user_name', admin.userName));
    // Emails are not verified, so anyone could have registered with the admin's email or
    // name before it was configured: such a user is never promoted (nor handed the password).
    if (existing && existing.role !== 'admin') {
      const field = byEmail ? 'email' : 'user_name';
      throw identityError('conflict', `the ${field} belongs to a user who is not an admin; choose another`, {
        errors: [{ path: field, message: 'belongs to a user who is not an admin' }],
      });
    }
    if (!existing) {
      const passwordHash = await hashPassword(admin.password, this.options.passwordHashCost);
      const user = await this.db.transaction().execute(async (trx) => {
        const created = await this.users.insertUser(
          trx,
          createUserRecord(
            {
              first_name: 'MoneyPal',
              last_name: 'Admin',
              user_name: admin.userName,
              email: admin.email,
              role: 'admin',
            },
            passwordHash,
            this.newId(),
            this.clock(),
          ),
        );
        await this.writeUserCreated(trx, created);
        return created;
      });
      this.options.onEventsWritten();
      return { user: toPublicUser(user), outcome: 'created' };
    }
    const patch: UserPatch = {};
    const changed: string[] = [];
    const fields: Array<[UniqueUserField, string]> = [
      ['user_name', admin.userName],
      ['email', admin.email],
    ];
    for (const [field, value] of fields) {
      if (existing[field] !== value) {
        patch[field] = value;
        changed.push(field);
      }
    }
    const passwordChanged = !(await verifyPassword(existing.password_hash, admin.password));
    if (passwordChanged) {
      patch.password_hash = await hashPassword(admin.password, this.options.passwordHashCost);
      changed.push('password');
    }
    if (changed.length === 0) return { user: toPublicUser(existing), outcome: 'unchanged' };
    const user = await this.db.transaction().execute(async (trx) => {
      const taken = await this.users.findTakenFields(trx, patch, existing.id);
      if (taken.length > 0) throw alreadyTakenError(taken);
      const now = this.clock();
      const updated = await this.users.updateUser(trx, existing.id, patch, now);
      if (passwordChanged) await this.refreshTokens.revokeRefreshTokensOfUser(trx, existing.id, now);
      await this.writeUserUpdated(trx, updated, changed);
      return updated;
    });
    this.options.onEventsWritten();
    return { user: toPublicUser(user), outcome: 'updated' };
  }

  private writeUserCreated(trx: Executor, user: UserRecord, trace?: TraceContext): Promise<void> {
    return writeEvent(trx, {
      type: identityEvents.userCreated,
      schema: userCreatedData,
      subject: user.id,
      data: { user: toPublicUser(user) },
      time: user.created_at,
      trace,
    });
  }

  private writeUserUpdated(
    trx: Executor,
    user: UserRecord,
    changed: string[],
    trace?: TraceContext,
  ): Promise<void> {
    return writeEvent(trx, {
      type: identityEvents.userUpdated,
      schema: userUpdatedData,
      subject: user.id,
      data: { user: toPublicUser(user), changed },
      time: user.updated_at,
      trace,
    });
  }
}

/**
 * Answers `validation_failed`, naming the field and why, when a new password is guessable
 * (see `passwordWeakness`); the password itself is never repeated.
 */
export function refuseWeakPassword(password: string, owners: PasswordOwner[], field = 'password'): void {
  const weakness = passwordWeakness(password, owners);
  if (weakness === null) return;
  throw identityError('validation_failed', `the ${field} ${weakness}`, {
    errors: [{ path: field, message: weakness }],
  });
}
