import { randomUUID } from 'node:crypto';
import {
  type Actor,
  holdEventData,
  ledgerEvents,
  ledgerRequests,
  transferPostedData,
} from '@moneypal/contracts';
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
  outboxEvents,
  startHarness,
  type TestUser,
} from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness({ poolSize: 12 });
});

afterAll(async () => {
  await harness.close();
});

const hourMs = 3_600_000;

function createHold(
  payer: TestUser,
  payee: TestUser,
  fields: { amount?: number; expires_at?: string; on_expiry?: 'void' | 'capture'; description?: string } = {},
  options: { key?: string; actor?: Actor } = {},
) {
  return call(harness.client, ledgerRequests.createHold, {
    actor: options.actor ?? payer.actor,
    from_wallet_id: payer.wallet.id,
    to_wallet_id: payee.wallet.id,
    amount: 500,
    ...fields,
    idempotency_key: options.key ?? newKey('hold'),
  });
}

const capture = (actor: Actor, holdId: string, amount?: number, key = newKey('capture')) =>
  call(harness.client, ledgerRequests.captureHold, {
    actor,
    hold_id: holdId,
    ...(amount === undefined ? {} : { amount }),
    idempotency_key: key,
  });

const voidHold = (actor: Actor, holdId: string, key = newKey('void')) =>
  call(harness.client, ledgerRequests.voidHold, {
    actor,
    hold_id: holdId,
    reason: 'declined',
    idempotency_key: key,
  });

const walletOf = (walletId: string) =>
  call(harness.client, ledgerRequests.getWallet, { actor: harness.admin, wallet_id: walletId });

/** Ada, funded with 1000, and Grace, with nothing. */
async function pair() {
  const ada = await harness.createUser();
  const grace = await harness.createUser();
  await fund(harness, ada.wallet.id, 1000);
  return { ada, grace };
}

async function entriesOf(transferId: string) {
  return harness.database.db
    .selectFrom('entries')
    .innerJoin('accounts', 'accounts.id', 'entries.account_id')
    .select(['accounts.wallet_id', 'accounts.kind', 'entries.amount'])
    .where('entries.transfer_id', '=', transferId)
    .orderBy('entries.seq')
    .execute();
}

async function settlementTransfersOf(holdId: string) {
  return harness.database.db
    .selectFrom('transfers')
    .select(['id', 'type', 'amount'])
    .where('hold_id', '=', holdId)
    .where('type', 'in', ['hold_capture', 'hold_void'])
    .execute();
}

