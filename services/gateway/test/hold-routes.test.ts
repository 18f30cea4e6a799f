import { randomUUID } from 'node:crypto';
import type { AccessClaims, Hold } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway } from './support.js';

const actorOf = (claims: AccessClaims) => ({ user_id: claims.sub, role: claims.role });
const key = 'hold-key-1';
const holdId = randomUUID();
const walletId = randomUUID();
const payeeWalletId = randomUUID();

function holdOf(overrides: Partial<Hold> = {}): Hold {
  const now = new Date().toISOString();
  return {
    id: holdId,
    status: 'held',
    amount: 12_000,
    captured_amount: 0,
    currency: 'USD',
    description: 'Kitchen tiling',
    metadata: { order_id: 'A-1042' },
    from_wallet_id: walletId,
    to_wallet_id: payeeWalletId,
    payer_id: randomUUID(),
    payee_id: randomUUID(),
    expires_at: null,
    on_expiry: 'void',
    created_at: now,
    settled_at: null,
    settled_by: null,
    transfer_id: randomUUID(),
    settlement_transfer_id: null,
    ...overrides,
  };
}

function holdReplyOf(hold: Hold = holdOf(), replayed = false) {
  return {
    result: {
      hold,
      balance: {
        wallet_id: hold.from_wallet_id,
        currency: 'USD',
        main: 8_000,
        savings: 0,
        available: 8_000,
        held: 12_000,
        as_of: hold.created_at,
      },
    },
    replayed,
  };
}

