import { randomUUID } from 'node:crypto';
import {
  type Actor,
  billingEvents,
  billingRequests,
  type Hold,
  holdEventData,
  type Invoice,
  ledgerEvents,
  transferPostedData,
} from '@moneypal/contracts';
import { type CloudEvent, call, createContractEvent } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as invoiceRepository from '../src/repositories/invoice.repository.js';
import {
  type BillingHarness,
  failureOf,
  fund,
  invoiceNumbers,
  isGapless,
  newKey,
  outboxEvents,
  startHarness,
  withoutPartyNames,
} from './billing-harness.js';

/*
 * Escrow bills' invoices follow their holds through the ledger's `ledger.hold.*` events,
 * published here on the real bus as the ledger's outbox relay publishes them. The held
 * invoice is issued as an escrow bill leaves it, so no hold has to exist in the ledger.
 */

let harness: BillingHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  expect(isGapless(await invoiceNumbers(harness))).toBe(true);
});

afterAll(async () => {
  await harness.close();
});

/** A hold as the ledger publishes it, held until `settle` changes it. */
function holdOf(overrides: Partial<Hold> = {}): Hold {
  return {
    id: randomUUID(),
    status: 'held',
    amount: 12_000,
    captured_amount: 0,
    currency: 'USD',
    description: 'Kitchen tiling',
    metadata: {},
    from_wallet_id: randomUUID(),
    to_wallet_id: randomUUID(),
    payer_id: randomUUID(),
    payee_id: randomUUID(),
    expires_at: null,
    on_expiry: 'void',
    created_at: harness.clock.now().toISOString(),
    settled_at: null,
    settled_by: null,
    transfer_id: randomUUID(),
    settlement_transfer_id: null,
    ...overrides,
  };
}

/** The hold after it was captured (all of it, or `capturedAmount`), voided or expired. */
function settle(hold: Hold, status: Exclude<Hold['status'], 'held'>, capturedAmount = 0): Hold {
  return {
    ...hold,
    status,
    captured_amount: capturedAmount,
    settled_at: harness.clock.now().toISOString(),
    settled_by: status === 'expired' ? null : hold.payer_id,
    settlement_transfer_id: randomUUID(),
  };
}

function holdEvent(hold: Hold): CloudEvent {
  const type = {
    held: ledgerEvents.holdCreated,
    captured: ledgerEvents.holdCaptured,
    voided: ledgerEvents.holdVoided,
    expired: ledgerEvents.holdExpired,
  }[hold.status];
  return createContractEvent('ledger', {
    type,
    schema: holdEventData,
    subject: hold.id,
    data: { hold },
    time: harness.clock.now(),
  });
}

/** Publishes a hold's event as the ledger's relay would; resolves once billing applied it. */
async function publishHold(hold: Hold): Promise<CloudEvent> {
  const event = holdEvent(hold);
  await harness.publish(event);
  return event;
}

/** The invoice an escrow bill issues for a hold: `held`, with its number taken as any invoice's. */
async function issueHeldInvoice(hold: Hold, options: { idempotencyKey?: string } = {}): Promise<string> {
  const now = harness.clock.now();
  return harness.database.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    await invoiceRepository.insertInvoice(trx, {
      id,
      invoice_no: await invoiceRepository.takeInvoiceNo(trx),
      payer_id: hold.payer_id,
      payee_id: hold.payee_id,
      amount: BigInt(hold.amount),
      currency: hold.currency,
      description: hold.description,
      status: 'held',
      payment_id: null,
      transfer_id: null,
      idempotency_key: options.idempotencyKey ?? newKey('bill'),
      request_hash: 'a'.repeat(64),
      issued_at: now,
      paid_at: null,
      refunded_at: null,
      refunded_amount: 0n,
      updated_at: now,
      hold_id: hold.id,
      hold_transfer_id: hold.transfer_id,
      captured_amount: null,
    });
    return id;
  });
}

const invoiceAs = (actor: Actor, invoiceId: string) =>
  call(harness.client, billingRequests.getInvoice, { actor, invoice_id: invoiceId });

const payerOf = (hold: Hold): Actor => ({ user_id: hold.payer_id, role: 'user' });
const payeeOf = (hold: Hold): Actor => ({ user_id: hold.payee_id, role: 'user' });

/** The billing events written about an invoice, by type. */
async function invoiceEventsOf(invoiceId: string, type: string): Promise<unknown[]> {
  return (await outboxEvents(harness.database.db, type))
    .filter((event) => event.subject === invoiceId)
    .map((event) => event.data);
}

const report = (actor: Actor, day: string) =>
  call(harness.client, billingRequests.reportSummary, { actor, from: day, to: day });

const today = () => harness.clock.now().toISOString().slice(0, 10);

