import { randomUUID } from 'node:crypto';
import type { AccessClaims } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway } from './support.js';

const now = new Date().toISOString();
const payoutOf = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  user_id: randomUUID(),
  wallet_id: randomUUID(),
  amount: 2500,
  currency: 'USD',
  receiver: 'ana@example.com',
  metadata: {},
  status: 'processing',
  failure_reason: null,
  paypal_batch_id: 'QYR5Z8XDVJNXQ',
  paypal_item_id: null,
  transfer_id: randomUUID(),
  sandbox: true,
  created_at: now,
  updated_at: now,
  completed_at: null,
  released_by: null,
  release_reason: null,
  ...overrides,
});

const actorOf = (claims: AccessClaims) => ({ user_id: claims.sub, role: claims.role });

describe('payout routes', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  beforeEach(async () => {
    gateway = await startGateway();
    user = await gateway.bearer('user');
  });
  afterEach(async () => {
    await gateway.close();
  });

  const post = (payload: unknown, headers: Record<string, string> = { 'idempotency-key': 'payout-1' }) =>
    gateway.app.inject({
      method: 'POST',
      url: '/v1/payouts',
      headers: { authorization: user.authorization, ...headers },
      payload: payload as object,
    });

  it('creates a payout with the Idempotency-Key, and marks a stored answer as replayed', async () => {
    const payout = payoutOf();
    let replayed = false;
    await gateway.respond('payments.payout.create', async () => ({ result: payout, replayed }));
    const body = {
      wallet_id: payout.wallet_id,
      amount: 2500,
      receiver: ' Ana@Example.com ',
      metadata: { reference: 'cash-out-7' },
    };
    const first = await post(body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual(payout);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    replayed = true;
    const second = await post(body);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(gateway.operationCalls()[0]?.payload).toEqual({
      actor: actorOf(user.claims),
      wallet_id: payout.wallet_id,
      amount: 2500,
      receiver: 'ana@example.com',
      metadata: { reference: 'cash-out-7' },
      idempotency_key: 'payout-1',
    });
  });

  it('answers a refused debit as 422 with its code', async () => {
    await gateway.respond('payments.payout.create', async () => {
      throw new AppError('insufficient_funds', "the payout is above the wallet's available balance");
    });
    const response = await post({ wallet_id: randomUUID(), amount: 2500, receiver: 'ana@example.com' });
    expect(response.statusCode).toBe(422);
    expect(problemBody(response)).toMatchObject({ code: 'insufficient_funds' });
  });

  it('refuses bad bodies and a missing key before asking anyone', async () => {
    const wallet = randomUUID();
    const bad: { payload: unknown; headers?: Record<string, string>; path: string }[] = [
      { payload: { wallet_id: wallet, amount: 10.5, receiver: 'ana@example.com' }, path: 'amount' },
      { payload: { wallet_id: wallet, amount: 0, receiver: 'ana@example.com' }, path: 'amount' },
      { payload: { wallet_id: wallet, amount: 2 ** 53, receiver: 'ana@example.com' }, path: 'amount' },
      { payload: { wallet_id: wallet, amount: '10', receiver: 'ana@example.com' }, path: 'amount' },
      { payload: { wallet_id: wallet, amount: 10, receiver: 'not an email' }, path: 'receiver' },
      { payload: { wallet_id: 'nope', amount: 10, receiver: 'ana@example.com' }, path: 'wallet_id' },
      { payload: { wallet_id: wallet, amount: 10 }, path: 'receiver' },
      { payload: { wallet_id: wallet, amount: 10, receiver: 'ana@example.com', tip: 1 }, path: 'tip' },
      {
        payload: {
          wallet_id: wallet,
          amount: 10,
          receiver: 'ana@example.com',
          metadata: Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, 'v'])),
        },
        path: 'metadata',
      },
      {
        payload: { wallet_id: wallet, amount: 10, receiver: 'ana@example.com' },
        headers: {},
        path: 'Idempotency-Key',
      },
    ];
    for (const example of bad) {
      const response = await post(example.payload, example.headers);
      expect(response.statusCode, JSON.stringify(example)).toBe(400);
      expect(problemBody(response).errors?.map((error) => error.path)).toContain(example.path);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('lists my payouts with filters, and reads one', async () => {
    const payout = payoutOf();
    await gateway.respond('payments.payout.list', async () => ({ data: [payout], next_cursor: null }));
    await gateway.respond('payments.payout.get', async () => payout);
    const list = await gateway.app.inject({
      method: 'GET',
      url: `/v1/payouts?status=processing&wallet_id=${payout.wallet_id}&limit=5`,
      headers: { authorization: user.authorization },
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ data: [payout], next_cursor: null });
    const one = await gateway.app.inject({
      method: 'GET',
      url: `/v1/payouts/${payout.id}`,
      headers: { authorization: user.authorization },
    });
    expect(one.statusCode).toBe(200);
    expect(gateway.operationCalls().map((operation) => operation.payload)).toEqual([
      { actor: actorOf(user.claims), status: 'processing', wallet_id: payout.wallet_id, limit: 5 },
      { actor: actorOf(user.claims), payout_id: payout.id },
    ]);
  });

  it('answers 404 for another user’s payout, 400 for a bad id, 401 without a token', async () => {
    await gateway.respond('payments.payout.get', async () => {
      throw new AppError('not_found', 'No payout of yours has this id.');
    });
    const others = await gateway.app.inject({
      method: 'GET',
      url: `/v1/payouts/${randomUUID()}`,
      headers: { authorization: user.authorization },
    });
    expect(others.statusCode).toBe(404);
    expect(problemBody(others)).toMatchObject({ code: 'not_found' });
    const badId = await gateway.app.inject({
      method: 'GET',
      url: '/v1/payouts/nope',
      headers: { authorization: user.authorization },
    });
    expect(badId.statusCode).toBe(400);
    const anonymous = await gateway.app.inject({ method: 'POST', url: '/v1/payouts', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });

  describe('an admin’s release of a wallet', () => {
    const walletId = randomUUID();
    const release = (authorization: string, payload: unknown, key = 'release-1') =>
      gateway.app.inject({
        method: 'POST',
        url: `/v1/wallets/${walletId}/release`,
        headers: { authorization, 'idempotency-key': key },
        payload: payload as object,
      });

    it('pays the balance out with a receiver, through payments', async () => {
      const admin = await gateway.bearer('admin');
      const payout = payoutOf({ wallet_id: walletId, released_by: admin.claims.sub, release_reason: 'heir' });
      await gateway.respond('payments.payout.release', async () => ({ result: payout, replayed: true }));
      const response = await release(admin.authorization, { reason: 'heir', receiver: 'heir@example.com' });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toEqual({ payout });
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(gateway.operationCalls()[0]).toMatchObject({
        subject: 'payments.payout.release',
        payload: {
          actor: actorOf(admin.claims),
          wallet_id: walletId,
          reason: 'heir',
          receiver: 'heir@example.com',
          idempotency_key: 'release-1',
        },
      });
    });

    it('withdraws the balance to the back office without one, through the ledger', async () => {
      const admin = await gateway.bearer('admin');
      const withdrawal = {
        transfer: {
          id: randomUUID(),
          type: 'withdrawal',
          status: 'posted',
          amount: 4000,
          currency: 'USD',
          description: 'estate settled',
          metadata: { destination: 'back-office', released_by: admin.claims.sub },
          from_wallet_id: walletId,
          to_wallet_id: null,
          initiator_id: admin.claims.sub,
          created_at: now,
        },
        balance: {
          wallet_id: walletId,
          currency: 'USD',
          main: 0,
          savings: 0,
          available: 0,
          held: 0,
          as_of: now,
        },
      };
      await gateway.respond('ledger.wallet.release', async () => ({ result: withdrawal, replayed: false }));
      const response = await release(admin.authorization, { reason: 'estate settled' });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toEqual({ withdrawal });
      expect(gateway.operationCalls()[0]).toMatchObject({
        subject: 'ledger.wallet.release',
        payload: {
          actor: actorOf(admin.claims),
          wallet_id: walletId,
          reason: 'estate settled',
          destination: 'back-office',
          idempotency_key: 'release-1',
        },
      });
    });

    it('refuses a user, a missing reason, and a receiver that is no email', async () => {
      const admin = await gateway.bearer('admin');
      expect((await release(user.authorization, { reason: 'mine' })).statusCode).toBe(403);
      const missing = await release(admin.authorization, {});
      expect(missing.statusCode).toBe(400);
      expect(problemBody(missing).errors?.map((error) => error.path)).toContain('reason');
      const badReceiver = await release(admin.authorization, { reason: 'x', receiver: 'nope' });
      expect(problemBody(badReceiver).errors?.map((error) => error.path)).toContain('receiver');
      expect(gateway.operationCalls()).toEqual([]);
    });
  });
});
