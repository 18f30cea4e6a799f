import { randomUUID } from 'node:crypto';
import {
  type AccessClaims,
  accessTokenAudience,
  type Transfer,
  type User,
  type Wallet,
} from '@moneypal/contracts';
import {
  createLogger,
  MemoryBroker,
  type MemoryBus,
  type MessageContext,
  ServiceMetrics,
} from '@moneypal/kit';
import { newUser } from '@moneypal/testing';
import type { FastifyInstance } from 'fastify';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { buildGateway, routedServices } from '../src/app.js';
import { type GatewayConfig, loadGatewayConfig } from '../src/config.js';

export interface BusCall {
  subject: string;
  payload: unknown;
  context: MessageContext;
}

export interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { privateKey, publicJwk };
}

export interface TokenOptions {
  key?: SigningKey;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresInSeconds?: number;
  kid?: string;
  extraClaims?: Record<string, unknown>;
}

/** A user as identity answers with one, named `ada` (`ada@example.com`) unless `overrides` say otherwise. */
export function userOf(overrides: Partial<User> = {}): User {
  return newUser({ user_name: 'ada', email: 'ada@example.com', ...overrides });
}

export function walletOf(overrides: Partial<Wallet> = {}): Wallet {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    owner_id: randomUUID(),
    type: 'personal',
    currency: 'USD',
    status: 'active',
    is_default: true,
    savings_plan_id: null,
    main: 10_000,
    savings: 0,
    available: 10_000,
    held: 0,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

export function transferOf(overrides: Partial<Transfer> = {}): Transfer {
  return {
    id: randomUUID(),
    type: 'transfer',
    status: 'posted',
    amount: 1050,
    currency: 'USD',
    description: null,
    metadata: {},
    from_wallet_id: randomUUID(),
    to_wallet_id: randomUUID(),
    initiator_id: randomUUID(),
    created_at: new Date().toISOString(),
    ...overrides,
  };
}

/** A ledger reply to a request that moves money: the transfer and the balance of the wallet it left. */
export function transferReplyOf(transfer: Transfer = transferOf(), replayed = false) {
  return {
    result: {
      transfer,
      balance: {
        wallet_id: transfer.from_wallet_id ?? transfer.to_wallet_id ?? randomUUID(),
        currency: transfer.currency,
        main: 8950,
        savings: 0,
        available: 8950,
        held: 0,
        as_of: transfer.created_at,
      },
    },
    replayed,
  };
}

/** The identity and ledger subjects the gateway's tests stand in for, with what they were asked. */
export interface TestGateway {
  app: FastifyInstance;
  broker: MemoryBroker;
  gatewayBus: MemoryBus;
  identity: MemoryBus;
  ledger: MemoryBus;
  signingKey: SigningKey;
  /** The key set identity publishes; tests rotate keys by changing it. */
  publishedKeys: JWK[];
  /** The sessions identity says ended; tests end a session by adding it. */
  revokedSessions: { session_id: string; revoked_at: string }[];
  config: GatewayConfig;
  calls: BusCall[];
  logLines: string[];
  /** Calls other than key, ended-session and health lookups: the ones a route makes for its operation. */
  operationCalls(): BusCall[];
  /** Answers a subject on the bus of its service (`ledger.…` on the ledger's, the rest on identity's). */
  respond(
    subject: string,
    handler: (payload: unknown, context: MessageContext) => Promise<unknown>,
  ): Promise<void>;
  /** Claims are loosely typed so that tests can sign claims identity would never issue. */
  signToken(claims: { sub?: string; role?: string; sid?: string }, options?: TokenOptions): Promise<string>;
  /** A valid bearer header for a new user (or admin). */
  bearer(role?: AccessClaims['role']): Promise<{ authorization: string; claims: AccessClaims }>;
  close(): Promise<void>;
}

/**
 * A gateway on the in-process bus, with a bus for each service it routes to beside it where
 * tests register small responders for the subjects they need. The key set and health
 * subjects answer from the start.
 */
export async function startGateway(overrides: Partial<GatewayConfig> = {}): Promise<TestGateway> {
  const broker = new MemoryBroker();
  const logLines: string[] = [];
  const logger = createLogger({
    service: 'gateway',
    level: 'debug',
    destination: { write: (line: string) => void logLines.push(line) },
  });
  // The gateway's bus and its HTTP routes share one registry, as in the distributed process.
  const metrics = new ServiceMetrics('gateway');
  const gatewayBus = broker.connect('gateway', logger, metrics);
  // One bus per service the gateway routes to, where tests register responders for its subjects.
  const serviceBuses = new Map(routedServices.map((service) => [service, broker.connect(service)]));
  const identity = serviceBuses.get('identity')!;
  const ledger = serviceBuses.get('ledger')!;
  const signingKey = await createSigningKey();
  const calls: BusCall[] = [];

  const respond: TestGateway['respond'] = async (subject, handler) => {
    const bus = serviceBuses.get(subject.slice(0, subject.indexOf('.'))) ?? identity;
    await bus.handle(subject, async (payload, context) => {
      calls.push({ subject, payload, context });
      return handler(payload, context);
    });
  };
  const publishedKeys: JWK[] = [signingKey.publicJwk];
  await respond('identity.keys.get', async () => ({ keys: publishedKeys }));
  const revokedSessions: TestGateway['revokedSessions'] = [];
  await respond('identity.session.revoked.list', async () => ({
    sessions: revokedSessions,
    as_of: new Date().toISOString(),
    access_token_ttl_seconds: 900,
  }));
  const lookupSubjects = new Set(['identity.keys.get', 'identity.session.revoked.list']);
  const healthSubjects = routedServices.map((service) => `${service}.health`);
  for (const service of routedServices) {
    await respond(`${service}.health`, async () => ({ status: 'ok', service }));
  }

  const config: GatewayConfig = {
    ...loadGatewayConfig({}),
    rateLimitPerMinute: 1_000_000,
    rateLimitUserPerMinute: 1_000_000,
    rateLimitAuthPerMinute: 10_000,
    busRequestTimeoutMs: 500,
    readyTimeoutMs: 200,
    ...overrides,
  };
  const app = await buildGateway({ bus: gatewayBus, logger, config, metrics });

  const signToken: TestGateway['signToken'] = async (claims, options = {}) => {
    const key = options.key ?? signingKey;
    return new SignJWT({
      role: claims.role ?? 'user',
      sid: claims.sid ?? randomUUID(),
      ...options.extraClaims,
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? (key.publicJwk.kid as string) })
      .setSubject(claims.sub ?? randomUUID())
      .setIssuer(options.issuer ?? 'moneypal-identity')
      .setAudience(options.audience ?? accessTokenAudience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 300))
      .sign(key.privateKey);
  };

  return {
    app,
    broker,
    gatewayBus,
    identity,
    ledger,
    signingKey,
    publishedKeys,
    revokedSessions,
    config,
    calls,
    logLines,
    operationCalls: () =>
      calls.filter((call) => !lookupSubjects.has(call.subject) && !healthSubjects.includes(call.subject)),
    respond,
    signToken,
    bearer: async (role = 'user') => {
      const claims: AccessClaims = { sub: randomUUID(), role, sid: randomUUID() };
      return { authorization: `Bearer ${await signToken(claims)}`, claims };
    },
    close: async () => {
      await app.close();
      await gatewayBus.close();
      for (const bus of serviceBuses.values()) await bus.close();
      broker.shutdown();
    },
  };
}

/** Asserts the common shape of a problem answer and returns its body. */
export function problemBody(response: { headers: Record<string, unknown>; body: string }): {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  request_id: string;
  errors?: { path: string; message: string }[];
  limit?: { name: string; value?: number };
} {
  const contentType = String(response.headers['content-type']);
  if (!contentType.startsWith('application/problem+json')) {
    throw new Error(`expected a problem, got ${contentType}: ${response.body}`);
  }
  return JSON.parse(response.body);
}