describe('hold routes', () => {
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

  const send = (
    as: { authorization: string } | null,
    request: { method: 'GET' | 'POST'; url: string; payload?: unknown; headers?: Record<string, string> },
  ) =>
    gateway.app.inject({
      method: request.method,
      url: request.url,
      headers: { ...(as ? { authorization: as.authorization } : {}), ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });
  const withKey = { 'idempotency-key': key };

  describe('POST /v1/holds', () => {
    const body = {
      from_wallet_id: walletId,
      to_user: 'ada',
      amount: 12_000,
      description: ' Kitchen tiling ',
      expires_at: '2031-01-15T12:00:00Z',
      on_expiry: 'capture',
      metadata: { order_id: 'A-1042' },
    };

    it('answers 201 with the hold and balance, passing the key, the token’s user and the defaults', async () => {
      const reply = holdReplyOf();
      await gateway.respond('ledger.hold.create', async () => reply);
      const response = await send(user, {
        method: 'POST',
        url: '/v1/holds',
        headers: withKey,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toEqual(reply.result);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
      const { on_expiry: _onExpiry, ...withoutExpiryAction } = body;
      await send(user, {
        method: 'POST',
        url: '/v1/holds',
        headers: withKey,
        payload: { ...withoutExpiryAction, to_user: undefined, to_wallet_id: payeeWalletId },
      });
      expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
        {
          actor: actorOf(user.claims),
          ...body,
          description: 'Kitchen tiling',
          type: 'transfer',
          idempotency_key: key,
        },
        {
          actor: actorOf(user.claims),
          ...withoutExpiryAction,
          to_user: undefined,
          to_wallet_id: payeeWalletId,
          description: 'Kitchen tiling',
          on_expiry: 'void',
          type: 'transfer',
          idempotency_key: key,
        },
      ]);
    });

    it('marks a replayed answer with Idempotent-Replayed: true', async () => {
      const reply = holdReplyOf(holdOf(), true);
      await gateway.respond('ledger.hold.create', async () => reply);
      const response = await send(user, {
        method: 'POST',
        url: '/v1/holds',
        headers: withKey,
        payload: body,
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(response.json()).toEqual(reply.result);
    });

    it('answers 400 to a missing key and to bad input of any shape, and asks no service', async () => {
      const missingKey = await send(user, { method: 'POST', url: '/v1/holds', payload: body });
      expect(missingKey.statusCode).toBe(400);
      expect(problemBody(missingKey).errors?.map((error) => error.path)).toEqual(['Idempotency-Key']);
      const { amount: _amount, ...withoutAmount } = body;
      const bad: Record<string, [unknown, string]> = {
        'amount zero': [{ ...body, amount: 0 }, 'amount'],
        'amount negative': [{ ...body, amount: -1 }, 'amount'],
        'amount fractional': [{ ...body, amount: 1.5 }, 'amount'],
        'amount a string': [{ ...body, amount: '10' }, 'amount'],
        'amount 2^53': [{ ...body, amount: 2 ** 53 }, 'amount'],
        'amount missing': [withoutAmount, 'amount'],
        'both recipients': [{ ...body, to_wallet_id: payeeWalletId }, 'to_wallet_id'],
        'a bad expiry': [{ ...body, expires_at: 'tomorrow' }, 'expires_at'],
        'a bad expiry action': [{ ...body, on_expiry: 'refund' }, 'on_expiry'],
        'a bad wallet id': [{ ...body, from_wallet_id: 'not-a-uuid' }, 'from_wallet_id'],
        'an unknown field': [{ ...body, currency: 'USD' }, ''],
      };
      for (const [name, [payload, path]] of Object.entries(bad)) {
        const response = await send(user, { method: 'POST', url: '/v1/holds', headers: withKey, payload });
        expect(response.statusCode, name).toBe(400);
        const problem = problemBody(response);
        expect(problem.code, name).toBe('validation_failed');
        expect(JSON.stringify(problem.errors), name).toContain(path === '' ? 'currency' : path);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });
  });

  describe('POST /v1/holds/{id}/capture and /void', () => {
    it('captures all or part of a hold with 200, for the payer or an admin', async () => {
      const reply = holdReplyOf(holdOf({ status: 'captured', captured_amount: 9_000 }));
      await gateway.respond('ledger.hold.capture', async () => reply);
      const whole = await send(user, {
        method: 'POST',
        url: `/v1/holds/${holdId}/capture`,
        headers: withKey,
        payload: {},
      });
      expect(whole.statusCode, whole.body).toBe(200);
      expect(whole.json()).toEqual(reply.result);
      const part = await send(admin, {
        method: 'POST',
        url: `/v1/holds/${holdId}/capture`,
        headers: withKey,
        payload: { amount: 9_000 },
      });
      expect(part.statusCode).toBe(200);
      expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
        { actor: actorOf(user.claims), hold_id: holdId, idempotency_key: key },
        { actor: actorOf(admin.claims), hold_id: holdId, amount: 9_000, idempotency_key: key },
      ]);
    });

    it('voids a hold with 200 and a trimmed reason, and marks a replay', async () => {
      const reply = holdReplyOf(holdOf({ status: 'voided' }), true);
      await gateway.respond('ledger.hold.void', async () => reply);
      const response = await send(user, {
        method: 'POST',
        url: `/v1/holds/${holdId}/void`,
        headers: withKey,
        payload: { reason: ' cannot take the job ' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(gateway.operationCalls()[0]?.payload).toEqual({
        actor: actorOf(user.claims),
        hold_id: holdId,
        reason: 'cannot take the job',
        idempotency_key: key,
      });
    });

    it('answers 400 to a bad id, amount, reason or unknown field, or a missing key, and asks no service', async () => {
      const requests: [string, { url: string; payload: unknown; headers?: Record<string, string> }][] = [
        ['a bad id', { url: '/v1/holds/not-a-uuid/capture', payload: {} }],
        ['amount zero', { url: `/v1/holds/${holdId}/capture`, payload: { amount: 0 } }],
        ['amount fractional', { url: `/v1/holds/${holdId}/capture`, payload: { amount: 2.5 } }],
        ['amount 2^53', { url: `/v1/holds/${holdId}/capture`, payload: { amount: 2 ** 53 } }],
        ['an unknown field', { url: `/v1/holds/${holdId}/capture`, payload: { to_wallet_id: walletId } }],
        ['an empty reason', { url: `/v1/holds/${holdId}/void`, payload: { reason: '  ' } }],
        ['a missing key', { url: `/v1/holds/${holdId}/void`, payload: {}, headers: {} }],
      ];
      for (const [name, request] of requests) {
        const response = await send(user, { method: 'POST', headers: withKey, ...request });
        expect(response.statusCode, name).toBe(400);
        expect(problemBody(response).code, name).toBe('validation_failed');
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('maps the ledger’s refusals to their statuses', async () => {
      let code: AppError['code'] = 'hold_already_settled';
      for (const subject of ['ledger.hold.capture', 'ledger.hold.void']) {
        await gateway.respond(subject, async () => {
          throw new AppError(code, `refused with ${code}`);
        });
      }
      for (const action of ['capture', 'void']) {
        for (const [errorCode, status] of [
          ['hold_already_settled', 409],
          ['forbidden', 403],
          ['not_found', 404],
          ['wallet_frozen', 422],
          ['idempotency_in_flight', 409],
          ['idempotency_mismatch', 422],
        ] as const) {
          code = errorCode;
          const response = await send(user, {
            method: 'POST',
            url: `/v1/holds/${holdId}/${action}`,
            headers: withKey,
            payload: {},
          });
          expect(response.statusCode, `${action} ${errorCode}`).toBe(status);
          expect(problemBody(response)).toMatchObject({ code: errorCode, type: `/problems/${errorCode}` });
        }
      }
    });
  });

  describe('GET /v1/holds and /v1/holds/{id}', () => {
    it('lists the caller’s holds with the filters given, and reads one', async () => {
      const page = { data: [holdOf()], next_cursor: 'c2' };
      await gateway.respond('ledger.hold.list', async () => page);
      await gateway.respond('ledger.hold.get', async () => holdOf());
      const list = await send(user, {
        method: 'GET',
        url: `/v1/holds?wallet_id=${walletId}&status=held&direction=in&limit=5&cursor=c1`,
      });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json()).toEqual(page);
      const one = await send(user, { method: 'GET', url: `/v1/holds/${holdId}` });
      expect(one.statusCode).toBe(200);
      expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
        {
          actor: actorOf(user.claims),
          wallet_id: walletId,
          status: 'held',
          direction: 'in',
          limit: 5,
          cursor: 'c1',
        },
        { actor: actorOf(user.claims), hold_id: holdId },
      ]);
    });

    it('answers 404 for a hold the caller is no party to, and 400 to bad filters', async () => {
      await gateway.respond('ledger.hold.get', async () => {
        throw new AppError('not_found', 'No hold you take part in has this id.');
      });
      const response = await send(user, { method: 'GET', url: `/v1/holds/${holdId}` });
      expect(response.statusCode).toBe(404);
      expect(problemBody(response).code).toBe('not_found');
      for (const query of ['status=pending', 'direction=both', 'limit=101', 'wallet_id=x', 'colour=red']) {
        expect((await send(user, { method: 'GET', url: `/v1/holds?${query}` })).statusCode, query).toBe(400);
      }
      expect((await send(user, { method: 'GET', url: '/v1/holds/not-a-uuid' })).statusCode).toBe(400);
      expect(gateway.operationCalls()).toHaveLength(1);
    });
  });

  it('answers 405 with Allow to a method a hold path does not have', async () => {
    for (const [method, url, allow] of [
      ['DELETE', '/v1/holds', 'GET, HEAD, POST'],
      ['PUT', `/v1/holds/${holdId}/capture`, 'POST'],
      ['GET', `/v1/holds/${holdId}/void`, 'POST'],
      ['DELETE', `/v1/holds/${holdId}`, 'GET, HEAD'],
    ] as const) {
      const response = await gateway.app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(response.headers.allow, `${method} ${url}`).toBe(allow);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('answers 401 on every hold route without a token and asks no service', async () => {
    for (const request of [
      { method: 'POST', url: '/v1/holds', payload: { from_wallet_id: walletId, to_user: 'ada', amount: 1 } },
      { method: 'POST', url: `/v1/holds/${holdId}/capture`, payload: {} },
      { method: 'POST', url: `/v1/holds/${holdId}/void`, payload: {} },
      { method: 'GET', url: '/v1/holds' },
      { method: 'GET', url: `/v1/holds/${holdId}` },
    ] as const) {
      const response = await send(null, { ...request, headers: withKey });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(401);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });
});
