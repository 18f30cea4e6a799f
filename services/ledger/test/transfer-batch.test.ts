import { ledgerRequests } from '@moneypal/contracts';
import { call, createLogger, MemoryBroker, openDatabase } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLedgerConfig, type LedgerTables, startLedger, verifyLedger } from '../src/index.js';
import {
  failureOf,
  fund,
  type LedgerHarness,
  newKey,
  startHarness,
  type TestUser,
  transferCount,
} from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

type BatchItem = {
  from_wallet_id: string;
  to_wallet_id?: string;
  to_user?: string;
  amount: number;
  description?: string;
  idempotency_key: string;
};

const transferBatch = (actor: TestUser['actor'], transfers: BatchItem[], atomic = false) =>
  call(harness.client, ledgerRequests.transferBatch, { actor, transfers, atomic });

const balanceOf = async (user: TestUser) =>
  (await call(harness.client, ledgerRequests.getWallet, { actor: user.actor, wallet_id: user.wallet.id }))
    .main;

const failedChecks = async () =>
  (await verifyLedger(harness.database.db)).checks
    .filter((check) => check.violations > 0)
    .map((check) => check.name);

async function fundedUsers(amount: number) {
  const payer = await harness.createUser();
  const payee = await harness.createUser();
  const other = await harness.createUser();
  await fund(harness, payer.wallet.id, amount);
  await fund(harness, other.wallet.id, amount);
  return { payer, payee, other };
}

const codesOf = (results: { status: string; error?: { code: string } }[]) =>
  results.map((result) => (result.status === 'posted' ? 'posted' : result.error!.code));

