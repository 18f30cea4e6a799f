import { randomUUID } from 'node:crypto';
import { type Actor, ledgerEvents, ledgerRequests, type Transfer } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  fund,
  type LedgerHarness,
  newKey,
  outboxEvents,
  startHarness,
  type TestUser,
  transferCount,
} from './ledger-harness.js';

let harness: LedgerHarness;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
/** Instants between the fixture's steps, for balances as of the past. */
const instants: Record<string, string> = {};

const send = (from: TestUser, to: TestUser, amount: number) =>
  call(harness.client, ledgerRequests.transfer, {
    actor: from.actor,
    from_wallet_id: from.wallet.id,
    to_wallet_id: to.wallet.id,
    amount,
    idempotency_key: newKey('history'),
  });

const history = async (actor: Actor, filters: Record<string, unknown> = {}): Promise<Transfer[]> =>
  (await call(harness.client, ledgerRequests.listTransactions, { actor, limit: 100, ...filters } as never))
    .data;

beforeAll(async () => {
  harness = await startHarness();
  alice = await harness.createUser();
  bob = await harness.createUser();
  carol = await harness.createUser();
  const minute = 60_000;
  instants.start = harness.clock.now().toISOString();
  harness.clock.advance(minute);
  await fund(harness, alice.wallet.id, 10_000); // t1
  harness.clock.advance(minute);
  instants.afterFunding = harness.clock.now().toISOString();
  harness.clock.advance(minute);
  await send(alice, bob, 1_000); // t2
  harness.clock.advance(minute);
  instants.afterFirst = harness.clock.now().toISOString();
  harness.clock.advance(minute);
  await send(alice, carol, 2_000); // t3
  harness.clock.advance(minute);
  await send(bob, alice, 300); // t4
  harness.clock.advance(minute);
  await send(alice, bob, 50); // t5
  harness.clock.advance(minute);
});

afterAll(async () => {
  await harness.close();
});

describe(`balance as of an instant on ${testDatabaseLabel}`, () => {
  const balanceAt = (at?: string) =>
    call(harness.client, ledgerRequests.getWalletBalance, {
      actor: alice.actor,
      wallet_id: alice.wallet.id,
      ...(at ? { at } : {}),
    });

  it('is the balance after the last entry at or before the instant, despite later transfers', async () => {
    expect(await balanceAt(instants.start)).toMatchObject({ main: 0, savings: 0, as_of: instants.start });
    expect(await balanceAt(instants.afterFunding)).toMatchObject({ main: 10_000 });
    expect(await balanceAt(instants.afterFirst)).toMatchObject({ main: 9_000 });
    expect(await balanceAt()).toMatchObject({ main: 10_000 - 1_000 - 2_000 + 300 - 50 });
  });

  it('counts an entry made exactly at the instant', async () => {
    const [deposit] = await history(alice.actor, { type: 'deposit' });
    expect(await balanceAt(deposit!.created_at)).toMatchObject({ main: 10_000 });
    const justBefore = new Date(new Date(deposit!.created_at).getTime() - 1).toISOString();
    expect(await balanceAt(justBefore)).toMatchObject({ main: 0 });
  });
});

