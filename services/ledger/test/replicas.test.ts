import { ledgerRequests } from '@moneypal/contracts';
import { call, openDatabase } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerTables } from '../src/index.js';
import { failureOf, fund, type LedgerHarness, newKey, startHarness } from './ledger-harness.js';

/*
 * Replicas of the ledger share one PostgreSQL database; only a second connection can hold
 * an idempotency key the way another replica's transaction does.
 */

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

async function fundedPair(amount: number) {
  const payer = await harness.createUser();
  const payee = await harness.createUser();
  await fund(harness, payer.wallet.id, amount);
  return { payer, payee };
}

/**
 * Another replica's transaction, on a connection of its own: it runs `work`, then stays
 * open until `commit` is called. `ready` resolves once `work` is done.
 */
async function otherReplicaTransaction(work: (trx: Transaction<LedgerTables>) => Promise<void>) {
  const other = await openDatabase<LedgerTables>({
    url: harness.database.url,
    poolSize: 1,
  });
  let commit!: () => void;
  const committed = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let workDone!: () => void;
  const ready = new Promise<void>((resolve) => {
    workDone = resolve;
  });
  const transaction = other.transaction().execute(async (trx) => {
    await work(trx);
    workDone();
    await committed;
  });
  return {
    ready,
    /** Commits the transaction and waits until it has ended. */
    async finish() {
      commit();
      await transaction.catch(() => undefined);
    },
    async close() {
      commit();
      await transaction.catch(() => undefined);
      await other.destroy();
    },
  };
}

describe(`ledger replicas sharing one database on ${testDatabaseLabel}`, () => {
  it('answers idempotency_in_flight while another replica’s transaction holds the key', async () => {
    const { payer, payee } = await fundedPair(1_000);
    const request = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 10,
      idempotency_key: newKey('flight'),
    };
    // Another connection holds the key's lock in an open transaction, as the first
    // request's transaction would while it runs.
    const holder = await otherReplicaTransaction(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`${payer.user.id}\n${request.idempotency_key}`}, 0))`.execute(
        trx,
      );
    });
    try {
      await holder.ready;
      const failure = await failureOf(call(harness.client, ledgerRequests.transfer, request));
      expect(failure.code).toBe('idempotency_in_flight');
    } finally {
      await holder.close();
    }
    // Once the first is done, the key works: nothing was stored for the in-flight answer.
    expect((await call(harness.client, ledgerRequests.transfer, request)).replayed).toBe(false);
  });

  it('refuses a transfer into a wallet that another replica froze while the transfer waited for its locks', async () => {
    const { payer, payee } = await fundedPair(1_000);
    // As the user-deleted consumer does: lock the wallet's accounts, then change its status.
    const freeze = await otherReplicaTransaction(async (trx) => {
      await sql`select id from accounts where wallet_id = ${payee.wallet.id} order by id for update`.execute(
        trx,
      );
      await sql`update wallets set status = 'frozen' where id = ${payee.wallet.id}`.execute(trx);
    });
    try {
      await freeze.ready;
      const transfer = failureOf(
        call(harness.client, ledgerRequests.transfer, {
          actor: payer.actor,
          from_wallet_id: payer.wallet.id,
          to_wallet_id: payee.wallet.id,
          amount: 10,
          idempotency_key: newKey('frozen'),
        }),
      );
      // Let the transfer reach the locks and wait there, then commit the freeze.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await freeze.finish();
      expect((await transfer).code).toBe('wallet_frozen');
    } finally {
      await freeze.close();
    }
    const wallet = await call(harness.client, ledgerRequests.getWallet, {
      actor: payer.actor,
      wallet_id: payer.wallet.id,
    });
    expect(wallet.main).toBe(1_000);
  });
});
