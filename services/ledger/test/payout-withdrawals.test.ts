import { ledgerRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/index.js';
import { failureOf, fund, type LedgerHarness, newKey, startHarness } from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const payments = { service: 'payments' } as const;

const mainOf = async (walletId: string) =>
  (await call(harness.client, ledgerRequests.getWallet, { actor: harness.admin, wallet_id: walletId })).main;

async function systemBalance(code: string): Promise<bigint> {
  const row = await harness.database.db
    .selectFrom('accounts')
    .select('balance')
    .where('system_code', '=', code as 'paypal-clearing')
    .where('currency', '=', 'USD')
    .executeTakeFirst();
  return row ? BigInt(row.balance) : 0n;
}

/** A user with 1000 in main, and a payout of `amount` taken out of it to payouts-clearing. */
async function payoutWithdrawal(amount: number) {
  const user = await harness.createUser();
  await fund(harness, user.wallet.id, 1000);
  const { result } = await call(harness.client, ledgerRequests.withdraw, {
    actor: payments,
    wallet_id: user.wallet.id,
    amount,
    reference: 'payout',
    destination: 'payouts-clearing',
    idempotency_key: newKey('payout'),
  });
  return { user, withdrawal: result.transfer };
}

const settle = (transferId: string, key = `payout-settle:${transferId}`) =>
  call(harness.client, ledgerRequests.settleWithdrawal, {
    actor: payments,
    transfer_id: transferId,
    idempotency_key: key,
  });

const reverse = (transferId: string, key = `payout-return:${transferId}`) =>
  call(harness.client, ledgerRequests.reverseWithdrawal, {
    actor: payments,
    transfer_id: transferId,
    reason: 'payout returned',
    idempotency_key: key,
  });

describe(`a payout's withdrawal on ${testDatabaseLabel}`, () => {
  it('moves a paid payout on from payouts-clearing to paypal-clearing, once per key', async () => {
    const { user, withdrawal } = await payoutWithdrawal(300);
    const payoutsBefore = await systemBalance('payouts-clearing');
    const paypalBefore = await systemBalance('paypal-clearing');
    const settled = await settle(withdrawal.id);
    expect(settled.transfer).toMatchObject({
      type: 'clearing',
      amount: 300,
      from_wallet_id: null,
      to_wallet_id: null,
      metadata: { withdrawal_id: withdrawal.id },
    });
    await settle(withdrawal.id);
    expect(await systemBalance('payouts-clearing')).toBe(payoutsBefore - 300n);
    expect(await systemBalance('paypal-clearing')).toBe(paypalBefore + 300n);
    expect(await mainOf(user.wallet.id)).toBe(700);
  });

  it('gives a failed payout back to main past the savings plan, at most once whatever the key', async () => {
    const { user, withdrawal } = await payoutWithdrawal(400);
    const payoutsBefore = await systemBalance('payouts-clearing');
    const first = await reverse(withdrawal.id);
    expect(first.result.transfer).toMatchObject({
      type: 'reversal',
      reversal_of: withdrawal.id,
      amount: 400,
      to_wallet_id: user.wallet.id,
      from_wallet_id: null,
    });
    expect((await reverse(withdrawal.id)).replayed).toBe(true);
    expect(await failureOf(reverse(withdrawal.id, newKey('other')))).toMatchObject({ code: 'conflict' });
    expect(await mainOf(user.wallet.id)).toBe(1000);
    expect(await systemBalance('payouts-clearing')).toBe(payoutsBefore - 400n);
  });

  it('lands the returned money in a wallet closed meanwhile', async () => {
    // The whole balance paid out, so that the wallet may close.
    const { user, withdrawal } = await payoutWithdrawal(1000);
    await call(harness.client, ledgerRequests.changeWalletStatus, {
      actor: harness.admin,
      wallet_id: user.wallet.id,
      status: 'closed',
      reason: 'account ended',
    });
    await reverse(withdrawal.id);
    const wallet = await call(harness.client, ledgerRequests.getWallet, {
      actor: harness.admin,
      wallet_id: user.wallet.id,
    });
    expect(wallet).toMatchObject({ status: 'closed', main: 1000 });
  });

  it('refuses users, and transfers that are no payout withdrawal', async () => {
    const { user, withdrawal } = await payoutWithdrawal(100);
    expect(
      await failureOf(
        call(harness.client, ledgerRequests.reverseWithdrawal, {
          actor: user.actor,
          transfer_id: withdrawal.id,
          reason: 'mine',
          idempotency_key: newKey('x'),
        }),
      ),
    ).toMatchObject({ code: 'forbidden' });
    expect(
      await failureOf(
        call(harness.client, ledgerRequests.settleWithdrawal, {
          actor: user.actor,
          transfer_id: withdrawal.id,
          idempotency_key: newKey('x'),
        }),
      ),
    ).toMatchObject({ code: 'forbidden' });
    const deposit = await fund(harness, user.wallet.id, 10);
    expect(await failureOf(settle(deposit.result.transfer.id))).toMatchObject({ code: 'not_found' });
    const verdict = await verifyLedger(harness.database.db);
    expect(verdict.ok, JSON.stringify(verdict.checks)).toBe(true);
  });

  it('releases a closed wallet’s whole balance once: an admin to the back office, payments for a payout', async () => {
    // A closed wallet holding 1000: its payout came back after it closed.
    const { user, withdrawal } = await payoutWithdrawal(1000);
    await call(harness.client, ledgerRequests.changeWalletStatus, {
      actor: harness.admin,
      wallet_id: user.wallet.id,
      status: 'closed',
      reason: 'owner deleted',
    });
    await reverse(withdrawal.id);
    const release = (fields: { amount?: number; destination?: 'back-office' | 'payouts-clearing' } = {}) =>
      call(harness.client, ledgerRequests.releaseWallet, {
        actor: harness.admin,
        wallet_id: user.wallet.id,
        amount: 1000,
        reason: 'estate settled',
        destination: 'back-office',
        idempotency_key: newKey('release'),
        ...fields,
      });
    expect(await failureOf(release({ amount: 999 }))).toMatchObject({ code: 'conflict' });
    expect(await failureOf(release({ destination: 'payouts-clearing' }))).toMatchObject({
      code: 'forbidden',
    });
    // Without an amount: whatever the wallet holds.
    const { result } = await release({ amount: undefined });
    expect(result.transfer).toMatchObject({
      type: 'withdrawal',
      amount: 1000,
      from_wallet_id: user.wallet.id,
      description: 'estate settled',
      metadata: { destination: 'back-office', released_by: (harness.admin as { user_id: string }).user_id },
    });
    expect(await mainOf(user.wallet.id)).toBe(0);
    expect(await failureOf(release())).toMatchObject({ code: 'conflict' });
  });

  it('refuses to release an active wallet, and a user releasing at all', async () => {
    const user = await harness.createUser();
    await fund(harness, user.wallet.id, 500);
    const release = (actor = harness.admin) =>
      call(harness.client, ledgerRequests.releaseWallet, {
        actor,
        wallet_id: user.wallet.id,
        amount: 500,
        reason: 'no',
        destination: 'back-office',
        idempotency_key: newKey('release'),
      });
    expect(await failureOf(release())).toMatchObject({ code: 'conflict' });
    expect(await failureOf(release(user.actor))).toMatchObject({ code: 'forbidden' });
    expect(await mainOf(user.wallet.id)).toBe(500);
    const verdict = await verifyLedger(harness.database.db);
    expect(verdict.ok, JSON.stringify(verdict.checks)).toBe(true);
  });
  it("fails verify when a payout's withdrawal is cleared twice or both cleared and given back", async () => {
    const db = harness.database.db;
    const { withdrawal } = await payoutWithdrawal(250);
    const settled = await settle(withdrawal.id);
    const check = "every payout's withdrawal was cleared once or given back, never both";
    const failed = async () =>
      (await verifyLedger(db)).checks.filter((c) => c.violations > 0).map((c) => c.name);
    expect(await failed()).not.toContain(check);
    await sql`alter table transfers disable trigger user`.execute(db);
    try {
      for (const [type, key] of [
        ['clearing', 'tampered-clearing'],
        ['reversal', 'tampered-reversal'],
      ] as const) {
        await sql`insert into transfers (id, type, amount, currency, description, metadata, from_wallet_id,
                    to_wallet_id, from_owner_id, to_owner_id, initiator_id, idempotency_scope, idempotency_key,
                    created_at, reversal_of)
                  select gen_random_uuid(), ${type}, amount, currency, description, metadata, null,
                    ${type === 'reversal' ? withdrawal.from_wallet_id : null}, null, null, null,
                    idempotency_scope, ${key}, created_at, ${type === 'reversal' ? withdrawal.id : null}
                  from transfers where id = ${settled.transfer.id}`.execute(db);
        expect(await failed()).toContain(check);
        await sql`delete from transfers where idempotency_key = ${key}`.execute(db);
      }
    } finally {
      await sql`alter table transfers enable trigger user`.execute(db);
    }
    expect(await failed()).not.toContain(check);
  });
});
