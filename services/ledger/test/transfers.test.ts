import { identityEvents, ledgerEvents, ledgerRequests, transferPostedData } from '@moneypal/contracts';
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

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const transfer = (actor: TestUser['actor'], body: Record<string, unknown>) =>
  call(harness.client, ledgerRequests.transfer, {
    actor,
    idempotency_key: newKey('transfer'),
    ...body,
  } as Parameters<
    typeof call<typeof ledgerRequests.transfer.request, typeof ledgerRequests.transfer.reply>
  >[2]);

const walletOf = (actor: TestUser['actor'], walletId: string) =>
  call(harness.client, ledgerRequests.getWallet, { actor, wallet_id: walletId });

async function fundedPair(amount = 10_000) {
  const payer = await harness.createUser();
  const payee = await harness.createUser();
  await fund(harness, payer.wallet.id, amount);
  return { payer, payee };
}

describe(`transfers on ${testDatabaseLabel}`, () => {
  it('moves money between two wallets, with entries that sum to zero and an event', async () => {
    const { payer, payee } = await fundedPair(10_000);
    const { result, replayed } = await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 2_550,
      description: 'dinner',
      metadata: { order: '42' },
    });
    expect(replayed).toBe(false);
    expect(result.transfer).toMatchObject({
      type: 'transfer',
      status: 'posted',
      amount: 2_550,
      currency: 'USD',
      description: 'dinner',
      metadata: { order: '42' },
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      initiator_id: payer.user.id,
    });
    // The payer reads the entry on their own account only: the payee's would tell its balance.
    expect(result.transfer.entries).toEqual([
      expect.objectContaining({
        wallet_id: payer.wallet.id,
        account: 'main',
        amount: -2_550,
        balance_after: 7_450,
      }),
    ]);
    expect(result.balance).toMatchObject({
      wallet_id: payer.wallet.id,
      main: 7_450,
      savings: 0,
      available: 7_450,
    });
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ main: 2_550, savings: 0 });
    const posted = (await outboxEvents(harness, ledgerEvents.transferPosted)).find(
      (event) => event.subject === result.transfer.id,
    );
    const { entries: _payersEntries, ...withoutEntries } = result.transfer;
    expect(posted?.data).toEqual({
      transfer: {
        ...withoutEntries,
        from_name: `${payer.user.first_name} ${payer.user.last_name}`,
        from_handle: payer.user.user_name,
        to_name: `${payee.user.first_name} ${payee.user.last_name}`,
        to_handle: payee.user.user_name,
      },
      from_owner_id: payer.user.id,
      to_owner_id: payee.user.id,
    });
    // Built by the ledger without a parse on the way out: it must meet its contract as it is.
    expect(transferPostedData.parse(posted?.data)).toEqual(posted?.data);
  });

  it("never shows either party the other's balance: each reads only the entries on its own accounts", async () => {
    const { payer, payee } = await fundedPair(10_000);
    await fund(harness, payee.wallet.id, 777_777);
    // One cent sent: the answer must not tell the payer the payee's balance, nor the reverse.
    const { result } = await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 1,
    });
    const read = (actor: TestUser['actor']) =>
      call(harness.client, ledgerRequests.getTransaction, { actor, transfer_id: result.transfer.id });
    for (const [entries, own, other] of [
      [result.transfer.entries, payer, payee],
      [(await read(payer.actor)).entries, payer, payee],
      [(await read(payee.actor)).entries, payee, payer],
    ] as const) {
      expect(entries!.length).toBeGreaterThan(0);
      expect(entries!.every((entry) => entry.wallet_id === own.wallet.id)).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(other.wallet.id);
    }
    expect(JSON.stringify(result)).not.toContain('777778');
    const everything = await read(harness.admin);
    expect(everything.entries!.map((entry) => [entry.wallet_id, entry.balance_after])).toEqual(
      expect.arrayContaining([
        [payer.wallet.id, 9_999],
        [payee.wallet.id, 777_778],
      ]),
    );
  });

  it('pays a user by user name, by email and by id, into their default wallet', async () => {
    const { payer, payee } = await fundedPair();
    for (const to of [
      { to_user: payee.user.user_name.toUpperCase() },
      { to_user: payee.user.email },
      { to_user_id: payee.user.id },
    ]) {
      const { result } = await transfer(payer.actor, { from_wallet_id: payer.wallet.id, amount: 100, ...to });
      expect(result.transfer.to_wallet_id).toBe(payee.wallet.id);
    }
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ main: 300 });
  });

  it('answers recipient_not_found for an unknown user, naming the field, and recipient_has_no_wallet for one without a wallet of the currency', async () => {
    const { payer } = await fundedPair();
    const unknown = await failureOf(
      transfer(payer.actor, { from_wallet_id: payer.wallet.id, to_user: 'nobody-at-all', amount: 1 }),
    );
    expect(unknown).toMatchObject({
      code: 'recipient_not_found',
      details: { errors: [{ path: 'to_user', message: 'Nobody has this user name or email.' }] },
    });
    const euroOnly = await harness.createUser();
    const euroWallet = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'EUR',
      type: 'personal',
    });
    await fund(harness, euroWallet.id, 500);
    const noEuro = await failureOf(
      transfer(payer.actor, { from_wallet_id: euroWallet.id, to_user_id: euroOnly.user.id, amount: 1 }),
    );
    expect(noEuro).toMatchObject({
      code: 'recipient_has_no_wallet',
      details: { errors: [{ path: 'to_user_id', message: 'has no EUR wallet' }] },
    });
  });

  it("answers wallet_not_found for another user's wallet, and moves nothing", async () => {
    const { payer, payee } = await fundedPair(1_000);
    const thief = await harness.createUser();
    const before = await transferCount(harness);
    const failure = await failureOf(
      transfer(thief.actor, { from_wallet_id: payer.wallet.id, to_wallet_id: thief.wallet.id, amount: 1 }),
    );
    expect(failure.code).toBe('wallet_not_found');
    const failure2 = await failureOf(
      transfer(payee.actor, { from_wallet_id: payer.wallet.id, to_user_id: payee.user.id, amount: 1 }),
    );
    expect(failure2.code).toBe('wallet_not_found');
    expect(await transferCount(harness)).toBe(before);
    expect(await walletOf(payer.actor, payer.wallet.id)).toMatchObject({ main: 1_000 });
  });

  it('lets a service pay on behalf of a user, and keeps an admin from moving a user’s money', async () => {
    const { payer, payee } = await fundedPair(1_000);
    const { result } = await transfer(
      { service: 'billing' },
      { from_wallet_id: payer.wallet.id, to_user_id: payee.user.id, amount: 400, type: 'payment' },
    );
    expect(result.transfer).toMatchObject({ type: 'payment', initiator_id: null });
    const admin = await failureOf(
      transfer(harness.admin, { from_wallet_id: payer.wallet.id, to_wallet_id: payee.wallet.id, amount: 1 }),
    );
    expect(admin.code).toBe('wallet_not_found');
  });

  it('refuses a transfer to the wallet it comes from', async () => {
    const { payer } = await fundedPair();
    for (const to of [{ to_wallet_id: payer.wallet.id }, { to_user_id: payer.user.id }]) {
      const failure = await failureOf(
        transfer(payer.actor, { from_wallet_id: payer.wallet.id, amount: 1, ...to }),
      );
      expect(failure.code).toBe('validation_failed');
    }
  });

  it('refuses a transfer above the available balance, and one of exactly the balance passes', async () => {
    const { payer, payee } = await fundedPair(500);
    const failure = await failureOf(
      transfer(payer.actor, { from_wallet_id: payer.wallet.id, to_wallet_id: payee.wallet.id, amount: 501 }),
    );
    expect(failure.code).toBe('insufficient_funds');
    const { result } = await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 500,
    });
    expect(result.balance.main).toBe(0);
  });

  it('refuses wallets of different currencies', async () => {
    const { payer, payee } = await fundedPair();
    const euro = await call(harness.client, ledgerRequests.openWallet, {
      actor: payee.actor,
      currency: 'EUR',
      type: 'personal',
    });
    const failure = await failureOf(
      transfer(payer.actor, { from_wallet_id: payer.wallet.id, to_wallet_id: euro.id, amount: 1 }),
    );
    expect(failure.code).toBe('currency_mismatch');
  });

  it('refuses to move money out of or into a frozen wallet', async () => {
    const { payer, payee } = await fundedPair(1_000);
    await fund(harness, payee.wallet.id, 10);
    await harness.publishUserEvent(identityEvents.userDeleted, payee.user.id, {
      user_id: payee.user.id,
      user_name: payee.user.user_name,
      email: payee.user.email,
    });
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ status: 'frozen', available: 0 });
    const into = await failureOf(
      transfer(payer.actor, { from_wallet_id: payer.wallet.id, to_wallet_id: payee.wallet.id, amount: 1 }),
    );
    expect(into.code).toBe('wallet_frozen');
    const out = await failureOf(
      transfer(payee.actor, { from_wallet_id: payee.wallet.id, to_wallet_id: payer.wallet.id, amount: 1 }),
    );
    expect(out.code).toBe('wallet_frozen');
  });
});

