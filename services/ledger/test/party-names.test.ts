import { identityEvents, ledgerEvents, ledgerRequests } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { newUser, testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  fund,
  type LedgerHarness,
  newKey,
  outboxEvents,
  startHarness,
  type TestUser,
} from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const userNamed = (first: string, last: string) =>
  harness.createUser(newUser({}, { now: harness.clock.now(), name: { first, last } }));

const send = (from: TestUser, to: TestUser, amount = 100) =>
  call(harness.client, ledgerRequests.transfer, {
    actor: from.actor,
    from_wallet_id: from.wallet.id,
    to_user: to.user.user_name,
    amount,
    idempotency_key: newKey('transfer'),
  });

const historyOf = (reader: TestUser) =>
  call(harness.client, ledgerRequests.listTransactions, { actor: reader.actor, limit: 10 });

/** Identity announces a changed user, its `updated_at` at `updatedAt`. */
const rename = (
  person: TestUser,
  changes: { first_name: string; last_name: string; user_name: string },
  updatedAt: Date,
) =>
  harness.publishUserEvent(identityEvents.userUpdated, person.user.id, {
    user: { ...person.user, ...changes, updated_at: updatedAt.toISOString() },
    changed: ['first_name', 'last_name', 'user_name'],
  });

describe(`the parties' names, kept from identity's user events, on ${testDatabaseLabel}`, () => {
  it('names both parties of a transfer in the history, in the transfer read alone, for each side, and in its event', async () => {
    const ada = await userNamed('Ada', 'Lovelace');
    const grace = await userNamed('Grace', 'Hopper');
    await fund(harness, ada.wallet.id, 1_000);
    const { transfer } = (await send(ada, grace)).result;
    const names = {
      from_name: 'Ada Lovelace',
      from_handle: ada.user.user_name,
      to_name: 'Grace Hopper',
      to_handle: grace.user.user_name,
    };
    for (const reader of [ada, grace]) {
      const [listed] = (await historyOf(reader)).data;
      expect(listed).toMatchObject({ id: transfer.id, ...names });
      await expect(
        call(harness.client, ledgerRequests.getTransaction, {
          actor: reader.actor,
          transfer_id: transfer.id,
        }),
      ).resolves.toMatchObject(names);
    }
    const posted = (await outboxEvents(harness, ledgerEvents.transferPosted)).find(
      (event) => event.subject === transfer.id,
    );
    expect(posted?.data).toMatchObject({ transfer: names });
    // The back-office deposit has no party on its paying side.
    const deposit = (await historyOf(ada)).data.find((item) => item.type === 'deposit');
    expect(deposit).toMatchObject({ from_name: null, from_handle: null, to_name: 'Ada Lovelace' });
  });

  it('shows the newest name after identity.user.updated, and an older update arriving late changes nothing', async () => {
    const ada = await userNamed('Ada', 'Lovelace');
    const grace = await userNamed('Grace', 'Hopper');
    await fund(harness, ada.wallet.id, 1_000);
    const { transfer } = (await send(ada, grace)).result;
    const later = new Date(harness.clock.now().getTime() + 60_000);
    const earlier = new Date(harness.clock.now().getTime() + 30_000);
    const newHandle = `${grace.user.user_name}b`;
    await rename(grace, { first_name: 'Grace', last_name: 'Brewster', user_name: newHandle }, later);
    await rename(grace, { first_name: 'Old', last_name: 'Name', user_name: 'oldname' }, earlier);
    const read = await call(harness.client, ledgerRequests.getTransaction, {
      actor: ada.actor,
      transfer_id: transfer.id,
    });
    expect(read).toMatchObject({ to_name: 'Grace Brewster', to_handle: newHandle });
  });

  it('names a deleted user "Deleted user" without a handle, in history and on holds', async () => {
    const ada = await userNamed('Ada', 'Lovelace');
    const grace = await userNamed('Grace', 'Hopper');
    await fund(harness, ada.wallet.id, 1_000);
    await send(ada, grace);
    const { hold } = (
      await call(harness.client, ledgerRequests.createHold, {
        actor: ada.actor,
        from_wallet_id: ada.wallet.id,
        to_wallet_id: grace.wallet.id,
        amount: 200,
        idempotency_key: newKey('hold'),
      })
    ).result;
    expect(
      await call(harness.client, ledgerRequests.getHold, { actor: ada.actor, hold_id: hold.id }),
    ).toMatchObject({
      payer_name: 'Ada Lovelace',
      payer_handle: ada.user.user_name,
      payee_name: 'Grace Hopper',
      payee_handle: grace.user.user_name,
    });

    await harness.publishUserEvent(identityEvents.userDeleted, grace.user.id, {
      user_id: grace.user.id,
      user_name: grace.user.user_name,
      email: grace.user.email,
    });
    const sent = (await historyOf(ada)).data.find((item) => item.type === 'transfer');
    expect(sent).toMatchObject({ from_name: 'Ada Lovelace', to_name: 'Deleted user', to_handle: null });
    const [listed] = (
      await call(harness.client, ledgerRequests.listHolds, { actor: ada.actor, direction: 'out', limit: 10 })
    ).data;
    expect(listed).toMatchObject({ id: hold.id, payee_name: 'Deleted user', payee_handle: null });
  });

  it('refuses a transfer to oneself by user name, naming to_user, and by wallet, naming to_wallet_id', async () => {
    const ada = await userNamed('Ada', 'Lovelace');
    await fund(harness, ada.wallet.id, 1_000);
    expect(await failureOf(send(ada, ada))).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'to_user', message: 'is the wallet the money comes from' }] },
    });
    const byWallet = call(harness.client, ledgerRequests.transfer, {
      actor: ada.actor,
      from_wallet_id: ada.wallet.id,
      to_wallet_id: ada.wallet.id,
      amount: 100,
      idempotency_key: newKey('transfer'),
    });
    expect(await failureOf(byWallet)).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'to_wallet_id', message: 'is the wallet the money comes from' }] },
    });
  });
});
