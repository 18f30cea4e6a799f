import { randomUUID } from 'node:crypto';
import type { AccessClaims } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  problemBody,
  startGateway,
  type TestGateway,
  transferOf,
  transferReplyOf,
  walletOf,
} from './support.js';

const now = new Date().toISOString();
const walletType = { code: 'personal', name: 'Personal', created_at: now };
const savingsPlan = { id: randomUUID(), name: 'Tenth', kind: 'percentage', value: 1000, created_at: now };
const rule = {
  id: randomUUID(),
  wallet_type: 'personal',
  transaction_type: 'transfer',
  min_amount: 100,
  max_amount: null,
  daily_total: null,
  daily_count: 10,
  created_at: now,
  updated_at: now,
};

const actorOf = (claims: AccessClaims) => ({ user_id: claims.sub, role: claims.role });

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

describe('ledger routes', () => {
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

  const send = (as: { authorization: string }, request: Request) =>
    gateway.app.inject({
      method: request.method,
      url: request.url,
      headers: { authorization: as.authorization, ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });

  /** Stands in for one ledger (or identity) subject and answers `reply`. */
  const answer = (subject: string, reply: unknown) => gateway.respond(subject, async () => reply);

  describe('reads and plain changes', () => {
    const walletId = randomUUID();
    const transferId = randomUUID();
    const cases: {
      name: string;
      role: 'user' | 'admin';
      request: Request;
      subject: string;
      reply: unknown;
      status: number;
      /** What the route asks the service besides the actor. */
      payload: Record<string, unknown>;
    }[] = [
      {
        name: 'lists my wallets, filtered, by the token subject',
        role: 'user',
        request: { method: 'GET', url: '/v1/wallets?currency=USD&status=active&limit=5&cursor=c1' },
        subject: 'ledger.wallet.list',
        reply: { data: [walletOf()], next_cursor: 'c2' },
        status: 200,
        payload: { currency: 'USD', status: 'active', limit: 5, cursor: 'c1' },
      },
      {
        name: 'opens a wallet of the personal type unless told',
        role: 'user',
        request: { method: 'POST', url: '/v1/wallets', payload: { currency: 'EUR' } },
        subject: 'ledger.wallet.open',
        reply: walletOf({ currency: 'EUR', is_default: false }),
        status: 201,
        payload: { currency: 'EUR', type: 'personal' },
      },
      {
        name: 'reads a wallet',
        role: 'user',
        request: { method: 'GET', url: `/v1/wallets/${walletId}` },
        subject: 'ledger.wallet.get',
        reply: walletOf({ id: walletId }),
        status: 200,
        payload: { wallet_id: walletId },
      },
      {
        name: 'reads a wallet’s balance now',
        role: 'user',
        request: { method: 'GET', url: `/v1/wallets/${walletId}/balance` },
        subject: 'ledger.wallet.balance',
        reply: {
          wallet_id: walletId,
          currency: 'USD',
          main: 5,
          savings: 1,
          available: 5,
          held: 2,
          as_of: now,
        },
        status: 200,
        payload: { wallet_id: walletId },
      },
      {
        name: 'reads a wallet’s balance as of a time',
        role: 'admin',
        request: { method: 'GET', url: `/v1/wallets/${walletId}/balance?at=2030-01-01T00:00:00Z` },
        subject: 'ledger.wallet.balance',
        reply: {
          wallet_id: walletId,
          currency: 'USD',
          main: 0,
          savings: 0,
          available: 0,
          held: 0,
          as_of: '2030-01-01T00:00:00Z',
        },
        status: 200,
        payload: { wallet_id: walletId, at: '2030-01-01T00:00:00Z' },
      },
      {
        name: 'freezes a wallet for an admin, the reason trimmed',
        role: 'admin',
        request: {
          method: 'PATCH',
          url: `/v1/wallets/${walletId}`,
          payload: { status: 'frozen', reason: ' chargeback 2291 ' },
        },
        subject: 'ledger.wallet.status.change',
        reply: walletOf({ id: walletId, status: 'frozen', available: 0 }),
        status: 200,
        payload: { wallet_id: walletId, status: 'frozen', reason: 'chargeback 2291' },
      },
      {
        name: 'chooses a savings plan for a wallet',
        role: 'user',
        request: {
          method: 'PUT',
          url: `/v1/wallets/${walletId}/savings-plan`,
          payload: { plan_id: savingsPlan.id },
        },
        subject: 'ledger.savings-plan.select',
        reply: walletOf({ id: walletId, savings_plan_id: savingsPlan.id }),
        status: 200,
        payload: { wallet_id: walletId, plan_id: savingsPlan.id },
      },
      {
        name: 'clears a wallet’s savings plan',
        role: 'user',
        request: { method: 'PUT', url: `/v1/wallets/${walletId}/savings-plan`, payload: { plan_id: null } },
        subject: 'ledger.savings-plan.select',
        reply: walletOf({ id: walletId }),
        status: 200,
        payload: { wallet_id: walletId, plan_id: null },
      },
      {
        name: 'lists my transactions with parsed filters and the default limit',
        role: 'user',
        request: {
          method: 'GET',
          url: `/v1/transactions?wallet_id=${walletId}&from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00%2B01:00&type=transfer&direction=out&min_amount=100&max_amount=5000&counterparty=${transferId}`,
        },
        subject: 'ledger.transaction.list',
        reply: { data: [transferOf()], next_cursor: null },
        status: 200,
        payload: {
          wallet_id: walletId,
          from: '2030-01-01T00:00:00Z',
          to: '2030-02-01T00:00:00+01:00',
          type: 'transfer',
          direction: 'out',
          min_amount: 100,
          max_amount: 5000,
          counterparty: transferId,
          limit: 20,
        },
      },
      {
        name: 'lists my transactions whose metadata holds every pair asked, beside other filters',
        role: 'user',
        request: {
          method: 'GET',
          url: `/v1/transactions?wallet_id=${walletId}&metadata[order_id]=A-1042&metadata%5Bchannel%5D=web%20shop&limit=5&cursor=c1`,
        },
        subject: 'ledger.transaction.list',
        reply: {
          data: [transferOf({ metadata: { order_id: 'A-1042', channel: 'web shop' } })],
          next_cursor: 'c2',
        },
        status: 200,
        payload: {
          wallet_id: walletId,
          metadata: { order_id: 'A-1042', channel: 'web shop' },
          limit: 5,
          cursor: 'c1',
        },
      },
      {
        name: 'reads one transaction with its entries',
        role: 'user',
        request: { method: 'GET', url: `/v1/transactions/${transferId}` },
        subject: 'ledger.transaction.get',
        reply: transferOf({ id: transferId, entries: [] }),
        status: 200,
        payload: { transfer_id: transferId },
      },
      {
        name: 'lists wallet types',
        role: 'user',
        request: { method: 'GET', url: '/v1/wallet-types' },
        subject: 'ledger.wallet-type.list',
        reply: { data: [walletType] },
        status: 200,
        payload: {},
      },
      {
        name: 'creates a wallet type for an admin',
        role: 'admin',
        request: {
          method: 'POST',
          url: '/v1/wallet-types',
          payload: { code: 'business', name: ' Business ' },
        },
        subject: 'ledger.wallet-type.create',
        reply: { code: 'business', name: 'Business', created_at: now },
        status: 201,
        payload: { code: 'business', name: 'Business' },
      },
      {
        name: 'lists savings plans',
        role: 'user',
        request: { method: 'GET', url: '/v1/savings-plans' },
        subject: 'ledger.savings-plan.list',
        reply: { data: [savingsPlan] },
        status: 200,
        payload: {},
      },
      {
        name: 'creates a percentage savings plan for an admin',
        role: 'admin',
        request: {
          method: 'POST',
          url: '/v1/savings-plans',
          payload: { name: 'Tenth', kind: 'percentage', value: 1000 },
        },
        subject: 'ledger.savings-plan.create',
        reply: savingsPlan,
        status: 201,
        payload: { plan: { name: 'Tenth', kind: 'percentage', value: 1000 } },
      },
      {
        name: 'creates a flat savings plan for an admin',
        role: 'admin',
        request: {
          method: 'POST',
          url: '/v1/savings-plans',
          payload: { name: 'Round', kind: 'flat', value: 50 },
        },
        subject: 'ledger.savings-plan.create',
        reply: { ...savingsPlan, name: 'Round', kind: 'flat', value: 50 },
        status: 201,
        payload: { plan: { name: 'Round', kind: 'flat', value: 50 } },
      },
      {
        name: 'lists the transaction rules of a wallet type for an admin',
        role: 'admin',
        request: { method: 'GET', url: '/v1/transaction-rules?wallet_type=personal' },
        subject: 'ledger.transaction-rule.list',
        reply: { data: [rule] },
        status: 200,
        payload: { wallet_type: 'personal' },
      },
      {
        name: 'sets a transaction rule for an admin, leaving unnamed limits off',
        role: 'admin',
        request: {
          method: 'POST',
          url: '/v1/transaction-rules',
          payload: {
            wallet_type: 'personal',
            transaction_type: 'transfer',
            min_amount: 100,
            daily_count: 10,
          },
        },
        subject: 'ledger.transaction-rule.put',
        reply: rule,
        status: 200,
        payload: {
          rule: {
            wallet_type: 'personal',
            transaction_type: 'transfer',
            min_amount: 100,
            max_amount: null,
            daily_total: null,
            daily_count: 10,
          },
        },
      },
    ];

    for (const example of cases) {
      it(`${example.name} (${example.request.method} ${example.request.url.split('?')[0]})`, async () => {
        await answer(example.subject, example.reply);
        const caller = example.role === 'admin' ? admin : user;
        const response = await send(caller, example.request);
        expect(response.statusCode, response.body).toBe(example.status);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.json()).toEqual(example.reply);
        expect(response.headers['idempotent-replayed']).toBeUndefined();
        const expected =
          example.subject === 'ledger.wallet.list'
            ? { actor: actorOf(caller.claims), ...example.payload, owner_id: caller.claims.sub }
            : { actor: actorOf(caller.claims), ...example.payload };
        expect(gateway.operationCalls()).toEqual([
          expect.objectContaining({ subject: example.subject, payload: expected }),
        ]);
      });
    }
  });

  describe('money-moving routes', () => {
    const walletId = randomUUID();
    const key = 'c2b9a4c6-2f8e-4f0e-9d55-5b1c2c7d9a10';
    const toWalletId = randomUUID();
    const moving: {
      name: string;
      role: 'user' | 'admin';
      subject: string;
      request: Request;
      /** What the route must ask the ledger for the example request. */
      busPayload: (caller: AccessClaims) => Record<string, unknown>;
    }[] = [
      {
        name: 'POST /v1/transfers',
        role: 'user',
        subject: 'ledger.transfer.create',
        request: {
          method: 'POST',
          url: '/v1/transfers',
          payload: {
            from_wallet_id: walletId,
            to_wallet_id: toWalletId,
            amount: 1050,
            description: ' rent ',
          },
        },
        busPayload: (caller) => ({
          actor: actorOf(caller),
          from_wallet_id: walletId,
          to_wallet_id: toWalletId,
          amount: 1050,
          description: 'rent',
          type: 'transfer',
          idempotency_key: key,
        }),
      },
      {
        name: 'POST /v1/wallets/{id}/deposits',
        role: 'admin',
        subject: 'ledger.deposit.create',
        request: {
          method: 'POST',
          url: `/v1/wallets/${walletId}/deposits`,
          payload: { amount: 1050, reference: 'ticket 42' },
        },
        busPayload: (caller) => ({
          actor: actorOf(caller),
          wallet_id: walletId,
          amount: 1050,
          reference: 'ticket 42',
          source: 'back-office',
          idempotency_key: key,
        }),
      },
      {
        name: 'POST /v1/transfers/{id}/reverse',
        role: 'admin',
        subject: 'ledger.transfer.reverse',
        request: {
          method: 'POST',
          url: `/v1/transfers/${walletId}/reverse`,
          payload: { amount: 1050, reason: ' chargeback 2291 ' },
        },
        busPayload: (caller) => ({
          actor: actorOf(caller),
          transfer_id: walletId,
          amount: 1050,
          reason: 'chargeback 2291',
          idempotency_key: key,
        }),
      },
      {
        name: 'POST /v1/wallets/{id}/savings/withdraw',
        role: 'user',
        subject: 'ledger.savings.withdraw',
        request: {
          method: 'POST',
          url: `/v1/wallets/${walletId}/savings/withdraw`,
          payload: { amount: 1050 },
        },
        busPayload: (caller) => ({
          actor: actorOf(caller),
          wallet_id: walletId,
          amount: 1050,
          idempotency_key: key,
        }),
      },
    ];

    for (const route of moving) {
      describe(route.name, () => {
        const callerOf = () => (route.role === 'admin' ? admin : user);
        const withKey = (headers: Record<string, string> = { 'idempotency-key': key }) => ({
          ...route.request,
          headers,
        });

        it('answers 201 with the transfer and balance, passing the key and the token’s user', async () => {
          const reply = transferReplyOf();
          await answer(route.subject, reply);
          const response = await send(callerOf(), withKey());
          expect(response.statusCode, response.body).toBe(201);
          expect(response.json()).toEqual(reply.result);
          expect(response.headers['idempotent-replayed']).toBeUndefined();
          expect(gateway.operationCalls()).toEqual([
            expect.objectContaining({ subject: route.subject, payload: route.busPayload(callerOf().claims) }),
          ]);
        });

        it('marks a replayed answer with Idempotent-Replayed: true and the same body', async () => {
          const reply = transferReplyOf(transferOf(), true);
          await answer(route.subject, reply);
          const response = await send(callerOf(), withKey({ 'Idempotency-Key': key }));
          expect(response.statusCode).toBe(201);
          expect(response.headers['idempotent-replayed']).toBe('true');
          expect(response.json()).toEqual(reply.result);
        });

        it('answers 400 naming the Idempotency-Key header when it is missing, empty or malformed', async () => {
          const headers: Record<string, Record<string, string>> = {
            missing: {},
            empty: { 'idempotency-key': '' },
            'too long': { 'idempotency-key': 'k'.repeat(256) },
            'with a space': { 'idempotency-key': 'two words' },
            'with a tab': { 'idempotency-key': 'a\tb' },
            'not ASCII': { 'idempotency-key': 'clé' },
          };
          for (const [name, header] of Object.entries(headers)) {
            const response = await send(callerOf(), withKey(header));
            expect(response.statusCode, name).toBe(400);
            const problem = problemBody(response);
            expect(problem.code, name).toBe('validation_failed');
            expect(
              problem.errors?.map((error) => error.path),
              name,
            ).toEqual(['Idempotency-Key']);
          }
          await answer(route.subject, transferReplyOf());
          const longest = await send(callerOf(), withKey({ 'idempotency-key': 'k'.repeat(255) }));
          expect(longest.statusCode).toBe(201);
          expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
            expect.objectContaining({ idempotency_key: 'k'.repeat(255) }),
          ]);
        });

        it('answers 400 to every bad amount and asks no service', async () => {
          const base = route.request.payload as Record<string, unknown>;
          const { amount: _amount, ...withoutAmount } = base;
          const bodies: Record<string, unknown> = {
            zero: { ...base, amount: 0 },
            negative: { ...base, amount: -1 },
            fractional: { ...base, amount: 1.5 },
            'a string': { ...base, amount: '10' },
            '2^53': { ...base, amount: 2 ** 53 },
            null: { ...base, amount: null },
            // A reversal without an amount reverses all that is left of the transfer.
            ...(route.subject === 'ledger.transfer.reverse' ? {} : { missing: withoutAmount }),
          };
          for (const [name, body] of Object.entries(bodies)) {
            const response = await send(callerOf(), { ...withKey(), payload: body });
            expect(response.statusCode, name).toBe(400);
            expect(
              problemBody(response).errors?.map((error) => error.path),
              name,
            ).toContain('amount');
          }
          const unknownField = await send(callerOf(), {
            ...withKey(),
            payload: { ...base, currency: 'USD' },
          });
          expect(unknownField.statusCode).toBe(400);
          expect(JSON.stringify(problemBody(unknownField).errors)).toContain('currency');
          expect(gateway.operationCalls()).toEqual([]);
        });

        it('accepts the largest safe amount', async () => {
          await answer(route.subject, transferReplyOf(transferOf({ amount: Number.MAX_SAFE_INTEGER })));
          const base = route.request.payload as Record<string, unknown>;
          const response = await send(callerOf(), {
            ...withKey(),
            payload: { ...base, amount: Number.MAX_SAFE_INTEGER },
          });
          expect(response.statusCode).toBe(201);
          expect(gateway.operationCalls()[0]?.payload).toMatchObject({ amount: Number.MAX_SAFE_INTEGER });
        });

        it('maps the ledger’s refusals to their statuses', async () => {
          let code: AppError['code'] = 'insufficient_funds';
          await gateway.respond(route.subject, async () => {
            throw new AppError(code, `Refused with ${code}.`);
          });
          for (const [errorCode, status] of [
            ['insufficient_funds', 422],
            ['limit_exceeded', 422],
            ['currency_mismatch', 422],
            ['wallet_frozen', 422],
            ['credit_not_above_savings', 422],
            ['idempotency_mismatch', 422],
            ['conflict', 409],
            ['idempotency_in_flight', 409],
            ['not_found', 404],
            ['wallet_not_found', 404],
            ['recipient_not_found', 404],
            ['recipient_has_no_wallet', 404],
            ['forbidden', 403],
          ] as const) {
            code = errorCode;
            const response = await send(callerOf(), withKey());
            expect(response.statusCode, errorCode).toBe(status);
            expect(problemBody(response)).toMatchObject({
              code: errorCode,
              status,
              type: `/problems/${errorCode}`,
              detail: `Refused with ${errorCode}.`,
            });
            expect(response.headers['idempotent-replayed']).toBeUndefined();
          }
        });
      });
    }

    it('transfers to a user by name, and refuses both or neither recipient', async () => {
      await answer('ledger.transfer.create', transferReplyOf());
      const headers = { 'idempotency-key': key };
      const ok = await send(user, {
        method: 'POST',
        url: '/v1/transfers',
        headers,
        payload: { from_wallet_id: walletId, to_user: 'grace', amount: 1 },
      });
      expect(ok.statusCode).toBe(201);
      expect(gateway.operationCalls()[0]?.payload).toEqual({
        actor: actorOf(user.claims),
        from_wallet_id: walletId,
        to_user: 'grace',
        amount: 1,
        type: 'transfer',
        idempotency_key: key,
      });
      for (const recipients of [{}, { to_user: 'grace', to_wallet_id: randomUUID() }]) {
        const response = await send(user, {
          method: 'POST',
          url: '/v1/transfers',
          headers,
          payload: { from_wallet_id: walletId, amount: 1, ...recipients },
        });
        expect(response.statusCode, JSON.stringify(recipients)).toBe(400);
      }
      expect(gateway.operationCalls()).toHaveLength(1);
    });

    it('refuses a transfer that names its type, its actor or bad wallet ids', async () => {
      const headers = { 'idempotency-key': key };
      const base = { from_wallet_id: walletId, to_wallet_id: randomUUID(), amount: 1 };
      for (const payload of [
        { ...base, type: 'payment' },
        { ...base, actor: { service: 'billing' } },
        { ...base, to_user_id: randomUUID() },
        { ...base, from_wallet_id: '42' },
        { ...base, to_wallet_id: 'not-a-uuid' },
        { ...base, description: '' },
        { ...base, description: 'x'.repeat(501) },
      ]) {
        const response = await send(user, { method: 'POST', url: '/v1/transfers', headers, payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(problemBody(response).code).toBe('validation_failed');
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('passes a transfer’s metadata to the ledger, and refuses metadata out of bounds naming the field', async () => {
      await answer(
        'ledger.transfer.create',
        transferReplyOf(transferOf({ metadata: { order_id: 'A-1042' } })),
      );
      const headers = { 'idempotency-key': key };
      const base = { from_wallet_id: walletId, to_wallet_id: toWalletId, amount: 1 };
      const metadata = { order_id: 'A-1042', 'shop.v2-ref': 'x'.repeat(500), empty: '' };
      const ok = await send(user, {
        method: 'POST',
        url: '/v1/transfers',
        headers,
        payload: { ...base, metadata },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().transfer.metadata).toEqual({ order_id: 'A-1042' });
      expect(gateway.operationCalls()[0]?.payload).toMatchObject({ metadata });
      const twentyOne = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`k${index}`, 'v']));
      const refused: [unknown, string][] = [
        [twentyOne, 'metadata'],
        [{ ['k'.repeat(41)]: 'v' }, 'metadata'],
        [{ '': 'v' }, 'metadata'],
        [{ 'order id': 'v' }, 'metadata'],
        [{ 'ordre/é': 'v' }, 'metadata'],
        [{ order_id: 'x'.repeat(501) }, 'metadata.order_id'],
        [{ order_id: 'a\u0000b' }, 'metadata.order_id'],
        [{ order_id: 7 }, 'metadata.order_id'],
        [{ order_id: null }, 'metadata.order_id'],
        [{ order_id: { nested: 'v' } }, 'metadata.order_id'],
        [['order_id'], 'metadata'],
        ['order_id=A-1042', 'metadata'],
      ];
      for (const [value, path] of refused) {
        const response = await send(user, {
          method: 'POST',
          url: '/v1/transfers',
          headers,
          payload: { ...base, metadata: value },
        });
        expect(response.statusCode, JSON.stringify(value)).toBe(400);
        const problem = problemBody(response);
        expect(problem.code).toBe('validation_failed');
        expect(problem.errors?.map((error) => error.path).join(' '), JSON.stringify(value)).toContain(path);
      }
      const batch = await send(user, {
        method: 'POST',
        url: '/v1/transfers/batch',
        payload: {
          transfers: [
            { ...base, idempotency_key: 'k1', metadata: { order_id: 'A-1' } },
            { ...base, idempotency_key: 'k2', metadata: twentyOne },
          ],
        },
      });
      expect(batch.statusCode).toBe(400);
      expect(problemBody(batch).errors?.map((error) => error.path)).toEqual(['transfers.1.metadata']);
      expect(gateway.operationCalls()).toHaveLength(1);
    });

    it('refuses a deposit to a user and a deposit without a reference', async () => {
      const headers = { 'idempotency-key': key };
      const url = `/v1/wallets/${walletId}/deposits`;
      const forbidden = await send(user, {
        method: 'POST',
        url,
        headers,
        payload: { amount: 1, reference: 'r' },
      });
      expect(forbidden.statusCode).toBe(403);
      expect(problemBody(forbidden).code).toBe('forbidden');
      for (const payload of [
        { amount: 1 },
        { amount: 1, reference: '  ' },
        { amount: 1, reference: 'r'.repeat(201) },
      ]) {
        const response = await send(admin, { method: 'POST', url, headers, payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });
  });

  describe('bad input', () => {
    it('answers 400 to a bad UUID in every wallet and transaction path', async () => {
      const headers = { 'idempotency-key': 'k1' };
      for (const id of ['42', 'not-a-uuid', `${randomUUID()}x`, '00000000-0000-0000-0000-00000000000g']) {
        for (const request of [
          { method: 'GET', url: `/v1/wallets/${id}` },
          { method: 'GET', url: `/v1/wallets/${id}/balance` },
          {
            method: 'POST',
            url: `/v1/wallets/${id}/deposits`,
            headers,
            payload: { amount: 1, reference: 'r' },
          },
          { method: 'PUT', url: `/v1/wallets/${id}/savings-plan`, payload: { plan_id: null } },
          { method: 'POST', url: `/v1/wallets/${id}/savings/withdraw`, headers, payload: { amount: 1 } },
          { method: 'GET', url: `/v1/transactions/${id}` },
        ] as Request[]) {
          const response = await send(admin, request);
          expect(response.statusCode, `${request.method} ${request.url}`).toBe(400);
          expect(problemBody(response).errors?.map((error) => error.path)).toEqual(['id']);
        }
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 400 to a bad `at` on the balance', async () => {
      const url = `/v1/wallets/${randomUUID()}/balance`;
      for (const at of [
        'yesterday',
        '2030-01-01',
        '2030-13-01T00:00:00Z',
        '2030-01-01T00:00:00',
        '1700000000',
        '',
      ]) {
        const response = await send(user, { method: 'GET', url: `${url}?at=${encodeURIComponent(at)}` });
        expect(response.statusCode, at).toBe(400);
        expect(
          problemBody(response).errors?.map((error) => error.path),
          at,
        ).toEqual(['at']);
      }
      for (const query of ['at=2030-01-01T00:00:00Z&at=2030-01-02T00:00:00Z', 'when=now']) {
        expect((await send(user, { method: 'GET', url: `${url}?${query}` })).statusCode, query).toBe(400);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 400 to every bad history filter', async () => {
      for (const query of [
        'wallet_id=42',
        'type=refund',
        'direction=sideways',
        'from=yesterday',
        'to=2030-01-01',
        'min_amount=0',
        'min_amount=-1',
        'min_amount=1.5',
        'min_amount=ten',
        'max_amount=9007199254740992',
        'counterparty=',
        'min_amount=500&max_amount=100',
        'q=',
        'limit=0',
        'limit=101',
        'cursor=',
        `owner_id=${randomUUID()}`,
        'unknown=1',
        'metadata=x',
        'metadata[]=',
        'metadata[]=x',
        'metadata[order%20id]=x',
        `metadata[${'k'.repeat(41)}]=x`,
        'metadata[__proto__]=x',
        'metadata[order_id]=a&metadata[order_id]=b',
        `metadata[order_id]=${'x'.repeat(501)}`,
        'metadata[order_id]=a%00b',
        'metadata[a][b]=x',
        'metadata=x&metadata[order_id]=a',
        Array.from({ length: 21 }, (_, index) => `metadata[k${index}]=v`).join('&'),
      ]) {
        const response = await send(user, { method: 'GET', url: `/v1/transactions?${query}` });
        expect(response.statusCode, query).toBe(400);
        expect(problemBody(response).code, query).toBe('validation_failed');
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 400 to every bad wallet filter or new wallet', async () => {
      for (const query of [
        'currency=usd',
        'status=open',
        'type=X',
        'limit=1000',
        `owner_id=${randomUUID()}`,
      ]) {
        const response = await send(user, { method: 'GET', url: `/v1/wallets?${query}` });
        expect(response.statusCode, query).toBe(400);
      }
      for (const payload of [
        {},
        { currency: 'usd' },
        { currency: 'USD', type: 'Personal' },
        { currency: 'USD', owner_id: randomUUID() },
      ]) {
        const response = await send(user, { method: 'POST', url: '/v1/wallets', payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 400 to a bad savings plan choice or withdrawal', async () => {
      const walletId = randomUUID();
      for (const payload of [{}, { plan_id: 'none' }, { plan_id: null, extra: 1 }]) {
        const response = await send(user, {
          method: 'PUT',
          url: `/v1/wallets/${walletId}/savings-plan`,
          payload,
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 400 to a bad catalog entry', async () => {
      const bad: [string, unknown][] = [
        ['/v1/wallet-types', { code: 'B', name: 'Business' }],
        ['/v1/wallet-types', { code: 'business' }],
        ['/v1/wallet-types', { code: 'business', name: 'Business', currency: 'USD' }],
        ['/v1/savings-plans', { name: 'x', kind: 'percentage', value: 10_001 }],
        ['/v1/savings-plans', { name: 'x', kind: 'percentage', value: 0 }],
        ['/v1/savings-plans', { name: 'x', kind: 'flat', value: 1.5 }],
        ['/v1/savings-plans', { name: 'x', kind: 'weekly', value: 5 }],
        ['/v1/savings-plans', { name: '', kind: 'flat', value: 5 }],
        ['/v1/transaction-rules', { wallet_type: 'personal', transaction_type: 'refund' }],
        ['/v1/transaction-rules', { wallet_type: 'personal', transaction_type: 'transfer', min_amount: 0 }],
        [
          '/v1/transaction-rules',
          { wallet_type: 'personal', transaction_type: 'transfer', min_amount: 9, max_amount: 8 },
        ],
        [
          '/v1/transaction-rules',
          { wallet_type: 'personal', transaction_type: 'transfer', daily_count: 1.5 },
        ],
        ['/v1/transaction-rules', { transaction_type: 'transfer' }],
      ];
      for (const [url, payload] of bad) {
        const response = await send(admin, { method: 'POST', url, payload });
        expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      }
      expect(
        (await send(admin, { method: 'GET', url: '/v1/transaction-rules?wallet_type=B' })).statusCode,
      ).toBe(400);
      expect(gateway.operationCalls()).toEqual([]);
    });
  });

  describe('access', () => {
    const id = randomUUID();
    const everyRoute: Request[] = [
      { method: 'GET', url: '/v1/balance?email=ada%40example.com' },
      { method: 'GET', url: '/v1/wallet-types' },
      { method: 'POST', url: '/v1/wallet-types', payload: { code: 'business', name: 'Business' } },
      { method: 'GET', url: '/v1/wallets' },
      { method: 'POST', url: '/v1/wallets', payload: { currency: 'USD' } },
      { method: 'GET', url: `/v1/wallets/${id}` },
      { method: 'GET', url: `/v1/wallets/${id}/balance` },
      { method: 'PATCH', url: `/v1/wallets/${id}`, payload: { status: 'frozen', reason: 'r' } },
      { method: 'POST', url: `/v1/wallets/${id}/deposits`, payload: { amount: 1, reference: 'r' } },
      { method: 'PUT', url: `/v1/wallets/${id}/savings-plan`, payload: { plan_id: null } },
      { method: 'POST', url: `/v1/wallets/${id}/savings/withdraw`, payload: { amount: 1 } },
      { method: 'POST', url: '/v1/transfers', payload: { from_wallet_id: id, to_user: 'grace', amount: 1 } },
      { method: 'POST', url: `/v1/transfers/${id}/reverse`, payload: { reason: 'r' } },
      { method: 'GET', url: '/v1/transactions' },
      { method: 'GET', url: `/v1/transactions/${id}` },
      { method: 'GET', url: '/v1/savings-plans' },
      { method: 'POST', url: '/v1/savings-plans', payload: { name: 'x', kind: 'flat', value: 5 } },
      { method: 'GET', url: '/v1/transaction-rules' },
      {
        method: 'POST',
        url: '/v1/transaction-rules',
        payload: { wallet_type: 'x1', transaction_type: 'transfer' },
      },
    ];

    it('answers 401 on every ledger route without a token and asks no service', async () => {
      for (const request of everyRoute) {
        const response = await gateway.app.inject({
          method: request.method,
          url: request.url,
          headers: { 'idempotency-key': 'k1' },
          ...(request.payload === undefined ? {} : { payload: request.payload as object }),
        });
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 403 on every admin route to a user, before reading the body', async () => {
      const adminOnly = everyRoute.filter(
        (request) =>
          (request.method === 'POST' &&
            /wallet-types|deposits|savings-plans|transaction-rules|reverse/.test(request.url)) ||
          request.method === 'PATCH' ||
          request.url.startsWith('/v1/transaction-rules'),
      );
      expect(adminOnly).toHaveLength(7);
      for (const request of adminOnly) {
        const response = await send(user, { ...request, headers: { 'idempotency-key': 'k1' }, payload: {} });
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
        expect(problemBody(response).code).toBe('forbidden');
      }
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('passes a ledger wallet_not_found through as 404', async () => {
      await gateway.respond('ledger.wallet.get', async () => {
        throw new AppError('wallet_not_found', 'No such wallet.');
      });
      const response = await send(user, { method: 'GET', url: `/v1/wallets/${id}` });
      expect(response.statusCode).toBe(404);
      expect(problemBody(response)).toMatchObject({ code: 'wallet_not_found', detail: 'No such wallet.' });
    });

    it('answers 400 to a status change outside its contract and asks no service', async () => {
      const bodies: Record<string, unknown>[] = [
        {},
        { status: 'frozen' },
        { status: 'frozen', reason: '   ' },
        { status: 'frozen', reason: 'r'.repeat(501) },
        { status: 'deleted', reason: 'r' },
        { status: 'frozen', reason: 'r', note: 'extra' },
      ];
      for (const payload of bodies) {
        const response = await send(admin, { method: 'PATCH', url: `/v1/wallets/${id}`, payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(problemBody(response).code).toBe('validation_failed');
        expect(problemBody(response).errors?.length, JSON.stringify(payload)).toBeGreaterThan(0);
      }
      const badId = await send(admin, {
        method: 'PATCH',
        url: '/v1/wallets/not-a-uuid',
        payload: { status: 'frozen', reason: 'r' },
      });
      expect(badId.statusCode).toBe(400);
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('answers 400 to a reversal outside its contract and asks no service', async () => {
      const bodies: Record<string, unknown>[] = [
        {},
        { reason: '' },
        { reason: '   ' },
        { reason: 'r'.repeat(501) },
        { amount: 0, reason: 'r' },
        { amount: -1, reason: 'r' },
        { amount: 1.5, reason: 'r' },
        { amount: '10', reason: 'r' },
        { amount: 2 ** 53, reason: 'r' },
        { amount: 10 },
        { reason: 'r', note: 'extra' },
        { reason: 'r', to_wallet_id: id },
      ];
      for (const payload of bodies) {
        const response = await send(admin, {
          method: 'POST',
          url: `/v1/transfers/${id}/reverse`,
          headers: { 'idempotency-key': 'k1' },
          payload,
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(problemBody(response).code).toBe('validation_failed');
        expect(problemBody(response).errors?.length, JSON.stringify(payload)).toBeGreaterThan(0);
      }
      const badId = await send(admin, {
        method: 'POST',
        url: '/v1/transfers/not-a-uuid/reverse',
        headers: { 'idempotency-key': 'k1' },
        payload: { reason: 'r' },
      });
      expect(badId.statusCode).toBe(400);
      expect(gateway.operationCalls()).toEqual([]);
    });

    it('passes the ledger’s not_found, conflict and insufficient_funds on a reversal through as 404, 409 and 422', async () => {
      for (const [code, status] of [
        ['not_found', 404],
        ['conflict', 409],
        ['insufficient_funds', 422],
      ] as const) {
        await gateway.respond('ledger.transfer.reverse', async () => {
          throw new AppError(code, 'Refused.');
        });
        const response = await send(admin, {
          method: 'POST',
          url: `/v1/transfers/${id}/reverse`,
          headers: { 'idempotency-key': `k-${code}` },
          payload: { reason: 'chargeback' },
        });
        expect(response.statusCode, code).toBe(status);
        expect(problemBody(response)).toMatchObject({ code, detail: 'Refused.' });
      }
    });

    it('passes the ledger’s wallet_not_found and conflict on a status change through as 404 and 409', async () => {
      for (const [code, status] of [
        ['wallet_not_found', 404],
        ['conflict', 409],
      ] as const) {
        await gateway.respond('ledger.wallet.status.change', async () => {
          throw new AppError(code, 'Refused.');
        });
        const response = await send(admin, {
          method: 'PATCH',
          url: `/v1/wallets/${id}`,
          payload: { status: 'closed', reason: 'owner asked' },
        });
        expect(response.statusCode, code).toBe(status);
        expect(problemBody(response)).toMatchObject({ code, detail: 'Refused.' });
      }
    });

    it('answers an unknown recipient with 404 recipient_not_found naming the field', async () => {
      await gateway.respond('ledger.transfer.create', async () => {
        throw new AppError('recipient_not_found', 'no such user', {
          errors: [{ path: 'to_user', message: 'Nobody has this user name or email.' }],
        });
      });
      const response = await send(user, {
        method: 'POST',
        url: '/v1/transfers',
        headers: { 'idempotency-key': 'unknown-recipient' },
        payload: { from_wallet_id: id, to_user: 'nobody', amount: 1 },
      });
      expect(response.statusCode).toBe(404);
      expect(problemBody(response)).toMatchObject({
        type: '/problems/recipient_not_found',
        title: 'Recipient not found',
        code: 'recipient_not_found',
        errors: [{ path: 'to_user', message: 'Nobody has this user name or email.' }],
      });
    });

    it('names the limit that refused a transfer, and its figure, in the problem', async () => {
      const refusals = [
        { limit: 'min_amount', value: 100 },
        { limit: 'max_amount', value: 50_000 },
        { limit: 'daily_total', value: 100_000 },
        { limit: 'daily_count', value: 3 },
      ];
      let refusal = refusals[0]!;
      await gateway.respond('ledger.transfer.create', async () => {
        throw new AppError('limit_exceeded', `the ${refusal.limit} of ${refusal.value} refuses it`, refusal);
      });
      for (const each of refusals) {
        refusal = each;
        const response = await send(user, {
          method: 'POST',
          url: '/v1/transfers',
          headers: { 'idempotency-key': `limit-${each.limit}` },
          payload: { from_wallet_id: id, to_user: 'bob', amount: 1 },
        });
        expect(response.statusCode, each.limit).toBe(422);
        expect(problemBody(response)).toMatchObject({
          code: 'limit_exceeded',
          limit: { name: each.limit, value: each.value },
        });
      }
    });
  });

  describe('balance by email', () => {
    it('asks identity with the token’s user and the trimmed email', async () => {
      const balance = { email: 'ada@example.com', balance: 1050, currency: 'USD' };
      await answer('identity.balance.get', balance);
      const response = await send(user, { method: 'GET', url: '/v1/balance?email=%20Ada%40Example.com%20' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(balance);
      expect(gateway.operationCalls()).toEqual([
        expect.objectContaining({
          subject: 'identity.balance.get',
          payload: { actor: actorOf(user.claims), email: 'Ada@Example.com' },
        }),
      ]);
    });

    it('answers 404 when identity will not say', async () => {
      await gateway.respond('identity.balance.get', async () => {
        throw new AppError('user_not_found', 'No such user.');
      });
      const response = await send(user, { method: 'GET', url: '/v1/balance?email=grace%40example.com' });
      expect(response.statusCode).toBe(404);
      expect(problemBody(response).code).toBe('user_not_found');
    });

    it('answers 400 without exactly one email', async () => {
      for (const query of [
        '',
        'email=',
        'email=a&email=b',
        `email=${'a'.repeat(255)}`,
        'email=a&user_id=1',
      ]) {
        const response = await send(user, { method: 'GET', url: `/v1/balance?${query}` });
        expect(response.statusCode, query).toBe(400);
      }
      expect(gateway.operationCalls()).toEqual([]);
    });
  });
});

interface Operation {
  parameters: { name: string; in: string; required: boolean; schema?: unknown }[];
  responses: Record<string, { headers?: Record<string, unknown>; description: string }>;
  security: unknown[];
}

describe('the ledger in the API document', () => {
  let gateway: TestGateway;
  let paths: Record<string, Record<string, Operation>>;
  let schemas: Record<string, unknown>;
  beforeAll(async () => {
    gateway = await startGateway();
    const document = (await gateway.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    paths = document.paths;
    schemas = document.components.schemas;
  });
  afterAll(async () => {
    await gateway.close();
  });

  /** Each operation that moves money, with the status of its success. */
  const moneyMoving = [
    ['/v1/transfers', 'post', '201'],
    ['/v1/holds', 'post', '201'],
    ['/v1/holds/{id}/capture', 'post', '200'],
    ['/v1/holds/{id}/void', 'post', '200'],
    ['/v1/transfers/{id}/reverse', 'post', '201'],
    ['/v1/wallets/{id}/deposits', 'post', '201'],
    ['/v1/wallets/{id}/savings/withdraw', 'post', '201'],
    ['/v1/payments', 'post', '201'],
    ['/v1/bills', 'post', '201'],
    ['/v1/payment-requests/{id}/pay', 'post', '200'],
    ['/v1/payments/{id}/refund', 'post', '200'],
    ['/v1/payouts', 'post', '201'],
    ['/v1/wallets/{id}/release', 'post', '201'],
  ] as const;

  it('requires the Idempotency-Key header on every operation that moves money', () => {
    for (const [path, method, success] of moneyMoving) {
      const operation = paths[path]?.[method];
      expect(operation?.parameters, path).toContainEqual(
        expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
      );
      expect(operation?.responses[success]?.headers, path).toHaveProperty('Idempotent-Replayed');
      expect(operation?.responses['409']?.description, path).toContain('idempotency_in_flight');
      expect(operation?.responses['422']?.description, path).toContain('idempotency_mismatch');
    }
    expect(paths['/v1/transfers']?.post?.responses['422']?.description).toContain('insufficient_funds');
  });

  it('asks for the header nowhere else', () => {
    const others = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => !moneyMoving.some(([p, m]) => p === path && m === method))
        .map(([method, operation]) => ({ at: `${method} ${path}`, operation })),
    );
    for (const { at, operation } of others) {
      expect(
        operation.parameters.map((parameter) => parameter.name),
        at,
      ).not.toContain('Idempotency-Key');
    }
  });

  it('documents path ids, filters and admin-only answers', () => {
    expect(paths['/v1/wallets/{id}']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(paths['/v1/transactions']?.get?.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining([
        'wallet_id',
        'from',
        'to',
        'type',
        'direction',
        'min_amount',
        'max_amount',
        'counterparty',
        'q',
        'metadata',
        'limit',
      ]),
    );
    const metadataFilter = paths['/v1/transactions']?.get?.parameters.find(
      (parameter) => parameter.name === 'metadata',
    );
    expect(metadataFilter).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
    expect(metadataFilter?.schema).toMatchObject({ type: 'object', examples: [{ order_id: 'A-1042' }] });
    expect(paths['/v1/wallets/{id}/balance']?.get?.parameters.map((parameter) => parameter.name)).toContain(
      'at',
    );
    for (const [path, method] of [
      ['/v1/wallet-types', 'post'],
      ['/v1/savings-plans', 'post'],
      ['/v1/transaction-rules', 'get'],
      ['/v1/transaction-rules', 'post'],
      ['/v1/wallets/{id}/deposits', 'post'],
      ['/v1/wallets/{id}', 'patch'],
    ] as const) {
      expect(paths[path]?.[method]?.responses, `${method} ${path}`).toHaveProperty('403');
    }
    expect(paths['/v1/wallet-types']?.get?.responses).not.toHaveProperty('403');
    expect(paths['/v1/wallets/{id}']?.patch?.responses).toHaveProperty('409');
    expect(schemas.ChangeWalletStatusRequest).toMatchObject({
      required: ['status', 'reason'],
      additionalProperties: false,
      examples: expect.arrayContaining([
        { status: 'frozen', reason: 'Chargeback dispute 2291 under review' },
      ]),
    });
  });
});
