import { type Actor, ledgerRequests, type Transfer } from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { newUser, testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  failureOf,
  fund,
  type LedgerHarness,
  newKey,
  startHarness,
  type TestUser,
} from './ledger-harness.js';

let harness: LedgerHarness;
let ada: TestUser;
let grace: TestUser;
let alan: TestUser;

const userNamed = (first: string, last: string, userName: string) =>
  harness.createUser(
    newUser({ user_name: `${userName}${Date.now()}` }, { now: harness.clock.now(), name: { first, last } }),
  );

const send = (from: TestUser, to: TestUser, amount: number, description?: string) =>
  call(harness.client, ledgerRequests.transfer, {
    actor: from.actor,
    from_wallet_id: from.wallet.id,
    to_wallet_id: to.wallet.id,
    amount,
    ...(description === undefined ? {} : { description }),
    idempotency_key: newKey('statement'),
  });

const statementOf = (actor: Actor, walletId: string, from: string, to: string) =>
  call(harness.client, ledgerRequests.getStatement, { actor, wallet_id: walletId, from, to });

const balanceAt = (person: TestUser, at?: string) =>
  call(harness.client, ledgerRequests.getWalletBalance, {
    actor: person.actor,
    wallet_id: person.wallet.id,
    ...(at === undefined ? {} : { at }),
  });

const history = async (actor: Actor, filters: Record<string, unknown>): Promise<Transfer[]> =>
  (await call(harness.client, ledgerRequests.listTransactions, { actor, limit: 100, ...filters } as never))
    .data;

/** Moves the test clock to an instant (never backwards). */
function moveClockTo(instant: string): void {
  const step = Date.parse(instant) - harness.clock.now().getTime();
  if (step < 0) throw new Error(`the clock is past ${instant}`);
  harness.clock.advance(step);
}

beforeAll(async () => {
  harness = await startHarness();
  // The harness clock starts at 2030-01-01T00:00:00Z.
  ada = await userNamed('Ada', 'Lovelace', 'ada');
  grace = await userNamed('Grace', 'Hopper', 'grace');
  alan = await userNamed('Alan', 'Turing', 'alan');
  moveClockTo('2030-01-10T12:00:00.000Z');
  await fund(harness, ada.wallet.id, 10_000); // January: +10,000
  moveClockTo('2030-01-20T09:30:00.000Z');
  await send(ada, grace, 2_500, 'Rent share 50%_off'); // January: -2,500
  // The last instant of January, and the first of February, each carry one movement.
  moveClockTo('2030-01-31T23:59:59.999Z');
  await send(grace, ada, 700, 'Dinner'); // January: +700
  moveClockTo('2030-02-01T00:00:00.000Z');
  await send(ada, alan, 1_200, 'Books'); // February: -1,200
  moveClockTo('2030-02-14T08:00:00.000Z');
  await send(alan, ada, 300, 'Coffee'); // February: +300
  // March has nothing; April one more movement.
  moveClockTo('2030-04-02T10:00:00.000Z');
  await send(ada, grace, 100, 'Flowers');
});

afterAll(async () => {
  await harness.close();
});