describe(`request validation on ${testDatabaseLabel}`, () => {
  let payer: TestUser;
  let payee: TestUser;

  beforeAll(async () => {
    ({ payer, payee } = await fundedPair(1_000));
  });

  const send = (changes: Record<string, unknown>, drop?: string) => {
    const body: Record<string, unknown> = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 100,
      idempotency_key: newKey('bad'),
      ...changes,
    };
    if (drop) delete body[drop];
    // Straight onto the bus: `call` would refuse to send it.
    return harness.client.request(ledgerRequests.transfer.subject, body);
  };

  it.each([
    ['zero', { amount: 0 }],
    ['negative', { amount: -1 }],
    ['fractional', { amount: 1.5 }],
    ['2^53', { amount: 2 ** 53 }],
    ['a string', { amount: '100' }],
    ['an unknown field', { surprise: true }],
    ['a bad wallet id', { from_wallet_id: 'not-a-uuid' }],
    ['an empty key', { idempotency_key: '' }],
    ['two recipients', { to_user: 'someone' }],
  ])('refuses an amount or body that is %s, and moves nothing', async (_label, changes) => {
    const before = await transferCount(harness);
    expect((await failureOf(send(changes))).code).toBe('validation_failed');
    expect(await transferCount(harness)).toBe(before);
  });

  it.each(['amount', 'from_wallet_id', 'idempotency_key', 'actor'])(
    'refuses a request without %s',
    async (field) => {
      expect((await failureOf(send({}, field))).code).toBe('validation_failed');
    },
  );

  it('refuses a request without any recipient', async () => {
    expect((await failureOf(send({}, 'to_wallet_id'))).code).toBe('validation_failed');
  });

  it('refuses bad deposit and withdrawal amounts the same way', async () => {
    for (const amount of [0, -1, 1.5, 2 ** 53, '1']) {
      const deposit = harness.client.request(ledgerRequests.deposit.subject, {
        actor: harness.admin,
        wallet_id: payer.wallet.id,
        amount,
        reference: 'x',
        source: 'back-office',
        idempotency_key: newKey(),
      });
      expect((await failureOf(deposit)).code).toBe('validation_failed');
      const withdraw = harness.client.request(ledgerRequests.withdrawSavings.subject, {
        actor: payer.actor,
        wallet_id: payer.wallet.id,
        amount,
        idempotency_key: newKey(),
      });
      expect((await failureOf(withdraw)).code).toBe('validation_failed');
    }
  });
});

