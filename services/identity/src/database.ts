import {
  type MessagingTables,
  messagingMigration,
  readSqlMigrations,
  type SqlMigration,
} from '@moneypal/kit';
import type { Kysely } from 'kysely';
import type { OtpChallengeRecord } from './domain/otp.js';
import type { PasswordResetRecord } from './domain/password-reset.js';
import type { RefreshTokenRecord } from './domain/refresh-token.js';
import type { UserRecord } from './domain/user.js';

/** The identity database as Kysely sees it; migrations/ is the source of truth. */
export interface IdentityTables extends MessagingTables {
  users: UserRecord;
  refresh_tokens: RefreshTokenRecord;
  otp_challenges: OtpChallengeRecord;
  password_resets: PasswordResetRecord;
}

export type IdentityDatabase = Kysely<IdentityTables>;

/** A connection or an open transaction (a `Transaction` is a `Kysely`): every repository function's first argument. */
export type Executor = Kysely<IdentityTables>;

/** The outbox and inbox tables first, then this service's own migrations in name order. */
export async function identityMigrations(): Promise<SqlMigration[]> {
  return [messagingMigration, ...(await readSqlMigrations(new URL('../migrations/', import.meta.url)))];
}