describe(`escrow holds on ${testDatabaseLabel}`, () => {
  it('takes the amount out of the payer’s available balance at once and shows it as held, with its events', async () => {
    const { ada, grace } = await pair();
    const { result, replayed } = await createHold(ada, grace, { amount: 400, description: 'tiling job' });
    expect(replayed).toBe(false);
    expect(result.hold).toMatchObject({
      status: 'held',
      amount: 400,
      captured_amount: 0,
      currency: 'USD',
      description: 'tiling job',
      from_wallet_id: ada.wallet.id,
      to_wallet_id: grace.wallet.id,
      payer_id: ada.user.id,
      payee_id: grace.user.id,
      expires_at: null,
      on_expiry: 'void',
      settled_at: null,
      settled_by: null,
      settlement_transfer_id: null,
    });
    expect(result.balance).toMatchObject({ wallet_id: ada.wallet.id, main: 600, available: 600, held: 400 });
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 600, available: 600, held: 400 });
    expect(await walletOf(grace.wallet.id)).toMatchObject({ main: 0, held: 0 });
    expect(await entriesOf(result.hold.transfer_id)).toEqual([
      { wallet_id: ada.wallet.id, kind: 'main', amount: -400n },
      { wallet_id: ada.wallet.id, kind: 'held', amount: 400n },
    ]);
    const created = (await outboxEvents(harness, ledgerEvents.holdCreated)).find(
      (event) => event.subject === result.hold.id,
    );
    expect(holdEventData.parse(created!.data)).toEqual({ hold: result.hold });
    const posted = (await outboxEvents(harness, ledgerEvents.transferPosted)).find(
      (event) => event.subject === result.hold.transfer_id,
    );
    expect(transferPostedData.parse(posted!.data).transfer).toMatchObject({
      type: 'hold',
      amount: 400,
      hold_id: result.hold.id,
    });
  });

  it('refuses a hold above the available balance, and money held cannot be spent again', async () => {
    const { ada, grace } = await pair();
    expect(await failureOf(createHold(ada, grace, { amount: 1001 }))).toMatchObject({
      code: 'insufficient_funds',
    });
    await createHold(ada, grace, { amount: 800 });
    expect(
      await failureOf(
        call(harness.client, ledgerRequests.transfer, {
          actor: ada.actor,
          from_wallet_id: ada.wallet.id,
          to_wallet_id: grace.wallet.id,
          amount: 201,
          idempotency_key: newKey('spend'),
        }),
      ),
    ).toMatchObject({ code: 'insufficient_funds' });
    expect(await failureOf(createHold(ada, grace, { amount: 201 }))).toMatchObject({
      code: 'insufficient_funds',
    });
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 200, held: 800 });
  });

  it('captures the whole hold to the payee, through the payee’s savings plan, once', async () => {
    const { ada, grace } = await pair();
    const plan = await call(harness.client, ledgerRequests.createSavingsPlan, {
      actor: harness.admin,
      plan: { name: `tenth-${randomUUID()}`, kind: 'percentage', value: 1_000 },
    });
    await call(harness.client, ledgerRequests.selectSavingsPlan, {
      actor: grace.actor,
      wallet_id: grace.wallet.id,
      plan_id: plan.id,
    });
    const { result: opened } = await createHold(ada, grace);
    const { result } = await capture(ada.actor, opened.hold.id);
    expect(result.hold).toMatchObject({
      id: opened.hold.id,
      status: 'captured',
      captured_amount: 500,
      settled_by: ada.user.id,
    });
    expect(result.hold.settled_at).not.toBeNull();
    expect(result.balance).toMatchObject({ wallet_id: ada.wallet.id, main: 500, held: 0 });
    expect(await walletOf(grace.wallet.id)).toMatchObject({ main: 450, savings: 50 });
    const settlements = await settlementTransfersOf(opened.hold.id);
    expect(settlements).toEqual([
      { id: result.hold.settlement_transfer_id, type: 'hold_capture', amount: 500n },
    ]);
    expect(await entriesOf(settlements[0]!.id)).toEqual([
      { wallet_id: ada.wallet.id, kind: 'held', amount: -500n },
      { wallet_id: grace.wallet.id, kind: 'main', amount: 450n },
      { wallet_id: grace.wallet.id, kind: 'savings', amount: 50n },
    ]);
    const captured = (await outboxEvents(harness, ledgerEvents.holdCaptured)).filter(
      (event) => event.subject === opened.hold.id,
    );
    expect(captured.map((event) => holdEventData.parse(event.data).hold)).toEqual([result.hold]);
  });

  it('captures part of a hold and gives the rest back to the payer', async () => {
    const { ada, grace } = await pair();
    const { result: opened } = await createHold(ada, grace);
    const { result } = await capture(ada.actor, opened.hold.id, 200);
    expect(result.hold).toMatchObject({ status: 'captured', amount: 500, captured_amount: 200 });
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 800, held: 0 });
    expect(await walletOf(grace.wallet.id)).toMatchObject({ main: 200 });
    expect(await entriesOf(result.hold.settlement_transfer_id!)).toEqual([
      { wallet_id: ada.wallet.id, kind: 'held', amount: -500n },
      { wallet_id: grace.wallet.id, kind: 'main', amount: 200n },
      { wallet_id: ada.wallet.id, kind: 'main', amount: 300n },
    ]);
    expect(
      await failureOf(capture(ada.actor, (await createHold(ada, grace)).result.hold.id, 501)),
    ).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'amount' }] },
    });
  });

  it('lets the payee void a hold, all back to the payer, answering the payee’s own balance', async () => {
    const { ada, grace } = await pair();
    const { result: opened } = await createHold(ada, grace);
    const { result } = await voidHold(grace.actor, opened.hold.id);
    expect(result.hold).toMatchObject({ status: 'voided', captured_amount: 0, settled_by: grace.user.id });
    expect(result.balance).toMatchObject({ wallet_id: grace.wallet.id, main: 0, held: 0 });
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 1000, available: 1000, held: 0 });
    expect(await entriesOf(result.hold.settlement_transfer_id!)).toEqual([
      { wallet_id: ada.wallet.id, kind: 'held', amount: -500n },
      { wallet_id: ada.wallet.id, kind: 'main', amount: 500n },
    ]);
    const voided = (await outboxEvents(harness, ledgerEvents.holdVoided)).find(
      (event) => event.subject === opened.hold.id,
    );
    expect(holdEventData.parse(voided!.data).hold).toEqual(result.hold);
  });

  it('hides a hold from everyone but its parties and admins, and forbids the wrong party’s settlement', async () => {
    const { ada, grace } = await pair();
    const stranger = await harness.createUser();
    const { result: opened } = await createHold(ada, grace);
    const holdId = opened.hold.id;
    for (const request of [
      call(harness.client, ledgerRequests.getHold, { actor: stranger.actor, hold_id: holdId }),
      call(harness.client, ledgerRequests.getHold, { actor: ada.actor, hold_id: randomUUID() }),
      capture(stranger.actor, holdId),
      voidHold(stranger.actor, holdId),
    ]) {
      expect(await failureOf(request)).toMatchObject({ code: 'not_found' });
    }
    expect(await failureOf(capture(grace.actor, holdId))).toMatchObject({ code: 'forbidden' });
    expect(await failureOf(voidHold(ada.actor, holdId))).toMatchObject({ code: 'forbidden' });
    for (const actor of [ada.actor, grace.actor, harness.admin]) {
      expect(await call(harness.client, ledgerRequests.getHold, { actor, hold_id: holdId })).toEqual({
        ...opened.hold,
        payer_name: `${ada.user.first_name} ${ada.user.last_name}`,
        payer_handle: ada.user.user_name,
        payee_name: `${grace.user.first_name} ${grace.user.last_name}`,
        payee_handle: grace.user.user_name,
      });
    }
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 500, held: 500 });
    const { result } = await capture(harness.admin, holdId, 100);
    expect(result.hold).toMatchObject({
      status: 'captured',
      captured_amount: 100,
      settled_by: 'user_id' in harness.admin ? harness.admin.user_id : null,
    });
    const second = await createHold(ada, grace);
    expect((await voidHold(harness.admin, second.result.hold.id)).result.hold).toMatchObject({
      status: 'voided',
    });
  });

  it('replays an identical retry, refuses a changed one, and answers hold_already_settled to the losers', async () => {
    const { ada, grace } = await pair();
    const key = newKey('hold');
    const first = await createHold(ada, grace, {}, { key });
    const again = await createHold(ada, grace, {}, { key });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await failureOf(createHold(ada, grace, { amount: 501 }, { key }))).toMatchObject({
      code: 'idempotency_mismatch',
    });
    const holdId = first.result.hold.id;
    const captureKey = newKey('capture');
    const captured = await capture(ada.actor, holdId, 300, captureKey);
    expect(await capture(ada.actor, holdId, 300, captureKey)).toEqual({
      result: captured.result,
      replayed: true,
    });
    expect(await failureOf(capture(ada.actor, holdId, 200, captureKey))).toMatchObject({
      code: 'idempotency_mismatch',
    });
    // The opening's retry still answers the hold as it was opened.
    expect((await createHold(ada, grace, {}, { key })).result.hold).toMatchObject({ status: 'held' });
    const voidKey = newKey('void');
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await failureOf(voidHold(grace.actor, holdId, voidKey))).toMatchObject({
        code: 'hold_already_settled',
        details: { hold_id: holdId, status: 'captured' },
      });
    }
    expect(await failureOf(capture(ada.actor, holdId))).toMatchObject({ code: 'hold_already_settled' });
    expect(await settlementTransfersOf(holdId)).toHaveLength(1);
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 700, held: 0 });
    expect(await walletOf(grace.wallet.id)).toMatchObject({ main: 300 });
  });

  it('settles a hold by itself at its expiry, by on_expiry, once; later captures and voids are refused', async () => {
    const { ada, grace } = await pair();
    const expiresAt = new Date(harness.clock.now().getTime() + hourMs).toISOString();
    const returned = (await createHold(ada, grace, { amount: 300, expires_at: expiresAt })).result.hold;
    const paid = (await createHold(ada, grace, { amount: 200, expires_at: expiresAt, on_expiry: 'capture' }))
      .result.hold;
    expect(await harness.expireDueHolds()).toBe(0);
    harness.clock.advance(hourMs);
    expect(await harness.expireDueHolds()).toBe(2);
    expect(await harness.expireDueHolds()).toBe(0);
    const read = (holdId: string) =>
      call(harness.client, ledgerRequests.getHold, { actor: ada.actor, hold_id: holdId });
    expect(await read(returned.id)).toMatchObject({
      status: 'expired',
      captured_amount: 0,
      settled_by: null,
    });
    expect(await read(paid.id)).toMatchObject({ status: 'expired', captured_amount: 200, settled_by: null });
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 800, held: 0 });
    expect(await walletOf(grace.wallet.id)).toMatchObject({ main: 200 });
    const expired = (await outboxEvents(harness, ledgerEvents.holdExpired)).filter(
      (event) => event.subject === returned.id || event.subject === paid.id,
    );
    expect(expired).toHaveLength(2);
    expect(await failureOf(capture(ada.actor, paid.id))).toMatchObject({ code: 'hold_already_settled' });
    expect(await failureOf(voidHold(grace.actor, returned.id))).toMatchObject({
      code: 'hold_already_settled',
    });
    expect(
      await failureOf(createHold(ada, grace, { expires_at: harness.clock.now().toISOString() })),
    ).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'expires_at' }] } });
  });

  it('refuses a capture to a frozen payee, and gives the money back when a capture expires into one', async () => {
    const { ada, grace } = await pair();
    const expiresAt = new Date(harness.clock.now().getTime() + hourMs).toISOString();
    const { result } = await createHold(ada, grace, { expires_at: expiresAt, on_expiry: 'capture' });
    await call(harness.client, ledgerRequests.changeWalletStatus, {
      actor: harness.admin,
      wallet_id: grace.wallet.id,
      status: 'frozen',
      reason: 'dispute under review',
    });
    expect(await failureOf(capture(ada.actor, result.hold.id))).toMatchObject({ code: 'wallet_frozen' });
    harness.clock.advance(hourMs);
    expect(await harness.expireDueHolds()).toBe(1);
    expect(
      await call(harness.client, ledgerRequests.getHold, { actor: ada.actor, hold_id: result.hold.id }),
    ).toMatchObject({ status: 'expired', captured_amount: 0 });
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 1000, held: 0 });
  });

  it('never closes a wallet with an open hold', async () => {
    const ada = await harness.createUser();
    const grace = await harness.createUser();
    await fund(harness, ada.wallet.id, 500);
    const { result } = await createHold(ada, grace);
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 0, savings: 0, held: 500 });
    const close = () =>
      call(harness.client, ledgerRequests.changeWalletStatus, {
        actor: harness.admin,
        wallet_id: ada.wallet.id,
        status: 'closed',
        reason: 'closed at the customer’s request',
      });
    expect(await failureOf(close())).toMatchObject({ code: 'conflict' });
    await voidHold(grace.actor, result.hold.id);
    expect(await walletOf(ada.wallet.id)).toMatchObject({ main: 500, held: 0 });
  });

  it('lists the caller’s holds as payer or payee, newest first, with filters and cursor pages', async () => {
    const { ada, grace } = await pair();
    const stranger = await harness.createUser();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++)
      ids.push((await createHold(ada, grace, { amount: 100 })).result.hold.id);
    await voidHold(grace.actor, ids[0]!);
    const list = (actor: Actor, filters: Record<string, unknown> = {}) =>
      call(harness.client, ledgerRequests.listHolds, { actor, limit: 20, ...filters });
    const newestFirst = [...ids].reverse();
    expect((await list(ada.actor)).data.map((hold) => hold.id)).toEqual(newestFirst);
    expect((await list(grace.actor, { direction: 'in' })).data.map((hold) => hold.id)).toEqual(newestFirst);
    expect((await list(grace.actor, { direction: 'out' })).data).toEqual([]);
    expect((await list(ada.actor, { status: 'held' })).data.map((hold) => hold.id)).toEqual(
      newestFirst.slice(0, 2),
    );
    expect((await list(grace.actor, { wallet_id: grace.wallet.id })).data).toHaveLength(3);
    expect((await list(stranger.actor)).data).toEqual([]);
    expect(await failureOf(list(stranger.actor, { wallet_id: ada.wallet.id }))).toMatchObject({
      code: 'wallet_not_found',
    });
    const first = await list(ada.actor, { limit: 2 });
    expect(first.data.map((hold) => hold.id)).toEqual(newestFirst.slice(0, 2));
    const second = await list(ada.actor, { limit: 2, cursor: first.next_cursor });
    expect(second).toEqual({ data: [expect.objectContaining({ id: ids[0] })], next_cursor: null });
    expect(
      (await list(harness.admin, { wallet_id: ada.wallet.id, direction: 'out' })).data.map((hold) => hold.id),
    ).toEqual(newestFirst);
  });
});

