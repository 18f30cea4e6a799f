import { randomBytes } from 'node:crypto';
import {
  type Bus,
  type Logger,
  migrateToLatest,
  newId,
  OutboxRelay,
  type ServiceMetrics,
} from '@moneypal/kit';
import { ledgerBalanceLookup } from './clients/ledger.client.js';
import { checkEd25519PrivateKey, type IdentityConfig } from './config.js';
import { type IdentityDatabase, identityMigrations } from './database.js';
import { loadSigningKey } from './domain/access-token.js';
import { hashPassword, owaspArgon2idCost, type PasswordHashCost } from './domain/password.js';
import { serveAuthRequests } from './handlers/auth.handlers.js';
import { serveBalanceRequest } from './handlers/balance.handler.js';
import { serveHealthRequest } from './handlers/health.handler.js';
import { serveUserRequests } from './handlers/user.handlers.js';
import * as otpChallengeRepository from './repositories/otp-challenge.repository.js';
import * as passwordResetRepository from './repositories/password-reset.repository.js';
import * as refreshTokenRepository from './repositories/refresh-token.repository.js';
import * as userRepository from './repositories/user.repository.js';
import { AuthService } from './services/auth.service.js';
import { BalanceService } from './services/balance.service.js';
import { HealthService } from './services/health.service.js';
import { PasswordResetService } from './services/password-reset.service.js';
import { UserService } from './services/user.service.js';

export interface StartIdentityOptions {
  config: IdentityConfig;
  /** The identity database; the caller opened it and closes it after `stop`. */
  db: IdentityDatabase;
  /** The caller connected it and closes it after `stop`. */
  bus: Bus;
  logger: Logger;
  /**
   * Where the service's own series go (outbox lag, events published); the caller serves
   * them, and gives the same object to the bus it connected. Unmeasured when absent.
   */
  metrics?: ServiceMetrics;
  /** The time of every change and token; tests move it. */
  clock?: () => Date;
  /** New ids (users, tokens, challenges, sessions); UUIDv7 by default, so they sort by creation time. */
  newId?: () => string;
  /** Argon2id cost; OWASP's recommendation unless a test lowers it. */
  passwordHashCost?: PasswordHashCost;
  /** How often the outbox relay looks for events nobody announced. */
  outboxPollIntervalMs?: number;
}

export interface RunningIdentity {
  /** Stops publishing events; close the bus and then the database afterwards. */
  stop(): Promise<void>;
}

/**
 * Starts the identity service on a database and a bus: migrates, brings the bootstrap
 * admin up to date, answers every `identityRequests` subject (asking the ledger for
 * balances) and `identity.health`, and relays outbox events to the bus.
 */
export async function startIdentity(options: StartIdentityOptions): Promise<RunningIdentity> {
  const { config, db, bus, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const passwordHashCost = options.passwordHashCost ?? owaspArgon2idCost;

  const keyVerdict = checkEd25519PrivateKey(config.jwtPrivateKey);
  if (keyVerdict !== true) throw new Error(`identity: the JWT private key ${keyVerdict}`);
  const applied = await migrateToLatest(db, await identityMigrations());
  if (applied.length > 0) logger.info({ migrations: applied }, 'identity database migrated');

  const signingKey = await loadSigningKey(config.jwtPrivateKey);
  const dummyPasswordHash = await hashPassword(randomBytes(16).toString('base64url'), passwordHashCost);
  const relay = new OutboxRelay({
    db,
    bus,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.outboxPollIntervalMs === undefined ? {} : { pollIntervalMs: options.outboxPollIntervalMs }),
  });
  const onEventsWritten = () => relay.notify();
  const repositories = {
    users: userRepository,
    otpChallenges: otpChallengeRepository,
    refreshTokens: refreshTokenRepository,
  };

  const users = new UserService({
    db,
    repositories,
    clock,
    newId: options.newId ?? newId,
    passwordHashCost,
    onEventsWritten,
  });
  const auth = new AuthService({
    db,
    repositories,
    clock,
    newId: options.newId ?? newId,
    logger,
    signingKey,
    otpSecret: config.otpSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
    refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    dummyPasswordHash,
    onEventsWritten,
  });

  const passwordResets = new PasswordResetService({
    db,
    repositories: {
      users: userRepository,
      passwordResets: passwordResetRepository,
      refreshTokens: refreshTokenRepository,
    },
    clock,
    newId: options.newId ?? newId,
    passwordHashCost,
    otpSecret: config.otpSecret,
    onEventsWritten,
  });

  const balances = new BalanceService({
    db,
    repositories: { users: userRepository },
    ledgerBalanceOf: ledgerBalanceLookup(bus),
  });

  // Before the relay starts, so a freshly created admin's event goes out with the first pass.
  if (config.admin) {
    const { user, outcome } = await users.ensureAdmin(config.admin).catch((error: unknown) => {
      throw new Error(`identity: cannot set up the bootstrap admin: ${(error as Error).message}`, {
        cause: error,
      });
    });
    logger.info({ user_id: user.id, user_name: user.user_name }, `bootstrap admin ${outcome}`);
  }

  await serveUserRequests(bus, users);
  await serveAuthRequests(bus, auth, passwordResets);
  await serveBalanceRequest(bus, balances);
  await serveHealthRequest(bus, new HealthService(db));
  relay.start();
  logger.info({ kid: signingKey.kid }, 'identity service started');

  return {
    stop: () => relay.stop(),
  };
}
