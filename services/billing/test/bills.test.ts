import { randomUUID } from 'node:crypto';
import {
  type Actor,
  billingEvents,
  billingRequests,
  healthContract,
  type Invoice,
  ledgerEvents,
  ledgerRequests,
  paymentsEvents,
  transferPostedData,
} from '@moneypal/contracts';
import { call, createContractEvent } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type BillingHarness,
  balancesOf,
  capturedPayment,
  failureOf,
  fund,
  invoiceNumbers,
  isGapless,
  newKey,
  newPayment,
  outboxEvents,
  startHarness,
  type TestUser,
  withoutPartyNames,
} from './billing-harness.js';

let harness: BillingHarness;

beforeAll(async () => {
  harness = await startHarness({ poolSize: 20 });
});

afterEach(async () => {
  expect((await harness.verifyLedger()).ok).toBe(true);
  expect(isGapless(await invoiceNumbers(harness))).toBe(true);
});

afterAll(async () => {
  await harness.close();
});

type BillRequest = z.input<typeof billingRequests.createBill.request>;

const bill = (
  payer: TestUser,
  body: Omit<BillRequest, 'actor' | 'idempotency_key'> & { idempotency_key?: string },
) =>
  call(harness.client, billingRequests.createBill, {
    actor: payer.actor,
    idempotency_key: newKey('bill'),
    ...body,
  });

/** How many transfers of the payer's the ledger holds (history of all their wallets). */
const transferCountOf = async (user: TestUser) =>
  (await call(harness.client, ledgerRequests.listTransactions, { actor: user.actor, limit: 100 })).data
    .length;

const invoicesOfPayer = (payerId: string) =>
  harness.database.db.selectFrom('invoices').selectAll().where('payer_id', '=', payerId).execute();

async function fundedPayer(amount = 10_000) {
  const payer = await harness.createUser();
  const provider = await harness.createUser();
  if (amount > 0) await fund(harness, payer.wallet.id, amount);
  return { payer, provider };
}

