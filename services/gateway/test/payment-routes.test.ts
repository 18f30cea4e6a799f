import { randomUUID } from 'node:crypto';
import type { AccessClaims } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway } from './support.js';

const now = new Date().toISOString();
const paymentOf = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  payer_id: randomUUID(),
  wallet_id: randomUUID(),
  paid_to: null,
  amount: 1250,
  currency: 'USD',
  description: null,
  status: 'created',
  failure_reason: null,
  approve_url: 'http://127.0.0.1:8081/checkoutnow?token=5O190127TN364715T',
  paypal_order_id: '5O190127TN364715T',
  paypal_capture_id: null,
  sandbox: true,
  created_at: now,
  updated_at: now,
  captured_at: null,
  refunded_at: null,
  refunded_amount: 0,
  refunds: [],
  metadata: {},
  ...overrides,
});
const invoiceOf = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  invoice_no: 7,
  payer_id: randomUUID(),
  payee_id: randomUUID(),
  amount: 900,
  currency: 'USD',
  description: 'haircut',
  status: 'paid',
  payment_id: null,
  transfer_id: randomUUID(),
  issued_at: now,
  paid_at: now,
  refunded_at: null,
  refunded_amount: 0,
  updated_at: now,
  hold_id: null,
  amount_paid: 900,
  ...overrides,
});
const zero = { count: 0, amount: 0 };
const figures = {
  payments_made: { count: 1, amount: 900 },
  payments_received: zero,
  deposits: zero,
  transfers_in: zero,
  transfers_out: zero,
};
const report = {
  from: '2030-01-01',
  to: '2030-01-01',
  currencies: [
    {
      currency: 'USD',
      totals: { ...figures, invoices_paid: { count: 1, amount: 900 }, invoices_received: zero },
      daily: [{ date: '2030-01-01', ...figures }],
    },
  ],
};
const message = {
  id: randomUUID(),
  user_id: randomUUID(),
  channel: 'email',
  to: 'ada@example.com',
  template: 'registration',
  subject: 'Welcome to MoneyPal',
  status: 'sent',
  attempts: 1,
  provider_id: '<abc@moneypal>',
  error: null,
  created_at: now,
  updated_at: now,
  sent_at: now,
  body: 'Hello Ada,',
  read_at: null,
};

const actorOf = (claims: AccessClaims) => ({ user_id: claims.sub, role: claims.role });