describe(`history on ${testDatabaseLabel}`, () => {
  it("lists the actor's transfers newest first, and only theirs", async () => {
    const all = await history(alice.actor);
    expect(all.map((transfer) => transfer.amount)).toEqual([50, 300, 2_000, 1_000, 10_000]);
    expect((await history(carol.actor)).map((transfer) => transfer.amount)).toEqual([2_000]);
  });

  it('filters by wallet and direction relative to it', async () => {
    const wallet = { wallet_id: alice.wallet.id };
    expect((await history(alice.actor, { ...wallet, direction: 'in' })).map((t) => t.amount)).toEqual([
      300, 10_000,
    ]);
    expect((await history(alice.actor, { ...wallet, direction: 'out' })).map((t) => t.amount)).toEqual([
      50, 2_000, 1_000,
    ]);
    expect((await history(bob.actor, { direction: 'out' })).map((t) => t.amount)).toEqual([300]);
  });

  it('filters by type, amount range and date range (from inclusive, to exclusive)', async () => {
    expect((await history(alice.actor, { type: 'deposit' })).map((t) => t.amount)).toEqual([10_000]);
    expect((await history(alice.actor, { min_amount: 300, max_amount: 2_000 })).map((t) => t.amount)).toEqual(
      [300, 2_000, 1_000],
    );
    const [, , third] = await history(alice.actor);
    expect(
      (await history(alice.actor, { from: third!.created_at, to: instants.afterFirst })).map((t) => t.amount),
    ).toEqual([]);
    expect(
      (await history(alice.actor, { from: instants.afterFunding, to: third!.created_at })).map(
        (t) => t.amount,
      ),
    ).toEqual([1_000]);
  });

  it('filters by counterparty, as a wallet id or an owner id', async () => {
    expect((await history(alice.actor, { counterparty: bob.wallet.id })).map((t) => t.amount)).toEqual([
      50, 300, 1_000,
    ]);
    expect((await history(alice.actor, { counterparty: carol.user.id })).map((t) => t.amount)).toEqual([
      2_000,
    ]);
    expect(
      (await history(alice.actor, { counterparty: bob.user.id, direction: 'in' })).map((t) => t.amount),
    ).toEqual([300]);
  });

  it('pages newest first without gaps or duplicates', async () => {
    const everything = (await history(alice.actor)).map((transfer) => transfer.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Transfer[]; next_cursor: string | null } = await call(
        harness.client,
        ledgerRequests.listTransactions,
        { actor: alice.actor, limit: 2, ...(cursor ? { cursor } : {}) },
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      paged.push(...page.data.map((transfer) => transfer.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(paged).toEqual(everything);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it("answers wallet_not_found for another user's wallet and validation_failed for a broken cursor", async () => {
    expect((await failureOf(history(carol.actor, { wallet_id: alice.wallet.id }))).code).toBe(
      'wallet_not_found',
    );
    expect((await failureOf(history(alice.actor, { cursor: 'not a cursor' }))).code).toBe(
      'validation_failed',
    );
  });

  it('lets an admin read every wallet’s history', async () => {
    expect((await history(harness.admin, { wallet_id: bob.wallet.id })).map((t) => t.amount)).toEqual([
      50, 300, 1_000,
    ]);
  });
});

describe(`one transfer on ${testDatabaseLabel}`, () => {
  it('shows a party the transfer with its entries, and hides it from anyone else', async () => {
    const [latest] = await history(bob.actor);
    const seen = await call(harness.client, ledgerRequests.getTransaction, {
      actor: bob.actor,
      transfer_id: latest!.id,
    });
    // Bob was paid: he reads the entry on his own account, not Alice's, whose balance_after is hers.
    expect(seen.entries).toEqual([
      expect.objectContaining({ wallet_id: bob.wallet.id, account: 'main', amount: 50 }),
    ]);
    const hidden = await failureOf(
      call(harness.client, ledgerRequests.getTransaction, { actor: carol.actor, transfer_id: latest!.id }),
    );
    expect(hidden.code).toBe('not_found');
    const unknown = await failureOf(
      call(harness.client, ledgerRequests.getTransaction, {
        actor: harness.admin,
        transfer_id: randomUUID(),
      }),
    );
    expect(unknown.code).toBe('not_found');
    const admin = await call(harness.client, ledgerRequests.getTransaction, {
      actor: harness.admin,
      transfer_id: latest!.id,
    });
    const { entries: adminEntries, ...adminTransfer } = admin;
    const { entries: _bobsEntries, ...bobsTransfer } = seen;
    expect(adminTransfer).toEqual(bobsTransfer);
    expect(adminEntries!.map((entry) => entry.amount).sort((a, b) => a - b)).toEqual([-50, 50]);
    expect(adminEntries!.every((entry) => entry.account === 'main')).toBe(true);
  });
});

describe(`metadata on transfers on ${testDatabaseLabel}`, () => {
  let dave: TestUser;
  let erin: TestUser;
  /** Dave's transfers to Erin, oldest first, by the metadata each carried. */
  const sent: Transfer[] = [];
  const sendWith = async (metadata: Record<string, string>, amount = 10) => {
    const reply = await call(harness.client, ledgerRequests.transfer, {
      actor: dave.actor,
      from_wallet_id: dave.wallet.id,
      to_wallet_id: erin.wallet.id,
      amount,
      metadata,
      idempotency_key: newKey('metadata'),
    });
    sent.push(reply.result.transfer);
    return reply.result.transfer;
  };
  const amountsOf = (transfers: Transfer[]) => transfers.map((transfer) => transfer.amount);

  beforeAll(async () => {
    dave = await harness.createUser();
    erin = await harness.createUser();
    await fund(harness, dave.wallet.id, 10_000);
    await sendWith({ order_id: 'A1', channel: 'web' }, 11);
    await sendWith({ order_id: 'A1', channel: 'app' }, 12);
    await sendWith({ order_id: 'A2', channel: 'web' }, 13);
    await sendWith({}, 14);
    await sendWith({ order_id: 'A1', channel: 'web', note: 'second try' }, 15);
    // Erin pays back under the same order id: the filter is on the transfer, whichever side.
    await call(harness.client, ledgerRequests.transfer, {
      actor: erin.actor,
      from_wallet_id: erin.wallet.id,
      to_wallet_id: dave.wallet.id,
      amount: 16,
      metadata: { order_id: 'A1' },
      idempotency_key: newKey('metadata'),
    });
  });

  it('returns the metadata in the answer, the history, the detail and the posted event', async () => {
    const posted = sent[0]!;
    expect(posted.metadata).toEqual({ order_id: 'A1', channel: 'web' });
    const listed = (await history(dave.actor)).find((transfer) => transfer.id === posted.id);
    expect(listed?.metadata).toEqual({ order_id: 'A1', channel: 'web' });
    const detail = await call(harness.client, ledgerRequests.getTransaction, {
      actor: erin.actor,
      transfer_id: posted.id,
    });
    expect(detail.metadata).toEqual({ order_id: 'A1', channel: 'web' });
    const events = await outboxEvents(harness, ledgerEvents.transferPosted);
    const event = events.find(
      (candidate) => (candidate.data as { transfer: Transfer }).transfer.id === posted.id,
    );
    expect((event?.data as { transfer: Transfer } | undefined)?.transfer.metadata).toEqual({
      order_id: 'A1',
      channel: 'web',
    });
  });

  it('lists only the transfers whose metadata holds every pair asked, exactly', async () => {
    expect(amountsOf(await history(dave.actor, { metadata: { order_id: 'A1' } }))).toEqual([16, 15, 12, 11]);
    expect(amountsOf(await history(dave.actor, { metadata: { order_id: 'A1', channel: 'web' } }))).toEqual([
      15, 11,
    ]);
    expect(amountsOf(await history(dave.actor, { metadata: { channel: 'web' } }))).toEqual([15, 13, 11]);
    expect(await history(dave.actor, { metadata: { order_id: 'a1' } })).toEqual([]);
    expect(await history(dave.actor, { metadata: { order_id: 'A' } })).toEqual([]);
    expect(await history(dave.actor, { metadata: { order_id: 'A1', channel: 'fax' } })).toEqual([]);
    expect(await history(dave.actor, { metadata: { unknown: 'A1' } })).toEqual([]);
    // Nobody else's transfers match, whatever their metadata.
    expect(await history(alice.actor, { metadata: { order_id: 'A1' } })).toEqual([]);
  });

  it('combines the metadata filter with the wallet, direction and amount filters', async () => {
    const onErin = { wallet_id: erin.wallet.id, metadata: { order_id: 'A1' } };
    expect(amountsOf(await history(erin.actor, onErin))).toEqual([16, 15, 12, 11]);
    expect(amountsOf(await history(erin.actor, { ...onErin, direction: 'out' }))).toEqual([16]);
    expect(amountsOf(await history(erin.actor, { ...onErin, direction: 'in', min_amount: 12 }))).toEqual([
      15, 12,
    ]);
    expect((await failureOf(history(erin.actor, { ...onErin, wallet_id: alice.wallet.id }))).code).toBe(
      'wallet_not_found',
    );
  });

  it('pages through the matching transfers without gaps or duplicates', async () => {
    const amounts: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Transfer[]; next_cursor: string | null } = await call(
        harness.client,
        ledgerRequests.listTransactions,
        {
          actor: dave.actor,
          wallet_id: dave.wallet.id,
          metadata: { order_id: 'A1' },
          limit: 1,
          ...(cursor ? { cursor } : {}),
        },
      );
      expect(page.data.length).toBeLessThanOrEqual(1);
      amounts.push(...amountsOf(page.data));
      cursor = page.next_cursor;
    } while (cursor);
    expect(amounts).toEqual([16, 15, 12, 11]);
  });

  it('refuses metadata out of bounds on a transfer and in a filter, and moves nothing', async () => {
    const before = await transferCount(harness);
    const twentyOne = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, 'v']));
    for (const metadata of [
      twentyOne,
      { 'order id': 'v' },
      { ['k'.repeat(41)]: 'v' },
      { order_id: 'x'.repeat(501) },
      { order_id: 'a\u0007b' },
    ]) {
      const refusal = await failureOf(
        call(harness.client, ledgerRequests.transfer, {
          actor: dave.actor,
          from_wallet_id: dave.wallet.id,
          to_wallet_id: erin.wallet.id,
          amount: 1,
          metadata,
          idempotency_key: newKey('metadata'),
        }),
      );
      expect(refusal.code, JSON.stringify(metadata)).toBe('validation_failed');
      expect((await failureOf(history(dave.actor, { metadata }))).code, JSON.stringify(metadata)).toBe(
        'validation_failed',
      );
    }
    const batch = await failureOf(
      call(harness.client, ledgerRequests.transferBatch, {
        actor: dave.actor,
        transfers: [
          {
            from_wallet_id: dave.wallet.id,
            to_wallet_id: erin.wallet.id,
            amount: 1,
            metadata: { order_id: 'B1' },
            idempotency_key: newKey('metadata'),
          },
          {
            from_wallet_id: dave.wallet.id,
            to_wallet_id: erin.wallet.id,
            amount: 1,
            metadata: twentyOne,
            idempotency_key: newKey('metadata'),
          },
        ],
      } as never),
    );
    expect(batch.code).toBe('validation_failed');
    expect(await transferCount(harness)).toBe(before);
  });
});