describe(`a wallet's statement on ${testDatabaseLabel}`, () => {
  it('opens at the balance before the month, lists every movement with its running balance, and closes at the sum', async () => {
    const january = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2030-01-01T00:00:00Z',
      '2030-02-01T00:00:00Z',
    );
    expect(january).toMatchObject({
      wallet: {
        id: ada.wallet.id,
        currency: 'USD',
        owner_id: ada.user.id,
        owner_name: 'Ada Lovelace',
        owner_handle: ada.user.user_name,
      },
      from: '2030-01-01T00:00:00.000Z',
      to: '2030-02-01T00:00:00.000Z',
      opening_balance: 0,
      closing_balance: 8_200,
      total_in: 10_700,
      total_out: 2_500,
    });
    expect(january.movements.map((movement) => [movement.amount, movement.balance_after])).toEqual([
      [10_000, 10_000],
      [-2_500, 7_500],
      [700, 8_200],
    ]);
    // Counterparties are named; the other wallet's entries (and so its balance) are not carried.
    expect(january.movements[1]?.transfer).toMatchObject({
      to_name: 'Grace Hopper',
      description: 'Rent share 50%_off',
    });
    expect(january.movements[2]?.transfer).toMatchObject({
      from_name: 'Grace Hopper',
      to_name: 'Ada Lovelace',
    });
    expect(january.movements.every((movement) => movement.transfer.entries === undefined)).toBe(true);
  });

  it('agrees with the balance the wallet answers as of each end of the period, and now', async () => {
    const february = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2030-02-01T00:00:00Z',
      '2030-03-01T00:00:00Z',
    );
    expect(february).toMatchObject({
      opening_balance: 8_200,
      closing_balance: 7_300,
      total_in: 300,
      total_out: 1_200,
    });
    expect((await balanceAt(ada, '2030-01-31T23:59:59.999Z')).main).toBe(february.opening_balance);
    expect((await balanceAt(ada, '2030-02-28T23:59:59.999Z')).main).toBe(february.closing_balance);
    const everything = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2029-12-01T00:00:00Z',
      '2030-12-01T00:00:00Z',
    );
    expect(everything.closing_balance).toBe((await balanceAt(ada)).main);
    expect(everything.closing_balance).toBe(
      everything.opening_balance + everything.movements.reduce((sum, movement) => sum + movement.amount, 0),
    );
    expect(everything.total_in - everything.total_out).toBe(
      everything.closing_balance - everything.opening_balance,
    );
  });

  it('puts a movement at the last millisecond of a month in that month, and one at UTC midnight in the next', async () => {
    const january = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2030-01-01T00:00:00Z',
      '2030-02-01T00:00:00Z',
    );
    const february = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2030-02-01T00:00:00Z',
      '2030-03-01T00:00:00Z',
    );
    expect(january.movements.at(-1)?.transfer.created_at).toBe('2030-01-31T23:59:59.999Z');
    expect(february.movements[0]?.transfer.created_at).toBe('2030-02-01T00:00:00.000Z');
    expect(february.movements[0]?.amount).toBe(-1_200);
    // A period given with an offset is the same instants: midnight in Paris is 23:00 UTC.
    const shifted = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2030-02-01T00:00:00+01:00',
      '2030-03-01T00:00:00+01:00',
    );
    expect(shifted.from).toBe('2030-01-31T23:00:00.000Z');
    expect(shifted.movements.map((movement) => movement.amount)).toEqual([700, -1_200, 300]);
  });

  it('answers a month with nothing with no movements and the balance carried through', async () => {
    const march = await statementOf(ada.actor, ada.wallet.id, '2030-03-01T00:00:00Z', '2030-04-01T00:00:00Z');
    expect(march).toMatchObject({
      opening_balance: 7_300,
      closing_balance: 7_300,
      total_in: 0,
      total_out: 0,
      movements: [],
    });
    const before = await statementOf(
      ada.actor,
      ada.wallet.id,
      '2029-11-01T00:00:00Z',
      '2029-12-01T00:00:00Z',
    );
    expect(before).toMatchObject({ opening_balance: 0, closing_balance: 0, movements: [] });
  });

  it("answers wallet_not_found for another user's wallet, and lets an admin read it", async () => {
    const period = ['2030-01-01T00:00:00Z', '2030-02-01T00:00:00Z'] as const;
    expect((await failureOf(statementOf(grace.actor, ada.wallet.id, ...period))).code).toBe(
      'wallet_not_found',
    );
    expect((await failureOf(statementOf(grace.actor, crypto.randomUUID(), ...period))).code).toBe(
      'wallet_not_found',
    );
    expect((await statementOf(harness.admin, ada.wallet.id, ...period)).closing_balance).toBe(8_200);
  });

  it('refuses a period that ends before it starts or lasts more than 366 days', async () => {
    for (const [from, to] of [
      ['2030-02-01T00:00:00Z', '2030-01-01T00:00:00Z'],
      ['2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z'],
      ['2030-01-01T00:00:00Z', '2031-01-03T00:00:00Z'],
    ] as const) {
      const failure = await failureOf(statementOf(ada.actor, ada.wallet.id, from, to));
      expect(failure.code, `${from} ${to}`).toBe('validation_failed');
    }
  });
});

