import { randomUUID } from 'node:crypto';
import type { AccessClaims } from '@moneypal/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problemBody, startGateway, type TestGateway, transferOf } from './support.js';

const url = '/v1/transfers/batch';

describe('POST /v1/transfers/batch', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  beforeEach(async () => {
    gateway = await startGateway();
    user = await gateway.bearer('user');
  });
  afterEach(async () => {
    await gateway.close();
  });

  const send = (payload: unknown, headers: Record<string, string> = { authorization: user.authorization }) =>
    gateway.app.inject({ method: 'POST', url, headers, payload: payload as object });

  const walletId = randomUUID();
  const itemOf = (overrides: Record<string, unknown> = {}) => ({
    from_wallet_id: walletId,
    to_wallet_id: randomUUID(),
    amount: 100,
    idempotency_key: randomUUID(),
    ...overrides,
  });

  it('asks the ledger once for the whole batch, as the caller, and answers each transfer in order', async () => {
    const posted = transferOf({ from_wallet_id: walletId });
    const results = [
      { status: 'posted', transfer: posted, replayed: false },
      {
        status: 'failed',
        error: {
          code: 'wallet_not_found',
          message: 'No wallet you may use has this id: list your wallets with GET /v1/wallets.',
        },
      },
    ];
    await gateway.respond('ledger.transfer.batch', async () => ({ results }));
    const items = [
      itemOf({ description: ' rent ' }),
      itemOf({ to_wallet_id: undefined, to_user: 'grace', from_wallet_id: randomUUID() }),
    ];
    const response = await send({ transfers: items });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ results });
    expect(gateway.operationCalls()).toHaveLength(1);
    expect(gateway.operationCalls()[0]).toMatchObject({
      subject: 'ledger.transfer.batch',
      payload: {
        actor: { user_id: user.claims.sub, role: user.claims.role },
        atomic: false,
        transfers: [
          { ...items[0], description: 'rent', type: 'transfer' },
          { from_wallet_id: items[1]!.from_wallet_id, to_user: 'grace', amount: 100, type: 'transfer' },
        ],
      },
    });
  });

  it('passes atomic on to the ledger', async () => {
    await gateway.respond('ledger.transfer.batch', async () => ({ results: [] }));
    await send({ transfers: [itemOf()], atomic: true });
    expect(gateway.operationCalls()[0]?.payload).toMatchObject({ atomic: true });
  });

  it('refuses a caller without a token before reading the batch', async () => {
    const response = await send({ transfers: [itemOf()] }, {});
    expect(response.statusCode).toBe(401);
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('reads a batch of 1,000 transfers, and refuses 1,001', async () => {
    await gateway.respond('ledger.transfer.batch', async () => ({ results: [] }));
    const thousand = Array.from({ length: 1_000 }, () => itemOf({ description: 'a monthly allowance' }));
    expect((await send({ transfers: thousand })).statusCode).toBe(200);
    const tooMany = await send({ transfers: [...thousand, itemOf()] });
    expect(tooMany.statusCode).toBe(400);
    expect(problemBody(tooMany)).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: 'transfers' })],
    });
    expect(gateway.operationCalls()).toHaveLength(1);
  });

  it('refuses an empty batch, a repeated key and a bad transfer, naming the transfer', async () => {
    const key = randomUUID();
    const cases: { payload: unknown; path: string }[] = [
      { payload: { transfers: [] }, path: 'transfers' },
      { payload: {}, path: 'transfers' },
      {
        payload: {
          transfers: [itemOf({ idempotency_key: key }), itemOf(), itemOf({ idempotency_key: key })],
        },
        path: 'transfers.2.idempotency_key',
      },
      {
        payload: { transfers: [itemOf(), itemOf({ idempotency_key: undefined })] },
        path: 'transfers.1.idempotency_key',
      },
      {
        payload: { transfers: [itemOf({ idempotency_key: 'has space' })] },
        path: 'transfers.0.idempotency_key',
      },
      { payload: { transfers: [itemOf({ amount: 0 })] }, path: 'transfers.0.amount' },
      { payload: { transfers: [itemOf({ amount: 1.5 })] }, path: 'transfers.0.amount' },
      { payload: { transfers: [itemOf({ amount: 2 ** 53 })] }, path: 'transfers.0.amount' },
      { payload: { transfers: [itemOf({ type: 'payment' })] }, path: 'transfers.0.type' },
      { payload: { transfers: [itemOf({ to_user_id: randomUUID() })] }, path: 'transfers.0.to_user_id' },
      { payload: { transfers: [itemOf({ to_user: 'grace' })] }, path: 'transfers.0.to_wallet_id' },
      { payload: { transfers: [itemOf({ to_wallet_id: undefined })] }, path: 'transfers.0.to_wallet_id' },
      { payload: { transfers: [itemOf()], atomic: 'yes' }, path: 'atomic' },
      { payload: { transfers: [itemOf()], actor: { service: 'billing' } }, path: 'actor' },
    ];
    for (const { payload, path } of cases) {
      const response = await send(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      const problem = problemBody(response);
      expect(problem.code).toBe('validation_failed');
      expect(
        problem.errors?.map((error) => error.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
    expect(gateway.operationCalls()).toEqual([]);
  });

  it('is in the API document, with its body, its answer and no Idempotency-Key header', async () => {
    const document = (await gateway.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operation = document.paths[url]?.post;
    expect(operation?.responses['200']).toBeDefined();
    expect(operation?.requestBody).toBeDefined();
    expect(JSON.stringify(operation?.parameters ?? [])).not.toContain('Idempotency-Key');
    expect(document.components.schemas).toHaveProperty('TransferBatchResult');
    expect(document.components.schemas).toHaveProperty('CreateTransferBatchRequest');
  });
});

describe('the wait for the ledger on a batch', () => {
  let gateway: TestGateway;
  let user: { authorization: string; claims: AccessClaims };
  const ledgerDelayMs = 300;
  beforeEach(async () => {
    // A single transfer gives up long before the ledger answers; a batch waits for it.
    gateway = await startGateway({ busRequestTimeoutMs: 100, busBulkRequestTimeoutMs: 2_000 });
    user = await gateway.bearer('user');
    const slowly = async <T>(value: T): Promise<T> => {
      await new Promise((resolve) => setTimeout(resolve, ledgerDelayMs));
      return value;
    };
    await gateway.respond('ledger.transfer.batch', () => slowly({ results: [] }));
    await gateway.respond('ledger.transfer.create', () => slowly({}));
  });
  afterEach(async () => {
    await gateway.close();
  });

  const transfer = { from_wallet_id: randomUUID(), to_wallet_id: randomUUID(), amount: 100 };

  it('waits the bulk timeout, not the default one, for a batch', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url,
      headers: { authorization: user.authorization },
      payload: { transfers: [{ ...transfer, idempotency_key: randomUUID() }] },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ results: [] });
  });

  it('still gives up on a single transfer after the default timeout', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: { authorization: user.authorization, 'idempotency-key': randomUUID() },
      payload: transfer,
    });

    expect(response.statusCode).toBe(503);
    expect(problemBody(response).code).toBe('unavailable');
  });

  it('tells a client whose batch timed out to send the same items again with the same keys', async () => {
    await gateway.close();
    gateway = await startGateway({ busRequestTimeoutMs: 100, busBulkRequestTimeoutMs: 100 });
    user = await gateway.bearer('user');
    await gateway.respond('ledger.transfer.batch', async () => {
      await new Promise((resolve) => setTimeout(resolve, ledgerDelayMs));
      return { results: [] };
    });

    const response = await gateway.app.inject({
      method: 'POST',
      url,
      headers: { authorization: user.authorization },
      payload: { transfers: [{ ...transfer, idempotency_key: randomUUID() }] },
    });

    expect(response.statusCode).toBe(503);
    expect(problemBody(response).detail).toMatch(/same idempotency keys/);
  });
});