describe(`an escrow bill's invoice following its hold on ${testDatabaseLabel}`, () => {
  it('is paid once when the hold is captured, however often the event arrives', async () => {
    const hold = holdOf();
    const invoiceId = await issueHeldInvoice(hold);
    expect(await invoiceAs(payerOf(hold), invoiceId)).toMatchObject({
      status: 'held',
      hold_id: hold.id,
      transfer_id: null,
      paid_at: null,
      amount_paid: null,
    });

    harness.clock.advance(60_000);
    const captured = settle(hold, 'captured', hold.amount);
    const event = await publishHold(captured);
    await harness.redeliver(event);
    // Another event of the same settlement (a second relay's copy under a new id) changes nothing either.
    await publishHold(captured);

    const paid = await invoiceAs(payeeOf(hold), invoiceId);
    expect(paid).toMatchObject({
      status: 'paid',
      hold_id: hold.id,
      transfer_id: captured.settlement_transfer_id,
      paid_at: captured.settled_at,
      amount: 12_000,
      amount_paid: 12_000,
      updated_at: harness.clock.now().toISOString(),
    });
    expect(await invoiceEventsOf(invoiceId, billingEvents.invoicePaid)).toEqual([
      { invoice: withoutPartyNames(paid) },
    ]);
    expect(await invoiceEventsOf(invoiceId, billingEvents.invoiceCancelled)).toEqual([]);
  });

  it('records what a partial capture paid, and counts only that in reports, once', async () => {
    const hold = holdOf({ amount: 12_000 });
    const invoiceId = await issueHeldInvoice(hold);
    const captured = settle(hold, 'captured', 9_000);
    await publishHold(captured);
    expect(await invoiceAs(payerOf(hold), invoiceId)).toMatchObject({
      status: 'paid',
      amount: 12_000,
      amount_paid: 9_000,
    });

    // The ledger's posted settlement, naming both users' wallets, lands on the same sides.
    await harness.publish(
      createContractEvent('ledger', {
        type: ledgerEvents.transferPosted,
        schema: transferPostedData,
        subject: captured.settlement_transfer_id!,
        data: {
          transfer: {
            id: captured.settlement_transfer_id!,
            type: 'payment',
            status: 'posted',
            amount: 9_000,
            currency: 'USD',
            description: hold.description,
            metadata: {},
            from_wallet_id: hold.from_wallet_id,
            to_wallet_id: hold.to_wallet_id,
            initiator_id: hold.payer_id,
            created_at: captured.settled_at!,
          },
          from_owner_id: hold.payer_id,
          to_owner_id: hold.payee_id,
        },
        time: harness.clock.now(),
      }),
    );
    const payer = (await report(payerOf(hold), today())).currencies[0]!.totals;
    expect(payer.payments_made).toEqual({ count: 1, amount: 9_000 });
    expect(payer.invoices_paid).toEqual({ count: 1, amount: 9_000 });
    const payee = (await report(payeeOf(hold), today())).currencies[0]!.totals;
    expect(payee.payments_received).toEqual({ count: 1, amount: 9_000 });
    expect(payee.invoices_received).toEqual({ count: 1, amount: 9_000 });
  });

  it('counts nothing in reports while the money is held', async () => {
    const hold = holdOf();
    await issueHeldInvoice(hold);
    expect((await report(payerOf(hold), today())).currencies).toEqual([]);
    expect((await report(payeeOf(hold), today())).currencies).toEqual([]);
  });

  it('is cancelled when the hold is voided, and a late capture event changes nothing', async () => {
    const hold = holdOf();
    const invoiceId = await issueHeldInvoice(hold);
    await publishHold(settle(hold, 'voided'));
    const cancelled = await invoiceAs(payerOf(hold), invoiceId);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      transfer_id: null,
      paid_at: null,
      amount_paid: null,
    });
    expect(await invoiceEventsOf(invoiceId, billingEvents.invoiceCancelled)).toEqual([
      { invoice: withoutPartyNames(cancelled) },
    ]);

    await publishHold(settle(hold, 'captured', hold.amount));
    expect(await invoiceAs(payerOf(hold), invoiceId)).toEqual(cancelled);
    expect(await invoiceEventsOf(invoiceId, billingEvents.invoicePaid)).toEqual([]);
    expect((await report(payerOf(hold), today())).currencies).toEqual([]);
  });

  it('is paid when the hold expires capturing, and cancelled when it expires giving the money back', async () => {
    const paying = holdOf({ on_expiry: 'capture', expires_at: harness.clock.now().toISOString() });
    const paidId = await issueHeldInvoice(paying);
    await publishHold(settle(paying, 'expired', paying.amount));
    expect(await invoiceAs(payerOf(paying), paidId)).toMatchObject({
      status: 'paid',
      amount_paid: paying.amount,
    });

    const returning = holdOf({ expires_at: harness.clock.now().toISOString() });
    const returnedId = await issueHeldInvoice(returning);
    await publishHold(settle(returning, 'expired'));
    expect(await invoiceAs(payerOf(returning), returnedId)).toMatchObject({ status: 'cancelled' });
    expect(await invoiceEventsOf(returnedId, billingEvents.invoiceCancelled)).toHaveLength(1);
  });

  it('lists held and cancelled invoices by status, and shows them to nobody but their parties', async () => {
    const hold = holdOf();
    const heldId = await issueHeldInvoice(hold);
    const voided = holdOf({ payer_id: hold.payer_id });
    const cancelledId = await issueHeldInvoice(voided);
    await publishHold(settle(voided, 'voided'));
    const list = (status: Invoice['status']) =>
      call(harness.client, billingRequests.listInvoices, { actor: payerOf(hold), status, limit: 10 });
    expect((await list('held')).data.map((invoice) => invoice.id)).toEqual([heldId]);
    expect((await list('cancelled')).data.map((invoice) => invoice.id)).toEqual([cancelledId]);
    const stranger = await failureOf(invoiceAs({ user_id: randomUUID(), role: 'user' }, heldId));
    expect(stranger.code).toBe('not_found');
  });

  it('finds the invoice of one hold, for its parties only', async () => {
    const hold = holdOf();
    const heldId = await issueHeldInvoice(hold);
    await issueHeldInvoice(holdOf({ payer_id: hold.payer_id }));
    const byHold = (actor: Actor, holdId: string) =>
      call(harness.client, billingRequests.listInvoices, { actor, hold_id: holdId, limit: 10 });
    expect((await byHold(payerOf(hold), hold.id)).data.map((invoice) => invoice.id)).toEqual([heldId]);
    expect((await byHold({ user_id: randomUUID(), role: 'user' }, hold.id)).data).toEqual([]);
    expect((await byHold(payerOf(hold), randomUUID())).data).toEqual([]);
  });

  it('changes no invoice for a hold no bill made, and counts its capture as a transfer between the users', async () => {
    const before = await invoiceNumbers(harness);
    const hold = holdOf({ amount: 800 });
    const captured = settle(hold, 'captured', 500);
    const event = await publishHold(captured);
    const applied = await harness.database.db
      .selectFrom('inbox')
      .select('event_id')
      .where('event_id', '=', event.id)
      .execute();
    expect(applied).toHaveLength(1);
    expect(await invoiceNumbers(harness)).toEqual(before);
    const payer = (await report(payerOf(hold), today())).currencies[0]!.totals;
    expect(payer).toMatchObject({
      transfers_out: { count: 1, amount: 500 },
      payments_made: { count: 0, amount: 0 },
    });
    const payee = (await report(payeeOf(hold), today())).currencies[0]!.totals;
    expect(payee.transfers_in).toEqual({ count: 1, amount: 500 });
    // A voided hold no bill made counts nothing.
    const voided = holdOf();
    await publishHold(settle(voided, 'voided'));
    expect((await report(payerOf(voided), today())).currencies).toEqual([]);
  });

  it('puts aside an event whose hold breaks the contract, changing nothing', async () => {
    const hold = holdOf();
    const invoiceId = await issueHeldInvoice(hold);
    const broken = holdEvent(settle(hold, 'captured', hold.amount));
    (broken.data as { hold: { captured_amount: unknown } }).hold.captured_amount = 1.5;
    await expect(harness.redeliver(broken)).rejects.toThrow();
    expect(await invoiceAs(payerOf(hold), invoiceId)).toMatchObject({ status: 'held' });
  });
});

