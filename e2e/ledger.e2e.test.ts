import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient } from './support/http.js';
import { eventuallyAsync, type Person, newPerson as register } from './support/people.js';
import { startTestSystem, systemLabel, type TestSystem } from './support/system.js';

let system: TestSystem;
let http: ReturnType<typeof httpClient>;
let adminToken: string;

beforeAll(async () => {
  system = await startTestSystem();
  http = httpClient(system.url);
  const login = await http('/v1/auth/login', {
    body: { login: system.admin.email, password: system.admin.password },
  });
  adminToken = login.body.access_token;
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

/** A new user of this system. */
const newPerson = () => register(http);

async function deposit(walletId: string, amount: number, key = randomUUID()) {
  return http(`/v1/wallets/${walletId}/deposits`, {
    token: adminToken,
    body: { amount, reference: 'bank wire' },
    headers: { 'idempotency-key': key },
  });
}

async function transfer(from: Person, body: Record<string, unknown>, key = randomUUID()) {
  return http('/v1/transfers', {
    token: from.token,
    body: { from_wallet_id: from.walletId, ...body },
    headers: { 'idempotency-key': key },
  });
}

async function walletOf(person: Person, walletId = person.walletId) {
  return (await http(`/v1/wallets/${walletId}`, { token: person.token })).body;
}

function expectProblem(
  answer: { status: number; body: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ status, code });
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
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await deposit(person.walletId, 10_000, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.transfer.id).toBe(first.body.transfer.id);
    expect((await walletOf(person)).main).toBe(10_000);

    expectProblem(await deposit(person.walletId, 20_000, key), 422, 'idempotency_mismatch');
    expectProblem(
      await http(`/v1/wallets/${person.walletId}/deposits`, {
        token: person.token,
        body: { amount: 1, reference: 'x' },
        headers: { 'idempotency-key': randomUUID() },
      }),
      403,
      'forbidden',
    );
  });

  it('transfers to a user by user_name or email and to a wallet, moving exactly the amount', async () => {
    const alice = await newPerson();
    const bob = await newPerson();
    await deposit(alice.walletId, 5_000);

    const byName = await transfer(alice, { to_user: bob.userName, amount: 1_250, description: 'lunch' });
    expect(byName.status).toBe(201);
    expect(byName.body.transfer).toMatchObject({
      amount: 1_250,
      type: 'transfer',
      to_wallet_id: bob.walletId,
    });
    expect(byName.body.balance.main).toBe(3_750);

    expect((await transfer(alice, { to_user: bob.email.toUpperCase(), amount: 250 })).status).toBe(201);
    expect((await transfer(alice, { to_wallet_id: bob.walletId, amount: 500 })).status).toBe(201);

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
    expect(nobody.body.errors).toEqual([{ path: 'to_user', message: 'Nobody has this user name or email.' }]);
    expectProblem(
      await transfer(alice, { to_wallet_id: alice.walletId, amount: 1 }),
      400,
      'validation_failed',
    );
    for (const amount of [0, -1, 1.5, '10', 2 ** 53]) {
      expectProblem(await transfer(alice, { to_wallet_id: bob.walletId, amount }), 400, 'validation_failed');
    }
    expectProblem(
      await transfer(alice, { to_wallet_id: bob.walletId, amount: 1, colour: 'red' }),
      400,
      'validation_failed',
    );
    const noKey = await http('/v1/transfers', {
      token: alice.token,
      body: { from_wallet_id: alice.walletId, to_wallet_id: bob.walletId, amount: 1 },
    });
    expectProblem(noKey, 400, 'validation_failed');

    const euros = await http('/v1/wallets', { token: bob.token, body: { currency: 'EUR' } });
    expect(euros.status).toBe(201);
    expectProblem(
      await transfer(alice, { to_wallet_id: euros.body.id, amount: 1 }),
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

    const theirs = await http(`/v1/wallets/${alice.walletId}`, { token: mallory.token });
    expectProblem(theirs, 404, 'wallet_not_found');
    // Another user's wallet answers exactly as a wallet that does not exist: nothing is revealed.
    const missing = await http(`/v1/wallets/${randomUUID()}`, { token: mallory.token });
    const { request_id: _theirs, ...theirsShape } = theirs.body;
    const { request_id: _missing, ...missingShape } = missing.body;
    expect(theirsShape).toEqual(missingShape);
    expectProblem(
      await http(`/v1/wallets/${alice.walletId}/balance`, { token: mallory.token }),
      404,
      'wallet_not_found',
    );
    expectProblem(
      await http(`/v1/transactions/${paid.body.transfer.id}`, { token: mallory.token }),
      404,
      'not_found',
    );
    expectProblem(
      await http('/v1/transfers', {
        token: mallory.token,
        body: { from_wallet_id: alice.walletId, to_wallet_id: mallory.walletId, amount: 100 },
        headers: { 'idempotency-key': randomUUID() },
      }),
      404,
      'wallet_not_found',
    );
    const history = await http(`/v1/transactions?wallet_id=${alice.walletId}`, { token: mallory.token });
    expect(history.status === 404 || history.body.data?.length === 0).toBe(true);
    expectProblem(
      await http(`/v1/balance?email=${encodeURIComponent(alice.email)}`, { token: mallory.token }),
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

    const then = await http(`/v1/wallets/${alice.walletId}/balance?at=${encodeURIComponent(instant)}`, {
      token: alice.token,
    });
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({ main: 3_000, as_of: instant });
    const now = await http(`/v1/wallets/${alice.walletId}/balance`, { token: alice.token });
    expect(now.body.main).toBe(2_000);
    expectProblem(
      await http(`/v1/wallets/${alice.walletId}/balance?at=yesterday`, { token: alice.token }),
      400,
      'validation_failed',
    );
  });

  it('lists history newest first with filters and cursor pages, and shows one transfer with its entries', async () => {
    const alice = await newPerson();
    const bob = await newPerson();
    await deposit(alice.walletId, 10_000);
    for (const amount of [100, 200, 300, 400, 500])
      await transfer(alice, { to_wallet_id: bob.walletId, amount });
    await transfer(bob, { to_wallet_id: alice.walletId, amount: 50 });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({
        wallet_id: alice.walletId,
        direction: 'out',
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      const page = await http(`/v1/transactions?${query}`, { token: alice.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((item: { amount: number }) => item.amount));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([500, 400, 300, 200, 100]);

    const incoming = await http(`/v1/transactions?wallet_id=${alice.walletId}&direction=in&type=transfer`, {
      token: alice.token,
    });
    expect(incoming.body.data.map((item: { amount: number }) => item.amount)).toEqual([50]);
    const ranged = await http(`/v1/transactions?wallet_id=${alice.walletId}&min_amount=200&max_amount=400`, {
      token: alice.token,
    });
    expect(ranged.body.data.map((item: { amount: number }) => item.amount)).toEqual([400, 300, 200]);

    const detail = await http(`/v1/transactions/${incoming.body.data[0].id}`, { token: bob.token });
    expect(detail.status).toBe(200);
    // Bob reads his own entry only; an admin reads all of them, and they sum to zero.
    expect(detail.body.entries).toEqual([expect.objectContaining({ wallet_id: bob.walletId, amount: -50 })]);
    const whole = await http(`/v1/transactions/${incoming.body.data[0].id}`, { token: adminToken });
    const entries = whole.body.entries as { amount: number }[];
    expect(entries).toHaveLength(2);
    expect(entries.reduce((sum, entry) => sum + entry.amount, 0)).toBe(0);
  });

  it('puts part of every credit aside by the selected savings plan, and moves savings back to main', async () => {
    const plan = await http('/v1/savings-plans', {
      token: adminToken,
      body: { name: `Tenth ${randomUUID().slice(0, 8)}`, kind: 'percentage', value: 1_000 },
    });
    expect(plan.status).toBe(201);
    const saver = await newPerson();
    const selected = await http(`/v1/wallets/${saver.walletId}/savings-plan`, {
      method: 'PUT',
      token: saver.token,
      body: { plan_id: plan.body.id },
    });
    expect(selected.status).toBe(200);
    await deposit(saver.walletId, 1_005);
    expect(await walletOf(saver)).toMatchObject({ main: 905, savings: 100 });

    const withdrawn = await http(`/v1/wallets/${saver.walletId}/savings/withdraw`, {
      token: saver.token,
      body: { amount: 60 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(withdrawn.status).toBe(201);
    expect(await walletOf(saver)).toMatchObject({ main: 965, savings: 40 });
    expectProblem(
      await http(`/v1/wallets/${saver.walletId}/savings/withdraw`, {
        token: saver.token,
        body: { amount: 41 },
        headers: { 'idempotency-key': randomUUID() },
      }),
      422,
      'insufficient_funds',
    );
  });

  it('refuses a credit not larger than a flat savings amount, and lists the catalogues to users', async () => {
    const flat = await http('/v1/savings-plans', {
      token: adminToken,
      body: { name: `Flat ${randomUUID().slice(0, 8)}`, kind: 'flat', value: 500 },
    });
    expect(flat.status).toBe(201);
    const saver = await newPerson();
    await http(`/v1/wallets/${saver.walletId}/savings-plan`, {
      method: 'PUT',
      token: saver.token,
      body: { plan_id: flat.body.id },
    });
    expectProblem(await deposit(saver.walletId, 500), 422, 'credit_not_above_savings');
    expect((await deposit(saver.walletId, 501)).status).toBe(201);
    expect(await walletOf(saver)).toMatchObject({ main: 1, savings: 500 });

    const cleared = await http(`/v1/wallets/${saver.walletId}/savings-plan`, {
      method: 'PUT',
      token: saver.token,
      body: { plan_id: null },
    });
    expect(cleared.body.savings_plan_id).toBeNull();
    expect((await deposit(saver.walletId, 100)).status).toBe(201);
    expect(await walletOf(saver)).toMatchObject({ main: 101, savings: 500 });

    const plans = await http('/v1/savings-plans', { token: saver.token });
    expect(plans.body.data.map((plan: { id: string }) => plan.id)).toContain(flat.body.id);
    const types = await http('/v1/wallet-types', { token: saver.token });
    expect(types.body.data.map((type: { code: string }) => type.code)).toEqual(
      expect.arrayContaining(['personal', 'business']),
    );
    expectProblem(
      await http('/v1/savings-plans', { token: saver.token, body: { name: 'Mine', kind: 'flat', value: 1 } }),
      403,
      'forbidden',
    );
    expectProblem(
      await http('/v1/savings-plans', {
        token: adminToken,
        body: { name: 'Too much', kind: 'percentage', value: 10_001 },
      }),
      400,
      'validation_failed',
    );
  });

  it('enforces transaction rules set by an admin', async () => {
    const type = `rules${Date.now().toString(36)}`.slice(0, 30);
    expect(
      (await http('/v1/wallet-types', { token: adminToken, body: { code: type, name: 'Rule-bound' } }))
        .status,
    ).toBe(201);
    const rule = await http('/v1/transaction-rules', {
      token: adminToken,
      body: { wallet_type: type, transaction_type: 'transfer', max_amount: 500, daily_count: 2 },
    });
    expect(rule.status).toBe(200);
    expect(rule.body).toMatchObject({
      wallet_type: type,
      max_amount: 500,
      daily_count: 2,
      daily_total: null,
    });
    const alice = await newPerson();
    const bob = await newPerson();
    const bound = await http('/v1/wallets', { token: alice.token, body: { currency: 'USD', type } });
    expect(bound.status).toBe(201);
    await deposit(bound.body.id, 5_000);
    const from = { ...alice, walletId: bound.body.id };
    expectProblem(await transfer(from, { to_wallet_id: bob.walletId, amount: 501 }), 422, 'limit_exceeded');
    expect((await transfer(from, { to_wallet_id: bob.walletId, amount: 500 })).status).toBe(201);
    expect((await transfer(from, { to_wallet_id: bob.walletId, amount: 500 })).status).toBe(201);
    expectProblem(await transfer(from, { to_wallet_id: bob.walletId, amount: 1 }), 422, 'limit_exceeded');
    expectProblem(await http('/v1/transaction-rules', { token: alice.token }), 403, 'forbidden');
  });

  it('answers a balance by email to its owner and to an admin', async () => {
    const person = await newPerson();
    await deposit(person.walletId, 777);
    const own = await http(`/v1/balance?email=${encodeURIComponent(person.email)}`, { token: person.token });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ email: person.email, balance: 777, currency: 'USD' });
    const byAdmin = await http(`/v1/balance?email=${encodeURIComponent(person.email.toUpperCase())}`, {
      token: adminToken,
    });
    expect(byAdmin.body.balance).toBe(777);
  });

  it('freezes the wallets of a deleted user', async () => {
    const leaver = await newPerson();
    const stayer = await newPerson();
    await deposit(stayer.walletId, 1_000);
    await deposit(leaver.walletId, 10);
    const deleted = await http('/v1/users/me', {
      method: 'DELETE',
      token: leaver.token,
      body: { password: 'a long enough password' },
    });
    expect(deleted.status).toBe(204);
    await eventuallyAsync(async () => {
      const wallet = await http(`/v1/wallets/${leaver.walletId}`, { token: adminToken });
      return wallet.body.status === 'frozen' ? true : undefined;
    });
    expectProblem(await transfer(stayer, { to_wallet_id: leaver.walletId, amount: 1 }), 422, 'wallet_frozen');
  });

  it('posts a batch of transfers with one outcome each, replays it, and posts an atomic batch whole or not at all', async () => {
    const payer = await newPerson();
    const payee = await newPerson();
    const stranger = await newPerson();
    await deposit(payer.walletId, 1_000);
    await deposit(stranger.walletId, 1_000);
    const batch = (transfers: Record<string, unknown>[], atomic?: boolean) =>
      http('/v1/transfers/batch', {
        token: payer.token,
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
    expect(first.status).toBe(200);
    const codes = (results: { status: string; error?: { code: string } }[]) =>
      results.map((result) => (result.status === 'posted' ? 'posted' : result.error?.code));
    expect(codes(first.body.results)).toEqual(['posted', 'posted', 'wallet_not_found', 'insufficient_funds']);
    const again = await batch(items);
    expect(again.body.results[0]).toEqual({ ...first.body.results[0], replayed: true });
    expect(codes(again.body.results)).toEqual(codes(first.body.results));
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
    expect(codes(refused.body.results)).toEqual(['batch_failed', 'insufficient_funds']);
    expect((await walletOf(payer)).main).toBe(500);
    await deposit(payer.walletId, 300);
    const posted = await batch(atomic, true);
    expect(codes(posted.body.results)).toEqual(['posted', 'posted']);
    expect((await walletOf(payer)).main).toBe(0);
    expect((await walletOf(payee)).main).toBe(1_300);
    expectProblem(await batch([]), 400, 'validation_failed');
  });

  it('lets an admin freeze, unfreeze and close a wallet, and nobody else', async () => {
    const owner = await newPerson();
    const other = await newPerson();
    await deposit(owner.walletId, 600);
    const setStatus = (walletId: string, body: Record<string, unknown>, token = adminToken) =>
      http(`/v1/wallets/${walletId}`, { method: 'PATCH', token, body });

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
    expectProblem(await setStatus(owner.walletId, { status: 'frozen' }), 400, 'validation_failed');
    expectProblem(
      await setStatus(owner.walletId, { status: 'frozen', reason: 'r', extra: 1 }),
      400,
      'validation_failed',
    );
    expect(await walletOf(owner)).toMatchObject({ status: 'active', available: 600 });

    const frozen = await setStatus(owner.walletId, { status: 'frozen', reason: 'dispute 17' });
    expect(frozen.status).toBe(200);
    expect(frozen.body).toEqual(await walletOf(owner));
    expect(frozen.body).toMatchObject({ status: 'frozen', main: 600, available: 0 });
    expectProblem(await transfer(owner, { to_wallet_id: other.walletId, amount: 10 }), 422, 'wallet_frozen');
    await deposit(other.walletId, 100);
    expectProblem(await transfer(other, { to_wallet_id: owner.walletId, amount: 10 }), 422, 'wallet_frozen');
    expectProblem(await setStatus(owner.walletId, { status: 'closed', reason: 'done' }), 409, 'conflict');

    expect((await setStatus(owner.walletId, { status: 'active', reason: 'dispute settled' })).status).toBe(
      200,
    );
    expect((await transfer(owner, { to_wallet_id: other.walletId, amount: 600 })).status).toBe(201);
    const closed = await setStatus(owner.walletId, { status: 'closed', reason: 'owner asked' });
    expect(closed.body).toMatchObject({ status: 'closed', main: 0 });
    expectProblem(await setStatus(owner.walletId, { status: 'active', reason: 'reopen' }), 409, 'conflict');
  });

  it('keeps every ledger invariant after all of the above', async () => {
    const verdict = await system.verifyLedger();
    expect(verdict.checks.filter((check) => check.violations > 0)).toEqual([]);
    expect(verdict.ok).toBe(true);
  });
});
