import { describe, expect, it } from 'vitest';
import { ApiProblemError, createApiClient, dataOf } from '../src/index.js';

const walletId = '0190a6d2-7c6b-7d3e-9f10-5f2c3b4a5d6f';

/** A stand-in for the API that records each request and answers with `answer`. */
function fakeApi(answer: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return answer(request);
  };
  return { fetch, requests };
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

const problem = {
  type: 'https://moneypal.dev/problems/wallet_not_found',
  title: 'Wallet not found',
  status: 404,
  detail: 'No wallet 0190a6d2-7c6b-7d3e-9f10-5f2c3b4a5d6f.',
  code: 'wallet_not_found',
  request_id: 'request-1',
};

describe('createApiClient', () => {
  it('sends the bearer token read at each request, the path parameters and the JSON body', async () => {
    const api = fakeApi(() => json(200, { id: walletId }));
    let token = 'access-1';
    const client = createApiClient({
      baseUrl: 'http://api.test',
      accessToken: () => token,
      fetch: api.fetch,
    });
    await client.GET('/v1/wallets/{id}', { params: { path: { id: walletId } } });
    token = 'access-2';
    await client.POST('/v1/transfers', {
      params: { header: { 'Idempotency-Key': 'key-1' } },
      body: { from_wallet_id: walletId, to_user: 'grace', amount: 1050 },
    });

    expect(api.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      `GET http://api.test/v1/wallets/${walletId}`,
      'POST http://api.test/v1/transfers',
    ]);
    expect(api.requests.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer access-1',
      'Bearer access-2',
    ]);
    expect(api.requests[1]?.headers.get('idempotency-key')).toBe('key-1');
    expect(await api.requests[1]?.json()).toEqual({
      from_wallet_id: walletId,
      to_user: 'grace',
      amount: 1050,
    });
  });

  it('sends no authorization header without a token', async () => {
    const api = fakeApi(() => json(200, { status: 'ok' }));
    const client = createApiClient({ baseUrl: 'http://api.test', fetch: api.fetch });
    await client.GET('/healthz');
    expect(api.requests[0]?.headers.has('authorization')).toBe(false);
  });

  it('writes query parameters, leaving out the ones not given', async () => {
    const api = fakeApi(() => json(200, { data: [], next_cursor: null }));
    const client = createApiClient({ baseUrl: 'http://api.test', fetch: api.fetch });
    await client.GET('/v1/wallets', { params: { query: { limit: 5, cursor: undefined } } });
    expect(api.requests[0]?.url).toBe('http://api.test/v1/wallets?limit=5');
  });
});

describe('dataOf', () => {
  it('answers the body of a success', async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: fakeApi(() => json(200, { status: 'ok' })).fetch,
    });
    await expect(dataOf(client.GET('/healthz'))).resolves.toEqual({ status: 'ok' });
  });

  it('throws a problem+json answer as an ApiProblemError with its status and code', async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: fakeApi(() => json(404, problem, 'application/problem+json')).fetch,
    });
    const error = await dataOf(client.GET('/v1/wallets/{id}', { params: { path: { id: walletId } } })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error).toMatchObject({ status: 404, code: 'wallet_not_found', problem });
  });

  it('throws an error answer that is no problem with its status and no code', async () => {
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: fakeApi(() => new Response('Bad Gateway', { status: 502 })).fetch,
    });
    const error = await dataOf(client.GET('/healthz')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, code: null, problem: null, message: 'The API answered 502.' });
  });
});