describe(`deposits on ${testDatabaseLabel}`, () => {
  it('credits a wallet from the back office for an admin only', async () => {
    const owner = await harness.createUser();
    const { result } = await fund(harness, owner.wallet.id, 1_234);
    expect(result.transfer).toMatchObject({
      type: 'deposit',
      from_wallet_id: null,
      to_wallet_id: owner.wallet.id,
    });
    expect(result.transfer.entries!.find((entry) => entry.account === 'system')!.wallet_id).toBeNull();
    const failure = await failureOf(
      call(harness.client, ledgerRequests.deposit, {
        actor: owner.actor,
        wallet_id: owner.wallet.id,
        amount: 1,
        reference: 'gift to myself',
        source: 'back-office',
        idempotency_key: newKey(),
      }),
    );
    expect(failure.code).toBe('forbidden');
  });

  it('credits from paypal-clearing for a service only', async () => {
    const owner = await harness.createUser();
    const { result } = await call(harness.client, ledgerRequests.deposit, {
      actor: { service: 'billing' },
      wallet_id: owner.wallet.id,
      amount: 999,
      reference: 'payment 1',
      source: 'paypal-clearing',
      idempotency_key: 'payment:1:fund',
    });
    expect(result.balance.main).toBe(999);
    const admin = await failureOf(
      call(harness.client, ledgerRequests.deposit, {
        actor: harness.admin,
        wallet_id: owner.wallet.id,
        amount: 1,
        reference: 'x',
        source: 'paypal-clearing',
        idempotency_key: newKey(),
      }),
    );
    expect(admin.code).toBe('forbidden');
  });

  it('answers wallet_not_found for a wallet that does not exist', async () => {
    const failure = await failureOf(fund(harness, '0190d3a4-0000-7000-8000-000000000000', 1));
    expect(failure.code).toBe('wallet_not_found');
  });
});

