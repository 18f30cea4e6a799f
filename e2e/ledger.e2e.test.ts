import { randomUUID } from 'node:crypto';
import type { Schema } from '@moneypal/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiOf, expectProblem, httpClient, idempotencyKey } from './support/http.js';
import { eventuallyAsync, logIn, type Person, newPerson as register } from './support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let api: Api;
/** For the requests the typed client cannot send: wrong types, unknown fields, a missing header. */
let http: ReturnType<typeof httpClient>;
let adminToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  api = apiOf(system.url);
  http = httpClient(system.url);
  adminToken = await logIn(api, system.admin.email, system.admin.password);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** A new user of this system. */
const newPerson = () => register(api);

async function deposit(walletId: string, amount: number, key = randomUUID(), token = adminToken) {
  return api(token).POST('/v1/wallets/{id}/deposits', {
    params: { path: { id: walletId }, header: idempotencyKey(key) },
    body: { amount, reference: 'bank wire' },
  });
}

async function transfer(
  from: Person,
  body: Omit<Schema<'CreateTransferRequest'>, 'from_wallet_id'>,
  key = randomUUID(),
) {
  return api(from.token).POST('/v1/transfers', {
    params: { header: idempotencyKey(key) },
    body: { from_wallet_id: from.walletId, ...body },
  });
}

function selectPlan(person: Person, planId: string | null) {
  return api(person.token).PUT('/v1/wallets/{id}/savings-plan', {
    params: { path: { id: person.walletId } },
    body: { plan_id: planId },
  });
}

async function walletOf(person: Person, walletId = person.walletId) {
  return (await api(person.token).GET('/v1/wallets/{id}', { params: { path: { id: walletId } } })).data!;
}

