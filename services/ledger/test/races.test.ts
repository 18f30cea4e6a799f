import { ledgerRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/index.js';
import { fund, type LedgerHarness, newKey, startHarness, type TestUser } from './ledger-harness.js';

/*
 * Concurrency claims, proven with real parallel connections to PostgreSQL.
 */
const walletCount = 36;
const transferCount = 2_400;
const duplicateShare = 0.1;
const fundingPerWallet = 20_000;
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

/*
 * Requests that arrive together are applied together, many in one transaction (group
 * commit); each must keep its own outcome, transfer, idempotency record and event.
 */
describe(`concurrent transfers applied in batches on ${testDatabaseLabel}`, () => {
  async function balanceOf(person: TestUser): Promise<number> {
    const wallet = await call(harness.client, ledgerRequests.getWallet, {
      actor: person.actor,
      wallet_id: person.wallet.id,
    });
    return wallet.main + wallet.savings;
  }

  async function postedEventCount(): Promise<number> {
    const row = await harness.database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .where('type', '=', 'ledger.transfer.posted')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('credits one hot wallet from every other wallet at once, each transfer with its own key, event and entries', async () => {
    const hot = await harness.createUser();
    const senders = people.slice(0, 30);
    // The race above may have emptied some wallets; each sender gets what it will send.
    for (const sender of senders) await fund(harness, sender.wallet.id, 1_000);
    const before = await balanceOf(hot);
    const eventsBefore = await postedEventCount();
    const requests = Array.from({ length: 300 }, (_, index) => ({
      actor: senders[index % senders.length]!.actor,
      from_wallet_id: senders[index % senders.length]!.wallet.id,
      to_wallet_id: hot.wallet.id,
      amount: 1 + (index % 7),
      idempotency_key: newKey('hot'),
    }));
    // Every tenth request is sent three times at once: one posts, the copies are in flight or replayed.
    const fired = requests.flatMap((request, index) =>
      index % 10 === 0 ? [request, request, request] : [request],
    );
    const outcomes = await Promise.all(fired.map((request) => send(request)));

    expect(outcomes.filter((outcome) => !outcome.ok && outcome.code !== 'idempotency_in_flight')).toEqual([]);
    const posted = outcomes.filter((outcome) => outcome.ok && !outcome.replayed);
    expect(new Set(posted.map((outcome) => outcome.key)).size).toBe(requests.length);
    expect(posted).toHaveLength(requests.length);
    const transferOfKey = new Map(
      posted.map((outcome) => [outcome.key, outcome.ok ? outcome.transferId : '']),
    );
    for (const outcome of outcomes) {
      if (outcome.ok && outcome.replayed) expect(outcome.transferId).toBe(transferOfKey.get(outcome.key));
    }
    const credited = requests.reduce((sum, request) => sum + request.amount, 0);
    expect(await balanceOf(hot)).toBe(before + credited);
    expect((await postedEventCount()) - eventsBefore).toBe(requests.length);
    const entries = await harness.database.db
      .selectFrom('entries')
      .innerJoin('transfers', 'transfers.id', 'entries.transfer_id')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .where('transfers.to_wallet_id', '=', hot.wallet.id)
      .executeTakeFirstOrThrow();
    // A debit, and a credit to main (no savings plan, so no savings leg).
    expect(Number(entries.n)).toBe(requests.length * 2);
    expect((await verifyLedger(harness.database.db)).checks.filter((check) => check.violations > 0)).toEqual(
      [],
    );
  });

  it('refuses the transfers a wallet cannot pay, and stores those refusals, without failing the transfers beside them', async () => {
    const poor = await harness.createUser();
    await fund(harness, poor.wallet.id, 1_000);
    const receiver = people[0]!;
    const others = people.slice(1, 21);
    for (const person of others) await fund(harness, person.wallet.id, 10);
    const receiverBefore = await balanceOf(receiver);
    // 30 × 100 from a wallet holding 1,000: exactly 10 can pass.
    const fromPoor = Array.from({ length: 30 }, () => ({
      actor: poor.actor,
      from_wallet_id: poor.wallet.id,
      to_wallet_id: receiver.wallet.id,
      amount: 100,
      idempotency_key: newKey('poor'),
    }));
    const fromOthers = others.map((person) => ({
      actor: person.actor,
      from_wallet_id: person.wallet.id,
      to_wallet_id: receiver.wallet.id,
      amount: 1,
      idempotency_key: newKey('beside'),
    }));
    const strangers = [
      // Not the actor's wallet, and a recipient that does not exist: refused, and stored.
      { ...fromOthers[0]!, from_wallet_id: poor.wallet.id, idempotency_key: newKey('stranger') },
      {
        ...fromOthers[1]!,
        to_wallet_id: '01900000-0000-7000-8000-000000000000',
        idempotency_key: newKey('nobody'),
      },
    ];
    const fired = [...fromPoor, ...fromOthers, ...strangers].sort(() => Math.random() - 0.5);
    const outcomes = new Map(
      (await Promise.all(fired.map((request) => send(request)))).map((o) => [o.key, o]),
    );

    const poorOutcomes = fromPoor.map((request) => outcomes.get(request.idempotency_key)!);
    expect(poorOutcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
    expect(
      poorOutcomes.filter((outcome) => !outcome.ok && outcome.code === 'insufficient_funds'),
    ).toHaveLength(20);
    for (const request of fromOthers)
      expect(outcomes.get(request.idempotency_key)).toMatchObject({ ok: true });
    expect(outcomes.get(strangers[0]!.idempotency_key)).toMatchObject({
      ok: false,
      code: 'wallet_not_found',
    });
    expect(outcomes.get(strangers[1]!.idempotency_key)).toMatchObject({
      ok: false,
      code: 'recipient_not_found',
    });
    expect(await balanceOf(poor)).toBe(0);
    expect(await balanceOf(receiver)).toBe(receiverBefore + 1_000 + fromOthers.length);

    // A refusal is the stored answer of its key: sent again, it is refused the same way, though money is there now.
    await fund(harness, poor.wallet.id, 10_000);
    const refusedRequest = fromPoor.find((request) => !outcomes.get(request.idempotency_key)!.ok)!;
    expect(await send(refusedRequest)).toMatchObject({ ok: false, code: 'insufficient_funds' });
    expect(await balanceOf(poor)).toBe(10_000);
    expect((await verifyLedger(harness.database.db)).ok).toBe(true);
  });
});

describe(`one idempotency key raced through coalesced requests on ${testDatabaseLabel}`, () => {
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  async function mainBalanceOf(person: TestUser): Promise<number> {
    const wallet = await call(harness.client, ledgerRequests.getWallet, {
      actor: person.actor,
      wallet_id: person.wallet.id,
    });
    return wallet.main;
  }

  it('posts one transfer for a key sent 40 times inside one coalesced message and 60 times across others', async () => {
    const [payer, payee] = [people[0]!, people[1]!];
    const request = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 7,
      idempotency_key: newKey('coalesced'),
    };
    const [payerBefore, payeeBefore] = [await mainBalanceOf(payer), await mainBalanceOf(payee)];
    const transfersBefore = await harness.database.db
      .selectFrom('transfers')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .executeTakeFirstOrThrow();

    // The requests of one turn travel as one coalesced message; three more turns send three more.
    const sent: Promise<Outcome>[] = [];
    for (const copies of [40, 20, 20, 20]) {
      for (let copy = 0; copy < copies; copy++) sent.push(send(request));
      await nextTurn();
    }
    const outcomes = await Promise.all(sent);

    const unexpected = outcomes.filter((outcome) => !outcome.ok && outcome.code !== 'idempotency_in_flight');
    expect(unexpected).toEqual([]);
    const succeeded = outcomes.filter((outcome) => outcome.ok);
    expect(succeeded.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    expect(new Set(succeeded.map((outcome) => outcome.transferId)).size).toBe(1);
    const transfersAfter = await harness.database.db
      .selectFrom('transfers')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(transfersAfter.n - transfersBefore.n)).toBe(1);
    expect(await mainBalanceOf(payer)).toBe(payerBefore - 7);
    expect(await mainBalanceOf(payee)).toBe(payeeBefore + 7);
    const verdict = await verifyLedger(harness.database.db);
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
  });
});
