import { randomUUID } from 'node:crypto';
import { type Actor, ledgerEvents, ledgerRequests, transferPostedData } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/index.js';
import { failureOf, fund, type LedgerHarness, newKey, outboxEvents, startHarness } from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness({ poolSize: 12 });
});

afterAll(async () => {
  await harness.close();
});

const reverse = (
  transferId: string,
  fields: { amount?: number; reason?: string } = {},
  options: { actor?: Actor; key?: string } = {},
) =>
  call(harness.client, ledgerRequests.reverseTransfer, {
    actor: options.actor ?? harness.admin,
    transfer_id: transferId,
    reason: 'chargeback 2291',
    ...fields,
    idempotency_key: options.key ?? newKey('reverse'),
  });

const mainOf = async (walletId: string) =>
  (await call(harness.client, ledgerRequests.getWallet, { actor: harness.admin, wallet_id: walletId })).main;

/** Ada pays Grace `amount` out of a funding of 1000; answers both and the transfer. */
async function paidTransfer(amount: number) {
  const ada = await harness.createUser();
  const grace = await harness.createUser();
  await fund(harness, ada.wallet.id, 1000);
  const { result } = await call(harness.client, ledgerRequests.transfer, {
    actor: ada.actor,
    from_wallet_id: ada.wallet.id,
    to_wallet_id: grace.wallet.id,
    amount,
    type: 'transfer',
    idempotency_key: newKey('transfer'),
  });
  return { ada, grace, original: result.transfer };
}

describe(`an admin reverses a transfer on ${testDatabaseLabel}`, () => {
  it('moves the whole transfer back by default, linked to the original, in both histories and the event', async () => {
    const { ada, grace, original } = await paidTransfer(600);
    const { result, replayed } = await reverse(original.id);
    expect(replayed).toBe(false);
    expect(result.transfer).toMatchObject({
      type: 'reversal',
      amount: 600,
      reversal_of: original.id,
      from_wallet_id: grace.wallet.id,
      to_wallet_id: ada.wallet.id,
      description: 'chargeback 2291',
    });
    expect(result.balance).toMatchObject({ wallet_id: grace.wallet.id, main: 0 });
    expect(await mainOf(ada.wallet.id)).toBe(1000);
    expect(await mainOf(grace.wallet.id)).toBe(0);
    for (const party of [ada, grace]) {
      const page = await call(harness.client, ledgerRequests.listTransactions, {
        actor: party.actor,
        limit: 10,
      });
      expect(page.data.find((row) => row.id === result.transfer.id)).toMatchObject({
        type: 'reversal',
        reversal_of: original.id,
      });
    }
    const events = (await outboxEvents(harness, ledgerEvents.transferPosted)).filter(
      (event) => event.subject === result.transfer.id,
    );
    expect(events).toHaveLength(1);
    expect(transferPostedData.parse(events[0]!.data).transfer.reversal_of).toBe(original.id);
    expect(await failureOf(reverse(original.id))).toMatchObject({ code: 'conflict' });
  });

  it('allows partial reversals up to the original amount and refuses more with conflict', async () => {
    const { ada, grace, original } = await paidTransfer(600);
    expect((await reverse(original.id, { amount: 200 })).result.transfer.amount).toBe(200);
    expect(await failureOf(reverse(original.id, { amount: 401 }))).toMatchObject({ code: 'conflict' });
    const rest = await reverse(original.id);
    expect(rest.result.transfer.amount).toBe(400);
    expect(await failureOf(reverse(original.id, { amount: 1 }))).toMatchObject({ code: 'conflict' });
    expect(await mainOf(ada.wallet.id)).toBe(1000);
    expect(await mainOf(grace.wallet.id)).toBe(0);
  });

  it('refuses with insufficient_funds when the payee no longer holds the money, and changes nothing', async () => {
    const { ada, grace, original } = await paidTransfer(600);
    const carol = await harness.createUser();
    await call(harness.client, ledgerRequests.transfer, {
      actor: grace.actor,
      from_wallet_id: grace.wallet.id,
      to_wallet_id: carol.wallet.id,
      amount: 500,
      type: 'transfer',
      idempotency_key: newKey('transfer'),
    });
    const key = newKey('reverse');
    expect(await failureOf(reverse(original.id, {}, { key }))).toMatchObject({ code: 'insufficient_funds' });
    expect(await mainOf(ada.wallet.id)).toBe(400);
    expect(await mainOf(grace.wallet.id)).toBe(100);
    const reversals = await harness.database.db
      .selectFrom('transfers')
      .select('id')
      .where('reversal_of', '=', original.id)
      .execute();
    expect(reversals).toEqual([]);
    // A part the payee still holds can be reversed under another key.
    expect((await reverse(original.id, { amount: 100 })).result.transfer.amount).toBe(100);
  });

  it('replays an idempotent retry without moving the money twice', async () => {
    const { ada, original } = await paidTransfer(300);
    const key = newKey('reverse');
    const first = await reverse(original.id, { amount: 100 }, { key });
    const again = await reverse(original.id, { amount: 100 }, { key });
    expect(again.replayed).toBe(true);
    expect(again.result).toEqual(first.result);
    expect(await mainOf(ada.wallet.id)).toBe(800);
    expect(await failureOf(reverse(original.id, { amount: 150 }, { key }))).toMatchObject({
      code: 'idempotency_mismatch',
    });
  });

  it('refuses a user, an unknown transfer and a transfer not between two users', async () => {
    const { ada, original } = await paidTransfer(300);
    expect(await failureOf(reverse(original.id, {}, { actor: ada.actor }))).toMatchObject({
      code: 'forbidden',
    });
    expect(await failureOf(reverse(randomUUID()))).toMatchObject({ code: 'not_found' });
    const funding = await fund(harness, ada.wallet.id, 50);
    expect(await failureOf(reverse(funding.result.transfer.id))).toMatchObject({ code: 'conflict' });
    expect(await mainOf(ada.wallet.id)).toBe(750);
  });

  it('never reverses more than the transfer when ten reversals race, and the invariants hold', async () => {
    const { ada, grace, original } = await paidTransfer(500);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => reverse(original.id, { amount: 70 })),
    );
    const posted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(posted).toHaveLength(7);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'conflict' });
    }
    const rest = await reverse(original.id);
    expect(rest.result.transfer.amount).toBe(10);
    expect(await mainOf(ada.wallet.id)).toBe(1000);
    expect(await mainOf(grace.wallet.id)).toBe(0);
    const verdict = await verifyLedger(harness.database.db);
    expect(verdict.ok, JSON.stringify(verdict.checks)).toBe(true);
  });
});