describe(`withdrawals on ${testDatabaseLabel}`, () => {
  const withdraw = (actor: TestUser['actor'], walletId: string, amount: number, key = newKey('withdraw')) =>
    call(harness.client, ledgerRequests.withdraw, {
      actor,
      wallet_id: walletId,
      amount,
      reference: 'refund of payment 1',
      destination: 'paypal-clearing',
      idempotency_key: key,
    });

  it('debits main to paypal-clearing for a service, once per key, with the owners in the event', async () => {
    const owner = await harness.createUser();
    await fund(harness, owner.wallet.id, 1_000);
    const key = newKey('refund');
    const first = await withdraw({ service: 'billing' }, owner.wallet.id, 400, key);
    expect(first.replayed).toBe(false);
    expect(first.result.transfer).toMatchObject({
      type: 'withdrawal',
      amount: 400,
      from_wallet_id: owner.wallet.id,
      to_wallet_id: null,
      metadata: { destination: 'paypal-clearing', reference: 'refund of payment 1' },
    });
    expect(first.result.balance.main).toBe(600);
    const again = await withdraw({ service: 'billing' }, owner.wallet.id, 400, key);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect((await walletOf(owner.actor, owner.wallet.id)).main).toBe(600);
    const event = (await outboxEvents(harness, ledgerEvents.transferPosted)).find(
      (candidate) =>
        (candidate.data as { transfer: { id: string } }).transfer.id === first.result.transfer.id,
    );
    expect(event?.data).toMatchObject({ from_owner_id: owner.user.id, to_owner_id: null });
  });

  it('refuses more than main holds, a user or admin actor, and an unknown wallet', async () => {
    const owner = await harness.createUser();
    await fund(harness, owner.wallet.id, 100);
    expect((await failureOf(withdraw({ service: 'billing' }, owner.wallet.id, 101))).code).toBe(
      'insufficient_funds',
    );
    expect((await failureOf(withdraw(owner.actor, owner.wallet.id, 1))).code).toBe('forbidden');
    expect((await failureOf(withdraw(harness.admin, owner.wallet.id, 1))).code).toBe('forbidden');
    expect(
      (await failureOf(withdraw({ service: 'billing' }, '0190d3a4-0000-7000-8000-000000000000', 1))).code,
    ).toBe('wallet_not_found');
    expect((await walletOf(owner.actor, owner.wallet.id)).main).toBe(100);
  });
});

