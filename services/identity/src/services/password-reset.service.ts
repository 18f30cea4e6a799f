import { identityEvents, passwordResetRequestedData, userUpdatedData } from '@moneypal/contracts';
import type { IdentityDatabase } from '../database.js';
import { generateOtpCode, judgeOtpAttempt, otpCodeMatches } from '../domain/otp.js';
import { hashPassword, type PasswordHashCost } from '../domain/password.js';
import {
  createPasswordResetRecord,
  passwordResetsPerWindow,
  passwordResetWindowMs,
} from '../domain/password-reset.js';
import { toPublicUser } from '../domain/user.js';
import { identityError } from '../errors.js';
import type * as passwordResetRepository from '../repositories/password-reset.repository.js';
import type * as refreshTokenRepository from '../repositories/refresh-token.repository.js';
import type * as userRepository from '../repositories/user.repository.js';
import { type TraceContext, writeEvent } from './events.js';
import { refuseWeakPassword } from './user.service.js';

export interface PasswordResetServiceOptions {
  db: IdentityDatabase;
  repositories: {
    users: typeof userRepository;
    passwordResets: typeof passwordResetRepository;
    refreshTokens: typeof refreshTokenRepository;
  };
  clock: () => Date;
  newId: () => string;
  passwordHashCost: PasswordHashCost;
  otpSecret: string;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

/** One refusal for every bad reset (unknown email, wrong, expired, used or exhausted code): it tells nothing. */
const codeRefused = () =>
  identityError('validation_failed', 'the reset code is wrong, expired or already used; ask for a new one', {
    errors: [{ path: 'code', message: 'is wrong, expired or already used' }],
  });

/**
 * "Forgot password": a six-digit code by email, valid 15 minutes, once, for five tries, at
 * most three sent per user an hour. Both steps answer alike whether the email is a user's
 * or not, so they cannot tell who has an account.
 */
export class PasswordResetService {
  constructor(private readonly options: PasswordResetServiceOptions) {}

  /** Sends a new code (ending older ones) to a live user's email; an unknown email, or one past its limit, gets nothing. */
  async requestReset(email: string, trace?: TraceContext): Promise<void> {
    const { db, repositories, clock } = this.options;
    const user = await repositories.users.findLiveUserByField(db, 'email', email);
    if (!user) return;
    const sent = await db.transaction().execute(async (trx) => {
      // Requests for one user are serialised on the user's row, so the limit counts them all.
      if (!(await repositories.users.lockLiveUser(trx, user.id))) return false;
      const now = clock();
      const since = new Date(now.getTime() - passwordResetWindowMs);
      if (
        (await repositories.passwordResets.countPasswordResetsSince(trx, user.id, since)) >=
        passwordResetsPerWindow
      ) {
        return false;
      }
      await repositories.passwordResets.consumeOpenPasswordResetsOfUser(trx, user.id, now);
      const code = generateOtpCode();
      const reset = createPasswordResetRecord(
        { id: this.options.newId(), userId: user.id, code },
        this.options.otpSecret,
        now,
      );
      await repositories.passwordResets.insertPasswordReset(trx, reset);
      await writeEvent(trx, {
        type: identityEvents.passwordResetRequested,
        schema: passwordResetRequestedData,
        subject: user.id,
        data: { user_id: user.id, to: user.email, code, expires_at: reset.expires_at.toISOString() },
        time: now,
        trace,
      });
      return true;
    });
    if (sent) this.options.onEventsWritten();
  }

  /**
   * Sets a new password with the user's newest code and ends every session. A wrong code is
   * counted (and committed) before the refusal; the code is locked so tries count one by one.
   */
  async resetPassword(
    request: { email: string; code: string; password: string },
    trace?: TraceContext,
  ): Promise<void> {
    const { db, repositories, clock, otpSecret } = this.options;
    // Only what the caller gave is checked before the code, so that the answer cannot depend on the user's names.
    refuseWeakPassword(request.password, [{ email: request.email }]);
    const user = await repositories.users.findLiveUserByField(db, 'email', request.email);
    if (!user) throw codeRefused();
    const passwordHash = await hashPassword(request.password, this.options.passwordHashCost);
    const accepted = await db.transaction().execute(async (trx) => {
      const locked = await repositories.users.lockLiveUser(trx, user.id);
      const reset = locked && (await repositories.passwordResets.lockLatestPasswordReset(trx, user.id));
      if (!locked || !reset) return false;
      const now = clock();
      const verdict = judgeOtpAttempt(reset, otpCodeMatches(otpSecret, reset, request.code), now);
      if (verdict.outcome === 'wrong_code') {
        await repositories.passwordResets.setPasswordResetAttempts(trx, reset.id, verdict.attempts);
      }
      if (verdict.outcome !== 'accepted') return false;
      // The code is right: now the names of the user may be checked (and the code stays unused if refused).
      refuseWeakPassword(request.password, [locked]);
      await repositories.passwordResets.consumeOpenPasswordResetsOfUser(trx, user.id, now);
      const updated = await repositories.users.updateUser(trx, user.id, { password_hash: passwordHash }, now);
      await repositories.refreshTokens.revokeRefreshTokensOfUser(trx, user.id, now);
      await writeEvent(trx, {
        type: identityEvents.userUpdated,
        schema: userUpdatedData,
        subject: user.id,
        data: { user: toPublicUser(updated), changed: ['password'] },
        time: now,
        trace,
      });
      return true;
    });
    if (!accepted) throw codeRefused();
    this.options.onEventsWritten();
  }
}
