import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, httpClient } from '../support/http.js';
import { newPerson, type Person } from '../support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from '../support/system.js';
import {
  adminTokenName,
  badRequests,
  type FuzzContext,
  type FuzzRequest,
  type OpenApiDocument,
  operationsOf,
  userTokenName,
} from './requests.js';
import { type Answer, faultOf, formatRequest, send } from './wire.js';

/**
 * The fuzz suite: bad requests derived from the OpenAPI document, sent to the whole system.
 * `npm test` sends a fixed number with a fixed seed; `npm run fuzz -- --runs N --seed S`
 * (e2e/fuzz/cli.mjs) sets these two variables for a longer run.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 3_000);
const seed = Number(process.env.FUZZ_SEED ?? 20_261_207);
/** How often the state is compared with the one before the first request. */
const stateCheckEvery = 500;

/**
 * The gateway's rate limits, raised so that thousands of requests from one address are
 * answered rather than refused with 429 (which is not a fault, but tests nothing else).
 */
const raisedRateLimits = {
  RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_USER_PER_MINUTE: '1000000',
};

let system: TestSystem;
let http: ReturnType<typeof httpClient>;
let adminToken: string;
let alice: Person;
let bob: Person;

beforeAll(async () => {
  system = await startTestSystem({ gatewayEnvironment: raisedRateLimits });
  http = httpClient(system.url);
  const login = await http('/v1/auth/login', {
    body: { login: system.admin.email, password: system.admin.password },
  });
  adminToken = login.body.access_token;
  alice = await newPerson(apiOf(system.url), 'Alice');
  bob = await newPerson(apiOf(system.url), 'Bob');
  const funded = await http(`/v1/wallets/${alice.walletId}/deposits`, {
    token: adminToken,
    body: { amount: 10_000, reference: 'fuzz funding' },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(funded.status).toBe(201);
}, 240_000);

afterAll(async () => {
  await system?.stop();
});

/** Everything the fuzzer must not change: both users, their wallets and balances, what an admin sees. */
async function stateOf(): Promise<{ totalMinor: number; text: string }> {
  const read = async (path: string, token: string) => {
    const answer = await http(path, { token });
    if (answer.status !== 200)
      throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const people = [];
  let totalMinor = 0;
  for (const person of [alice, bob]) {
    const wallets = (await read('/v1/wallets?limit=100', person.token)).data;
    for (const wallet of wallets) totalMinor += wallet.main + wallet.savings;
    people.push({
      me: await read('/v1/users/me', person.token),
      wallets,
      transactions: (await read('/v1/transactions?limit=100', person.token)).data,
      payments: (await read('/v1/payments?limit=100', person.token)).data,
      invoices: (await read('/v1/invoices?limit=100', person.token)).data,
    });
  }
  const admin = {
    users: (await read('/v1/users?limit=100', adminToken)).data,
    walletTypes: await read('/v1/wallet-types', adminToken),
    savingsPlans: await read('/v1/savings-plans', adminToken),
    rules: await read('/v1/transaction-rules', adminToken),
  };
  return { totalMinor, text: JSON.stringify({ people, admin }) };
}

/** Fails unless the state is the one before the first request and every ledger invariant holds. */
async function expectNoChange(before: { totalMinor: number; text: string }, sent: number): Promise<void> {
  const after = await stateOf();
  const verdict = await system.verifyLedger();
  if (after.text !== before.text || !verdict.ok) {
    throw new Error(
      `after ${sent} requests the state changed (sum of balances ${before.totalMinor} → ${after.totalMinor}, ` +
        `ledger ${verdict.ok ? 'verified' : 'NOT verified'}):\nbefore ${before.text}\nafter  ${after.text}\n` +
        JSON.stringify(verdict.checks.filter((check) => check.violations > 0)),
    );
  }
}

describe(`the gateway under ${runs} fuzzed requests (seed ${seed}) on ${systemLabel}`, () => {
  it(
    'refuses every flawed one with a 4xx problem, answers every read, never a 5xx, and changes nothing',
    async () => {
      const document = (await http('/api/openapi.json')).body as OpenApiDocument;
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(30);
      const context: FuzzContext = {
        ids: [alice.id, alice.walletId, bob.id, bob.walletId],
        userNames: [alice.userName, bob.userName],
        emails: [alice.email, bob.email],
      };
      const tokens = { [userTokenName]: alice.token, [adminTokenName]: adminToken };
      const before = await stateOf();
      const baseUrl = new URL(system.url);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const statuses = new Map<number, number>();
      const operationsSeen = new Set<string>();
      let sent = 0;
      let serverErrors = 0;

      const property = fc.asyncProperty(badRequests(operations, context), async (request: FuzzRequest) => {
        let answer: Answer;
        try {
          answer = await send(baseUrl, request, agent, tokens);
        } catch (error) {
          throw new Error(`${(error as Error).message}\n${formatRequest(request)}`);
        }
        sent += 1;
        operationsSeen.add(request.operation);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) serverErrors += 1;
        const fault = faultOf(request, answer);
        if (fault !== undefined) {
          throw new Error(
            `${fault} (flaws: ${request.flaws.join('; ') || 'none, a read'}):\n${formatRequest(request)}\n` +
              `answer body: ${answer.body.slice(0, 2_000)}`,
          );
        }
        if (sent % stateCheckEvery === 0) await expectNoChange(before, sent);
      });
      try {
        await fc.assert(property, { seed, numRuns: runs, endOnFailure: true });
        await expectNoChange(before, sent);
      } finally {
        agent.destroy();
        const counts = [...statuses].sort(([left], [right]) => left - right);
        console.log(
          `fuzz: ${sent} requests (seed ${seed}) over ${operationsSeen.size} operations, ` +
            `${serverErrors} answered 5xx; statuses ${counts.map(([status, count]) => `${status}×${count}`).join(' ')}`,
        );
      }
      expect(serverErrors).toBe(0);
      expect(sent).toBe(runs);
      // Every operation of the document was tried, and malformed HTTP besides.
      expect(operationsSeen.size).toBe(operations.length + 1);
    },
    Math.max(120_000, runs * 100),
  );
});
