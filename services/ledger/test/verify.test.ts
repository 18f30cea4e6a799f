import { ledgerRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/index.js';
import {
  failureOf,
  fund,
  type LedgerHarness,
  newKey,
  startHarness,
  type TestUser,
} from './ledger-harness.js';

let harness: LedgerHarness;
let alice: TestUser;
let bob: TestUser;

const failedChecks = async () =>
  (await verifyLedger(harness.database.db)).checks
    .filter((check) => check.violations > 0)
    .map((check) => check.name);

beforeAll(async () => {
  harness = await startHarness({ idempotencyCleanupIntervalMs: 50 });
  alice = await harness.createUser();
  bob = await harness.createUser();
  await fund(harness, alice.wallet.id, 5_000);
  const plan = await call(harness.client, ledgerRequests.createSavingsPlan, {
    actor: harness.admin,
    plan: { name: 'tenth', kind: 'percentage', value: 1_000 },
  });
  await call(harness.client, ledgerRequests.selectSavingsPlan, {
    actor: bob.actor,
    wallet_id: bob.wallet.id,
    plan_id: plan.id,
  });
  for (const amount of [100, 250, 999]) {
    await call(harness.client, ledgerRequests.transfer, {
      actor: alice.actor,
      from_wallet_id: alice.wallet.id,
      to_wallet_id: bob.wallet.id,
      amount,
      idempotency_key: newKey('verify'),
    });
  }
  await call(harness.client, ledgerRequests.withdrawSavings, {
    actor: bob.actor,
    wallet_id: bob.wallet.id,
    amount: 50,
    idempotency_key: newKey('verify'),
  });
});

afterAll(async () => {
  await harness.close();
});

describe(`the ledger check on ${testDatabaseLabel}`, () => {
  it('passes on a ledger that only the service wrote', async () => {
    const verdict = await verifyLedger(harness.database.db);
    expect(verdict.ok).toBe(true);
    const transfers = verdict.checks.find((check) => check.name === "every transfer's entries sum to zero")!;
    expect(transfers.checked).toBe(5);
    expect(verdict.checks.every((check) => check.violations === 0)).toBe(true);
  });

  it('fails when a balance is changed behind the journal’s back, and names the broken invariants', async () => {
    await sql`update accounts set balance = balance + 1 where wallet_id = ${alice.wallet.id} and kind = 'main'`.execute(
      harness.database.db,
    );
    try {
      const verdict = await verifyLedger(harness.database.db);
      expect(verdict.ok).toBe(false);
      expect(await failedChecks()).toEqual([
        'per currency, all balances sum to zero',
        'every balance equals the sum of its entries',
      ]);
      expect(verdict.checks.find((check) => check.violations > 0)!.examples[0]).toMatch(
        /USD: balances sum to 1/,
      );
    } finally {
      await sql`update accounts set balance = balance - 1 where wallet_id = ${alice.wallet.id} and kind = 'main'`.execute(
        harness.database.db,
      );
    }
    expect((await verifyLedger(harness.database.db)).ok).toBe(true);
  });

  it('fails when an entry is altered, although the journal refuses changes', async () => {
    const db = harness.database.db;
    const update = sql`update entries set amount = amount + 1 where id = (select id from entries order by seq limit 1)`;
    expect(String(await failureOf(update.execute(db)))).toMatch(/append-only/);
    await sql`alter table entries disable trigger entries_append_only`.execute(db);
    try {
      await update.execute(db);
      expect(await failedChecks()).toEqual([
        "every transfer's entries sum to zero",
        'every balance equals the sum of its entries',
        'every balance_after is the running sum, in time order',
      ]);
      await sql`update entries set amount = amount - 1 where id = (select id from entries order by seq limit 1)`.execute(
        db,
      );
    } finally {
      await sql`alter table entries enable trigger entries_append_only`.execute(db);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('refuses an entry or a transfer naming what does not exist, and the removal of an account or wallet', async () => {
    const db = harness.database.db;
    const missing = '01900000-0000-7000-8000-000000000000';
    const entry = (
      await sql<{ transfer_id: string; account_id: string }>`
      select transfer_id, account_id from entries order by seq limit 1`.execute(db)
    ).rows[0]!;
    const orphanEntry = (accountId: string, transferId: string) =>
      sql`insert into entries (id, transfer_id, account_id, amount, balance_after, created_at)
          values (gen_random_uuid(), ${transferId}, ${accountId}, 1, 1, now())`.execute(db);
    expect(String(await failureOf(orphanEntry(missing, entry.transfer_id)))).toMatch(/does not exist/);
    expect(String(await failureOf(orphanEntry(entry.account_id, missing)))).toMatch(/does not exist/);
    const orphanTransfer = sql`
      insert into transfers (id, type, amount, currency, from_wallet_id, to_wallet_id, idempotency_scope,
                             idempotency_key, created_at)
      values (gen_random_uuid(), 'transfer', 1, 'USD', ${alice.wallet.id}, ${missing}, 'test', 'orphan', now())`;
    expect(String(await failureOf(orphanTransfer.execute(db)))).toMatch(/does not exist/);
    const removal = sql`delete from accounts where id = ${entry.account_id}`;
    expect(String(await failureOf(removal.execute(db)))).toMatch(/refused/);
    expect(String(await failureOf(sql`delete from wallets where id = ${bob.wallet.id}`.execute(db)))).toMatch(
      /refused/,
    );
    expect(
      String(
        await failureOf(sql`update wallets set id = ${missing} where id = ${bob.wallet.id}`.execute(db)),
      ),
    ).toMatch(/refused/);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('fails when an entry names a missing account, had the journal let it in', async () => {
    const db = harness.database.db;
    const missing = '01900000-0000-7000-8000-000000000000';
    await sql`alter table entries disable trigger user`.execute(db);
    try {
      await sql`insert into entries (id, transfer_id, account_id, amount, balance_after, created_at)
                select gen_random_uuid(), transfer_id, ${missing}, 1, 1, now()
                from entries order by seq limit 1`.execute(db);
      expect(await failedChecks()).toContain(
        'every entry names its account and transfer, every transfer its wallets',
      );
      await sql`delete from entries where account_id = ${missing}`.execute(db);
    } finally {
      await sql`alter table entries enable trigger user`.execute(db);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('fails when a transfer is reversed by more than its amount, had the journal let it in', async () => {
    const db = harness.database.db;
    const original = await call(harness.client, ledgerRequests.transfer, {
      actor: alice.actor,
      from_wallet_id: alice.wallet.id,
      to_wallet_id: bob.wallet.id,
      amount: 40,
      idempotency_key: newKey('verify'),
    });
    const reversal = await call(harness.client, ledgerRequests.reverseTransfer, {
      actor: harness.admin,
      transfer_id: original.result.transfer.id,
      amount: 10,
      reason: 'charged twice',
      idempotency_key: newKey('verify'),
    });
    expect((await verifyLedger(db)).ok).toBe(true);
    await sql`alter table transfers disable trigger user`.execute(db);
    try {
      await sql`update transfers set amount = 50 where id = ${reversal.result.transfer.id}`.execute(db);
      expect(await failedChecks()).toContain('no transfer is reversed by more than its amount');
      await sql`update transfers set amount = 10 where id = ${reversal.result.transfer.id}`.execute(db);
    } finally {
      await sql`alter table transfers enable trigger user`.execute(db);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('fails on a user account below zero', async () => {
    const db = harness.database.db;
    await sql`alter table accounts drop constraint accounts_balance_not_negative`.execute(db);
    try {
      // Moves 10 000 from bob's savings to the system account, both in the books: only the sign is wrong.
      await sql`update accounts set balance = balance - 10000 where wallet_id = ${bob.wallet.id} and kind = 'savings'`.execute(
        db,
      );
      expect(await failedChecks()).toContain('no user account is below zero');
      await sql`update accounts set balance = balance + 10000 where wallet_id = ${bob.wallet.id} and kind = 'savings'`.execute(
        db,
      );
    } finally {
      await sql`alter table accounts add constraint accounts_balance_not_negative check (kind = 'system' or balance >= 0)`.execute(
        db,
      );
    }
  });
});

describe(`idempotency retention on ${testDatabaseLabel}`, () => {
  it('forgets stored answers after the retention, yet a key never moves money twice', async () => {
    const request = {
      actor: alice.actor,
      from_wallet_id: alice.wallet.id,
      to_wallet_id: bob.wallet.id,
      amount: 10,
      idempotency_key: newKey('retention'),
    };
    await call(harness.client, ledgerRequests.transfer, request);
    const stored = () =>
      harness.database.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', '=', request.idempotency_key)
        .execute();
    harness.clock.advance(47 * 3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stored()).toHaveLength(1);
    harness.clock.advance(2 * 3_600_000);
    await expect.poll(stored, { timeout: 5_000 }).toHaveLength(0);
    const reuse = await failureOf(call(harness.client, ledgerRequests.transfer, request));
    expect(reuse.code).toBe('conflict');
    expect((await verifyLedger(harness.database.db)).ok).toBe(true);
  });
});
