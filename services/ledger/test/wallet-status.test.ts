import { randomUUID } from 'node:crypto';
import {
  type Actor,
  identityEvents,
  ledgerEvents,
  ledgerRequests,
  walletStatusChangedData,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, fund, type LedgerHarness, newKey, outboxEvents, startHarness } from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness({ poolSize: 12 });
});

afterAll(async () => {
  await harness.close();
});

type Status = 'active' | 'frozen' | 'closed';

const changeStatus = (walletId: string, status: Status, reason = 'fraud review 17', actor?: Actor) =>
  call(harness.client, ledgerRequests.changeWalletStatus, {
    actor: actor ?? harness.admin,
    wallet_id: walletId,
    status,
    reason,
  });

const getWallet = (walletId: string) =>
  call(harness.client, ledgerRequests.getWallet, { actor: harness.admin, wallet_id: walletId });

const transfer = (actor: Actor, fromWalletId: string, toWalletId: string, amount: number) =>
  call(harness.client, ledgerRequests.transfer, {
    actor,
    from_wallet_id: fromWalletId,
    to_wallet_id: toWalletId,
    amount,
    type: 'transfer',
    idempotency_key: newKey('transfer'),
  });

const statusChangesOf = (walletId: string) =>
  harness.database.db
    .selectFrom('wallet_status_changes')
    .selectAll()
    .where('wallet_id', '=', walletId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();

const eventsOf = async (walletId: string) =>
  (await outboxEvents(harness, ledgerEvents.walletStatusChanged)).filter(
    (event) => event.subject === walletId,
  );

describe(`an admin changes a wallet's status on ${testDatabaseLabel}`, () => {
  it('freezes a wallet, recording who and why with an event, and answers the wallet as it is read', async () => {
    const { wallet } = await harness.createUser();
    await fund(harness, wallet.id, 500);
    const frozen = await changeStatus(wallet.id, 'frozen', 'chargeback 2291');
    expect(frozen).toMatchObject({ id: wallet.id, status: 'frozen', main: 500, available: 0 });
    expect(frozen).toEqual(await getWallet(wallet.id));
    const changes = await statusChangesOf(wallet.id);
    expect(changes).toEqual([
      expect.objectContaining({
        from_status: 'active',
        to_status: 'frozen',
        reason: 'chargeback 2291',
        changed_by: (harness.admin as { user_id: string }).user_id,
      }),
    ]);
    const events = await eventsOf(wallet.id);
    expect(events).toHaveLength(1);
    expect(walletStatusChangedData.parse(events[0]!.data)).toEqual({
      wallet_id: wallet.id,
      owner_id: wallet.owner_id,
      from: 'active',
      to: 'frozen',
      reason: 'chargeback 2291',
      changed_by: (harness.admin as { user_id: string }).user_id,
      changed_at: changes[0]!.changed_at.toISOString(),
    });
  });

  it('lets no money in or out of a frozen wallet, and moves it again once unfrozen', async () => {
    const owner = await harness.createUser();
    const other = await harness.createUser();
    await fund(harness, owner.wallet.id, 1_000);
    await fund(harness, other.wallet.id, 1_000);
    await changeStatus(owner.wallet.id, 'frozen');
    expect((await failureOf(transfer(owner.actor, owner.wallet.id, other.wallet.id, 10))).code).toBe(
      'wallet_frozen',
    );
    expect((await failureOf(transfer(other.actor, other.wallet.id, owner.wallet.id, 10))).code).toBe(
      'wallet_frozen',
    );
    expect((await failureOf(fund(harness, owner.wallet.id, 10))).code).toBe('wallet_frozen');
    expect(await getWallet(owner.wallet.id)).toMatchObject({ main: 1_000, status: 'frozen' });

    const unfrozen = await changeStatus(owner.wallet.id, 'active', 'review closed, no fraud');
    expect(unfrozen).toMatchObject({ status: 'active', main: 1_000, available: 1_000 });
    await transfer(owner.actor, owner.wallet.id, other.wallet.id, 10);
    await transfer(other.actor, other.wallet.id, owner.wallet.id, 30);
    expect(await getWallet(owner.wallet.id)).toMatchObject({ main: 1_020 });
    expect((await statusChangesOf(owner.wallet.id)).map((change) => change.to_status)).toEqual([
      'frozen',
      'active',
    ]);
  });

  it('answers the status a wallet has already without a record or an event', async () => {
    const { wallet } = await harness.createUser();
    const same = await changeStatus(wallet.id, 'active');
    expect(same).toEqual(await getWallet(wallet.id));
    await changeStatus(wallet.id, 'frozen');
    const again = await changeStatus(wallet.id, 'frozen', 'asked twice');
    expect(again).toEqual(await getWallet(wallet.id));
    expect(await statusChangesOf(wallet.id)).toHaveLength(1);
    expect(await eventsOf(wallet.id)).toHaveLength(1);
  });

  it('closes only an empty wallet, and never reopens a closed one', async () => {
    const owner = await harness.createUser();
    const other = await harness.createUser();
    await fund(harness, owner.wallet.id, 40);
    const refused = await failureOf(changeStatus(owner.wallet.id, 'closed'));
    expect(refused).toMatchObject({ code: 'conflict', details: { main: 40, savings: 0 } });
    expect(await getWallet(owner.wallet.id)).toMatchObject({ status: 'active', main: 40 });
    await changeStatus(owner.wallet.id, 'frozen');
    expect((await failureOf(changeStatus(owner.wallet.id, 'closed'))).code).toBe('conflict');

    await changeStatus(owner.wallet.id, 'active');
    await transfer(owner.actor, owner.wallet.id, other.wallet.id, 40);
    const closed = await changeStatus(owner.wallet.id, 'closed', 'closed at the owner’s request');
    expect(closed).toMatchObject({ status: 'closed', main: 0, savings: 0, available: 0 });
    for (const status of ['active', 'frozen'] as const) {
      expect((await failureOf(changeStatus(owner.wallet.id, status))).code).toBe('conflict');
    }
    expect((await failureOf(fund(harness, owner.wallet.id, 5))).code).toBe('wallet_frozen');
    expect(await getWallet(owner.wallet.id)).toMatchObject({ status: 'closed' });
    expect((await statusChangesOf(owner.wallet.id)).map((change) => change.to_status)).toEqual([
      'frozen',
      'active',
      'closed',
    ]);
    expect(await eventsOf(owner.wallet.id)).toHaveLength(3);
  });

  it("never makes a deleted owner's wallet active again, and closes it once emptied", async () => {
    const { user, wallet } = await harness.createUser();
    await fund(harness, wallet.id, 25);
    const deleted = { user_id: user.id, user_name: user.user_name, email: user.email };
    await harness.publishUserEvent(identityEvents.userDeleted, user.id, deleted);
    expect(await getWallet(wallet.id)).toMatchObject({ status: 'frozen' });
    const refused = await failureOf(changeStatus(wallet.id, 'active', 'release the money'));
    expect(refused.code).toBe('conflict');
    expect(await getWallet(wallet.id)).toMatchObject({ status: 'frozen', main: 25 });
    expect(await statusChangesOf(wallet.id)).toEqual([]);
    expect(await eventsOf(wallet.id)).toEqual([]);
  });

  it('refuses anyone but an admin, and answers wallet_not_found for an unknown wallet', async () => {
    const owner = await harness.createUser();
    const stranger = await harness.createUser();
    const actors: Actor[] = [owner.actor, stranger.actor, { service: 'billing' }];
    for (const actor of actors) {
      expect((await failureOf(changeStatus(owner.wallet.id, 'frozen', 'x', actor))).code).toBe('forbidden');
    }
    expect((await failureOf(changeStatus(randomUUID(), 'frozen'))).code).toBe('wallet_not_found');
    expect(await getWallet(owner.wallet.id)).toMatchObject({ status: 'active' });
    expect(await statusChangesOf(owner.wallet.id)).toEqual([]);
  });

  it('refuses a request outside its contract and changes nothing', async () => {
    const { wallet } = await harness.createUser();
    const bad: Record<string, unknown>[] = [
      { status: 'frozen', reason: '' },
      { status: 'frozen', reason: 'r'.repeat(501) },
      { status: 'frozen', reason: 'a\u0000b' },
      { status: 'frozen' },
      { status: 'deleted', reason: 'r' },
      { status: 'frozen', reason: 'r', note: 'extra' },
    ];
    for (const body of bad) {
      const failure = await failureOf(
        call(harness.client, ledgerRequests.changeWalletStatus, {
          actor: harness.admin,
          wallet_id: wallet.id,
          ...body,
        } as never),
      );
      expect(failure.code, JSON.stringify(body)).toBe('validation_failed');
    }
    expect(await getWallet(wallet.id)).toMatchObject({ status: 'active' });
    expect(await statusChangesOf(wallet.id)).toEqual([]);
  });

  it('never closes a wallet that a racing transfer paid into: one of the two wins', async () => {
    const payer = await harness.createUser();
    await fund(harness, payer.wallet.id, 1_000);
    const outcomes = { closed: 0, paid: 0 };
    for (let round = 0; round < 8; round += 1) {
      const payee = await harness.createUser();
      const [close, pay] = await Promise.allSettled([
        changeStatus(payee.wallet.id, 'closed', 'race'),
        transfer(payer.actor, payer.wallet.id, payee.wallet.id, 5),
      ]);
      const wallet = await getWallet(payee.wallet.id);
      if (close.status === 'fulfilled') {
        expect(pay.status, `round ${round}`).toBe('rejected');
        expect((pay as PromiseRejectedResult).reason).toMatchObject({ code: 'wallet_frozen' });
        expect(wallet).toMatchObject({ status: 'closed', main: 0 });
        outcomes.closed += 1;
      } else {
        expect(pay.status, `round ${round}`).toBe('fulfilled');
        expect((close.reason as { code: string }).code).toBe('conflict');
        expect(wallet).toMatchObject({ status: 'active', main: 5 });
        outcomes.paid += 1;
      }
    }
    expect(outcomes.closed + outcomes.paid).toBe(8);
  });
});