describe(`transfer batches on ${testDatabaseLabel}`, () => {
  it('answers each transfer of a batch with its own outcome, in the order asked', async () => {
    const { payer, payee, other } = await fundedUsers(1_000);
    const { results } = await transferBatch(payer.actor, [
      {
        from_wallet_id: payer.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: 600,
        idempotency_key: newKey('b'),
      },
      // 400 left: this one cannot be paid, and refusing it must not fail the others.
      {
        from_wallet_id: payer.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: 500,
        idempotency_key: newKey('b'),
      },
      // Another user's wallet answers as one that does not exist.
      {
        from_wallet_id: other.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: 1,
        idempotency_key: newKey('b'),
      },
      { from_wallet_id: payer.wallet.id, to_user: 'nobody-at-all', amount: 1, idempotency_key: newKey('b') },
      {
        from_wallet_id: payer.wallet.id,
        to_user: payee.user.user_name,
        amount: 400,
        idempotency_key: newKey('b'),
      },
    ]);
    expect(codesOf(results)).toEqual([
      'posted',
      'insufficient_funds',
      'wallet_not_found',
      'recipient_not_found',
      'posted',
    ]);
    expect(results[0]).toMatchObject({ status: 'posted', replayed: false, transfer: { amount: 600 } });
    expect(results[4]).toMatchObject({
      status: 'posted',
      transfer: { amount: 400, to_wallet_id: payee.wallet.id },
    });
    expect(await balanceOf(payer)).toBe(0);
    expect(await balanceOf(payee)).toBe(1_000);
    expect(await balanceOf(other)).toBe(1_000);
    expect(await failedChecks()).toEqual([]);
  });

  it('replays every transfer of a retried batch, and refuses only the one whose key now carries another body', async () => {
    const { payer, payee } = await fundedUsers(1_000);
    const items: BatchItem[] = [100, 200, 5_000].map((amount) => ({
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount,
      idempotency_key: newKey('replay'),
    }));
    const first = await transferBatch(payer.actor, items);
    expect(codesOf(first.results)).toEqual(['posted', 'posted', 'insufficient_funds']);

    const again = await transferBatch(payer.actor, items);
    expect(again.results.map((result) => result.status === 'posted' && result.replayed)).toEqual([
      true,
      true,
      false,
    ]);
    expect(again.results.slice(0, 2)).toEqual(
      first.results.slice(0, 2).map((result) => ({ ...result, replayed: true })),
    );
    // The stored refusal is met again, even though the wallet could pay 5,000 now.
    await fund(harness, payer.wallet.id, 10_000);
    const transfersBefore = await transferCount(harness);
    const changed = await transferBatch(payer.actor, [items[0]!, { ...items[1]!, amount: 201 }, items[2]!]);
    expect(codesOf(changed.results)).toEqual(['posted', 'idempotency_mismatch', 'insufficient_funds']);
    expect(await transferCount(harness)).toBe(transfersBefore);
    expect(await balanceOf(payee)).toBe(300);
  });

  it('shares its keys with single transfers: a batch replays the transfer posted under the same key and body', async () => {
    const { payer, payee } = await fundedUsers(1_000);
    const key = newKey('shared');
    const single = await call(harness.client, ledgerRequests.transfer, {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 250,
      idempotency_key: key,
    });
    const { results } = await transferBatch(payer.actor, [
      { from_wallet_id: payer.wallet.id, to_wallet_id: payee.wallet.id, amount: 250, idempotency_key: key },
    ]);
    expect(results).toEqual([{ status: 'posted', transfer: single.result.transfer, replayed: true }]);
    expect(await balanceOf(payer)).toBe(750);
  });

  it('posts nothing of an atomic batch when one transfer fails, and names that one', async () => {
    const { payer, payee, other } = await fundedUsers(1_000);
    const transfersBefore = await transferCount(harness);
    const items: BatchItem[] = [
      {
        from_wallet_id: payer.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: 300,
        idempotency_key: newKey('a'),
      },
      {
        from_wallet_id: payer.wallet.id,
        to_wallet_id: other.wallet.id,
        amount: 300,
        idempotency_key: newKey('a'),
      },
      // Would be paid alone, but not after the two before it.
      {
        from_wallet_id: payer.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: 500,
        idempotency_key: newKey('a'),
      },
    ];
    const { results } = await transferBatch(payer.actor, items, true);
    expect(codesOf(results)).toEqual(['batch_failed', 'batch_failed', 'insufficient_funds']);
    expect(await transferCount(harness)).toBe(transfersBefore);
    expect([await balanceOf(payer), await balanceOf(payee), await balanceOf(other)]).toEqual([
      1_000, 0, 1_000,
    ]);
    expect(await failedChecks()).toEqual([]);

    // Nothing was stored, not even the refusal: once the wallet can pay, the same batch posts whole.
    await fund(harness, payer.wallet.id, 100);
    const retried = await transferBatch(payer.actor, items, true);
    expect(codesOf(retried.results)).toEqual(['posted', 'posted', 'posted']);
    expect([await balanceOf(payer), await balanceOf(payee), await balanceOf(other)]).toEqual([0, 800, 1_300]);
    const replayed = await transferBatch(payer.actor, items, true);
    expect(replayed.results.every((result) => result.status === 'posted' && result.replayed)).toBe(true);
    // The three transfers and the funding deposit.
    expect(await transferCount(harness)).toBe(transfersBefore + 4);
    expect(await failedChecks()).toEqual([]);
  });

  it('fails a whole atomic batch when one transfer names another user’s wallet', async () => {
    const { payer, payee, other } = await fundedUsers(1_000);
    const { results } = await transferBatch(
      payer.actor,
      [
        {
          from_wallet_id: payer.wallet.id,
          to_wallet_id: payee.wallet.id,
          amount: 1,
          idempotency_key: newKey('a'),
        },
        {
          from_wallet_id: other.wallet.id,
          to_wallet_id: payee.wallet.id,
          amount: 1,
          idempotency_key: newKey('a'),
        },
      ],
      true,
    );
    expect(codesOf(results)).toEqual(['batch_failed', 'wallet_not_found']);
    expect(await balanceOf(payee)).toBe(0);
  });

  it('posts one transfer per key when two batches with the same keys run at once', async () => {
    const { payer, payee } = await fundedUsers(100_000);
    const items: BatchItem[] = Array.from({ length: 50 }, (_, index) => ({
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: index + 1,
      idempotency_key: newKey('twice'),
    }));
    const transfersBefore = await transferCount(harness);
    const [first, second] = await Promise.all([
      transferBatch(payer.actor, items),
      transferBatch(payer.actor, [...items].reverse()),
    ]);
    expectEachKeyPostedOnce(first.results, second.results);
    expect(await transferCount(harness)).toBe(transfersBefore + items.length);
    expect(await balanceOf(payee)).toBe((50 * 51) / 2);
    expect(await failedChecks()).toEqual([]);
  });

  it('posts one transfer per key when two replicas take batches with the same keys at once', async () => {
    const { payer, payee } = await fundedUsers(100_000);
    // A second ledger on the same database through a pool of its own, as another replica.
    const broker = new MemoryBroker();
    const logger = createLogger({ service: 'ledger', level: 'silent' });
    const db = await openDatabase<LedgerTables>({ url: harness.database.url, poolSize: 4 });
    const bus = broker.connect('ledger', logger);
    const replica = await startLedger({
      config: defaultLedgerConfig,
      db,
      bus,
      logger,
      clock: () => harness.clock.now(),
      outboxPollIntervalMs: 50,
    });
    const client = broker.connect('gateway', logger);
    try {
      const items: BatchItem[] = Array.from({ length: 100 }, (_, index) => ({
        from_wallet_id: payer.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: index + 1,
        idempotency_key: newKey('replicas'),
      }));
      const transfersBefore = await transferCount(harness);
      const [first, second] = await Promise.all([
        transferBatch(payer.actor, items),
        call(client, ledgerRequests.transferBatch, { actor: payer.actor, transfers: [...items].reverse() }),
      ]);
      expectEachKeyPostedOnce(first.results, second.results);
      expect(await transferCount(harness)).toBe(transfersBefore + items.length);
      expect(await balanceOf(payee)).toBe((100 * 101) / 2);
      expect(await failedChecks()).toEqual([]);
    } finally {
      await replica.stop();
      await bus.close();
      await client.close();
      broker.shutdown();
      await db.destroy();
    }
  });

  it('refuses a batch that repeats a key, is empty or holds more than 1,000 transfers', async () => {
    const { payer, payee } = await fundedUsers(1_000);
    const item = (key: string): BatchItem => ({
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 1,
      idempotency_key: key,
    });
    const repeated = await failureOf(transferBatch(payer.actor, [item('k1'), item('k2'), item('k1')]));
    expect(repeated).toMatchObject({
      code: 'validation_failed',
      details: { errors: [expect.objectContaining({ path: 'transfers.2.idempotency_key' })] },
    });
    expect(await failureOf(transferBatch(payer.actor, []))).toMatchObject({ code: 'validation_failed' });
    const tooMany = Array.from({ length: 1_001 }, (_, index) => item(`k${index}`));
    expect(await failureOf(transferBatch(payer.actor, tooMany))).toMatchObject({ code: 'validation_failed' });
    expect(await balanceOf(payee)).toBe(0);
  });
});

type BatchResult = Awaited<ReturnType<typeof transferBatch>>['results'][number];

/**
 * Two batches of the same keys, the second sent in reverse order: each key posted in at
 * least one of them, both answers of a key that posted twice over are the same transfer
 * (one of them replayed), and a key that did not post was in flight in the other.
 */
function expectEachKeyPostedOnce(first: readonly BatchResult[], reversed: readonly BatchResult[]): void {
  const secondInOrder = [...reversed].reverse();
  first.forEach((result, index) => {
    const outcomes = [result, secondInOrder[index]!];
    const posted = outcomes.filter((outcome) => outcome.status === 'posted');
    expect(posted.length).toBeGreaterThanOrEqual(1);
    if (posted.length === 2) expect(posted[0]!.transfer.id).toBe(posted[1]!.transfer.id);
    for (const outcome of outcomes) {
      if (outcome.status === 'failed') expect(outcome.error.code).toBe('idempotency_in_flight');
    }
  });
}
