import { ledgerRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/index.js';
import { fund, type LedgerHarness, newKey, startHarness, type TestUser } from './ledger-harness.js';

/*
 * Concurrency claims, proven with real parallel connections on PostgreSQL (TEST_DATABASE_URL).
 * On PGlite, whose one connection runs transactions one after another, the same tests run
 * smaller, as a check of the logic rather than of the locking.
 */
const onPostgres = testDatabaseLabel === 'PostgreSQL';
const walletCount = 36;
const transferCount = onPostgres ? 2_400 : 240;
const duplicateShare = 0.1;
const fundingPerWallet = onPostgres ? 20_000 : 4_000;
const generousTimeoutMs = 120_000;

let harness: LedgerHarness;
let people: TestUser[];

beforeAll(async () => {
  harness = await startHarness({ poolSize: 20 });
  people = [];
  for (let index = 0; index < walletCount; index++) people.push(await harness.createUser());
  for (const person of people) await fund(harness, person.wallet.id, fundingPerWallet);
}, 120_000);

afterAll(async () => {
  await harness.close();
});

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Outcome =
  | { key: string; ok: true; replayed: boolean; transferId: string }
  | { key: string; ok: false; code: string };

async function send(
  request: Parameters<
    typeof call<typeof ledgerRequests.transfer.request, typeof ledgerRequests.transfer.reply>
  >[2],
): Promise<Outcome> {
  try {
    const { result, replayed } = await call(harness.client, ledgerRequests.transfer, request, {
      timeoutMs: generousTimeoutMs,
    });
    return { key: request.idempotency_key, ok: true, replayed, transferId: result.transfer.id };
  } catch (error) {
    return {
      key: request.idempotency_key,
      ok: false,
      code: (error as { code?: string }).code ?? String(error),
    };
  }
}

describe(`concurrent transfers on ${testDatabaseLabel}`, () => {
  it(
    `posts ${transferCount} concurrent transfers among ${walletCount} wallets, duplicates once, and keeps every invariant`,
    async () => {
      const random = randomSource(20300101);
      const requests = Array.from({ length: transferCount }, () => {
        const from = people[Math.floor(random() * walletCount)]!;
        let to = people[Math.floor(random() * walletCount)]!;
        while (to === from) to = people[Math.floor(random() * walletCount)]!;
        return {
          actor: from.actor,
          from_wallet_id: from.wallet.id,
          to_wallet_id: to.wallet.id,
          // Large enough that some wallets run dry: refusals race successes too.
          amount: 1 + Math.floor(random() * 2_500),
          idempotency_key: newKey('race'),
        };
      });
      const duplicates = requests.filter(() => random() < duplicateShare);
      const fired = [...requests, ...duplicates].sort(() => random() - 0.5);
      const transfersBefore = await harness.database.db
        .selectFrom('transfers')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .where('type', '=', 'transfer')
        .executeTakeFirstOrThrow();

      const startedAt = performance.now();
      const outcomes = await Promise.all(fired.map((request) => send(request)));
      const elapsedMs = performance.now() - startedAt;

      const unexpected = outcomes.filter(
        (outcome) => !outcome.ok && !['insufficient_funds', 'idempotency_in_flight'].includes(outcome.code),
      );
      expect(unexpected).toEqual([]);
      const posted = outcomes.filter((outcome) => outcome.ok && !outcome.replayed);
      const postedKeys = new Set(posted.map((outcome) => outcome.key));
      // Each key posted at most once.
      expect(postedKeys.size).toBe(posted.length);
      // A replayed answer is the posted one.
      const transferOfKey = new Map(
        posted.map((outcome) => [outcome.key, outcome.ok ? outcome.transferId : '']),
      );
      for (const outcome of outcomes) {
        if (outcome.ok && outcome.replayed) expect(outcome.transferId).toBe(transferOfKey.get(outcome.key));
      }
      const succeededKeys = new Set(outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.key));
      const transfersAfter = await harness.database.db
        .selectFrom('transfers')
        .select((eb) => eb.fn.countAll<bigint>().as('n'))
        .where('type', '=', 'transfer')
        .executeTakeFirstOrThrow();
      expect(Number(transfersAfter.n - transfersBefore.n)).toBe(succeededKeys.size);
      expect(succeededKeys.size).toBe(postedKeys.size);

      const verdict = await verifyLedger(harness.database.db);
      expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
      // Money moved only between the users: their total is what was funded.
      const total = await harness.database.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.sum<bigint>('balance').as('sum'))
        .where('kind', '<>', 'system')
        .executeTakeFirstOrThrow();
      expect(BigInt(total.sum)).toBe(BigInt(walletCount * fundingPerWallet));
      const refused = outcomes.filter((outcome) => !outcome.ok);
      console.info(
        `${testDatabaseLabel}: ${fired.length} requests (${requests.length} keys, ${duplicates.length} duplicates) in ${Math.round(elapsedMs)} ms ` +
          `(${Math.round((fired.length / elapsedMs) * 1000)}/s): ${postedKeys.size} posted, ` +
          `${outcomes.filter((outcome) => outcome.ok && outcome.replayed).length} replayed, ` +
          `${refused.filter((outcome) => !outcome.ok && outcome.code === 'idempotency_in_flight').length} in flight, ` +
          `${refused.filter((outcome) => !outcome.ok && outcome.code === 'insufficient_funds').length} insufficient funds`,
      );
    },
    generousTimeoutMs,
  );
});

describe(`concurrent transfers racing a daily limit on ${testDatabaseLabel}`, () => {
  async function cappedWallet(code: string, rule: { daily_total?: number; daily_count?: number }) {
    await call(harness.client, ledgerRequests.createWalletType, { actor: harness.admin, code, name: code });
    await call(harness.client, ledgerRequests.putTransactionRule, {
      actor: harness.admin,
      rule: { wallet_type: code, transaction_type: 'transfer', ...rule },
    });
    const owner = await harness.createUser();
    const wallet = await call(harness.client, ledgerRequests.openWallet, {
      actor: owner.actor,
      currency: 'USD',
      type: code,
    });
    await fund(harness, wallet.id, 100_000);
    return { owner, wallet };
  }

  async function race(owner: TestUser, walletId: string, attempts: number) {
    return Promise.all(
      Array.from({ length: attempts }, (_, index) =>
        send({
          actor: owner.actor,
          from_wallet_id: walletId,
          to_wallet_id: people[index % walletCount]!.wallet.id,
          amount: 100,
          idempotency_key: newKey('cap'),
        }),
      ),
    );
  }

  it('never lets 50 concurrent transfers pass a daily total that allows exactly 7', async () => {
    const { owner, wallet } = await cappedWallet('capped_total', { daily_total: 700 });
    const outcomes = await race(owner, wallet.id, 50);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(7);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code === 'limit_exceeded')).toHaveLength(43);
    const after = await call(harness.client, ledgerRequests.getWallet, {
      actor: owner.actor,
      wallet_id: wallet.id,
    });
    expect(after.main).toBe(100_000 - 700);
  });

  it('never lets 50 concurrent transfers pass a daily count of 5', async () => {
    const { owner, wallet } = await cappedWallet('capped_count', { daily_count: 5 });
    const outcomes = await race(owner, wallet.id, 50);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(5);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code === 'limit_exceeded')).toHaveLength(45);
    expect((await verifyLedger(harness.database.db)).ok).toBe(true);
  });
});
