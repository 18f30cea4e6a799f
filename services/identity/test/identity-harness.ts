import { generateKeyPairSync } from 'node:crypto';
import { identityRequests } from '@moneypal/contracts';
import {
  type CloudEvent,
  call,
  createLogger,
  type LoggerOptions,
  MemoryBroker,
  type MemoryBus,
} from '@moneypal/kit';
import {
  createTestDatabase,
  outboxEvents as outboxEventsOf,
  TestClock,
  type TestDatabase,
  uniqueTag,
} from '@moneypal/testing';
import { createLocalJWKSet, jwtVerify } from 'jose';
import {
  type IdentityConfig,
  type IdentityTables,
  identityMigrations,
  owaspArgon2idCost,
  type PasswordHashCost,
  startIdentity,
} from '../src/index.js';

export function generateEd25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Cheap argon2id for tests; production uses OWASP's cost. */
export const testPasswordHashCost: PasswordHashCost = { memoryCostKib: 64, timeCost: 1, parallelism: 1 };

export { owaspArgon2idCost };

export const baseConfig = (): IdentityConfig => ({
  jwtPrivateKey: generateEd25519Pem(),
  otpSecret: 'a-test-otp-secret-with-plenty-of-different-characters',
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
  admin: null,
});

export interface IdentityHarness {
  database: TestDatabase<IdentityTables>;
  broker: MemoryBroker;
  /** The caller's end of the bus, as the gateway would hold it. */
  client: MemoryBus;
  clock: TestClock;
  config: IdentityConfig;
  /** Starts identity again on the same database and bus (a restart, or a second replica). */
  restart(config?: Partial<IdentityConfig>, passwordHashCost?: PasswordHashCost): Promise<void>;
  close(): Promise<void>;
}

/** Identity on a fresh database and an in-process bus, called through the bus like the gateway calls it. */
export async function startHarness(
  overrides: Partial<IdentityConfig> = {},
  /** Where identity's log lines go (at level info); none are written when absent. */
  logDestination?: LoggerOptions['destination'],
): Promise<IdentityHarness> {
  const database = await createTestDatabase<IdentityTables>(await identityMigrations());
  const broker = new MemoryBroker();
  const logger = logDestination
    ? createLogger({ service: 'identity', level: 'info', destination: logDestination })
    : createLogger({ service: 'identity', level: 'silent' });
  const clock = new TestClock(new Date('2030-01-01T00:00:00.000Z'));
  let config = { ...baseConfig(), ...overrides };
  let bus = broker.connect('identity', logger);
  let passwordHashCost = testPasswordHashCost;
  const start = () =>
    startIdentity({
      config,
      db: database.db,
      bus,
      logger,
      clock: () => clock.now(),
      passwordHashCost,
      outboxPollIntervalMs: 50,
    });
  let identity = await start();
  const client = broker.connect('gateway', logger);
  return {
    database,
    broker,
    client,
    clock,
    get config() {
      return config;
    },
    /** A start that fails (and rejects) leaves the previous configuration running again. */
    async restart(changes = {}, cost = testPasswordHashCost) {
      const previous = { config, passwordHashCost };
      await identity.stop();
      await bus.close();
      config = { ...config, ...changes };
      passwordHashCost = cost;
      bus = broker.connect('identity', logger);
      try {
        identity = await start();
      } catch (error) {
        await bus.close();
        ({ config, passwordHashCost } = previous);
        bus = broker.connect('identity', logger);
        identity = await start();
        throw error;
      }
    },
    async close() {
      await identity.stop();
      await bus.close();
      await client.close();
      broker.shutdown();
      await database.destroy();
    },
  };
}

/** A registration body with unique names. */
export function newRegistration(overrides: Record<string, string> = {}) {
  const tag = uniqueTag();
  return {
    first_name: 'Ada',
    last_name: 'Lovelace',
    user_name: `ada${tag}`,
    email: `ada${tag}@example.com`,
    password: 'correct horse battery staple',
    ...overrides,
  };
}

export async function register(harness: IdentityHarness, overrides: Record<string, string> = {}) {
  const body = newRegistration(overrides);
  const user = await call(harness.client, identityRequests.register, body);
  return { user, password: body.password, body };
}

/** Logs in and returns tokens, failing the test if a one-time code was asked for. */
export async function login(harness: IdentityHarness, loginName: string, password: string) {
  const reply = await call(harness.client, identityRequests.login, { login: loginName, password });
  if (!('access_token' in reply)) throw new Error('expected tokens, got a one-time code challenge');
  return reply;
}

export { failureOf } from '@moneypal/testing';

/** The events in the outbox, oldest first, optionally of one type. */
export function outboxEvents(harness: IdentityHarness, type?: string): Promise<CloudEvent[]> {
  return outboxEventsOf(harness.database.db, type);
}

/** Verifies an access token against the JWKS that identity publishes, as the gateway does. */
export async function verifyAccessToken(harness: IdentityHarness, token: string) {
  const jwks = await call(harness.client, identityRequests.keys, {});
  const keySet = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
  return jwtVerify(token, keySet, {
    issuer: 'moneypal-identity',
    audience: 'moneypal-api',
    currentDate: harness.clock.now(),
  });
}
