import { identityEvents, otpRequestedData, type RevokedSessions, type Tokens } from '@moneypal/contracts';
import type { Logger } from '@moneypal/kit';
import type { JWK } from 'jose';
import type { Executor, IdentityDatabase } from '../database.js';
import { type SigningKey, signAccessToken } from '../domain/access-token.js';
import {
  createOtpChallengeRecord,
  generateOtpCode,
  judgeOtpAttempt,
  otpCodeMatches,
  otpDestinationOf,
} from '../domain/otp.js';
import { verifyPassword } from '../domain/password.js';
import {
  createRefreshTokenRecord,
  generateRefreshToken,
  hashRefreshToken,
  judgeRefreshToken,
} from '../domain/refresh-token.js';
import type { UserRecord } from '../domain/user.js';
import { identityError } from '../errors.js';
import type * as otpChallengeRepository from '../repositories/otp-challenge.repository.js';
import type * as refreshTokenRepository from '../repositories/refresh-token.repository.js';
import type * as userRepository from '../repositories/user.repository.js';
import { type TraceContext, writeEvent } from './events.js';

export interface AuthServiceOptions {
  db: IdentityDatabase;
  repositories: {
    users: typeof userRepository;
    otpChallenges: typeof otpChallengeRepository;
    refreshTokens: typeof refreshTokenRepository;
  };
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  signingKey: SigningKey;
  otpSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** A hash of a random password with the current cost: unknown logins are checked against it. */
  dummyPasswordHash: string;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

/** The answer to a right password when the user has two-factor login on. */
export interface OtpChallengeReply {
  otp_required: true;
  challenge_id: string;
}

type OtpOutcome =
  | { tokens: Tokens }
  | { refused: 'otp_expired' | 'otp_exhausted' }
  | { refused: 'otp_invalid' | 'otp_exhausted'; remainingAttempts: number };

type RefreshOutcome =
  | { tokens: Tokens }
  | { refused: 'unknown' | 'expired' }
  | { refused: 'reused'; familyId: string; userId: string };

/** Sessions in one answer to `revokedSessions`. */
const revokedSessionsPageSize = 10_000;

const wrongCredentials = 'the login or the password is wrong: check both and try again';
const invalidRefreshToken = 'the refresh token is not valid; log in again';
const expiredRefreshToken = 'the refresh token has expired; log in again';

/** Login (with or without a one-time code), refresh-token rotation, logout and the public keys. */
export class AuthService {
  private readonly db: IdentityDatabase;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly users: typeof userRepository;
  private readonly otpChallenges: typeof otpChallengeRepository;
  private readonly refreshTokens: typeof refreshTokenRepository;

  constructor(private readonly options: AuthServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.newId = options.newId;
    this.users = options.repositories.users;
    this.otpChallenges = options.repositories.otpChallenges;
    this.refreshTokens = options.repositories.refreshTokens;
  }

  /**
   * Unknown logins cost one argon2 verification too, against a dummy hash, so that the
   * answer time does not tell which logins exist; both failures say the same thing.
   */
  async login(
    credentials: { login: string; password: string },
    trace?: TraceContext,
  ): Promise<Tokens | OtpChallengeReply> {
    const user = await this.users.findLiveUserByLogin(this.db, credentials.login);
    const passwordMatches = await verifyPassword(
      user?.password_hash ?? this.options.dummyPasswordHash,
      credentials.password,
    );
    if (!user || !passwordMatches) throw identityError('unauthenticated', wrongCredentials);
    if (user.two_factor_enabled) return this.startOtpChallenge(user, trace);
    return this.db.transaction().execute((trx) => this.issueTokens(trx, user, this.newId()));
  }

  /**
   * Checks a one-time code. A wrong code is counted (and committed) before the error is
   * answered; the challenge row is locked so that concurrent tries are counted one by one.
   */
  async verifyOtp(request: { challenge_id: string; code: string }): Promise<Tokens> {
    const outcome = await this.db.transaction().execute(async (trx): Promise<OtpOutcome> => {
      const challenge = await this.otpChallenges.lockOtpChallenge(trx, request.challenge_id);
      if (!challenge) return { refused: 'otp_expired' };
      const now = this.clock();
      const verdict = judgeOtpAttempt(
        challenge,
        otpCodeMatches(this.options.otpSecret, challenge, request.code),
        now,
      );
      if (verdict.outcome === 'refused') return { refused: verdict.reason };
      if (verdict.outcome === 'wrong_code') {
        await this.otpChallenges.setOtpAttempts(trx, challenge.id, verdict.attempts);
        return { refused: verdict.reason, remainingAttempts: verdict.remainingAttempts };
      }
      await this.otpChallenges.consumeOtpChallenge(trx, challenge.id, now);
      const user = await this.users.findLiveUserById(trx, challenge.user_id);
      if (!user) return { refused: 'otp_expired' };
      return { tokens: await this.issueTokens(trx, user, this.newId()) };
    });
    if ('tokens' in outcome) return outcome.tokens;
    switch (outcome.refused) {
      case 'otp_invalid':
        throw identityError('otp_invalid', 'The one-time code is wrong: enter the latest code sent to you.', {
          remaining_attempts: outcome.remainingAttempts,
        });
      case 'otp_exhausted':
        throw identityError('otp_exhausted', 'too many wrong one-time codes; log in again');
      case 'otp_expired':
        throw identityError('otp_expired', 'the one-time code has expired or was already used; log in again');
    }
  }