describe(`savings on ${testDatabaseLabel}`, () => {
  const plan = (kind: 'flat' | 'percentage', value: number) =>
    call(harness.client, ledgerRequests.createSavingsPlan, {
      actor: harness.admin,
      plan: { name: `${kind} ${value}`, kind, value },
    });
  const select = (owner: TestUser, planId: string | null) =>
    call(harness.client, ledgerRequests.selectSavingsPlan, {
      actor: owner.actor,
      wallet_id: owner.wallet.id,
      plan_id: planId,
    });

  it('puts a flat amount of every credit aside, and refuses a credit not above it', async () => {
    const { payer, payee } = await fundedPair(10_000);
    const flat = await plan('flat', 500);
    expect((await select(payee, flat.id)).savings_plan_id).toBe(flat.id);
    const equal = await failureOf(
      transfer(payer.actor, { from_wallet_id: payer.wallet.id, to_wallet_id: payee.wallet.id, amount: 500 }),
    );
    expect(equal.code).toBe('credit_not_above_savings');
    const depositEqual = await failureOf(fund(harness, payee.wallet.id, 500));
    expect(depositEqual.code).toBe('credit_not_above_savings');
    await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 501,
    });
    await fund(harness, payee.wallet.id, 700);
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ main: 1 + 200, savings: 1_000 });
    expect(await walletOf(payer.actor, payer.wallet.id)).toMatchObject({ main: 10_000 - 501 });
  });

  it('puts a percentage aside, rounded down, the rest in main', async () => {
    const { payer, payee } = await fundedPair(10_000);
    const share = await plan('percentage', 1_250);
    await select(payee, share.id);
    const { result } = await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 999,
    });
    // The payee reads the credit's two entries, on their main and savings accounts.
    const credited = await call(harness.client, ledgerRequests.getTransaction, {
      actor: payee.actor,
      transfer_id: result.transfer.id,
    });
    const byAccount = Object.fromEntries(credited.entries!.map((entry) => [entry.account, entry.amount]));
    expect(byAccount).toEqual({ main: 875, savings: 124 });
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ main: 875, savings: 124 });
    // Clearing the plan stops it.
    await select(payee, null);
    await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 100,
    });
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ main: 975, savings: 124 });
  });

  it('moves savings back to main, never more than there is, for the owner only', async () => {
    const owner = await harness.createUser();
    await select(owner, (await plan('percentage', 5_000)).id);
    await fund(harness, owner.wallet.id, 1_000);
    const withdraw = (actor: TestUser['actor'], amount: number) =>
      call(harness.client, ledgerRequests.withdrawSavings, {
        actor,
        wallet_id: owner.wallet.id,
        amount,
        idempotency_key: newKey('withdraw'),
      });
    const { result } = await withdraw(owner.actor, 200);
    expect(result.transfer).toMatchObject({ type: 'savings', from_wallet_id: owner.wallet.id });
    expect(result.balance).toMatchObject({ main: 700, savings: 300 });
    expect((await failureOf(withdraw(owner.actor, 301))).code).toBe('insufficient_funds');
    const other = await harness.createUser();
    expect((await failureOf(withdraw(other.actor, 1))).code).toBe('wallet_not_found');
    expect((await failureOf(withdraw(harness.admin, 1))).code).toBe('wallet_not_found');
    expect(await walletOf(owner.actor, owner.wallet.id)).toMatchObject({ main: 700, savings: 300 });
  });

  it("keeps a user from choosing a plan for another's wallet, or a plan that does not exist", async () => {
    const owner = await harness.createUser();
    const other = await harness.createUser();
    const flat = await plan('flat', 10);
    const failure = await failureOf(
      call(harness.client, ledgerRequests.selectSavingsPlan, {
        actor: other.actor,
        wallet_id: owner.wallet.id,
        plan_id: flat.id,
      }),
    );
    expect(failure.code).toBe('wallet_not_found');
    expect((await failureOf(select(owner, '0190d3a4-0000-7000-8000-000000000001'))).code).toBe('not_found');
  });
});