describe(`the ledger through the gateway on ${systemLabel}`, () => {
  it('opens a default wallet on registration, with empty main and savings', async () => {
    const person = await newPerson();
    const wallet = await walletOf(person);
    expect(wallet).toMatchObject({
      owner_id: person.id,
      currency: 'USD',
      status: 'active',
      is_default: true,
      main: 0,
      savings: 0,
      available: 0,
    });
  });

  it('credits by back office once per Idempotency-Key and replays the answer', async () => {
    const person = await newPerson();
    const key = randomUUID();
    const first = await deposit(person.walletId, 10_000, key);
    expect(first.response.status).toBe(201);
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    const again = await deposit(person.walletId, 10_000, key);
    expect(again.response.status).toBe(201);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.data?.transfer.id).toBe(first.data!.transfer.id);
    expect((await walletOf(person)).main).toBe(10_000);

    expectProblem(await deposit(person.walletId, 20_000, key), 422, 'idempotency_mismatch');
    expectProblem(await deposit(person.walletId, 1, randomUUID(), person.token), 403, 'forbidden');
  });

  it('transfers to a user by user_name or email and to a wallet, moving exactly the amount', async () => {
    const alice = await newPerson();
    const bob = await newPerson();
    await deposit(alice.walletId, 5_000);

    const byName = await transfer(alice, { to_user: bob.userName, amount: 1_250, description: 'lunch' });
    expect(byName.response.status).toBe(201);
    expect(byName.data?.transfer).toMatchObject({
      amount: 1_250,
      type: 'transfer',
      to_wallet_id: bob.walletId,
    });
    expect(byName.data?.balance.main).toBe(3_750);

    expect((await transfer(alice, { to_user: bob.email.toUpperCase(), amount: 250 })).response.status).toBe(
      201,
    );
    expect((await transfer(alice, { to_wallet_id: bob.walletId, amount: 500 })).response.status).toBe(201);

    expect((await walletOf(alice)).main).toBe(3_000);
    expect((await walletOf(bob)).main).toBe(2_000);
  });

  it('refuses what it must, with the right problem, and moves nothing', async () => {
    const alice = await newPerson();
    const bob = await newPerson();
    await deposit(alice.walletId, 1_000);

    expectProblem(
      await transfer(alice, { to_wallet_id: bob.walletId, amount: 1_001 }),
      422,
      'insufficient_funds',
    );
    const nobody = await transfer(alice, { to_user: 'no_such_user_anywhere', amount: 1 });
    expectProblem(nobody, 404, 'recipient_not_found');
    expect(nobody.error?.errors).toEqual([
      { path: 'to_user', message: 'Nobody has this user name or email.' },
    ]);
    expectProblem(
      await transfer(alice, { to_wallet_id: alice.walletId, amount: 1 }),
      400,
      'validation_failed',
    );
    for (const amount of [0, -1, 1.5, 2 ** 53]) {
      expectProblem(await transfer(alice, { to_wallet_id: bob.walletId, amount }), 400, 'validation_failed');
    }
    const malformed = (body: Record<string, unknown>) =>
      http('/v1/transfers', {
        token: alice.token,
        body: { from_wallet_id: alice.walletId, to_wallet_id: bob.walletId, ...body },
        headers: idempotencyKey(),
      });
    expectProblem(await malformed({ amount: '10' }), 400, 'validation_failed');
    expectProblem(await malformed({ amount: 1, colour: 'red' }), 400, 'validation_failed');
    const noKey = await http('/v1/transfers', {
      token: alice.token,
      body: { from_wallet_id: alice.walletId, to_wallet_id: bob.walletId, amount: 1 },
    });
    expectProblem(noKey, 400, 'validation_failed');

    const euros = await api(bob.token).POST('/v1/wallets', { body: { currency: 'EUR' } });
    expect(euros.response.status).toBe(201);
    expectProblem(
      await transfer(alice, { to_wallet_id: euros.data!.id, amount: 1 }),
      422,
      'currency_mismatch',
    );

    expect((await walletOf(alice)).main).toBe(1_000);
    expect((await walletOf(bob)).main).toBe(0);
  });

  it('keeps two users apart: another user’s wallet and transfer answer 404', async () => {
    const alice = await newPerson();
    const mallory = await newPerson();
    await deposit(alice.walletId, 1_000);
    const paid = await transfer(alice, { to_wallet_id: (await newPerson()).walletId, amount: 100 });

    const asMallory = api(mallory.token);
    const theirs = await asMallory.GET('/v1/wallets/{id}', { params: { path: { id: alice.walletId } } });
    expectProblem(theirs, 404, 'wallet_not_found');
    // Another user's wallet answers exactly as a wallet that does not exist: nothing is revealed.
    const missing = await asMallory.GET('/v1/wallets/{id}', { params: { path: { id: randomUUID() } } });
    const { request_id: _theirs, ...theirsShape } = theirs.error!;
    const { request_id: _missing, ...missingShape } = missing.error!;
    expect(theirsShape).toEqual(missingShape);
    expectProblem(
      await asMallory.GET('/v1/wallets/{id}/balance', { params: { path: { id: alice.walletId } } }),
      404,
      'wallet_not_found',
    );
    expectProblem(
      await asMallory.GET('/v1/transactions/{id}', { params: { path: { id: paid.data!.transfer.id } } }),
      404,
      'not_found',
    );
    expectProblem(
      await asMallory.POST('/v1/transfers', {
        params: { header: idempotencyKey() },
        body: { from_wallet_id: alice.walletId, to_wallet_id: mallory.walletId, amount: 100 },
      }),
      404,
      'wallet_not_found',
    );
    const history = await asMallory.GET('/v1/transactions', {
      params: { query: { wallet_id: alice.walletId } },
    });
    expect(history.response.status === 404 || history.data?.data.length === 0).toBe(true);
    expectProblem(
      await asMallory.GET('/v1/balance', { params: { query: { email: alice.email } } }),
      404,
      'user_not_found',
    );
    expect((await walletOf(alice)).main).toBe(900);
  });

  it('answers the balance as of a past instant after later transfers', async () => {
    const alice = await newPerson();
    const bob = await newPerson();
    await deposit(alice.walletId, 3_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const instant = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await transfer(alice, { to_wallet_id: bob.walletId, amount: 1_000 });

    const balanceAt = (at?: string) =>
      api(alice.token).GET('/v1/wallets/{id}/balance', {
        params: { path: { id: alice.walletId }, query: at === undefined ? {} : { at } },
      });
    const then = await balanceAt(instant);
    expect(then.response.status).toBe(200);
    expect(then.data).toMatchObject({ main: 3_000, as_of: instant });
    const now = await balanceAt();
    expect(now.data?.main).toBe(2_000);
    expectProblem(await balanceAt('yesterday'), 400, 'validation_failed');
  });

  it('lists history newest first with filters and cursor pages, and shows one transfer with its entries', async () => {
    const alice = await newPerson();
    const bob = await newPerson();
    await deposit(alice.walletId, 10_000);
    for (const amount of [100, 200, 300, 400, 500])
      await transfer(alice, { to_wallet_id: bob.walletId, amount });
    await transfer(bob, { to_wallet_id: alice.walletId, amount: 50 });

    const seen: number[] = [];
    const pageAfter = (cursor: string | null) =>
      api(alice.token).GET('/v1/transactions', {
        params: {
          query: { wallet_id: alice.walletId, direction: 'out', limit: 2, ...(cursor ? { cursor } : {}) },
        },
      });
    let cursor: string | null = null;
    do {
      const page = await pageAfter(cursor);
      expect(page.response.status).toBe(200);
      seen.push(...page.data!.data.map((item) => item.amount));
      cursor = page.data!.next_cursor;
    } while (cursor);
    expect(seen).toEqual([500, 400, 300, 200, 100]);

    const incoming = await api(alice.token).GET('/v1/transactions', {
      params: { query: { wallet_id: alice.walletId, direction: 'in', type: 'transfer' } },
    });
    expect(incoming.data?.data.map((item) => item.amount)).toEqual([50]);
    const ranged = await api(alice.token).GET('/v1/transactions', {
      params: { query: { wallet_id: alice.walletId, min_amount: 200, max_amount: 400 } },
    });
    expect(ranged.data?.data.map((item) => item.amount)).toEqual([400, 300, 200]);

    const transactionAs = (token: string) =>
      api(token).GET('/v1/transactions/{id}', { params: { path: { id: incoming.data!.data[0]!.id } } });
    const detail = await transactionAs(bob.token);
    expect(detail.response.status).toBe(200);
    // Bob reads his own entry only; an admin reads all of them, and they sum to zero.
    expect(detail.data?.entries).toEqual([expect.objectContaining({ wallet_id: bob.walletId, amount: -50 })]);
    const whole = await transactionAs(adminToken);
    const entries = whole.data!.entries!;
    expect(entries).toHaveLength(2);
    expect(entries.reduce((sum, entry) => sum + entry.amount, 0)).toBe(0);
  });

  it('puts part of every credit aside by the selected savings plan, and moves savings back to main', async () => {
    const plan = await api(adminToken).POST('/v1/savings-plans', {
      body: { name: `Tenth ${randomUUID().slice(0, 8)}`, kind: 'percentage', value: 1_000 },
    });
    expect(plan.response.status).toBe(201);
    const saver = await newPerson();
    const selected = await selectPlan(saver, plan.data!.id);
    expect(selected.response.status).toBe(200);
    await deposit(saver.walletId, 1_005);
    expect(await walletOf(saver)).toMatchObject({ main: 905, savings: 100 });

    const withdraw = (amount: number) =>
      api(saver.token).POST('/v1/wallets/{id}/savings/withdraw', {
        params: { path: { id: saver.walletId }, header: idempotencyKey() },
        body: { amount },
      });
    const withdrawn = await withdraw(60);
    expect(withdrawn.response.status).toBe(201);
    expect(await walletOf(saver)).toMatchObject({ main: 965, savings: 40 });
    expectProblem(await withdraw(41), 422, 'insufficient_funds');
  });

  it('refuses a credit not larger than a flat savings amount, and lists the catalogues to users', async () => {
    const flat = await api(adminToken).POST('/v1/savings-plans', {
      body: { name: `Flat ${randomUUID().slice(0, 8)}`, kind: 'flat', value: 500 },
    });
    expect(flat.response.status).toBe(201);
    const saver = await newPerson();
    await selectPlan(saver, flat.data!.id);
    expectProblem(await deposit(saver.walletId, 500), 422, 'credit_not_above_savings');
    expect((await deposit(saver.walletId, 501)).response.status).toBe(201);
    expect(await walletOf(saver)).toMatchObject({ main: 1, savings: 500 });

    const cleared = await selectPlan(saver, null);
    expect(cleared.data?.savings_plan_id).toBeNull();
    expect((await deposit(saver.walletId, 100)).response.status).toBe(201);
    expect(await walletOf(saver)).toMatchObject({ main: 101, savings: 500 });

    const plans = await api(saver.token).GET('/v1/savings-plans');
    expect(plans.data?.data.map((plan) => plan.id)).toContain(flat.data!.id);
    const types = await api(saver.token).GET('/v1/wallet-types');
    expect(types.data?.data.map((type) => type.code)).toEqual(
      expect.arrayContaining(['personal', 'business']),
    );
    expectProblem(
      await api(saver.token).POST('/v1/savings-plans', { body: { name: 'Mine', kind: 'flat', value: 1 } }),
      403,
      'forbidden',
    );
    expectProblem(
      await api(adminToken).POST('/v1/savings-plans', {
        body: { name: 'Too much', kind: 'percentage', value: 10_001 },
      }),
      400,
      'validation_failed',
    );
  });

  it('enforces transaction rules set by an admin', async () => {
    const type = `rules${Date.now().toString(36)}`.slice(0, 30);
    expect(
      (await api(adminToken).POST('/v1/wallet-types', { body: { code: type, name: 'Rule-bound' } })).response
        .status,
    ).toBe(201);
    const rule = await api(adminToken).POST('/v1/transaction-rules', {
      body: { wallet_type: type, transaction_type: 'transfer', max_amount: 500, daily_count: 2 },
    });
    expect(rule.response.status).toBe(200);
    expect(rule.data).toMatchObject({
      wallet_type: type,
      max_amount: 500,
      daily_count: 2,
      daily_total: null,
    });
    const alice = await newPerson();
    const bob = await newPerson();
    const bound = await api(alice.token).POST('/v1/wallets', { body: { currency: 'USD', type } });
    expect(bound.response.status).toBe(201);
    await deposit(bound.data!.id, 5_000);
    const from = { ...alice, walletId: bound.data!.id };
    expectProblem(await transfer(from, { to_wallet_id: bob.walletId, amount: 501 }), 422, 'limit_exceeded');
    expect((await transfer(from, { to_wallet_id: bob.walletId, amount: 500 })).response.status).toBe(201);
    expect((await transfer(from, { to_wallet_id: bob.walletId, amount: 500 })).response.status).toBe(201);
    expectProblem(await transfer(from, { to_wallet_id: bob.walletId, amount: 1 }), 422, 'limit_exceeded');
    expectProblem(await api(alice.token).GET('/v1/transaction-rules'), 403, 'forbidden');
  });

  it('answers a balance by email to its owner and to an admin', async () => {
    const person = await newPerson();
    await deposit(person.walletId, 777);
    const own = await api(person.token).GET('/v1/balance', { params: { query: { email: person.email } } });
    expect(own.response.status).toBe(200);
    expect(own.data).toEqual({ email: person.email, balance: 777, currency: 'USD' });
    const byAdmin = await api(adminToken).GET('/v1/balance', {
      params: { query: { email: person.email.toUpperCase() } },
    });
    expect(byAdmin.data?.balance).toBe(777);
  });

  it('freezes the wallets of a deleted user', async () => {
    const leaver = await newPerson();
    const stayer = await newPerson();
    await deposit(stayer.walletId, 1_000);
    await deposit(leaver.walletId, 10);
    const deleted = await api(leaver.token).DELETE('/v1/users/me', {
      body: { password: 'a long enough password' },
    });
    expect(deleted.response.status).toBe(204);
    await eventuallyAsync(async () => {
      const wallet = await api(adminToken).GET('/v1/wallets/{id}', {
        params: { path: { id: leaver.walletId } },
      });
      return wallet.data?.status === 'frozen' ? true : undefined;
    });
    expectProblem(await transfer(stayer, { to_wallet_id: leaver.walletId, amount: 1 }), 422, 'wallet_frozen');
  });

  it('posts a batch of transfers with one outcome each, replays it, and posts an atomic batch whole or not at all', async () => {
    const payer = await newPerson();
    const payee = await newPerson();
    const stranger = await newPerson();
    await deposit(payer.walletId, 1_000);
    await deposit(stranger.walletId, 1_000);
    const batch = (transfers: Schema<'CreateTransferBatchItem'>[], atomic?: boolean) =>
      api(payer.token).POST('/v1/transfers/batch', {
        body: { transfers, ...(atomic === undefined ? {} : { atomic }) },
      });
    const items = [
      {
        from_wallet_id: payer.walletId,
        to_wallet_id: payee.walletId,
        amount: 300,
        idempotency_key: randomUUID(),
      },
      { from_wallet_id: payer.walletId, to_user: payee.userName, amount: 200, idempotency_key: randomUUID() },
      {
        from_wallet_id: stranger.walletId,
        to_wallet_id: payee.walletId,
        amount: 1,
        idempotency_key: randomUUID(),
      },
      {
        from_wallet_id: payer.walletId,
        to_wallet_id: payee.walletId,
        amount: 9_999,
        idempotency_key: randomUUID(),
      },
    ];
    const first = await batch(items);
    expect(first.response.status).toBe(200);
    const codes = (answer: Awaited<ReturnType<typeof batch>>) =>
      answer.data?.results.map((result) => (result.status === 'posted' ? 'posted' : result.error.code));
    expect(codes(first)).toEqual(['posted', 'posted', 'wallet_not_found', 'insufficient_funds']);
    const again = await batch(items);
    expect(again.data?.results[0]).toEqual({ ...first.data!.results[0], replayed: true });
    expect(codes(again)).toEqual(codes(first));
    expect((await walletOf(payee)).main).toBe(500);

    const atomic = [
      {
        from_wallet_id: payer.walletId,
        to_wallet_id: payee.walletId,
        amount: 400,
        idempotency_key: randomUUID(),
      },
      {
        from_wallet_id: payer.walletId,
        to_wallet_id: payee.walletId,
        amount: 400,
        idempotency_key: randomUUID(),
      },
    ];
    const refused = await batch(atomic, true);
    expect(codes(refused)).toEqual(['batch_failed', 'insufficient_funds']);
    expect((await walletOf(payer)).main).toBe(500);
    await deposit(payer.walletId, 300);
    const posted = await batch(atomic, true);
    expect(codes(posted)).toEqual(['posted', 'posted']);
    expect((await walletOf(payer)).main).toBe(0);
    expect((await walletOf(payee)).main).toBe(1_300);
    expectProblem(await batch([]), 400, 'validation_failed');
  });

  it('lets an admin freeze, unfreeze and close a wallet, and nobody else', async () => {
    const owner = await newPerson();
    const other = await newPerson();
    await deposit(owner.walletId, 600);
    const setStatus = (walletId: string, body: Schema<'ChangeWalletStatusRequest'>, token = adminToken) =>
      api(token).PATCH('/v1/wallets/{id}', { params: { path: { id: walletId } }, body });
    const malformedStatus = (body: Record<string, unknown>) =>
      http(`/v1/wallets/${owner.walletId}`, { method: 'PATCH', token: adminToken, body });

    expectProblem(
      await setStatus(owner.walletId, { status: 'frozen', reason: 'mine' }, owner.token),
      403,
      'forbidden',
    );
    expectProblem(
      await setStatus(randomUUID(), { status: 'frozen', reason: 'unknown' }),
      404,
      'wallet_not_found',
    );
    expectProblem(await malformedStatus({ status: 'frozen' }), 400, 'validation_failed');
    expectProblem(
      await malformedStatus({ status: 'frozen', reason: 'r', extra: 1 }),
      400,
      'validation_failed',
    );
    expect(await walletOf(owner)).toMatchObject({ status: 'active', available: 600 });

    const frozen = await setStatus(owner.walletId, { status: 'frozen', reason: 'dispute 17' });
    expect(frozen.response.status).toBe(200);
    expect(frozen.data).toEqual(await walletOf(owner));
    expect(frozen.data).toMatchObject({ status: 'frozen', main: 600, available: 0 });
    expectProblem(await transfer(owner, { to_wallet_id: other.walletId, amount: 10 }), 422, 'wallet_frozen');
    await deposit(other.walletId, 100);
    expectProblem(await transfer(other, { to_wallet_id: owner.walletId, amount: 10 }), 422, 'wallet_frozen');
    expectProblem(await setStatus(owner.walletId, { status: 'closed', reason: 'done' }), 409, 'conflict');

    expect(
      (await setStatus(owner.walletId, { status: 'active', reason: 'dispute settled' })).response.status,
    ).toBe(200);
    expect((await transfer(owner, { to_wallet_id: other.walletId, amount: 600 })).response.status).toBe(201);
    const closed = await setStatus(owner.walletId, { status: 'closed', reason: 'owner asked' });
    expect(closed.data).toMatchObject({ status: 'closed', main: 0 });
    expectProblem(await setStatus(owner.walletId, { status: 'active', reason: 'reopen' }), 409, 'conflict');
  });

  it('keeps every ledger invariant after all of the above', async () => {
    const verdict = await system.verifyLedger();
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
    expect(verdict.ok).toBe(true);
  });
});