  /**
   * Rotates a refresh token: the presented token is marked replaced and a new one joins
   * the same family, in one transaction. A token presented after it was replaced or
   * revoked may be stolen, so the whole family is revoked (committed before the refusal).
   * Two concurrent refreshes with one token cannot both win: the conditional update lets
   * one through, and the other counts as a reuse.
   */
  async refresh(request: { refresh_token: string }): Promise<Tokens> {
    const tokenHash = hashRefreshToken(request.refresh_token);
    const outcome = await this.db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
      const token = await this.refreshTokens.findRefreshTokenByHash(trx, tokenHash);
      if (!token) return { refused: 'unknown' };
      const now = this.clock();
      const state = judgeRefreshToken(token, now);
      if (state === 'expired') return { refused: 'expired' };
      if (state === 'reused') {
        await this.refreshTokens.revokeRefreshTokenFamily(trx, token.family_id, now);
        return { refused: 'reused', familyId: token.family_id, userId: token.user_id };
      }
      const user = await this.users.findLiveUserById(trx, token.user_id);
      if (!user) return { refused: 'unknown' };
      const newTokenId = this.newId();
      if (!(await this.refreshTokens.markRefreshTokenReplaced(trx, token.id, newTokenId))) {
        await this.refreshTokens.revokeRefreshTokenFamily(trx, token.family_id, now);
        return { refused: 'reused', familyId: token.family_id, userId: token.user_id };
      }
      return { tokens: await this.issueTokens(trx, user, token.family_id, newTokenId) };
    });
    if ('tokens' in outcome) return outcome.tokens;
    if (outcome.refused === 'reused') {
      this.options.logger.warn(
        { user_id: outcome.userId, session_id: outcome.familyId },
        'a replaced or revoked refresh token was presented; the session is revoked',
      );
    }
    if (outcome.refused === 'expired') throw identityError('token_expired', expiredRefreshToken);
    throw identityError('token_invalid', invalidRefreshToken);
  }

  /** Ends one session of the user; a session that is not theirs, or already ended, is left alone. */
  async logout(request: { user_id: string; session_id: string }): Promise<void> {
    await this.refreshTokens.revokeRefreshTokenFamily(
      this.db,
      request.session_id,
      this.clock(),
      request.user_id,
    );
  }

  /**
   * Sessions ended at or after `since`, or, when null or in the future, within the lifetime of an access token
   * (what a gateway that just started must deny). At most `revokedSessionsPageSize` a time:
   * when the page is full, `as_of` is its last revocation, so the next question goes on from there.
   */
  async revokedSessions(since: string | null): Promise<RevokedSessions> {
    const now = this.clock();
    const ttlSeconds = this.options.accessTokenTtlSeconds;
    // A `since` ahead of this clock (set back since it answered) asks for the whole window again.
    const from =
      since === null || Date.parse(since) > now.getTime()
        ? new Date(now.getTime() - ttlSeconds * 1000)
        : new Date(since);
    const sessions = await this.refreshTokens.listRevokedSessions(this.db, from, revokedSessionsPageSize);
    const full = sessions.length === revokedSessionsPageSize;
    return {
      sessions: sessions.map((session) => ({
        session_id: session.sessionId,
        revoked_at: session.revokedAt.toISOString(),
      })),
      as_of: (full ? sessions.at(-1)!.revokedAt : now).toISOString(),
      access_token_ttl_seconds: ttlSeconds,
    };
  }

  /** The public keys that verify access tokens, as a JWKS. */
  publicKeys(): { keys: JWK[] } {
    return { keys: [this.options.signingKey.publicJwk] };
  }

  private async startOtpChallenge(user: UserRecord, trace?: TraceContext): Promise<OtpChallengeReply> {
    const challengeId = this.newId();
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock();
      await this.otpChallenges.consumeOpenOtpChallengesOfUser(trx, user.id, now);
      const code = generateOtpCode();
      const { channel, to } = otpDestinationOf(user);
      const challenge = createOtpChallengeRecord(
        { id: challengeId, userId: user.id, code, channel },
        this.options.otpSecret,
        now,
      );
      await this.otpChallenges.insertOtpChallenge(trx, challenge);
      await writeEvent(trx, {
        type: identityEvents.otpRequested,
        schema: otpRequestedData,
        subject: user.id,
        data: {
          user_id: user.id,
          challenge_id: challengeId,
          channel,
          to,
          code,
          expires_at: challenge.expires_at.toISOString(),
        },
        time: now,
        trace,
      });
    });
    this.options.onEventsWritten();
    return { otp_required: true, challenge_id: challengeId };
  }

  /** A new refresh token in the family, and an access token naming the family as its session. */
  private async issueTokens(
    trx: Executor,
    user: UserRecord,
    familyId: string,
    tokenId = this.newId(),
  ): Promise<Tokens> {
    const now = this.clock();
    const refreshToken = generateRefreshToken();
    await this.refreshTokens.insertRefreshToken(
      trx,
      createRefreshTokenRecord(
        { id: tokenId, familyId, userId: user.id, tokenHash: hashRefreshToken(refreshToken) },
        now,
        this.options.refreshTokenTtlSeconds,
      ),
    );
    const accessToken = await signAccessToken(
      this.options.signingKey,
      { sub: user.id, role: user.role, sid: familyId },
      now,
      this.options.accessTokenTtlSeconds,
    );
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: this.options.accessTokenTtlSeconds,
    };
  }
}
