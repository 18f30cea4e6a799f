import {
  type Actor,
  billingEvents,
  billingRequests,
  type Invoice,
  ledgerRequests,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type BillingHarness,
  failureOf,
  fund,
  invoiceNumbers,
  isGapless,
  newKey,
  outboxEvents,
  startHarness,
  type TestUser,
} from './billing-harness.js';

/*
 * Escrow bills end to end with the real ledger: billing asks it for a hold, the payer or
 * the payee settles the hold in the ledger, and the ledger's `ledger.hold.*` event brings
 * the invoice to its end.
 */

let harness: BillingHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  expect((await harness.verifyLedger()).ok).toBe(true);
  expect(isGapless(await invoiceNumbers(harness))).toBe(true);
});

afterAll(async () => {
  await harness.close();
});

type BillRequest = z.input<typeof billingRequests.createBill.request>;

const escrowBill = (
  payer: TestUser,
  body: Omit<BillRequest, 'actor' | 'idempotency_key' | 'escrow'> & { idempotency_key?: string },
) =>
  call(harness.client, billingRequests.createBill, {
    actor: payer.actor,
    idempotency_key: newKey('bill'),
    escrow: true,
    ...body,
  });

async function fundedPayer(amount = 10_000) {
  const payer = await harness.createUser();
  const provider = await harness.createUser();
  if (amount > 0) await fund(harness, payer.wallet.id, amount);
  return { payer, provider };
}

const availableOf = async (owner: TestUser) =>
  (await call(harness.client, ledgerRequests.getWallet, { actor: owner.actor, wallet_id: owner.wallet.id }))
    .available;

const invoiceAs = (actor: Actor, invoiceId: string) =>
  call(harness.client, billingRequests.getInvoice, { actor, invoice_id: invoiceId });

/** Waits for the ledger's hold event to reach billing and change the invoice. */
const invoiceOnceItIs = async (actor: Actor, invoiceId: string, status: Invoice['status']) => {
  await expect.poll(async () => (await invoiceAs(actor, invoiceId)).status, { timeout: 5_000 }).toBe(status);
  return invoiceAs(actor, invoiceId);
};

const eventsOf = async (invoiceId: string, type: string) =>
  (await outboxEvents(harness.database.db, type)).filter((event) => event.subject === invoiceId);

describe(`escrow bills with the ledger's holds on ${testDatabaseLabel}`, () => {
  it("puts the amount in a hold for the provider and issues the invoice held, with the hold's id", async () => {
    const { payer, provider } = await fundedPayer();
    const key = newKey('bill');
    const { result, replayed } = await escrowBill(payer, {
      to_user: provider.user.user_name,
      amount: 6_000,
      description: 'Kitchen tiling',
      idempotency_key: key,
    });
    expect(replayed).toBe(false);
    expect(result.invoice).toMatchObject({
      payer_id: payer.user.id,
      payee_id: provider.user.id,
      amount: 6_000,
      status: 'held',
      transfer_id: null,
      paid_at: null,
      amount_paid: null,
    });
    const hold = await call(harness.client, ledgerRequests.getHold, {
      actor: payer.actor,
      hold_id: result.invoice.hold_id!,
    });
    expect(hold).toMatchObject({
      status: 'held',
      amount: 6_000,
      payer_id: payer.user.id,
      payee_id: provider.user.id,
      from_wallet_id: payer.wallet.id,
      transfer_id: result.transfer_id,
      metadata: { bill: key },
    });
    expect(await availableOf(payer)).toBe(4_000);
    expect(await availableOf(provider)).toBe(0);
    expect(await eventsOf(result.invoice.id, billingEvents.invoiceIssued)).toHaveLength(1);
    expect(await eventsOf(result.invoice.id, billingEvents.invoicePaid)).toEqual([]);

    const again = await escrowBill(payer, {
      to_user: provider.user.user_name,
      amount: 6_000,
      description: 'Kitchen tiling',
      idempotency_key: key,
    });
    expect(again).toEqual({ result, replayed: true });
    const paidAtOnce = await failureOf(
      call(harness.client, billingRequests.createBill, {
        actor: payer.actor,
        to_user: provider.user.user_name,
        amount: 6_000,
        description: 'Kitchen tiling',
        idempotency_key: key,
      }),
    );
    expect(paidAtOnce.code).toBe('idempotency_mismatch');
    expect(await availableOf(payer)).toBe(4_000);
  });

  it('marks the invoice paid when the payer captures the hold, with what the capture paid', async () => {
    const { payer, provider } = await fundedPayer(15_000);
    const { result } = await escrowBill(payer, { to_user: provider.user.user_name, amount: 12_000 });
    expect(await availableOf(payer)).toBe(3_000);
    const captured = await call(harness.client, ledgerRequests.captureHold, {
      actor: payer.actor,
      hold_id: result.invoice.hold_id!,
      amount: 9_000,
      idempotency_key: newKey('capture'),
    });
    const paid = await invoiceOnceItIs(provider.actor, result.invoice.id, 'paid');
    expect(paid).toMatchObject({
      amount: 12_000,
      amount_paid: 9_000,
      transfer_id: captured.result.hold.settlement_transfer_id,
    });
    expect(await availableOf(payer)).toBe(15_000 - 9_000);
    expect(await availableOf(provider)).toBe(9_000);
    expect(await eventsOf(result.invoice.id, billingEvents.invoicePaid)).toHaveLength(1);

    const day = harness.clock.now().toISOString().slice(0, 10);
    const totalsOf = async (user: TestUser) =>
      (await call(harness.client, billingRequests.reportSummary, { actor: user.actor, from: day, to: day }))
        .currencies[0]?.totals;
    // The settlement's posted transfer reaches reports after the ledger answered; it counts once.
    await expect
      .poll(async () => (await totalsOf(payer))?.payments_made, { timeout: 5_000 })
      .toEqual({ count: 1, amount: 9_000 });
    expect(await totalsOf(payer)).toMatchObject({
      invoices_paid: { count: 1, amount: 9_000 },
      transfers_out: { count: 0, amount: 0 },
    });
    expect(await totalsOf(provider)).toMatchObject({
      payments_received: { count: 1, amount: 9_000 },
      invoices_received: { count: 1, amount: 9_000 },
    });
  });

  it('cancels the invoice when the provider voids the hold, and the money goes back to the payer', async () => {
    const { payer, provider } = await fundedPayer();
    const { result } = await escrowBill(payer, { to_user: provider.user.user_name, amount: 3_000 });
    await call(harness.client, ledgerRequests.voidHold, {
      actor: provider.actor,
      hold_id: result.invoice.hold_id!,
      reason: 'I cannot take this job',
      idempotency_key: newKey('void'),
    });
    const cancelled = await invoiceOnceItIs(payer.actor, result.invoice.id, 'cancelled');
    expect(cancelled).toMatchObject({ amount_paid: null, paid_at: null });
    expect(await availableOf(payer)).toBe(10_000);
    expect(await availableOf(provider)).toBe(0);
    expect(await eventsOf(result.invoice.id, billingEvents.invoiceCancelled)).toHaveLength(1);
  });

  it('refuses an escrow bill the wallet cannot cover, issuing no invoice and taking no number', async () => {
    const { payer, provider } = await fundedPayer(100);
    const before = await invoiceNumbers(harness);
    const refused = await failureOf(escrowBill(payer, { to_user: provider.user.user_name, amount: 101 }));
    expect(refused.code).toBe('insufficient_funds');
    expect(await invoiceNumbers(harness)).toEqual(before);
    expect(await availableOf(payer)).toBe(100);
  });
});
