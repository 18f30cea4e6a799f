import { setTimeout as sleep } from 'node:timers/promises';
import { type Hold, ledgerRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/index.js';
import { fund, type LedgerHarness, newKey, startHarness, type TestUser } from './ledger-harness.js';

/*
 * Exactly one of concurrent captures, voids and expiries settles a hold, proven with real
 * parallel connections to PostgreSQL: three ledger replicas sweep the same database while
 * payers, payees and an admin race to settle the same holds under duplicated keys, and the
 * payers spend the same balances by transfers.
 */
const pairCount = 12;
const holdsPerPayer = 4;
const holdAmount = 1_000;
const fundingPerPayer = 8_000;
const transfersPerPayer = 6;
const hourMs = 3_600_000;
const generousTimeoutMs = 60_000;
/** How long after the early requests the sweeps start, and again after the late ones. */
const sweepDelayMs = 3;

let harness: LedgerHarness;
let payers: TestUser[];
let payees: TestUser[];

beforeAll(async () => {
  harness = await startHarness({ poolSize: 20 });
  payers = [];
  payees = [];
  for (let index = 0; index < pairCount; index++) {
    payers.push(await harness.createUser());
    payees.push(await harness.createUser());
  }
  for (const payer of payers) await fund(harness, payer.wallet.id, fundingPerPayer);
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

type Settled =
  | { holdId: string; ok: true; replayed: boolean; hold: Hold }
  | { holdId: string; ok: false; code: string };

async function settled(
  holdId: string,
  request: Promise<{ result: { hold: Hold }; replayed: boolean }>,
): Promise<Settled> {
  try {
    const { result, replayed } = await request;
    return { holdId, ok: true, replayed, hold: result.hold };
  } catch (error) {
    return { holdId, ok: false, code: (error as { code?: string }).code ?? String(error) };
  }
}

describe(`holds raced by their parties, an admin and three sweeping replicas on ${testDatabaseLabel}`, () => {
  it('settles every hold exactly once, replays the winner’s retries, and keeps every invariant', async () => {
    const random = randomSource(7);
    const expiresAt = new Date(harness.clock.now().getTime() + hourMs).toISOString();
    const holds = (
      await Promise.all(
        payers.flatMap((payer, index) =>
          Array.from({ length: holdsPerPayer }, async (_, position) => {
            const { result } = await call(harness.client, ledgerRequests.createHold, {
              actor: payer.actor,
              from_wallet_id: payer.wallet.id,
              to_wallet_id: payees[index]!.wallet.id,
              amount: holdAmount,
              expires_at: expiresAt,
              on_expiry: position % 2 === 0 ? 'void' : 'capture',
              idempotency_key: newKey('race-hold'),
            });
            return { hold: result.hold, payer, payee: payees[index]! };
          }),
        ),
      )
    ).map((entry) => entry);
    // Every hold is due: the sweeps race the parties for each of them.
    harness.clock.advance(hourMs);
    const replicas = [await harness.startReplica(), await harness.startReplica()];
    try {
      // The parties of half the holds ask before the sweeps start, of the other half after.
      const early: Array<() => Promise<unknown>> = [];
      const late: Array<() => Promise<unknown>> = [];
      for (const [position, { hold, payer, payee }] of holds.entries()) {
        const settlements = position % 2 === 0 ? early : late;
        const captureKey = newKey('race-capture');
        const captureAmount = 1 + Math.floor(random() * holdAmount);
        const voidKey = newKey('race-void');
        const adminKey = newKey('race-admin');
        // Each key twice: a client's retry racing its first attempt.
        for (let copy = 0; copy < 2; copy++) {
          settlements.push(() =>
            settled(
              hold.id,
              call(
                harness.client,
                ledgerRequests.captureHold,
                { actor: payer.actor, hold_id: hold.id, amount: captureAmount, idempotency_key: captureKey },
                { timeoutMs: generousTimeoutMs },
              ),
            ),
          );
          settlements.push(() =>
            settled(
              hold.id,
              call(
                harness.client,
                ledgerRequests.voidHold,
                { actor: payee.actor, hold_id: hold.id, idempotency_key: voidKey },
                { timeoutMs: generousTimeoutMs },
              ),
            ),
          );
        }
        settlements.push(() =>
          settled(
            hold.id,
            call(
              harness.client,
              ledgerRequests.voidHold,
              { actor: harness.admin, hold_id: hold.id, reason: 'dispute', idempotency_key: adminKey },
              { timeoutMs: generousTimeoutMs },
            ),
          ),
        );
      }
      for (const payer of payers) {
        for (let index = 0; index < transfersPerPayer; index++) {
          const key = newKey('race-spend');
          const request = {
            actor: payer.actor,
            from_wallet_id: payer.wallet.id,
            to_wallet_id: payees[Math.floor(random() * pairCount)]!.wallet.id,
            amount: 500 + Math.floor(random() * 1_000),
            idempotency_key: key,
          };
          const copies = random() < 0.2 ? 2 : 1;
          for (let copy = 0; copy < copies; copy++) {
            (random() < 0.5 ? early : late).push(async () => {
              try {
                const { result } = await call(harness.client, ledgerRequests.transfer, request, {
                  timeoutMs: generousTimeoutMs,
                });
                return { key, ok: true, transferId: result.transfer.id };
              } catch (error) {
                return { key, ok: false, code: (error as { code?: string }).code ?? String(error) };
              }
            });
          }
        }
      }
      // Shuffled, so that every kind of request meets every other.
      for (const work of [early, late]) {
        for (let index = work.length - 1; index > 0; index--) {
          const other = Math.floor(random() * (index + 1));
          [work[index], work[other]] = [work[other]!, work[index]!];
        }
      }
      const sweepers = [harness.expireDueHolds, ...replicas.map((replica) => replica.expireDueHolds)];
      // Every replica sweeps twice while requests are on their way (calls to one replica
      // while its sweep runs share that sweep).
      const sweeps = new Set<Promise<number>>();
      const sweep = () => {
        for (const sweeper of sweepers) sweeps.add(sweeper());
      };
      const earlyOutcomes = Promise.all(early.map((start) => start()));
      await sleep(sweepDelayMs);
      sweep();
      const lateOutcomes = Promise.all(late.map((start) => start()));
      await sleep(sweepDelayMs);
      sweep();
      const outcomes = [...(await earlyOutcomes), ...(await lateOutcomes)];
      const expiredBySweeps = (await Promise.all(sweeps)).reduce((total, count) => total + count, 0);

      const settleOutcomes = outcomes.filter(
        (outcome): outcome is Settled => 'holdId' in (outcome as object),
      );
      for (const outcome of settleOutcomes) {
        if (!outcome.ok) expect(['hold_already_settled', 'idempotency_in_flight']).toContain(outcome.code);
      }
      const spendOutcomes = outcomes.filter((outcome) => !('holdId' in (outcome as object))) as Array<{
        key: string;
        ok: boolean;
        code?: string;
        transferId?: string;
      }>;
      for (const outcome of spendOutcomes) {
        if (!outcome.ok) expect(['insufficient_funds', 'idempotency_in_flight']).toContain(outcome.code);
      }
      const spentByKey = new Map<string, Set<string>>();
      for (const outcome of spendOutcomes) {
        if (!outcome.ok) continue;
        const ids = spentByKey.get(outcome.key) ?? new Set();
        ids.add(outcome.transferId!);
        spentByKey.set(outcome.key, ids);
      }
      for (const ids of spentByKey.values()) expect(ids.size).toBe(1);

      const db = harness.database.db;
      const stored = await db
        .selectFrom('holds')
        .select(['id', 'status', 'settlement_transfer_id'])
        .where(
          'id',
          'in',
          holds.map(({ hold }) => hold.id),
        )
        .execute();
      const settlementCounts = await db
        .selectFrom('transfers')
        .select(['hold_id', (eb) => eb.fn.countAll<bigint>().as('n')])
        .where('type', 'in', ['hold_capture', 'hold_void'])
        .where(
          'hold_id',
          'in',
          holds.map(({ hold }) => hold.id),
        )
        .groupBy('hold_id')
        .execute();
      expect(settlementCounts).toHaveLength(holds.length);
      for (const row of settlementCounts) expect(Number(row.n)).toBe(1);
      let expired = 0;
      for (const hold of stored) {
        expect(hold.status).not.toBe('held');
        const successes = settleOutcomes.filter(
          (outcome): outcome is Extract<Settled, { ok: true }> => outcome.ok && outcome.holdId === hold.id,
        );
        // Every answer that succeeded names the one settlement; only one of them was not a replay.
        for (const success of successes) {
          expect(success.hold.settlement_transfer_id).toBe(hold.settlement_transfer_id);
          expect(success.hold.status).toBe(hold.status);
        }
        const fresh = successes.filter((success) => !success.replayed);
        if (hold.status === 'expired') {
          expired++;
          expect(fresh).toHaveLength(0);
        } else {
          expect(fresh).toHaveLength(1);
        }
      }
      expect(expiredBySweeps).toBe(expired);
      for (const payer of payers) {
        const wallet = await call(harness.client, ledgerRequests.getWallet, {
          actor: payer.actor,
          wallet_id: payer.wallet.id,
        });
        expect(wallet.held).toBe(0);
      }
      const verdict = await verifyLedger(db);
      expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
      expect(verdict.ok).toBe(true);
    } finally {
      for (const replica of replicas) await replica.stop();
    }
  }, 120_000);
});
