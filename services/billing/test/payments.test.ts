import { randomUUID } from 'node:crypto';
import {
  billingEvents,
  billingRequests,
  ledgerRequests,
  type Payment,
  paymentsEvents,
} from '@moneypal/contracts';
import { call } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type BillingHarness,
  balancesOf,
  capturedPayment,
  failedPayment,
  invoiceNumbers,
  isGapless,
  newKey,
  newPayment,
  outboxEvents,
  paymentWithRefund,
  refundedPayment,
  startHarness,
  type TestUser,
} from './billing-harness.js';

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

const publish = (type: string, payment: Payment) => harness.publishPaymentEvent(type, payment);

const invoiceOf = (paymentId: string) =>
  harness.database.db
    .selectFrom('invoices')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .executeTakeFirst();

/** The ledger's transfers of a wallet, newest first, as its owner reads them. */
const transfersOf = async (owner: TestUser) =>
  (await call(harness.client, ledgerRequests.listTransactions, { actor: owner.actor, limit: 100 })).data;

const eventsAbout = async (type: string, invoiceId: string) =>
  (await outboxEvents(harness.database.db, type)).filter((event) => event.subject === invoiceId);

async function payerAndProvider() {
  return { payer: await harness.createUser(), provider: await harness.createUser() };
}

describe(`funding through PayPal on ${testDatabaseLabel}`, () => {
  it('credits the payer once for a captured payment without a provider, however often it is delivered', async () => {
    const payer = await harness.createUser();
    const payment = newPayment(payer, { amount: 2_500 });
    await publish(paymentsEvents.paymentCreated, payment);
    const captured = capturedPayment(payment);
    const event = harness.paymentEvent(paymentsEvents.paymentCaptured, captured);
    // Three deliveries at once: those that meet another in the ledger fail, to be delivered again.
    const outcomes = await Promise.allSettled([
      harness.publish(event),
      harness.redeliver(event),
      harness.redeliver(event),
    ]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect(outcome.reason).toMatchObject({ code: 'idempotency_in_flight' });
    }
    await harness.redeliver(event);
    await publish(paymentsEvents.paymentCaptured, captured);

    expect(await balancesOf(harness, payer)).toEqual({ main: 2_500, savings: 0 });
    const transfers = await transfersOf(payer);
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      type: 'deposit',
      amount: 2_500,
      to_wallet_id: payer.wallet.id,
      description: `paypal:${captured.paypal_capture_id}`,
      metadata: { payment: payment.id, source: 'paypal-clearing' },
    });
    expect(await invoiceOf(payment.id)).toBeUndefined();
  });
});