describe(`paying a provider from the wallet on ${testDatabaseLabel}`, () => {
  it('pays from the default wallet with the ledger and issues the invoice paid', async () => {
    const { payer, provider } = await fundedPayer();
    const key = newKey('bill');
    const { result, replayed } = await bill(payer, {
      to_user: provider.user.user_name,
      amount: 2_500,
      description: 'garden work',
      idempotency_key: key,
    });
    expect(replayed).toBe(false);
    expect(result.invoice).toMatchObject({
      payer_id: payer.user.id,
      payee_id: provider.user.id,
      amount: 2_500,
      currency: 'USD',
      description: 'garden work',
      status: 'paid',
      payment_id: null,
      transfer_id: result.transfer_id,
      refunded_at: null,
    });
    expect(result.invoice.paid_at).toBe(result.invoice.issued_at);
    expect(await balancesOf(harness, payer)).toEqual({ main: 7_500, savings: 0 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 2_500, savings: 0 });
    const transfer = await call(harness.client, ledgerRequests.getTransaction, {
      actor: payer.actor,
      transfer_id: result.transfer_id,
    });
    expect(transfer).toMatchObject({
      type: 'payment',
      amount: 2_500,
      from_wallet_id: payer.wallet.id,
      to_wallet_id: provider.wallet.id,
      initiator_id: payer.user.id,
      metadata: { bill: key },
    });
    for (const type of [billingEvents.invoiceIssued, billingEvents.invoicePaid]) {
      const events = (await outboxEvents(harness.database.db, type)).filter(
        (event) => event.subject === result.invoice.id,
      );
      expect(events).toHaveLength(1);
      expect(events[0]!.data).toEqual({ invoice: result.invoice });
    }
  });

  it('answers recipient_has_no_wallet on to_user for a provider without a wallet in the currency', async () => {
    const { payer, provider } = await fundedPayer(0);
    const euros = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'EUR',
      type: 'personal',
    });
    await fund(harness, euros.id, 500);
    const refused = await failureOf(
      bill(payer, { to_user: provider.user.user_name, amount: 100, wallet_id: euros.id }),
    );
    expect(refused).toMatchObject({
      code: 'recipient_has_no_wallet',
      details: {
        errors: [{ path: 'to_user', message: 'has no wallet in the currency of the paying wallet' }],
      },
    });
    expect(await invoicesOfPayer(payer.user.id)).toEqual([]);
    expect(await balancesOf(harness, payer, euros.id)).toEqual({ main: 500, savings: 0 });
  });

  it('finds the provider by email, and pays from a wallet the payer names', async () => {
    const { payer, provider } = await fundedPayer(0);
    const second = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'USD',
      type: 'business',
    });
    await fund(harness, second.id, 300);
    const { result } = await bill(payer, {
      to_user: provider.user.email.toUpperCase(),
      amount: 300,
      wallet_id: second.id,
    });
    expect(result.invoice).toMatchObject({ payee_id: provider.user.id, status: 'paid', description: null });
    expect(await balancesOf(harness, payer, second.id)).toEqual({ main: 0, savings: 0 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 300, savings: 0 });
  });

  it('refuses a bill the wallet cannot pay, issues no invoice and takes no number', async () => {
    const { payer, provider } = await fundedPayer(100);
    const before = await invoiceNumbers(harness);
    const refused = await failureOf(bill(payer, { to_user: provider.user.user_name, amount: 101 }));
    expect(refused.code).toBe('insufficient_funds');
    expect(await invoicesOfPayer(payer.user.id)).toEqual([]);
    const { result } = await bill(payer, { to_user: provider.user.user_name, amount: 100 });
    expect(result.invoice.invoice_no).toBe(before.length + 1);
    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
  });

  it('refuses an unknown provider, the payer themself and a wallet of another user', async () => {
    const { payer, provider } = await fundedPayer();
    const before = await invoiceNumbers(harness);
    expect(await failureOf(bill(payer, { to_user: 'nobody-by-that-name', amount: 5 }))).toMatchObject({
      code: 'recipient_not_found',
      details: { errors: [{ path: 'to_user', message: 'Nobody has this user name or email.' }] },
    });
    expect((await failureOf(bill(payer, { to_user: 'nobody@example.com', amount: 5 }))).code).toBe(
      'recipient_not_found',
    );
    expect((await failureOf(bill(payer, { to_user: 'n'.repeat(60), amount: 5 }))).code).toBe(
      'recipient_not_found',
    );
    const self = await failureOf(bill(payer, { to_user: payer.user.user_name, amount: 5 }));
    expect(self).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'to_user' }] } });
    const theirs = await failureOf(
      bill(provider, { to_user: payer.user.user_name, amount: 5, wallet_id: payer.wallet.id }),
    );
    expect(theirs.code).toBe('wallet_not_found');
    expect(await invoiceNumbers(harness)).toEqual(before);
    expect(await balancesOf(harness, payer)).toEqual({ main: 10_000, savings: 0 });
  });

  it('refuses a bill a service or a malformed request asks for, before anything moves', async () => {
    const { payer, provider } = await fundedPayer();
    const service = await failureOf(
      call(harness.client, billingRequests.createBill, {
        actor: { service: 'payments' },
        to_user: provider.user.user_name,
        amount: 5,
        idempotency_key: newKey(),
      }),
    );
    expect(service.code).toBe('forbidden');
    const base = {
      actor: payer.actor,
      to_user: provider.user.user_name,
      amount: 5,
      idempotency_key: newKey(),
    };
    const malformed: unknown[] = [
      { ...base, amount: 0 },
      { ...base, amount: -1 },
      { ...base, amount: 1.5 },
      { ...base, amount: 2 ** 53 },
      { ...base, amount: '5' },
      { ...base, to_user: '' },
      { ...base, wallet_id: 'not-a-uuid' },
      { ...base, idempotency_key: 'has space' },
      { ...base, surprise: true },
      { actor: payer.actor, amount: 5, idempotency_key: newKey() },
    ];
    for (const payload of malformed) {
      const refused = await failureOf(harness.client.request(billingRequests.createBill.subject, payload));
      expect(refused.code).toBe('validation_failed');
    }
    expect(await balancesOf(harness, payer)).toEqual({ main: 10_000, savings: 0 });
    expect(await invoicesOfPayer(payer.user.id)).toEqual([]);
  });
});

