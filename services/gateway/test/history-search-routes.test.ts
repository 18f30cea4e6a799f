import type { AccessClaims } from '@moneypal/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, transferOf } from './support.js';

describe('history search', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  beforeEach(async () => {
    gateway = await startGateway();
    user = await gateway.bearer('user');
    await gateway.respond('ledger.transaction.list', async () => ({
      data: [transferOf()],
      next_cursor: null,
    }));
  });
  afterEach(async () => {
    await gateway.close();
  });

  const list = (query: string) =>
    gateway.app.inject({
      method: 'GET',
      url: `/v1/transactions?${query}`,
      headers: { authorization: user.authorization },
    });

  it('passes a person’s name, a note and an amount range to the ledger, trimmed', async () => {
    const response = await list(
      'counterparty=%20%40grace%20&q=Concert%20tickets&min_amount=100&max_amount=100&from=2026-11-01T00:00:00Z',
    );
    expect(response.statusCode).toBe(200);
    expect(gateway.operationCalls().map((call) => call.payload)).toEqual([
      {
        actor: { user_id: user.claims.sub, role: 'user' },
        counterparty: '@grace',
        q: 'Concert tickets',
        min_amount: 100,
        max_amount: 100,
        from: '2026-11-01T00:00:00Z',
        limit: 20,
      },
    ]);
  });

  it('refuses bad search values with a 400 naming the field, and asks no service', async () => {
    for (const [query, path] of [
      ['min_amount=500&max_amount=100', 'min_amount'],
      ['min_amount=-1', 'min_amount'],
      ['max_amount=0', 'max_amount'],
      ['min_amount=1.5', 'min_amount'],
      ['max_amount=ten', 'max_amount'],
      ['max_amount=9007199254740992', 'max_amount'],
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=a%00b', 'q'],
      ['counterparty=', 'counterparty'],
    ] as const) {
      const response = await list(query);
      expect(response.statusCode, query).toBe(400);
      expect(
        problemBody(response).errors?.map((error) => error.path),
        query,
      ).toContain(path);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });
});