describe(`paying a provider through PayPal on ${testDatabaseLabel}`, () => {
  it('issues a pending invoice, then credits the payer, pays the provider and marks it paid', async () => {
    const { payer, provider } = await payerAndProvider();
    const payment = newPayment(payer, {
      paid_to: provider.user.id,
      amount: 4_000,
      description: 'piano lesson',
    });
    const before = await invoiceNumbers(harness);
    await publish(paymentsEvents.paymentCreated, payment);
    const pending = await invoiceOf(payment.id);
    expect(pending).toMatchObject({
      status: 'pending',
      payer_id: payer.user.id,
      payee_id: provider.user.id,
      amount: 4_000n,
      currency: 'USD',
      description: 'piano lesson',
      transfer_id: null,
      invoice_no: BigInt(before.length + 1),
    });
    expect(await eventsAbout(billingEvents.invoiceIssued, pending!.id)).toHaveLength(1);

    const event = await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    await harness.redeliver(event);
    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 4_000, savings: 0 });
    const settle = (await transfersOf(provider))[0]!;
    expect(settle).toMatchObject({ type: 'payment', amount: 4_000, from_wallet_id: payer.wallet.id });
    const paid = await invoiceOf(payment.id);
    expect(paid).toMatchObject({
      id: pending!.id,
      status: 'paid',
      transfer_id: settle.id,
      invoice_no: pending!.invoice_no,
    });
    expect(paid!.paid_at).not.toBeNull();
    const paidEvents = await eventsAbout(billingEvents.invoicePaid, paid!.id);
    expect(paidEvents).toHaveLength(1);
    expect(paidEvents[0]!.data).toMatchObject({
      invoice: { status: 'paid', invoice_no: Number(paid!.invoice_no) },
    });

    const invoice = await call(harness.client, billingRequests.getInvoice, {
      actor: provider.actor,
      invoice_id: paid!.id,
    });
    expect(invoice).toMatchObject({
      status: 'paid',
      amount: 4_000,
      payment_id: payment.id,
      transfer_id: settle.id,
    });
  });

  it('numbers the invoices of many payments one after another, with no gaps', async () => {
    const { payer, provider } = await payerAndProvider();
    const before = await invoiceNumbers(harness);
    const payments = Array.from({ length: 6 }, () =>
      newPayment(payer, { paid_to: provider.user.id, amount: 100 }),
    );
    await Promise.all(payments.map((payment) => publish(paymentsEvents.paymentCreated, payment)));
    await Promise.all(
      payments.map((payment) => publish(paymentsEvents.paymentCaptured, capturedPayment(payment))),
    );
    const numbers = await invoiceNumbers(harness);
    expect(numbers).toEqual(Array.from({ length: before.length + 6 }, (_, index) => index + 1));
    expect(await balancesOf(harness, provider)).toEqual({ main: 600, savings: 0 });
  });

  it('issues the invoice paid when the capture arrives before the creation, and the creation changes nothing', async () => {
    const { payer, provider } = await payerAndProvider();
    const payment = newPayment(payer, { paid_to: provider.user.id, amount: 700 });
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    const paid = await invoiceOf(payment.id);
    expect(paid).toMatchObject({ status: 'paid' });
    expect(await eventsAbout(billingEvents.invoiceIssued, paid!.id)).toHaveLength(1);
    expect(await eventsAbout(billingEvents.invoicePaid, paid!.id)).toHaveLength(1);

    await publish(paymentsEvents.paymentCreated, payment);
    expect(await invoiceOf(payment.id)).toEqual(paid);
    expect(await eventsAbout(billingEvents.invoiceIssued, paid!.id)).toHaveLength(1);
    expect(await balancesOf(harness, provider)).toEqual({ main: 700, savings: 0 });
  });

  it('fails the invoice and leaves the money with the payer when a savings plan put part of the credit aside', async () => {
    const { payer, provider } = await payerAndProvider();
    const plan = await call(harness.client, ledgerRequests.createSavingsPlan, {
      actor: harness.admin,
      plan: { name: `tenth ${newKey()}`, kind: 'percentage', value: 1_000 },
    });
    await call(harness.client, ledgerRequests.selectSavingsPlan, {
      actor: payer.actor,
      wallet_id: payer.wallet.id,
      plan_id: plan.id,
    });
    const payment = newPayment(payer, { paid_to: provider.user.id, amount: 1_000 });
    await publish(paymentsEvents.paymentCreated, payment);
    const event = await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    await harness.redeliver(event);

    expect(await balancesOf(harness, payer)).toEqual({ main: 900, savings: 100 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 0, savings: 0 });
    const failed = await invoiceOf(payment.id);
    expect(failed).toMatchObject({ status: 'failed', transfer_id: null, paid_at: null });
    expect(await eventsAbout(billingEvents.invoicePaid, failed!.id)).toHaveLength(0);
    const capture = await harness.database.db
      .selectFrom('captures')
      .selectAll()
      .where('payment_id', '=', payment.id)
      .executeTakeFirstOrThrow();
    expect(capture).toMatchObject({
      refused_step: 'settle',
      refusal_code: 'insufficient_funds',
      settle_transfer_id: null,
    });
  });

  it('fails the invoice of a failed payment, and issues it failed, with a number, when it was never issued', async () => {
    const { payer, provider } = await payerAndProvider();
    const issuedFirst = newPayment(payer, { paid_to: provider.user.id });
    await publish(paymentsEvents.paymentCreated, issuedFirst);
    await publish(paymentsEvents.paymentFailed, failedPayment(issuedFirst));
    expect(await invoiceOf(issuedFirst.id)).toMatchObject({ status: 'failed' });

    const before = await invoiceNumbers(harness);
    const neverIssued = newPayment(payer, { paid_to: provider.user.id });
    await publish(paymentsEvents.paymentFailed, failedPayment(neverIssued));
    const failed = await invoiceOf(neverIssued.id);
    expect(failed).toMatchObject({ status: 'failed', invoice_no: BigInt(before.length + 1) });
    expect(await eventsAbout(billingEvents.invoiceIssued, failed!.id)).toHaveLength(1);
    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });

    const withoutProvider = newPayment(payer);
    await publish(paymentsEvents.paymentFailed, failedPayment(withoutProvider));
    expect(await invoiceOf(withoutProvider.id)).toBeUndefined();
  });
  it('records a capture the ledger cannot credit, fails its invoice, and has nothing to reverse on refund', async () => {
    const { payer, provider } = await payerAndProvider();
    const payment: Payment = {
      ...newPayment(payer, { paid_to: provider.user.id, amount: 500 }),
      wallet_id: randomUUID(),
    };
    const event = await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    await harness.redeliver(event);
    const capture = await harness.database.db
      .selectFrom('captures')
      .selectAll()
      .where('payment_id', '=', payment.id)
      .executeTakeFirstOrThrow();
    expect(capture).toMatchObject({
      refused_step: 'fund',
      refusal_code: 'wallet_not_found',
      fund_transfer_id: null,
    });
    expect(await invoiceOf(payment.id)).toMatchObject({ status: 'failed' });

    await publish(paymentsEvents.paymentRefunded, refundedPayment(payment));
    const reversal = await harness.database.db
      .selectFrom('refund_reversals')
      .selectAll()
      .where('payment_id', '=', payment.id)
      .executeTakeFirstOrThrow();
    expect(reversal).toMatchObject({ status: 'nothing_to_reverse', fund_transfer_id: null });
    expect(await transfersOf(payer)).toEqual([]);
  });
});