describe(`the Idempotency-Key of a bill on ${testDatabaseLabel}`, () => {
  it('answers a retry with the same invoice, and refuses the key with another bill', async () => {
    const { payer, provider } = await fundedPayer();
    const request = { to_user: provider.user.user_name, amount: 400, idempotency_key: newKey('bill') };
    const first = await bill(payer, request);
    const again = await bill(payer, request);
    expect(again).toEqual({ result: first.result, replayed: true });
    const other = await failureOf(bill(payer, { ...request, amount: 401 }));
    expect(other.code).toBe('idempotency_mismatch');
    expect(await balancesOf(harness, payer)).toEqual({ main: 9_600, savings: 0 });
    expect(await invoicesOfPayer(payer.user.id)).toHaveLength(1);
  });

  it("scopes keys by payer: another payer's same key is another bill", async () => {
    const { payer, provider } = await fundedPayer();
    const other = await harness.createUser();
    await fund(harness, other.wallet.id, 1_000);
    const key = newKey('shared');
    const mine = await bill(payer, { to_user: provider.user.user_name, amount: 10, idempotency_key: key });
    const theirs = await bill(other, { to_user: provider.user.user_name, amount: 10, idempotency_key: key });
    expect(theirs.replayed).toBe(false);
    expect(theirs.result.invoice.id).not.toBe(mine.result.invoice.id);
    expect(await balancesOf(harness, provider)).toEqual({ main: 20, savings: 0 });
  });

  it('answers a refusal again for the same key, even once the wallet could pay', async () => {
    const { payer, provider } = await fundedPayer(50);
    const request = { to_user: provider.user.user_name, amount: 80, idempotency_key: newKey('bill') };
    expect((await failureOf(bill(payer, request))).code).toBe('insufficient_funds');
    await fund(harness, payer.wallet.id, 50);
    expect((await failureOf(bill(payer, request))).code).toBe('insufficient_funds');
    expect(await balancesOf(harness, payer)).toEqual({ main: 100, savings: 0 });
  });

  it('issues the missing invoice when a payer retries after a crash between the transfer and the invoice', async () => {
    const { payer, provider } = await fundedPayer();
    const key = newKey('bill');
    // The transfer the first attempt made before the crash: the ledger holds it under the bill's key.
    const moved = await call(harness.client, ledgerRequests.transfer, {
      actor: payer.actor,
      from_wallet_id: payer.wallet.id,
      to_user_id: provider.user.id,
      amount: 650,
      type: 'payment',
      metadata: { bill: key },
      idempotency_key: `bill:${key}`,
    });
    const retry = await bill(payer, { to_user: provider.user.user_name, amount: 650, idempotency_key: key });
    expect(retry.result).toMatchObject({
      transfer_id: moved.result.transfer.id,
      invoice: { status: 'paid', amount: 650 },
    });
    expect(await balancesOf(harness, payer)).toEqual({ main: 9_350, savings: 0 });
    expect(await transferCountOf(payer)).toBe(2);
    expect(await invoicesOfPayer(payer.user.id)).toHaveLength(1);
  });

  it('moves money once and issues one invoice for 20 concurrent duplicates across two replicas', async () => {
    const { payer, provider } = await fundedPayer();
    const stopReplica = await harness.startReplica();
    try {
      const request = { to_user: provider.user.user_name, amount: 123, idempotency_key: newKey('burst') };
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => bill(payer, request)));
      const answered = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(answered.length).toBeGreaterThanOrEqual(1);
      expect(answered.filter((answer) => !answer.replayed).length).toBeLessThanOrEqual(1);
      for (const reason of refused) expect(reason).toMatchObject({ code: 'idempotency_in_flight' });
      const invoiceIds = new Set(answered.map((answer) => answer.result.invoice.id));
      expect(invoiceIds.size).toBe(1);

      const settled = await bill(payer, request);
      expect(settled.replayed).toBe(true);
      expect(invoiceIds.has(settled.result.invoice.id)).toBe(true);
      expect(await invoicesOfPayer(payer.user.id)).toHaveLength(1);
      expect(await transferCountOf(payer)).toBe(2);
      expect(await balancesOf(harness, payer)).toEqual({ main: 10_000 - 123, savings: 0 });
    } finally {
      await stopReplica();
    }
  });

  it('numbers concurrent bills of many payers uniquely and without gaps, across two replicas', async () => {
    const payers = await Promise.all(Array.from({ length: 8 }, () => fundedPayer(1_000)));
    const stopReplica = await harness.startReplica();
    try {
      const outcomes = await Promise.allSettled(
        payers.flatMap(({ payer, provider }) => [
          bill(payer, { to_user: provider.user.user_name, amount: 400 }),
          bill(payer, { to_user: provider.user.user_name, amount: 400 }),
          // The third cannot be paid: it must take no number.
          bill(payer, { to_user: provider.user.user_name, amount: 400 }),
        ]),
      );
      const paid = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(paid).toHaveLength(16);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected')
          expect(outcome.reason).toMatchObject({ code: 'insufficient_funds' });
      }
      const numbers = await invoiceNumbers(harness);
      expect(isGapless(numbers)).toBe(true);
      expect(new Set(numbers).size).toBe(numbers.length);
    } finally {
      await stopReplica();
    }
  });
});