describe(`transaction rules on ${testDatabaseLabel}`, () => {
  /** Two users with wallets of a wallet type of their own, so no other test meets its rules. */
  async function limitedPair(code: string, rule: Record<string, number | null>) {
    await call(harness.client, ledgerRequests.createWalletType, { actor: harness.admin, code, name: code });
    await call(harness.client, ledgerRequests.putTransactionRule, {
      actor: harness.admin,
      rule: { wallet_type: code, transaction_type: 'transfer', ...rule },
    });
    const payer = await harness.createUser();
    const payee = await harness.createUser();
    const from = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'GBP',
      type: code,
    });
    const to = await call(harness.client, ledgerRequests.openWallet, {
      actor: payee.actor,
      currency: 'GBP',
      type: code,
    });
    await fund(harness, from.id, 100_000);
    const send = (amount: number) =>
      transfer(payer.actor, { from_wallet_id: from.id, to_wallet_id: to.id, amount });
    return { send, from, to, payer };
  }

  it('refuses an amount below the minimum or above the maximum', async () => {
    const { send } = await limitedPair('minmax', { min_amount: 100, max_amount: 1_000 });
    expect(await failureOf(send(99))).toMatchObject({
      code: 'limit_exceeded',
      details: { limit: 'min_amount' },
    });
    expect(await failureOf(send(1_001))).toMatchObject({
      code: 'limit_exceeded',
      details: { limit: 'max_amount' },
    });
    await send(100);
    await send(1_000);
  });

  it('refuses what would pass the daily total, and allows it again the next UTC day', async () => {
    const { send, from, payer } = await limitedPair('daytotal', { daily_total: 1_000 });
    await send(600);
    await send(400);
    expect(await failureOf(send(1))).toMatchObject({
      code: 'limit_exceeded',
      details: { limit: 'daily_total' },
    });
    harness.clock.advance(24 * 3_600_000);
    await send(1_000);
    expect(await walletOf(payer.actor, from.id)).toMatchObject({ main: 100_000 - 2_000 });
  });

  it('refuses the transfer after the daily count is reached', async () => {
    const { send } = await limitedPair('daycount', { daily_count: 2 });
    await send(1);
    await send(1);
    expect(await failureOf(send(1))).toMatchObject({
      code: 'limit_exceeded',
      details: { limit: 'daily_count' },
    });
  });

  it('lets only an admin read and change rules, wallet types and savings plans', async () => {
    const user = await harness.createUser();
    const attempts = [
      call(harness.client, ledgerRequests.putTransactionRule, {
        actor: user.actor,
        rule: { wallet_type: 'personal', transaction_type: 'transfer', max_amount: 1 },
      }),
      call(harness.client, ledgerRequests.listTransactionRules, { actor: user.actor }),
      call(harness.client, ledgerRequests.createWalletType, {
        actor: user.actor,
        code: 'mine',
        name: 'Mine',
      }),
      call(harness.client, ledgerRequests.createSavingsPlan, {
        actor: { service: 'billing' },
        plan: { name: 'x', kind: 'flat', value: 1 },
      }),
    ];
    // Every attempt is already running: take all their failures at once, so none goes unhandled.
    const failures = await Promise.all(attempts.map((attempt) => failureOf(attempt)));
    for (const failure of failures) expect(failure.code).toBe('forbidden');
    const rules = await call(harness.client, ledgerRequests.listTransactionRules, {
      actor: harness.admin,
      wallet_type: 'minmax',
    });
    expect(rules.data).toEqual([
      expect.objectContaining({
        wallet_type: 'minmax',
        transaction_type: 'transfer',
        min_amount: 100,
        max_amount: 1_000,
      }),
    ]);
  });
});