describe(`refunds on ${testDatabaseLabel}`, () => {
  const reversalOf = (paymentId: string) =>
    harness.database.db
      .selectFrom('refund_reversals')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .executeTakeFirst();

  it("takes a funding back out of the payer's wallet", async () => {
    const payer = await harness.createUser();
    const payment = newPayment(payer, { amount: 1_200 });
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    expect(await balancesOf(harness, payer)).toEqual({ main: 1_200, savings: 0 });
    const event = await publish(paymentsEvents.paymentRefunded, refundedPayment(payment));
    await harness.redeliver(event);

    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    const [withdrawal] = await transfersOf(payer);
    expect(withdrawal).toMatchObject({ type: 'withdrawal', amount: 1_200, from_wallet_id: payer.wallet.id });
    expect(await reversalOf(payment.id)).toMatchObject({
      status: 'reversed',
      settle_transfer_id: null,
      fund_transfer_id: withdrawal!.id,
    });
  });

  it('pays the payer back from the provider, takes the funding back and refunds the invoice', async () => {
    const { payer, provider } = await payerAndProvider();
    const payment = newPayment(payer, { paid_to: provider.user.id, amount: 3_000 });
    await publish(paymentsEvents.paymentCreated, payment);
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    const paid = await invoiceOf(payment.id);
    const event = await publish(paymentsEvents.paymentRefunded, refundedPayment(payment));
    await harness.redeliver(event);

    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 0, savings: 0 });
    const refunded = await invoiceOf(payment.id);
    expect(refunded).toMatchObject({ status: 'refunded', transfer_id: paid!.transfer_id });
    expect(refunded!.refunded_at).not.toBeNull();
    const events = await eventsAbout(billingEvents.invoiceRefunded, refunded!.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ invoice: { status: 'refunded' } });
    expect(await reversalOf(payment.id)).toMatchObject({ status: 'reversed', failed_step: null });
  });

  it('records the reversal failed, and moves nothing, when the provider already spent the money', async () => {
    const { payer, provider } = await payerAndProvider();
    const elsewhere = await harness.createUser();
    const payment = newPayment(payer, { paid_to: provider.user.id, amount: 800 });
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    await call(harness.client, ledgerRequests.transfer, {
      actor: provider.actor,
      from_wallet_id: provider.wallet.id,
      to_wallet_id: elsewhere.wallet.id,
      amount: 500,
      idempotency_key: newKey('spend'),
    });
    const refund = refundedPayment(payment);
    const event = await publish(paymentsEvents.paymentRefunded, refund);
    await harness.redeliver(event);
    await publish(paymentsEvents.paymentRefunded, refund);

    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 300, savings: 0 });
    expect(await reversalOf(payment.id)).toMatchObject({
      status: 'failed',
      failed_step: 'settle',
      failure_code: 'insufficient_funds',
      settle_transfer_id: null,
      fund_transfer_id: null,
    });
    const invoice = await invoiceOf(payment.id);
    expect(invoice).toMatchObject({ status: 'paid', refunded_at: null });
    expect(await eventsAbout(billingEvents.invoiceRefunded, invoice!.id)).toHaveLength(0);
  });

  it('only takes the funding back when the provider was never paid', async () => {
    const { payer, provider } = await payerAndProvider();
    // The provider has no EUR wallet to be paid in.
    const euros = await call(harness.client, ledgerRequests.openWallet, {
      actor: payer.actor,
      currency: 'EUR',
      type: 'personal',
    });
    const payment: Payment = {
      ...newPayment(payer, { paid_to: provider.user.id, amount: 50 }),
      wallet_id: euros.id,
      currency: 'EUR',
    };
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    expect(await invoiceOf(payment.id)).toMatchObject({ status: 'failed', currency: 'EUR' });
    expect(await balancesOf(harness, payer, euros.id)).toEqual({ main: 50, savings: 0 });
    await publish(paymentsEvents.paymentRefunded, refundedPayment(payment));

    expect(await balancesOf(harness, payer, euros.id)).toEqual({ main: 0, savings: 0 });
    expect(await reversalOf(payment.id)).toMatchObject({ status: 'reversed', settle_transfer_id: null });
    expect(await invoiceOf(payment.id)).toMatchObject({ status: 'failed' });
  });

  it('applies a capture that arrives after its refund first, and the late capture changes nothing', async () => {
    const { payer, provider } = await payerAndProvider();
    const payment = newPayment(payer, { paid_to: provider.user.id, amount: 900 });
    await publish(paymentsEvents.paymentRefunded, refundedPayment(payment));
    const refunded = await invoiceOf(payment.id);
    expect(refunded).toMatchObject({ status: 'refunded' });
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    await publish(paymentsEvents.paymentCreated, payment);

    expect(await invoiceOf(payment.id)).toEqual(refunded);
    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    expect(await balancesOf(harness, provider)).toEqual({ main: 0, savings: 0 });
    expect(await transfersOf(payer)).toHaveLength(4);
  });
});