describe(`history search on ${testDatabaseLabel}`, () => {
  const amounts = (transfers: Transfer[]) => transfers.map((transfer) => transfer.amount);

  it('finds the transfers with a person by words of their name or user name, case-insensitively', async () => {
    expect(amounts(await history(ada.actor, { counterparty: 'grace' }))).toEqual([100, 700, 2_500]);
    expect(amounts(await history(ada.actor, { counterparty: 'HOPPER' }))).toEqual([100, 700, 2_500]);
    expect(amounts(await history(ada.actor, { counterparty: `@${alan.user.user_name}` }))).toEqual([
      300, 1_200,
    ]);
    expect(amounts(await history(ada.actor, { counterparty: 'hopper', direction: 'in' }))).toEqual([700]);
    // Only the other side counts: Ada's own name finds nothing in her history.
    expect(await history(ada.actor, { counterparty: 'Lovelace' })).toEqual([]);
    expect(await history(ada.actor, { counterparty: 'nobody by that name' })).toEqual([]);
    // An id still names a user or a wallet exactly.
    expect(amounts(await history(ada.actor, { counterparty: alan.user.id }))).toEqual([300, 1_200]);
  });

  it('finds transfers by words of their note, taking % and _ literally', async () => {
    expect(amounts(await history(ada.actor, { q: 'rent' }))).toEqual([2_500]);
    expect(amounts(await history(ada.actor, { q: '50%_OFF' }))).toEqual([2_500]);
    // As wildcards, these would find every note; taken literally, only the one holding them.
    expect(amounts(await history(ada.actor, { q: '%' }))).toEqual([2_500]);
    expect(amounts(await history(ada.actor, { q: '_' }))).toEqual([2_500]);
    expect(await history(ada.actor, { q: '5_%' })).toEqual([]);
    expect(amounts(await history(grace.actor, { q: 'dinner' }))).toEqual([700]);
  });

  it('narrows by an inclusive amount range, beside a person and a date range', async () => {
    expect(amounts(await history(ada.actor, { min_amount: 300, max_amount: 2_500 }))).toEqual([
      300, 1_200, 700, 2_500,
    ]);
    expect(amounts(await history(ada.actor, { min_amount: 700, max_amount: 700 }))).toEqual([700]);
    expect(
      amounts(
        await history(ada.actor, {
          counterparty: 'grace',
          min_amount: 500,
          from: '2030-01-01T00:00:00Z',
          to: '2030-02-01T00:00:00Z',
        }),
      ),
    ).toEqual([700, 2_500]);
  });

  it('never shows another user a transfer they took no part in, whatever they search', async () => {
    expect(await history(alan.actor, { counterparty: 'grace' })).toEqual([]);
    expect(await history(alan.actor, { q: 'rent' })).toEqual([]);
    expect((await failureOf(history(alan.actor, { wallet_id: ada.wallet.id, q: 'rent' }))).code).toBe(
      'wallet_not_found',
    );
  });

  it('refuses a minimum above the maximum, naming min_amount, and bad search words', async () => {
    const failure = await failureOf(history(ada.actor, { min_amount: 500, max_amount: 100 }));
    expect(failure.code).toBe('validation_failed');
    expect(JSON.stringify(failure.details)).toContain('min_amount');
    for (const filters of [
      { q: '' },
      { q: ' ' },
      { counterparty: '' },
      { q: 'x'.repeat(101) },
      { q: 'a\u0000b' },
    ]) {
      expect((await failureOf(history(ada.actor, filters))).code, JSON.stringify(filters)).toBe(
        'validation_failed',
      );
    }
  });
});
