import { randomUUID } from 'node:crypto';
import {
  type AccessClaims,
  createPaymentRequestBody,
  type PaymentRequest,
  paymentRequestSchema,
} from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Route } from '../src/route.js';
import { paymentRequestRoutes, paymentRequestsPerMinute } from '../src/routes/payment-requests.routes.js';
import { problemBody, startGateway, type TestGateway } from './support.js';

const actorOf = (claims: AccessClaims) => ({ user_id: claims.sub, role: claims.role });
const requestId = randomUUID();
const walletId = randomUUID();

function paymentRequestOf(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  const now = new Date().toISOString();
  return {
    id: requestId,
    status: 'pending',
    requester_id: randomUUID(),
    payer_id: randomUUID(),
    requester_name: 'Ada Lovelace',
    requester_handle: 'ada',
    payer_name: 'Grace Hopper',
    payer_handle: 'grace',
    to_wallet_id: walletId,
    amount: 2_500,
    currency: 'USD',
    description: 'Dinner',
    expires_at: now,
    created_at: now,
    updated_at: now,
    from_wallet_id: null,
    transfer_id: null,
    paid_at: null,
    closed_at: null,
    decline_reason: null,
    ...overrides,
  };
}

describe('payment request routes', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  beforeEach(async () => {
    gateway = await startGateway();
    user = await gateway.bearer('user');
  });
  afterEach(async () => {
    await gateway.close();
  });

  const send = (request: {
    method: 'GET' | 'POST';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }) =>
    gateway.app.inject({
      method: request.method,
      url: request.url,
      headers: { authorization: user.authorization, ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });

  it('creates a request for the token’s user, trimming the note, and answers 201', async () => {
    const created = paymentRequestOf();
    await gateway.respond('billing.payment-request.create', async () => created);
    const body = { from_user: 'grace', to_wallet_id: walletId, amount: 2_500, description: ' Dinner ' };
    const response = await send({ method: 'POST', url: '/v1/payment-requests', payload: body });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual(created);
    expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
      { actor: actorOf(user.claims), ...body, description: 'Dinner' },
    ]);
  });

  it('refuses bad amounts, expiries and fields before asking billing', async () => {
    const base = { from_user: 'grace', to_wallet_id: walletId, amount: 100 };
    const bodies: [string, unknown][] = [
      ['amount 0', { ...base, amount: 0 }],
      ['a negative amount', { ...base, amount: -1 }],
      ['a fraction', { ...base, amount: 1.5 }],
      ['an amount beyond 2^53-1', { ...base, amount: 2 ** 53 }],
      ['an amount as a string', { ...base, amount: '100' }],
      ['no payer', { to_wallet_id: walletId, amount: 100 }],
      ['an empty payer', { ...base, from_user: '   ' }],
      ['a wallet that is no UUID', { ...base, to_wallet_id: 'mine' }],
      ['an expiry that is no time', { ...base, expires_at: 'tomorrow' }],
      ['a note too long', { ...base, description: 'x'.repeat(201) }],
      ['an unknown field', { ...base, currency: 'EUR' }],
    ];
    // More bad bodies than one user may send in a minute: each comes from a user of its own.
    for (const [name, payload] of bodies) {
      const response = await gateway.app.inject({
        method: 'POST',
        url: '/v1/payment-requests',
        headers: { authorization: (await gateway.bearer('user')).authorization },
        payload: payload as object,
      });
      expect(response.statusCode, name).toBe(400);
      expect(problemBody(response).code, name).toBe('validation_failed');
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it(`limits each user to ${paymentRequestsPerMinute} requests a minute`, async () => {
    await gateway.respond('billing.payment-request.create', async () => paymentRequestOf());
    const body = { from_user: 'grace', to_wallet_id: walletId, amount: 100 };
    for (let made = 0; made < paymentRequestsPerMinute; made++) {
      expect((await send({ method: 'POST', url: '/v1/payment-requests', payload: body })).statusCode).toBe(
        201,
      );
    }
    const limited = await send({ method: 'POST', url: '/v1/payment-requests', payload: body });
    expect(limited.statusCode).toBe(429);
    expect(problemBody(limited).code).toBe('rate_limited');
    expect(gateway.operationCalls()).toHaveLength(paymentRequestsPerMinute);
    // Reading is not limited by it.
    await gateway.respond('billing.payment-request.list', async () => ({ data: [], next_cursor: null }));
    expect((await send({ method: 'GET', url: '/v1/payment-requests' })).statusCode).toBe(200);
  });

  it('lists with the filters and the default page size, and refuses unknown ones', async () => {
    await gateway.respond('billing.payment-request.list', async () => ({
      data: [paymentRequestOf()],
      next_cursor: null,
    }));
    const response = await send({
      method: 'GET',
      url: '/v1/payment-requests?direction=incoming&status=pending',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
      { actor: actorOf(user.claims), direction: 'incoming', status: 'pending', limit: 20 },
    ]);
    for (const query of ['direction=sideways', 'status=lost', 'limit=0', 'owner=someone']) {
      const refused = await send({ method: 'GET', url: `/v1/payment-requests?${query}` });
      expect(refused.statusCode, query).toBe(400);
    }
  });

  it('pays with the Idempotency-Key, marks a replay, and answers the closed request as 409', async () => {
    const paid = paymentRequestOf({ status: 'paid', transfer_id: randomUUID(), from_wallet_id: walletId });
    let replayed = false;
    let closed = false;
    await gateway.respond('billing.payment-request.pay', async () => {
      if (closed)
        throw new AppError('payment_request_closed', 'the payment request is declined', {
          status: 'declined',
        });
      return { result: paid, replayed };
    });
    const pay = (headers: Record<string, string> = { 'idempotency-key': 'pay-1' }) =>
      send({
        method: 'POST',
        url: `/v1/payment-requests/${requestId}/pay`,
        headers,
        payload: { from_wallet_id: walletId },
      });

    const missingKey = await pay({});
    expect(missingKey.statusCode).toBe(400);
    expect(problemBody(missingKey).errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    expect(gateway.operationCalls()).toEqual([]);

    const first = await pay();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual(paid);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      actor: actorOf(user.claims),
      payment_request_id: requestId,
      from_wallet_id: walletId,
      idempotency_key: 'pay-1',
    });
    replayed = true;
    expect((await pay()).headers['idempotent-replayed']).toBe('true');

    closed = true;
    const refused = await pay({ 'idempotency-key': 'pay-2' });
    expect(refused.statusCode).toBe(409);
    expect(problemBody(refused)).toMatchObject({
      code: 'payment_request_closed',
      type: '/problems/payment_request_closed',
    });
  });

  it('declines and cancels through billing, answering its refusals with their statuses', async () => {
    let code: AppError['code'] | null = null;
    for (const subject of ['billing.payment-request.decline', 'billing.payment-request.cancel']) {
      await gateway.respond(subject, async () => {
        if (code !== null) throw new AppError(code, `refused with ${code}`);
        return paymentRequestOf({ status: subject.endsWith('decline') ? 'declined' : 'cancelled' });
      });
    }
    const declined = await send({
      method: 'POST',
      url: `/v1/payment-requests/${requestId}/decline`,
      payload: { reason: 'Paid in cash' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().status).toBe('declined');
    const cancelled = await send({ method: 'POST', url: `/v1/payment-requests/${requestId}/cancel` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
      { actor: actorOf(user.claims), payment_request_id: requestId, reason: 'Paid in cash' },
      { actor: actorOf(user.claims), payment_request_id: requestId },
    ]);
    for (const [errorCode, status] of [
      ['not_found', 404],
      ['forbidden', 403],
      ['payment_request_closed', 409],
    ] as const) {
      code = errorCode;
      for (const action of ['decline', 'cancel']) {
        const response = await send({
          method: 'POST',
          url: `/v1/payment-requests/${requestId}/${action}`,
          ...(action === 'decline' ? { payload: {} } : {}),
        });
        expect(response.statusCode, `${action} ${errorCode}`).toBe(status);
      }
    }
    const badId = await send({ method: 'GET', url: '/v1/payment-requests/not-a-uuid' });
    expect(badId.statusCode).toBe(400);
  });

  it('carries examples that agree with the schemas and with each other', () => {
    const routes = paymentRequestRoutes() as Route[];
    const create = routes.find((route) => route.method === 'POST' && route.url === '/v1/payment-requests')!;
    const body = createPaymentRequestBody.parse(create.examples?.request);
    const created = paymentRequestSchema.parse(create.examples?.responses[201]);
    expect(created).toMatchObject({
      status: 'pending',
      payer_handle: body.from_user,
      to_wallet_id: body.to_wallet_id,
      amount: body.amount,
      description: body.description,
    });
    for (const route of routes) {
      if (route.body !== undefined && route.examples?.request !== undefined)
        route.body.parse(route.examples.request);
      for (const [status, example] of Object.entries(route.examples?.responses ?? {})) {
        const schema = route.responses[Number(status)] as z.ZodType;
        schema.parse(example);
        const requests =
          'data' in (example as object) ? (example as { data: PaymentRequest[] }).data : [example];
        for (const request of requests as PaymentRequest[]) {
          expect(request.id, `${route.method} ${route.url}`).toBe(created.id);
          expect(request.amount).toBe(created.amount);
        }
      }
    }
    const pay = routes.find((route) => route.url.endsWith('/pay'))!;
    expect(pay.examples?.responses[200]).toMatchObject({
      status: 'paid',
      from_wallet_id: (pay.examples!.request as { from_wallet_id: string }).from_wallet_id,
    });
  });
});