describe(`the ledger check of holds on ${testDatabaseLabel}`, () => {
  it('finds a hold whose amount is no longer held, and a hold settled twice', async () => {
    const { ada, grace } = await pair();
    const open = (await createHold(ada, grace)).result.hold;
    const settled = (await createHold(ada, grace, { amount: 100 })).result.hold;
    await capture(ada.actor, settled.id);
    const db = harness.database.db;
    const failedChecks = async () =>
      (await verifyLedger(db)).checks.filter((check) => check.violations > 0).map((check) => check.name);
    expect(await failedChecks()).toEqual([]);

    await sql`update holds set amount = amount + 1 where id = ${open.id}`.execute(db);
    try {
      expect(await failedChecks()).toEqual(["every open hold's amount is held in its payer's wallet"]);
    } finally {
      await sql`update holds set amount = amount - 1 where id = ${open.id}`.execute(db);
    }

    const secondSettlement = randomUUID();
    await sql`
      insert into transfers (id, type, amount, currency, from_wallet_id, to_wallet_id, idempotency_scope,
                             idempotency_key, created_at, hold_id)
      values (${secondSettlement}, 'hold_void', 100, 'USD', ${ada.wallet.id}, ${ada.wallet.id}, 'test',
              ${newKey('twice')}, now(), ${settled.id})`.execute(db);
    await sql`alter table transfers disable trigger transfers_append_only`.execute(db);
    try {
      const verdict = await verifyLedger(db);
      expect(verdict.checks.filter((check) => check.violations > 0).map((check) => check.name)).toEqual([
        "every transfer's entries sum to zero",
        'every hold was opened once and settled at most once',
      ]);
      expect(
        verdict.checks.find((check) => check.name === 'every hold was opened once and settled at most once')!
          .examples,
      ).toEqual([`${settled.id} (captured): opened by 1, settled by 2 transfers`]);
    } finally {
      await sql`delete from transfers where id = ${secondSettlement}`.execute(db);
      await sql`alter table transfers enable trigger transfers_append_only`.execute(db);
    }
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