describe(`partial refunds on ${testDatabaseLabel}`, () => {
  const reversalsOf = (paymentId: string) =>
    harness.database.db
      .selectFrom('refund_reversals')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .orderBy('applied_at')
      .execute();

  it('refunds the invoice in part, then in full, moving each refund’s amount back once', async () => {
    const { payer, provider } = await payerAndProvider();
    const payment = newPayment(payer, { paid_to: provider.user.id, amount: 1_000 });
    await publish(paymentsEvents.paymentCreated, payment);
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    expect(await balancesOf(harness, provider)).toEqual({ main: 1_000, savings: 0 });

    const first = paymentWithRefund(payment, 300);
    const event = await harness.publishPaymentEvent(
      paymentsEvents.paymentRefunded,
      first.payment,
      first.refund,
    );
    await harness.redeliver(event);
    await harness.publishPaymentEvent(paymentsEvents.paymentRefunded, first.payment, first.refund);
    expect(await balancesOf(harness, provider)).toEqual({ main: 700, savings: 0 });
    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    const partly = await invoiceOf(payment.id);
    expect(partly).toMatchObject({ status: 'partially_refunded', refunded_amount: 300n, amount: 1_000n });
    expect(partly!.refunded_at).not.toBeNull();

    const second = paymentWithRefund(payment, 700, 300);
    await harness.publishPaymentEvent(paymentsEvents.paymentRefunded, second.payment, second.refund);
    expect(await balancesOf(harness, provider)).toEqual({ main: 0, savings: 0 });
    expect(await balancesOf(harness, payer)).toEqual({ main: 0, savings: 0 });
    expect(await invoiceOf(payment.id)).toMatchObject({ status: 'refunded', refunded_amount: 1_000n });

    const events = await eventsAbout(billingEvents.invoiceRefunded, partly!.id);
    expect(events.map((item) => item.data)).toMatchObject([
      {
        invoice: { status: 'partially_refunded', refunded_amount: 300 },
        refund: { id: first.refund.id, amount: 300 },
      },
      {
        invoice: { status: 'refunded', refunded_amount: 1_000 },
        refund: { id: second.refund.id, amount: 700 },
      },
    ]);
    expect((await reversalsOf(payment.id)).map((row) => [row.refund_id, row.amount, row.status])).toEqual([
      [first.refund.id, 300n, 'reversed'],
      [second.refund.id, 700n, 'reversed'],
    ]);
  });

  it('debits the payer’s wallet by each refund’s amount exactly once, naming the refund', async () => {
    const payer = await harness.createUser();
    const payment = newPayment(payer, { amount: 1_200 });
    await publish(paymentsEvents.paymentCaptured, capturedPayment(payment));
    const first = paymentWithRefund(payment, 200);
    const event = await harness.publishPaymentEvent(
      paymentsEvents.paymentRefunded,
      first.payment,
      first.refund,
    );
    await Promise.allSettled([harness.redeliver(event), harness.redeliver(event)]);
    await harness.redeliver(event);
    expect(await balancesOf(harness, payer)).toEqual({ main: 1_000, savings: 0 });
    const second = paymentWithRefund(payment, 250, 200);
    await harness.publishPaymentEvent(paymentsEvents.paymentRefunded, second.payment, second.refund);
    expect(await balancesOf(harness, payer)).toEqual({ main: 750, savings: 0 });

    const withdrawals = (await transfersOf(payer)).filter((transfer) => transfer.type === 'withdrawal');
    expect(withdrawals.map((transfer) => [transfer.amount, transfer.metadata.refund])).toEqual([
      [250, second.refund.id],
      [200, first.refund.id],
    ]);
    expect(await invoiceOf(payment.id)).toBeUndefined();
  });
});