const dayMs = 86_400_000;

const billTo = (payer: TestUser, payee: TestUser, amount: number) =>
  bill(payer, { to_user: payee.user.user_name, amount });

const list = (
  actor: Actor,
  query: {
    role?: 'payer' | 'payee';
    status?: Invoice['status'];
    transfer_id?: string;
    cursor?: string;
    limit?: number;
  } = {},
) => call(harness.client, billingRequests.listInvoices, { actor, limit: 100, ...query });

describe(`invoices as their parties see them on ${testDatabaseLabel}`, () => {
  let payer: TestUser;
  let provider: TestUser;
  let stranger: TestUser;
  let billed: Invoice[];

  beforeAll(async () => {
    payer = await harness.createUser();
    provider = await harness.createUser();
    stranger = await harness.createUser();
    await fund(harness, payer.wallet.id, 1_000);
    await fund(harness, provider.wallet.id, 1_000);
    billed = [];
    for (const amount of [10, 20, 30, 40, 50])
      billed.push((await billTo(payer, provider, amount)).result.invoice);
    billed.push((await billTo(provider, stranger, 60)).result.invoice);
    await harness.publishPaymentEvent(
      paymentsEvents.paymentCreated,
      newPayment(stranger, { paid_to: provider.user.id, amount: 70 }, harness.clock),
    );
  });

  it('lists the invoices a user paid or was paid, newest first, narrowed by role and status', async () => {
    const mine = await list(payer.actor);
    expect(mine.data.map((invoice) => invoice.amount)).toEqual([50, 40, 30, 20, 10]);
    expect(mine.next_cursor).toBeNull();
    expect((await list(payer.actor, { role: 'payee' })).data).toEqual([]);

    const theirs = await list(provider.actor);
    expect(theirs.data.map((invoice) => invoice.amount)).toEqual([70, 60, 50, 40, 30, 20, 10]);
    expect((await list(provider.actor, { role: 'payer' })).data.map((invoice) => invoice.amount)).toEqual([
      60,
    ]);
    expect((await list(provider.actor, { role: 'payee' })).data).toHaveLength(6);
    const pending = await list(provider.actor, { status: 'pending' });
    expect(pending.data).toMatchObject([{ amount: 70, status: 'pending', payer_id: stranger.user.id }]);
    expect(
      (await list(stranger.actor, { role: 'payee', status: 'paid' })).data.map((invoice) => invoice.amount),
    ).toEqual([60]);
  });

  it('finds the invoice of one transfer, for its parties only', async () => {
    const invoice = billed[2]!;
    const byTransfer = (actor: Actor, transferId: string) => list(actor, { transfer_id: transferId });
    expect((await byTransfer(payer.actor, invoice.transfer_id!)).data.map((found) => found.id)).toEqual([
      invoice.id,
    ]);
    expect((await byTransfer(provider.actor, invoice.transfer_id!)).data).toHaveLength(1);
    expect((await byTransfer(stranger.actor, invoice.transfer_id!)).data).toEqual([]);
    expect((await byTransfer(payer.actor, randomUUID())).data).toEqual([]);
  });

  it('pages through a list with cursors, each invoice once', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await list(provider.actor, { limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      sizes.push(page.data.length);
      seen.push(...page.data.map((invoice) => invoice.invoice_no));
      cursor = page.next_cursor ?? undefined;
    } while (cursor !== undefined);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual((await list(provider.actor)).data.map((invoice) => invoice.invoice_no));
    expect([...seen].sort((left, right) => right - left)).toEqual(seen);
  });

  it('shows an invoice to its payer, its payee and an admin, and to nobody else', async () => {
    const invoice = billed[0]!;
    for (const actor of [payer.actor, provider.actor, harness.admin]) {
      const read = await call(harness.client, billingRequests.getInvoice, { actor, invoice_id: invoice.id });
      expect(withoutPartyNames(read)).toEqual(invoice);
      expect(read).toMatchObject({
        payer_handle: payer.user.user_name,
        payee_handle: provider.user.user_name,
      });
    }
    const hidden = await failureOf(
      call(harness.client, billingRequests.getInvoice, { actor: stranger.actor, invoice_id: invoice.id }),
    );
    expect(hidden.code).toBe('not_found');
    const missing = await failureOf(
      call(harness.client, billingRequests.getInvoice, { actor: payer.actor, invoice_id: randomUUID() }),
    );
    expect(missing.code).toBe('not_found');
    expect((await list(stranger.actor)).data.map((shown) => shown.amount)).toEqual([70, 60]);
  });

  it('answers its health check while its database is up', async () => {
    expect(await call(harness.client, healthContract('billing'), {})).toEqual({
      status: 'ok',
      service: 'billing',
    });
  });

  it('lists every invoice for an admin', async () => {
    const all = await list(harness.admin);
    expect(all.data.map((invoice) => invoice.invoice_no)).toEqual((await invoiceNumbers(harness)).reverse());
  });

  it('refuses a cursor it did not give and a limit out of range', async () => {
    for (const cursor of ['nonsense!', Buffer.from('invoice:0').toString('base64url'), 'aGVsbG8']) {
      expect((await failureOf(list(payer.actor, { cursor }))).code).toBe('validation_failed');
    }
    for (const limit of [0, 101, 1.5]) {
      expect((await failureOf(list(payer.actor, { limit }))).code).toBe('validation_failed');
    }
    const bad = await failureOf(
      harness.client.request(billingRequests.getInvoice.subject, { actor: payer.actor, invoice_id: 'x' }),
    );
    expect(bad.code).toBe('validation_failed');
  });
});