describe(`an escrow bill's request on ${testDatabaseLabel}`, () => {
  it('refuses expires_at or on_expiry without escrow, and a malformed escrow, before anything moves', async () => {
    const payer = await harness.createUser();
    const provider = await harness.createUser();
    await fund(harness, payer.wallet.id, 1_000);
    const base = {
      actor: payer.actor,
      to_user: provider.user.user_name,
      amount: 5,
      idempotency_key: newKey(),
    };
    const malformed: [unknown, string][] = [
      [{ ...base, expires_at: '2031-01-01T00:00:00Z' }, 'escrow'],
      [{ ...base, escrow: false, on_expiry: 'capture' }, 'escrow'],
      [{ ...base, escrow: 'yes' }, 'escrow'],
      [{ ...base, escrow: true, on_expiry: 'keep' }, 'on_expiry'],
      [{ ...base, escrow: true, expires_at: 'tomorrow' }, 'expires_at'],
    ];
    const before = await invoiceNumbers(harness);
    for (const [payload, path] of malformed) {
      const refused = await failureOf(harness.client.request(billingRequests.createBill.subject, payload));
      expect(refused.code, JSON.stringify(payload)).toBe('validation_failed');
      expect(JSON.stringify(refused.details), JSON.stringify(payload)).toContain(path);
    }
    expect(await invoiceNumbers(harness)).toEqual(before);
  });
});