describe('payment, billing and notification routes', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  let admin: { authorization: string; claims: AccessClaims };
  beforeEach(async () => {
    gateway = await startGateway();
    user = await gateway.bearer('user');
    admin = await gateway.bearer('admin');
  });
  afterEach(async () => {
    await gateway.close();
  });

  const answer = (subject: string, reply: unknown) => gateway.respond(subject, async () => reply);

  const paymentId = randomUUID();
  const invoiceId = randomUUID();
  const cases: {
    name: string;
    role: 'user' | 'admin';
    method: 'GET' | 'POST';
    url: string;
    subject: string;
    reply: unknown;
    status: number;
    payload: Record<string, unknown>;
  }[] = [
    {
      name: 'lists my payments with the default limit',
      role: 'user',
      method: 'GET',
      url: '/v1/payments?status=captured',
      subject: 'payments.payment.list',
      reply: { data: [paymentOf({ status: 'captured' })], next_cursor: null },
      status: 200,
      payload: { status: 'captured', limit: 20 },
    },
    {
      name: 'reads a payment',
      role: 'user',
      method: 'GET',
      url: `/v1/payments/${paymentId}`,
      subject: 'payments.payment.get',
      reply: paymentOf({ id: paymentId }),
      status: 200,
      payload: { payment_id: paymentId },
    },
    {
      name: 'captures a payment',
      role: 'user',
      method: 'POST',
      url: `/v1/payments/${paymentId}/capture`,
      subject: 'payments.payment.capture',
      reply: paymentOf({ id: paymentId, status: 'captured', captured_at: now }),
      status: 200,
      payload: { payment_id: paymentId },
    },
    {
      name: 'records a cancelled approval',
      role: 'user',
      method: 'POST',
      url: `/v1/payments/${paymentId}/cancel`,
      subject: 'payments.payment.cancel',
      reply: paymentOf({ id: paymentId, status: 'failed', failure_reason: 'cancelled' }),
      status: 200,
      payload: { payment_id: paymentId },
    },
    {
      name: 'lists my payments by metadata pairs',
      role: 'user',
      method: 'GET',
      url: '/v1/payments?metadata[order_id]=A-1042&metadata[channel]=web',
      subject: 'payments.payment.list',
      reply: { data: [paymentOf({ metadata: { order_id: 'A-1042', channel: 'web' } })], next_cursor: null },
      status: 200,
      payload: { metadata: { order_id: 'A-1042', channel: 'web' }, limit: 20 },
    },
    {
      name: 'lists the invoices I paid',
      role: 'user',
      method: 'GET',
      url: '/v1/invoices?role=payer&limit=5',
      subject: 'billing.invoice.list',
      reply: { data: [invoiceOf()], next_cursor: 'next' },
      status: 200,
      payload: { role: 'payer', limit: 5 },
    },
    {
      name: 'reads an invoice',
      role: 'user',
      method: 'GET',
      url: `/v1/invoices/${invoiceId}`,
      subject: 'billing.invoice.get',
      reply: invoiceOf({ id: invoiceId }),
      status: 200,
      payload: { invoice_id: invoiceId },
    },
    {
      name: 'reads my report over a range of days',
      role: 'user',
      method: 'GET',
      url: '/v1/reports/summary?from=2030-01-01&to=2030-01-01',
      subject: 'billing.report.summary',
      reply: report,
      status: 200,
      payload: { from: '2030-01-01', to: '2030-01-01' },
    },
    {
      name: 'lists the messages sent to me',
      role: 'user',
      method: 'GET',
      url: '/v1/notifications?channel=email',
      subject: 'notifications.message.list',
      reply: { data: [message], next_cursor: null },
      status: 200,
      payload: { channel: 'email', limit: 20 },
    },
  ];

  for (const example of cases) {
    it(`${example.name} (${example.method} ${example.url.split('?')[0]})`, async () => {
      await answer(example.subject, example.reply);
      const caller = example.role === 'admin' ? admin : user;
      const response = await gateway.app.inject({
        method: example.method,
        url: example.url,
        headers: { authorization: caller.authorization },
      });
      expect(response.statusCode, response.body).toBe(example.status);
      expect(response.json()).toEqual(example.reply);
      expect(gateway.operationCalls()).toEqual([
        expect.objectContaining({
          subject: example.subject,
          payload: { actor: actorOf(caller.claims), ...example.payload },
        }),
      ]);
    });
  }

  it('creates a payment with the Idempotency-Key, and marks a stored answer as replayed', async () => {
    const payment = paymentOf();
    let replayed = false;
    await gateway.respond('payments.payment.create', async () => ({ result: payment, replayed }));
    const body = { amount: 1250, currency: 'USD', wallet_id: payment.wallet_id, paid_to: ' barber ' };
    const send = () =>
      gateway.app.inject({
        method: 'POST',
        url: '/v1/payments',
        headers: { authorization: user.authorization, 'idempotency-key': 'pay-1' },
        payload: body,
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual(payment);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    replayed = true;
    const second = await send();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      actor: actorOf(user.claims),
      amount: 1250,
      currency: 'USD',
      wallet_id: payment.wallet_id,
      paid_to: 'barber',
      idempotency_key: 'pay-1',
    });
  });

  it('pays a bill from the wallet with the Idempotency-Key', async () => {
    const invoice = invoiceOf();
    await answer('billing.bill.create', {
      result: { invoice, transfer_id: invoice.transfer_id },
      replayed: false,
    });
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/bills',
      headers: { authorization: user.authorization, 'idempotency-key': 'bill-1' },
      payload: { to_user: 'barber', amount: 900, description: 'haircut' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ invoice, transfer_id: invoice.transfer_id });
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      actor: actorOf(user.claims),
      to_user: 'barber',
      amount: 900,
      description: 'haircut',
      idempotency_key: 'bill-1',
    });
  });

  it('pays a bill into escrow, passing the hold options on', async () => {
    const invoice = invoiceOf({
      status: 'held',
      transfer_id: null,
      paid_at: null,
      amount_paid: null,
      hold_id: randomUUID(),
    });
    const holdTransferId = randomUUID();
    await answer('billing.bill.create', {
      result: { invoice, transfer_id: holdTransferId },
      replayed: false,
    });
    const body = {
      to_user: 'tiler',
      amount: 12_000,
      escrow: true,
      expires_at: '2031-01-15T12:00:00Z',
      on_expiry: 'capture',
    };
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/bills',
      headers: { authorization: user.authorization, 'idempotency-key': 'bill-escrow-1' },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ invoice, transfer_id: holdTransferId });
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      actor: actorOf(user.claims),
      ...body,
      idempotency_key: 'bill-escrow-1',
    });
  });

  it('refuses bad money-moving bodies and a missing key before asking anyone', async () => {
    const bad: { url: string; payload: unknown; headers?: Record<string, string>; path: string }[] = [
      {
        url: '/v1/payments',
        payload: { amount: 10.5, currency: 'USD', wallet_id: randomUUID() },
        path: 'amount',
      },
      {
        url: '/v1/payments',
        payload: { amount: 10, currency: 'usd', wallet_id: randomUUID() },
        path: 'currency',
      },
      { url: '/v1/payments', payload: { amount: 10, currency: 'USD', wallet_id: 'nope' }, path: 'wallet_id' },
      { url: '/v1/bills', payload: { to_user: 'x', amount: -1 }, path: 'amount' },
      { url: '/v1/bills', payload: { to_user: 'x', amount: 1, tip: 1 }, path: 'tip' },
      { url: '/v1/bills', payload: { to_user: 'x', amount: 1 }, headers: {}, path: 'Idempotency-Key' },
      { url: '/v1/bills', payload: { to_user: 'x', amount: 1, escrow: 'yes' }, path: 'escrow' },
      { url: '/v1/bills', payload: { to_user: 'x', amount: 1, on_expiry: 'capture' }, path: 'escrow' },
      {
        url: '/v1/bills',
        payload: { to_user: 'x', amount: 1, escrow: true, expires_at: 'next week' },
        path: 'expires_at',
      },
    ];
    for (const example of bad) {
      const response = await gateway.app.inject({
        method: 'POST',
        url: example.url,
        headers: {
          authorization: user.authorization,
          ...(example.headers ?? { 'idempotency-key': 'k-1' }),
        },
        payload: example.payload as object,
      });
      expect(response.statusCode, JSON.stringify(example)).toBe(400);
      expect(problemBody(response).errors?.map((error) => error.path)).toContain(example.path);
    }
    const range = await gateway.app.inject({
      method: 'GET',
      url: '/v1/reports/summary?from=2030-02-01&to=2030-01-01',
      headers: { authorization: user.authorization },
    });
    expect(range.statusCode).toBe(400);
    expect(gateway.operationCalls()).toEqual([]);
  });

  describe('refunds', () => {
    const refundId = randomUUID();
    const refunded = paymentOf({
      id: paymentId,
      status: 'partially_refunded',
      paypal_capture_id: '3C679366HH908993F',
      refunded_at: now,
      refunded_amount: 500,
      refunds: [
        {
          id: refundId,
          amount: 500,
          status: 'completed',
          reason: 'One session cancelled',
          paypal_refund_id: '1JU08902781691411',
          created_at: now,
          completed_at: now,
        },
      ],
    });
    const refund = (payload: unknown, headers: Record<string, string> = { 'idempotency-key': 'refund-1' }) =>
      gateway.app.inject({
        method: 'POST',
        url: `/v1/payments/${paymentId}/refund`,
        headers: { authorization: admin.authorization, ...headers },
        payload: payload as object,
      });

    it('refunds part of a payment for an admin with the Idempotency-Key, and marks a stored answer as replayed', async () => {
      let replayed = false;
      await gateway.respond('payments.payment.refund', async () => ({ result: refunded, replayed }));
      const first = await refund({ amount: 500, reason: ' One session cancelled ' });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual(refunded);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      replayed = true;
      const second = await refund({ amount: 500, reason: 'One session cancelled' });
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(gateway.operationCalls()[0]?.payload).toEqual({
        actor: actorOf(admin.claims),
        payment_id: paymentId,
        amount: 500,
        reason: 'One session cancelled',
        idempotency_key: 'refund-1',
      });
    });

    it('refunds all that is left with an empty body', async () => {
      await answer('payments.payment.refund', { result: refunded, replayed: false });
      const response = await refund({});
      expect(response.statusCode, response.body).toBe(200);
      expect(gateway.operationCalls()[0]?.payload).toEqual({
        actor: actorOf(admin.claims),
        payment_id: paymentId,
        idempotency_key: 'refund-1',
      });
    });

    it('refuses bodies it does not understand and a missing key, before asking payments', async () => {
      const bad: { payload: unknown; headers?: Record<string, string>; path: string }[] = [
        { payload: { amount: 500, note: 'x' }, path: 'note' },
        { payload: { amount: 0 }, path: 'amount' },
        { payload: { amount: -5 }, path: 'amount' },
        { payload: { amount: 2.5 }, path: 'amount' },
        { payload: { amount: '500' }, path: 'amount' },
        { payload: { amount: 2 ** 53 }, path: 'amount' },
        { payload: { reason: '' }, path: 'reason' },
        { payload: { reason: 'x'.repeat(501) }, path: 'reason' },
        { payload: [500], path: '' },
        { payload: { amount: 500 }, headers: {}, path: 'Idempotency-Key' },
      ];
      for (const example of bad) {
        const response = await refund(example.payload, example.headers);
        expect(response.statusCode, JSON.stringify(example)).toBe(400);
        expect(problemBody(response).errors?.map((error) => error.path)).toContain(example.path);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('lets only an admin refund', async () => {
      const response = await gateway.app.inject({
        method: 'POST',
        url: `/v1/payments/${paymentId}/refund`,
        headers: { authorization: user.authorization, 'idempotency-key': 'refund-1' },
        payload: { amount: 500 },
      });
      expect(response.statusCode).toBe(403);
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers payments’ refusals as problems', async () => {
      await gateway.respond('payments.payment.refund', async () => {
        throw new AppError(
          'payment_not_refundable',
          'the refund is more than the 500 minor units left to refund',
          {
            errors: [{ path: 'amount', message: 'Must be at most 500.' }],
          },
        );
      });
      const tooMuch = await refund({ amount: 501 });
      expect(tooMuch.statusCode).toBe(422);
      expect(problemBody(tooMuch)).toMatchObject({
        code: 'payment_not_refundable',
        errors: [{ path: 'amount', message: 'Must be at most 500.' }],
      });
      await gateway.respond('payments.payment.refund', async () => {
        throw new AppError('not_found', 'No payment of yours has this id.');
      });
      expect((await refund({ amount: 1 })).statusCode).toBe(404);
    });
  });

  it('creates a payment with metadata, and refuses metadata beyond its bounds', async () => {
    const payment = paymentOf({ metadata: { order_id: 'A-1042' } });
    await answer('payments.payment.create', { result: payment, replayed: false });
    const create = (metadata: unknown) =>
      gateway.app.inject({
        method: 'POST',
        url: '/v1/payments',
        headers: { authorization: user.authorization, 'idempotency-key': 'pay-meta' },
        payload: { amount: 1250, currency: 'USD', wallet_id: payment.wallet_id, metadata },
      });
    const created = await create({ order_id: 'A-1042' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().metadata).toEqual({ order_id: 'A-1042' });
    expect(gateway.operationCalls()[0]?.payload).toMatchObject({ metadata: { order_id: 'A-1042' } });
    const tooMany = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, 'v']));
    for (const metadata of [tooMany, { 'no spaces': 'v' }, { order_id: 7 }, { order_id: 'x'.repeat(501) }]) {
      const response = await create(metadata);
      expect(response.statusCode, JSON.stringify(metadata)).toBe(400);
      expect(problemBody(response).errors?.[0]?.path).toMatch(/^metadata/);
    }
    const filter = await gateway.app.inject({
      method: 'GET',
      url: '/v1/payments?metadata[no%20spaces]=v',
      headers: { authorization: user.authorization },
    });
    expect(filter.statusCode).toBe(400);
    expect(gateway.operationCalls()).toHaveLength(1);
  });

  describe('PayPal webhooks', () => {
    // Spacing and key order as PayPal sent them: the signature covers exactly these bytes.
    const body = '{"id":"WH-1",  "event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"C1"}}\n';
    const paypalHeaders = {
      'paypal-transmission-id': 'a1b2',
      'paypal-transmission-time': now,
      'paypal-transmission-sig': 'c2lnbmF0dXJl',
      'paypal-cert-url': 'https://api.paypal.com/v1/notifications/certs/CERT-1',
      'paypal-auth-algo': 'SHA256withRSA',
    };

    it('forwards the exact body and only the PayPal headers, without a token', async () => {
      await answer('payments.webhook.receive', { event_id: 'WH-1', outcome: 'applied' });
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: { 'content-type': 'application/json', cookie: 'session=1', ...paypalHeaders },
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ event_id: 'WH-1', outcome: 'applied' });
      expect(gateway.operationCalls()[0]?.payload).toEqual({ headers: paypalHeaders, body });
    });

    it('answers 400 when the signature does not verify', async () => {
      await gateway.respond('payments.webhook.receive', async () => {
        throw new AppError('webhook_signature_invalid', 'the signature does not verify');
      });
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: { 'content-type': 'application/json', ...paypalHeaders },
        payload: body,
      });
      expect(response.statusCode).toBe(400);
      expect(problemBody(response).code).toBe('webhook_signature_invalid');
    });

    it('refuses an empty body and another media type', async () => {
      const empty = await gateway.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(empty.statusCode).toBe(400);
      const text = await gateway.app.inject({
        method: 'POST',
        url: '/v1/webhooks/paypal',
        headers: { 'content-type': 'text/plain' },
        payload: body,
      });
      expect(text.statusCode).toBe(415);
      expect(gateway.operationCalls()).toEqual([]);
    });
  });
});