describe(`reports on ${testDatabaseLabel}`, () => {
  const report = (actor: Actor, from: string, to: string) =>
    call(harness.client, billingRequests.reportSummary, { actor, from, to });

  const dayOf = (offset: number, from: Date) =>
    new Date(from.getTime() + offset * dayMs).toISOString().slice(0, 10);

  it('sums payments, deposits, transfers and invoices per currency, with a point for every day', async () => {
    const user = await harness.createUser();
    const provider = await harness.createUser();
    const start = harness.clock.now();
    const day = (offset: number) => dayOf(offset, start);

    // Day 0: a PayPal funding and a back-office credit.
    await harness.publishPaymentEvent(
      paymentsEvents.paymentCaptured,
      capturedPayment(newPayment(user, { amount: 5_000 }, harness.clock)),
    );
    await fund(harness, user.wallet.id, 1_000);
    // Day 2: a bill, and transfers both ways.
    harness.clock.advance(2 * dayMs);
    await billTo(user, provider, 700);
    await call(harness.client, ledgerRequests.transfer, {
      actor: user.actor,
      from_wallet_id: user.wallet.id,
      to_wallet_id: provider.wallet.id,
      amount: 200,
      idempotency_key: newKey('transfer'),
    });
    await call(harness.client, ledgerRequests.transfer, {
      actor: provider.actor,
      from_wallet_id: provider.wallet.id,
      to_wallet_id: user.wallet.id,
      amount: 50,
      idempotency_key: newKey('transfer'),
    });
    // Day 3: a provider paid through PayPal.
    harness.clock.advance(dayMs);
    await harness.publishPaymentEvent(
      paymentsEvents.paymentCaptured,
      capturedPayment(newPayment(user, { paid_to: provider.user.id, amount: 300 }, harness.clock)),
    );
    harness.clock.advance(dayMs);

    const total = (count: number, amount: number) => ({ count, amount });
    const zero = total(0, 0);
    // The ledger's events reach the projection after the ledger answered.
    await expect
      .poll(async () => (await report(user.actor, day(-1), day(4))).currencies[0]?.totals, { timeout: 5_000 })
      .toEqual({
        payments_made: total(2, 1_000),
        payments_received: zero,
        deposits: total(2, 6_000),
        transfers_in: total(1, 50),
        transfers_out: total(1, 200),
        invoices_paid: total(2, 1_000),
        invoices_received: zero,
      });
    const mine = await report(user.actor, day(-1), day(4));
    expect(mine).toMatchObject({ from: day(-1), to: day(4) });
    expect(mine.currencies).toHaveLength(1);
    const [usd] = mine.currencies;
    expect(usd!.currency).toBe('USD');
    expect(usd!.daily.map((point) => point.date)).toEqual([-1, 0, 1, 2, 3, 4].map(day));
    const point = (offset: number) => usd!.daily.find((candidate) => candidate.date === day(offset))!;
    expect(point(-1)).toEqual({
      date: day(-1),
      payments_made: zero,
      payments_received: zero,
      deposits: zero,
      transfers_in: zero,
      transfers_out: zero,
    });
    expect(point(0).deposits).toEqual(total(2, 6_000));
    expect(point(1)).toMatchObject({ deposits: zero, payments_made: zero });
    expect(point(2)).toMatchObject({
      payments_made: total(1, 700),
      transfers_out: total(1, 200),
      transfers_in: total(1, 50),
      deposits: zero,
    });
    // Paying a provider through PayPal is a payment made, not money added.
    expect(point(3)).toMatchObject({ payments_made: total(1, 300), deposits: zero });

    const theirs = await report(provider.actor, day(0), day(3));
    expect(theirs.currencies[0]!.totals).toMatchObject({
      payments_received: total(2, 1_000),
      invoices_received: total(2, 1_000),
      invoices_paid: zero,
      transfers_in: total(1, 200),
      transfers_out: total(1, 50),
      deposits: zero,
    });

    // A range that leaves the activity out counts nothing of it.
    const later = await report(user.actor, day(4), day(10));
    expect(later.currencies).toEqual([]);
    const dayTwo = await report(user.actor, day(2), day(2));
    expect(dayTwo.currencies[0]!.totals).toMatchObject({
      payments_made: total(1, 700),
      invoices_paid: total(1, 700),
      deposits: zero,
    });
    expect(dayTwo.currencies[0]!.daily).toHaveLength(1);
  });

  it('counts two PayPal top-ups once each and a provider paid through PayPal as a payment made', async () => {
    const user = await harness.createUser();
    const provider = await harness.createUser();
    const today = harness.clock.now().toISOString().slice(0, 10);
    for (const amount of [10_000, 5_000]) {
      await harness.publishPaymentEvent(
        paymentsEvents.paymentCaptured,
        capturedPayment(newPayment(user, { amount }, harness.clock)),
      );
    }
    await harness.publishPaymentEvent(
      paymentsEvents.paymentCaptured,
      capturedPayment(newPayment(user, { paid_to: provider.user.id, amount: 30_000 }, harness.clock)),
    );

    const total = (count: number, amount: number) => ({ count, amount });
    const zero = total(0, 0);
    await expect
      .poll(async () => (await report(user.actor, today, today)).currencies[0]?.totals, { timeout: 5_000 })
      .toEqual({
        payments_made: total(1, 30_000),
        payments_received: zero,
        deposits: total(2, 15_000),
        transfers_in: zero,
        transfers_out: zero,
        invoices_paid: total(1, 30_000),
        invoices_received: zero,
      });
    const [point] = (await report(user.actor, today, today)).currencies[0]!.daily;
    expect(point).toMatchObject({ deposits: total(2, 15_000), payments_made: total(1, 30_000) });
    await expect
      .poll(async () => (await report(provider.actor, today, today)).currencies[0]?.totals, {
        timeout: 5_000,
      })
      .toMatchObject({
        payments_received: total(1, 30_000),
        deposits: zero,
        invoices_received: total(1, 30_000),
      });
  });

  it('counts the PayPal credit of a provider who could not be paid as money added, since it stayed', async () => {
    const user = await harness.createUser();
    const provider = await harness.createUser();
    const plan = await call(harness.client, ledgerRequests.createSavingsPlan, {
      actor: harness.admin,
      plan: { name: `tenth ${newKey()}`, kind: 'percentage', value: 1_000 },
    });
    await call(harness.client, ledgerRequests.selectSavingsPlan, {
      actor: user.actor,
      wallet_id: user.wallet.id,
      plan_id: plan.id,
    });
    const today = harness.clock.now().toISOString().slice(0, 10);
    await harness.publishPaymentEvent(
      paymentsEvents.paymentCaptured,
      capturedPayment(newPayment(user, { paid_to: provider.user.id, amount: 1_000 }, harness.clock)),
    );
    expect(await balancesOf(harness, user)).toEqual({ main: 900, savings: 100 });
    await expect
      .poll(async () => (await report(user.actor, today, today)).currencies[0]?.totals, { timeout: 5_000 })
      .toMatchObject({ deposits: { count: 1, amount: 1_000 }, payments_made: { count: 0, amount: 0 } });
  });

  it('covers up to 366 days, and refuses a longer or reversed range, a bad date and a service', async () => {
    const user = await harness.createUser();
    const leapYear = await report(user.actor, '2028-01-01', '2028-12-31');
    expect(leapYear).toEqual({ from: '2028-01-01', to: '2028-12-31', currencies: [] });
    const tooLong = await failureOf(report(user.actor, '2028-01-01', '2029-01-01'));
    expect(tooLong).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'to' }] } });
    expect((await failureOf(report(user.actor, '2030-01-02', '2030-01-01'))).code).toBe('validation_failed');
    for (const from of ['2030-02-30', '2030-1-1', '20300101', '']) {
      expect((await failureOf(report(user.actor, from, '2030-03-01'))).code).toBe('validation_failed');
    }
    const service = await failureOf(report({ service: 'gateway' }, '2030-01-01', '2030-01-02'));
    expect(service.code).toBe('forbidden');
  });

  it('fails loudly when a sum passes 2^53-1 rather than answer it rounded', async () => {
    const userId = randomUUID();
    const transferIds = [randomUUID(), randomUUID()];
    await harness.database.db
      .insertInto('report_movements')
      .values(
        transferIds.map((transferId) => ({
          transfer_id: transferId,
          user_id: userId,
          direction: 'in' as const,
          kind: 'deposit' as const,
          currency: 'USD',
          day: '2031-06-01',
          amount: BigInt(Number.MAX_SAFE_INTEGER),
        })),
      )
      .execute();
    const failure = await failureOf(report({ user_id: userId, role: 'user' }, '2031-06-01', '2031-06-01'));
    expect(failure.code).toBe('internal');
  });

  it('projects a burst of posted transfers with one statement per batch, not per transfer', async () => {
    const transferPosted = (payerId: string, payeeId: string) => {
      const id = randomUUID();
      return createContractEvent('ledger', {
        type: ledgerEvents.transferPosted,
        schema: transferPostedData,
        subject: id,
        data: {
          transfer: {
            id,
            type: 'transfer',
            status: 'posted',
            amount: 125,
            currency: 'USD',
            description: null,
            metadata: {},
            from_wallet_id: randomUUID(),
            to_wallet_id: randomUUID(),
            initiator_id: payerId,
            created_at: harness.clock.now().toISOString(),
          },
          from_owner_id: payerId,
          to_owner_id: payeeId,
        },
        time: harness.clock.now(),
      });
    };
    const projected = (events: readonly { subject: string }[]) =>
      harness.database.db
        .selectFrom('report_movements')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where(
          'transfer_id',
          'in',
          events.map((event) => event.subject),
        )
        .executeTakeFirstOrThrow()
        .then((row) => Number(row.count));
    const projectionStatements = () => harness.statements.matching(/\b(inbox|report_movements)\b/).length;
    const [payer, payee] = [randomUUID(), randomUUID()];

    for (const size of [1, 200]) {
      const events = Array.from({ length: size }, () => transferPosted(payer, payee));
      const before = projectionStatements();
      // Published in one turn, as a relay publishes a group: they wait for billing together.
      await Promise.all(events.map((event) => harness.publish(event)));

      expect(await projected(events)).toBe(2 * size);
      // Batches of at most 100: the inbox rows and the sides together, one statement per batch.
      expect(projectionStatements() - before).toBe(Math.ceil(size / 100));
    }

    // A posted transfer delivered again changes nothing.
    const again = transferPosted(payer, payee);
    await harness.publish(again);
    await harness.redeliver(again);
    expect(await projected([again])).toBe(2);
  });
});