describe(`idempotency on ${testDatabaseLabel}`, () => {
  it('answers a retry with the stored result, replayed, and moves nothing', async () => {
    const { payer, payee } = await fundedPair(1_000);
    const request = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 300,
      idempotency_key: newKey('once'),
    };
    const first = await call(harness.client, ledgerRequests.transfer, request);
    const before = await transferCount(harness);
    const again = await call(harness.client, ledgerRequests.transfer, request);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await transferCount(harness)).toBe(before);
    expect(await walletOf(payer.actor, payer.wallet.id)).toMatchObject({ main: 700 });
  });

  it('replays each answer equal to the first, entries and balance as they were then, once the wallets moved on', async () => {
    const { payer, payee } = await fundedPair(10_000);
    const share = await call(harness.client, ledgerRequests.createSavingsPlan, {
      actor: harness.admin,
      plan: { name: `replay ${newKey('plan')}`, kind: 'percentage', value: 2_500 },
    });
    await call(harness.client, ledgerRequests.selectSavingsPlan, {
      actor: payee.actor,
      wallet_id: payee.wallet.id,
      plan_id: share.id,
    });
    // The payer sees only its own entry; the admin's deposit shows every entry.
    const paid = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 400,
      description: 'rent',
      metadata: { flat: '4b', month: 'march' },
      idempotency_key: newKey('paid'),
    };
    const deposit = {
      actor: harness.admin,
      wallet_id: payee.wallet.id,
      amount: 800,
      reference: 'back-office credit',
      source: 'back-office' as const,
      idempotency_key: newKey('deposit'),
    };
    const firstPaid = await call(harness.client, ledgerRequests.transfer, paid);
    const firstDeposit = await call(harness.client, ledgerRequests.deposit, deposit);
    expect(firstPaid.result.transfer.entries).toHaveLength(1);
    expect(firstDeposit.result.transfer.entries).toHaveLength(3);
    expect(firstDeposit.result.balance).toMatchObject({ main: 300 + 600, savings: 100 + 200 });
    // Later movements change every balance the answers showed.
    await transfer(payer.actor, {
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 1_000,
    });
    await transfer(payee.actor, {
      from_wallet_id: payee.wallet.id,
      to_wallet_id: payer.wallet.id,
      amount: 50,
    });

    expect(await call(harness.client, ledgerRequests.transfer, paid)).toEqual({
      ...firstPaid,
      replayed: true,
    });
    expect(await call(harness.client, ledgerRequests.deposit, deposit)).toEqual({
      ...firstDeposit,
      replayed: true,
    });
    const [item] = (
      await call(harness.client, ledgerRequests.transferBatch, {
        actor: payer.actor,
        transfers: [
          {
            from_wallet_id: paid.from_wallet_id,
            to_wallet_id: paid.to_wallet_id,
            amount: paid.amount,
            description: paid.description,
            metadata: paid.metadata,
            idempotency_key: paid.idempotency_key,
          },
        ],
        atomic: false,
      })
    ).results;
    expect(item).toEqual({ status: 'posted', transfer: firstPaid.result.transfer, replayed: true });
    // What is stored per posting is the balance shown and who saw which entries, not the answer.
    const stored = await harness.database.db
      .selectFrom('idempotency_keys')
      .select('response')
      .where('key', 'in', [paid.idempotency_key, deposit.idempotency_key])
      .execute();
    for (const { response } of stored) {
      expect(response).toMatchObject({ ok: true, posted: expect.any(Object) });
      expect(JSON.stringify(response).length).toBeLessThan(250);
    }
  });

  it('refuses the same key with another body', async () => {
    const { payer, payee } = await fundedPair(1_000);
    const key = newKey('mismatch');
    const base = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      idempotency_key: key,
    };
    await call(harness.client, ledgerRequests.transfer, { ...base, amount: 300 });
    const failure = await failureOf(call(harness.client, ledgerRequests.transfer, { ...base, amount: 301 }));
    expect(failure.code).toBe('idempotency_mismatch');
    const otherOperation = await failureOf(
      call(harness.client, ledgerRequests.withdrawSavings, {
        actor: payer.actor,
        wallet_id: payer.wallet.id,
        amount: 300,
        idempotency_key: key,
      }),
    );
    expect(otherOperation.code).toBe('idempotency_mismatch');
    expect(await walletOf(payer.actor, payer.wallet.id)).toMatchObject({ main: 700 });
  });

  it('scopes keys by caller: two users may use the same key', async () => {
    const one = await fundedPair(1_000);
    const two = await fundedPair(1_000);
    const key = newKey('shared');
    for (const { payer, payee } of [one, two]) {
      const { replayed } = await call(harness.client, ledgerRequests.transfer, {
        actor: payer.actor,
        from_wallet_id: payer.wallet.id,
        to_wallet_id: payee.wallet.id,
        amount: 10,
        idempotency_key: key,
      });
      expect(replayed).toBe(false);
    }
  });

  it('answers a retry of a refused request with the same error, even once the funds are there', async () => {
    const { payer, payee } = await fundedPair(100);
    const request = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: payee.wallet.id,
      amount: 500,
      idempotency_key: newKey('refused'),
    };
    const first = await failureOf(call(harness.client, ledgerRequests.transfer, request));
    expect(first.code).toBe('insufficient_funds');
    await fund(harness, payer.wallet.id, 1_000);
    const again = await failureOf(call(harness.client, ledgerRequests.transfer, request));
    expect(again).toMatchObject({ code: first.code, message: first.message });
    expect(await walletOf(payer.actor, payer.wallet.id)).toMatchObject({ main: 1_100 });
    expect(await walletOf(payee.actor, payee.wallet.id)).toMatchObject({ main: 0 });
  });

  it('stores a not-found recipient too, and replays a success even after the recipient is gone', async () => {
    const { payer, payee } = await fundedPair(1_000);
    const request = {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_user: payee.user.user_name,
      amount: 10,
      idempotency_key: newKey('gone'),
    };
    const first = await call(harness.client, ledgerRequests.transfer, request);
    harness.users.delete(payee.user.id);
    expect(await call(harness.client, ledgerRequests.transfer, request)).toEqual({
      ...first,
      replayed: true,
    });
    const missing = { ...request, idempotency_key: newKey('missing') };
    expect((await failureOf(call(harness.client, ledgerRequests.transfer, missing))).code).toBe(
      'recipient_not_found',
    );
    harness.users.set(payee.user.id, payee.user);
    expect((await failureOf(call(harness.client, ledgerRequests.transfer, missing))).code).toBe(
      'recipient_not_found',
    );
  });

  it('answers idempotency_in_flight to a duplicate while the first request is still being processed', async () => {
    const { payer, payee } = await fundedPair(1_000);
    const request = {
      actor: payer.actor,
      to_user: payee.user.user_name,
      from_wallet_id: payer.wallet.id,
      amount: 10,
      idempotency_key: newKey('busy'),
    };
    // The first request waits for identity to name the recipient: it is in flight.
    const release = harness.holdIdentityAnswers();
    const first = call(harness.client, ledgerRequests.transfer, request);
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      expect((await failureOf(call(harness.client, ledgerRequests.transfer, request))).code).toBe(
        'idempotency_in_flight',
      );
    } finally {
      release();
    }
    expect((await first).replayed).toBe(false);
    expect((await call(harness.client, ledgerRequests.transfer, request)).replayed).toBe(true);
  });
});
