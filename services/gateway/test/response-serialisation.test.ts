import { randomUUID } from 'node:crypto';
import { checkCallsAgainstContracts } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway, transferOf, transferReplyOf } from './support.js';

describe('answers written by their response schema', () => {
  let gateway: TestGateway;
  beforeEach(async () => {
    gateway = await startGateway();
  });
  afterEach(async () => {
    checkCallsAgainstContracts(true);
    await gateway.close();
  });

  const transferWith = async (reply: unknown) => {
    await gateway.respond('ledger.transfer.create', async () => reply);
    const { authorization } = await gateway.bearer('user');
    return gateway.app.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: { authorization, 'idempotency-key': randomUUID() },
      payload: { from_wallet_id: randomUUID(), to_wallet_id: randomUUID(), amount: 1050 },
    });
  };

  it('sends only the declared fields when replies are not checked again (production)', async () => {
    checkCallsAgainstContracts(false);
    const reply = transferReplyOf(transferOf());
    const leaky = {
      ...reply,
      result: { ...reply.result, transfer: { ...reply.result.transfer, internal_note: 'not for clients' } },
    };

    const response = await transferWith(leaky);

    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual(reply.result);
    expect(response.body).not.toContain('internal_note');
  });

  it('answers 500, not a wrong body, when a reply cannot be written by its schema (production)', async () => {
    checkCallsAgainstContracts(false);
    const reply = transferReplyOf(transferOf());
    const broken = {
      ...reply,
      result: { ...reply.result, transfer: { ...reply.result.transfer, amount: 'ten' } },
    };

    const response = await transferWith(broken);

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('ten');
  });

  it('writes a batch answer of posted and failed transfers as the ledger gave it (production)', async () => {
    checkCallsAgainstContracts(false);
    const results = [
      {
        status: 'posted',
        transfer: transferOf({ description: 'rent', metadata: { order: '17' }, to_wallet_id: null }),
        replayed: true,
      },
      {
        status: 'failed',
        error: { code: 'insufficient_funds', message: 'not enough', details: { available: 5, nested: [1] } },
      },
      { status: 'failed', error: { code: 'batch_failed', message: 'another transfer failed' } },
    ];
    await gateway.respond('ledger.transfer.batch', async () => ({ results }));
    const { authorization } = await gateway.bearer('user');

    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/transfers/batch',
      headers: { authorization },
      payload: {
        transfers: [
          { from_wallet_id: randomUUID(), to_wallet_id: randomUUID(), amount: 1, idempotency_key: 'k1' },
        ],
      },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ results });
  });
});
