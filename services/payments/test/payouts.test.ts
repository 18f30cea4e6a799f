import {
  ledgerRequests,
  type Payout,
  type PayoutStatus,
  paymentsRequests,
  payoutsEvents,
  payoutsRequests,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { fund, testDatabaseLabel } from '@moneypal/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../ledger/src/index.js';
import {
  failureOf,
  newKey,
  type PaymentsHarness,
  startHarness,
  type TestUser,
  webhookId,
} from './payments-harness.js';

let harness: PaymentsHarness;

beforeAll(async () => {
  harness = await startHarness({ webhooks: true });
});

afterEach(() => {
  harness.beforePayPalRequest = null;
  harness.simulator.configure({
    payoutOutcome: 'success',
    payoutProcessingMs: 20,
    webhookCopies: 1,
    webhookOrder: 'in-order',
    webhooksPaused: false,
    outage: 'none',
  });
  harness.simulator.setWebhookTarget({ url: harness.webhookUrl, webhookId });
});

afterAll(async () => {
  await harness.close();
});

/** A user whose wallet holds `amount` in main. */
async function fundedUser(amount = 10_000): Promise<TestUser> {
  const user = await harness.createUser();
  await fund({ client: harness.client, admin: harness.admin }, user.wallet.id, amount);
  return user;
}

const createPayout = (user: TestUser, fields: Record<string, unknown> = {}, key = newKey('payout')) =>
  call(harness.client, payoutsRequests.create, {
    actor: user.actor,
    wallet_id: user.wallet.id,
    amount: 2500,
    receiver: 'ana@example.com',
    idempotency_key: key,
    ...fields,
  } as never);

const getPayout = (id: string) =>
  call(harness.client, payoutsRequests.get, { actor: harness.admin, payout_id: id });

/** Waits until the payout reaches `status` (by webhook or by the payouts loop), and a final one its ledger movement. */
async function payoutIn(id: string, status: PayoutStatus): Promise<Payout> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const payout = await getPayout(id);
    const stored = await harness.payments.db
      .selectFrom('payouts')
      .select('ledger_done_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const final = payout.completed_at !== null;
    if (payout.status === status && (!final || stored.ledger_done_at !== null)) return payout;
    if (Date.now() > deadline) throw new Error(`payout ${id} is ${payout.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function mainOf(user: TestUser): Promise<number> {
  const row = await harness.ledger.db
    .selectFrom('accounts')
    .select('balance')
    .where('wallet_id', '=', user.wallet.id)
    .where('kind', '=', 'main')
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

async function systemBalance(code: 'paypal-clearing' | 'payouts-clearing'): Promise<number> {
  const row = await harness.ledger.db
    .selectFrom('accounts')
    .select('balance')
    .where('system_code', '=', code)
    .where('currency', '=', 'USD')
    .executeTakeFirst();
  return row ? Number(row.balance) : 0;
}

/** The clearing accounts now, to compare with after a payout. */
async function clearing(): Promise<{ payouts: number; paypal: number }> {
  return { payouts: await systemBalance('payouts-clearing'), paypal: await systemBalance('paypal-clearing') };
}

/** The ledger movements about one withdrawal: its clearing and its reversals. */
async function movementsOf(transferId: string): Promise<{ type: string; amount: number }[]> {
  const { rows } = await sql<{ type: string; amount: string }>`
    select type, amount from transfers
    where reversal_of = ${transferId} or metadata ->> 'withdrawal_id' = ${transferId}`.execute(
    harness.ledger.db,
  );
  return rows.map((row) => ({ type: row.type, amount: Number(row.amount) }));
}

const payoutPosts = (payoutId: string) =>
  harness.sent.filter((request) => request.path === '/v1/payments/payouts' && request.requestId === payoutId);

async function payoutEventTypes(payoutId: string): Promise<string[]> {
  return (await harness.eventsOf(payoutId)).map((event) => event.type);
}

async function expectLedgerConsistent(): Promise<void> {
  const verdict = await verifyLedger(harness.ledger.db);
  expect(verdict.ok, JSON.stringify(verdict.checks)).toBe(true);
}

/** A POST to PayPal as the merchant's dashboard or another of its clients would send it, not through payments. */
async function postToPayPal(path: string, body: unknown): Promise<Response> {
  const basic = Buffer.from(`${harness.simulator.clientId}:${harness.simulator.clientSecret}`).toString(
    'base64',
  );
  const token = (await (
    await fetch(`${harness.simulator.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    })
  ).json()) as { access_token: string };
  return fetch(`${harness.simulator.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Cancels an unclaimed item at PayPal. */
async function cancelAtPayPal(itemId: string): Promise<void> {
  expect((await postToPayPal(`/v1/payments/payouts-item/${itemId}/cancel`, {})).status).toBe(200);
}

describe(`payouts on ${testDatabaseLabel}`, () => {
  it('pays out through PayPal: the wallet is debited, and the money moves on to paypal-clearing once', async () => {
    const user = await fundedUser();
    const before = await clearing();
    const { result, replayed } = await createPayout(user, { metadata: { reference: 'cash-out-7' } });
    expect(replayed).toBe(false);
    // Processing, or already paid when PayPal's webhook came before the answer.
    expect(['processing', 'succeeded']).toContain(result.status);
    expect(result).toMatchObject({
      amount: 2500,
      currency: 'USD',
      receiver: 'ana@example.com',
      metadata: { reference: 'cash-out-7' },
      sandbox: true,
    });
    expect(result.transfer_id).not.toBeNull();
    const paid = await payoutIn(result.id, 'succeeded');
    expect(paid.paypal_batch_id).not.toBeNull();
    expect(paid.completed_at).not.toBeNull();
    expect(paid.paypal_item_id).not.toBeNull();
    await harness.simulator.flushWebhooks();
    expect(await mainOf(user)).toBe(7500);
    expect(await clearing()).toEqual({ payouts: before.payouts, paypal: before.paypal + 2500 });
    expect(await movementsOf(result.transfer_id!)).toEqual([{ type: 'clearing', amount: 2500 }]);
    expect(payoutPosts(result.id)).toHaveLength(1);
    expect(await payoutEventTypes(result.id)).toEqual([
      payoutsEvents.payoutCreated,
      payoutsEvents.payoutSucceeded,
    ]);
    await expectLedgerConsistent();
  });

  it('gives a failed payout back to the wallet, and a blocked one', async () => {
    for (const receiver of ['ana+failed@example.com', 'ana+blocked@example.com']) {
      const user = await fundedUser();
      const before = await clearing();
      const { result } = await createPayout(user, { receiver });
      const failed = await payoutIn(result.id, 'failed');
      expect(failed.failure_reason).toBe(receiver.includes('blocked') ? 'blocked' : 'failed');
      await harness.simulator.flushWebhooks();
      expect(await mainOf(user)).toBe(10_000);
      expect(await clearing()).toEqual(before);
      expect(await movementsOf(result.transfer_id!)).toEqual([{ type: 'reversal', amount: 2500 }]);
      expect(await payoutEventTypes(result.id)).toEqual([
        payoutsEvents.payoutCreated,
        payoutsEvents.payoutFailed,
      ]);
    }
    await expectLedgerConsistent();
  });

  it('keeps an unclaimed payout open, and gives it back once returned (by PayPal, or cancelled)', async () => {
    const returnedUser = await fundedUser();
    const returned = (await createPayout(returnedUser, { receiver: 'ana+returned@example.com' })).result;
    expect((await payoutIn(returned.id, 'returned')).failure_reason).toBe('returned');

    const user = await fundedUser();
    const before = await clearing();
    const { result } = await createPayout(user, { receiver: 'ana+unclaimed@example.com' });
    const unclaimed = await payoutIn(result.id, 'unclaimed');
    expect(await mainOf(user)).toBe(7500);
    expect(await clearing()).toEqual({ payouts: before.payouts + 2500, paypal: before.paypal });
    await cancelAtPayPal(unclaimed.paypal_item_id!);
    await payoutIn(result.id, 'returned');
    await harness.simulator.flushWebhooks();
    expect(await mainOf(user)).toBe(10_000);
    expect(await mainOf(returnedUser)).toBe(10_000);
    expect(await clearing()).toEqual(before);
    expect(await payoutEventTypes(result.id)).toEqual([
      payoutsEvents.payoutCreated,
      payoutsEvents.payoutReturned,
    ]);
    await expectLedgerConsistent();
  });

  it('moves money once for webhooks delivered three times each, and for events out of order', async () => {
    harness.simulator.configure({ webhookCopies: 3 });
    const user = await fundedUser();
    const before = await clearing();
    const paid = (await createPayout(user)).result;
    await payoutIn(paid.id, 'succeeded');
    await harness.simulator.flushWebhooks();
    const answers = harness.webhooks
      .filter((webhook) => webhook.body.includes(paid.id))
      .map((webhook) => webhook.answer);
    expect(answers).toHaveLength(3);
    expect(answers.filter((answer) => 'outcome' in answer && answer.outcome === 'duplicate')).toHaveLength(2);

    // RETURNED delivered before the UNCLAIMED that preceded it at PayPal.
    harness.simulator.configure({ webhookCopies: 1, webhookOrder: 'reversed' });
    const returned = (await createPayout(user, { receiver: 'ana+returned@example.com', amount: 1000 }))
      .result;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await harness.simulator.flushWebhooks();
    await payoutIn(returned.id, 'returned');
    expect(await movementsOf(paid.transfer_id!)).toEqual([{ type: 'clearing', amount: 2500 }]);
    expect(await movementsOf(returned.transfer_id!)).toEqual([{ type: 'reversal', amount: 1000 }]);
    expect(await mainOf(user)).toBe(7500);
    expect(await clearing()).toEqual({ payouts: before.payouts, paypal: before.paypal + 2500 });
    await expectLedgerConsistent();
  });

  it('refuses a forged webhook and changes nothing', async () => {
    harness.simulator.configure({ payoutOutcome: 'unclaimed' });
    harness.simulator.setWebhookTarget({ url: harness.recordingUrl, webhookId });
    const user = await fundedUser();
    const { result } = await createPayout(user);
    await harness.simulator.flushWebhooks();
    await payoutIn(result.id, 'unclaimed');
    const genuine = harness.recorded.find((webhook) => webhook.body.includes(result.id))!;
    expect(genuine).toBeDefined();
    const forged = genuine.body.replace('PAYMENT.PAYOUTS-ITEM.UNCLAIMED', 'PAYMENT.PAYOUTS-ITEM.RETURNED');
    expect(
      await failureOf(
        call(harness.client, paymentsRequests.webhook, { headers: genuine.headers, body: forged }),
      ),
    ).toMatchObject({ code: 'webhook_signature_invalid' });
    const unchanged = await getPayout(result.id);
    expect(unchanged.status).not.toBe('returned');
    expect(await mainOf(user)).toBe(7500);
  });

  it('sends a payout again while PayPal is down, with the same sender_batch_id, and pays it once', async () => {
    const user = await fundedUser();
    harness.simulator.configure({ outage: 'unavailable' });
    const { result } = await createPayout(user);
    expect(result).toMatchObject({ status: 'pending', paypal_batch_id: null });
    expect(await mainOf(user)).toBe(7500);
    harness.simulator.configure({ outage: 'none' });
    await payoutIn(result.id, 'succeeded');
    const created = payoutPosts(result.id).filter((request) => request.status === 201);
    expect(created).toHaveLength(1);
    expect(payoutPosts(result.id).length).toBeGreaterThan(1);
    expect(await movementsOf(result.transfer_id!)).toEqual([{ type: 'clearing', amount: 2500 }]);
  });

  it('goes on with the batch PayPal has when the answer to an earlier send was lost', async () => {
    const user = await fundedUser();
    harness.simulator.configure({ outage: 'unavailable' });
    const { result } = await createPayout(user);
    expect(result.status).toBe('pending');
    // An earlier send reached PayPal, and its answer was lost: PayPal holds the batch already.
    let reachedPayPal: () => void = () => undefined;
    const earlierSend = new Promise<void>((resolve) => {
      reachedPayPal = resolve;
    });
    harness.beforePayPalRequest = ({ method, path }) =>
      method === 'POST' && path === '/v1/payments/payouts' ? earlierSend : undefined;
    // PayPal keeps the item pending, so that only payments' own send can tell it of the batch.
    harness.simulator.configure({ outage: 'none', payoutProcessingMs: 600_000 });
    const earlier = await postToPayPal('/v1/payments/payouts', {
      sender_batch_header: { sender_batch_id: result.id, recipient_type: 'EMAIL' },
      items: [{ amount: { value: '25.00', currency: 'USD' }, receiver: 'ana@example.com' }],
    });
    expect(earlier.status).toBe(201);
    const earlierBatch = (await earlier.json()) as { batch_header: { payout_batch_id: string } };
    reachedPayPal();
    const sent = await payoutIn(result.id, 'processing');
    expect(sent.paypal_batch_id).toBe(earlierBatch.batch_header.payout_batch_id);
    expect(payoutPosts(result.id).map((request) => request.status)).toContain(400);
    expect(payoutPosts(result.id).map((request) => request.status)).not.toContain(201);
    expect(await mainOf(user)).toBe(7500);
  });

  it('refuses a payout above the balance without calling PayPal, and answers its key the same again', async () => {
    const user = await fundedUser(1000);
    const sentBefore = harness.sent.filter((request) => request.path === '/v1/payments/payouts').length;
    const key = newKey('payout');
    expect(await failureOf(createPayout(user, { amount: 1001 }, key))).toMatchObject({
      code: 'insufficient_funds',
    });
    expect(await failureOf(createPayout(user, { amount: 1001 }, key))).toMatchObject({
      code: 'insufficient_funds',
    });
    expect(harness.sent.filter((request) => request.path === '/v1/payments/payouts')).toHaveLength(
      sentBefore,
    );
    const page = await call(harness.client, payoutsRequests.list, { actor: user.actor, limit: 10 });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      status: 'failed',
      failure_reason: 'insufficient_funds',
      transfer_id: null,
    });
    expect(await mainOf(user)).toBe(1000);
  });

  it('replays a key with the same body, refuses it with another, and hides payouts from others', async () => {
    const user = await fundedUser();
    const other = await fundedUser();
    const key = newKey('payout');
    const first = await createPayout(user, {}, key);
    const again = await createPayout(user, {}, key);
    expect(again.replayed).toBe(true);
    expect(again.result.id).toBe(first.result.id);
    expect(await failureOf(createPayout(user, { amount: 2600 }, key))).toMatchObject({
      code: 'idempotency_mismatch',
    });
    expect(await failureOf(createPayout(other, { wallet_id: user.wallet.id }))).toMatchObject({
      code: 'wallet_not_found',
    });
    expect(
      await failureOf(
        call(harness.client, payoutsRequests.get, { actor: other.actor, payout_id: first.result.id }),
      ),
    ).toMatchObject({ code: 'not_found' });
    const own = await call(harness.client, payoutsRequests.get, {
      actor: user.actor,
      payout_id: first.result.id,
    });
    expect(own.id).toBe(first.result.id);
    const othersList = await call(harness.client, payoutsRequests.list, { actor: other.actor, limit: 10 });
    expect(othersList.data).toEqual([]);
    const byWallet = await call(harness.client, payoutsRequests.list, {
      actor: user.actor,
      wallet_id: user.wallet.id,
      limit: 1,
    });
    expect(byWallet.data).toHaveLength(1);
    await payoutIn(first.result.id, 'succeeded');
    expect(await mainOf(user)).toBe(7500);
  });

  it('pays a frozen wallet’s whole balance out for an admin, recording who and why, once per key', async () => {
    const user = await fundedUser(4000);
    const release = (actor = harness.admin, key = 'release-1') =>
      call(harness.client, payoutsRequests.release, {
        actor,
        wallet_id: user.wallet.id,
        reason: 'account deleted; paid to the heir',
        receiver: 'heir@example.com',
        idempotency_key: key,
      });
    expect(await failureOf(release())).toMatchObject({ code: 'conflict' });
    expect(await failureOf(release(user.actor))).toMatchObject({ code: 'forbidden' });
    await call(harness.client, ledgerRequests.changeWalletStatus, {
      actor: harness.admin,
      wallet_id: user.wallet.id,
      status: 'frozen',
      reason: 'owner deleted',
    });
    // A frozen wallet refuses its owner's payouts.
    expect(await failureOf(createPayout(user))).toMatchObject({ code: 'wallet_frozen' });
    const { result } = await release(harness.admin, 'release-2');
    expect(result).toMatchObject({
      user_id: user.wallet.owner_id,
      amount: 4000,
      receiver: 'heir@example.com',
      released_by: (harness.admin as { user_id: string }).user_id,
      release_reason: 'account deleted; paid to the heir',
    });
    expect((await release(harness.admin, 'release-2')).replayed).toBe(true);
    await payoutIn(result.id, 'succeeded');
    expect(await mainOf(user)).toBe(0);
    expect(await movementsOf(result.transfer_id!)).toEqual([{ type: 'clearing', amount: 4000 }]);
    const own = await call(harness.client, payoutsRequests.list, { actor: user.actor, limit: 10 });
    expect(own.data.map((payout) => payout.id)).toContain(result.id);
    // Nothing is left to release.
    expect(await failureOf(release(harness.admin, 'release-3'))).toMatchObject({ code: 'conflict' });
    await expectLedgerConsistent();
  });

  it('finishes, in another instance, a payout whose process stopped between the debit and the send', async () => {
    const user = await fundedUser();
    let release: () => void = () => undefined;
    let held = false;
    harness.beforePayPalRequest = ({ path, method }) => {
      if (method !== 'POST' || path !== '/v1/payments/payouts' || held) return;
      held = true;
      // The first instance's send never leaves: it stops here.
      return new Promise<void>((_resolve, reject) => {
        release = () => reject(new Error('the process stopped'));
      });
    };
    const dying = createPayout(user).catch(() => undefined);
    const deadline = Date.now() + 5_000;
    while (!held && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held).toBe(true);
    expect(await mainOf(user)).toBe(7500);
    await harness.stopPrimary();
    const replica = await harness.startReplica({ sameBus: true });
    try {
      // The dead request's hold on the payout ends.
      harness.advanceClock(121_000);
      const page = await call(harness.client, payoutsRequests.list, { actor: user.actor, limit: 1 });
      const payout = await payoutIn(page.data[0]!.id, 'succeeded');
      expect(payoutPosts(payout.id).filter((request) => request.status === 201)).toHaveLength(1);
      expect(await movementsOf(payout.transfer_id!)).toEqual([{ type: 'clearing', amount: 2500 }]);
      expect(await mainOf(user)).toBe(7500);
    } finally {
      release();
      await dying;
      await replica.close();
      harness.advanceClock(-121_000);
    }
    await expectLedgerConsistent();
  });
});
