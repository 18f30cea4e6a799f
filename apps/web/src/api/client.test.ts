import { describe, expect, it } from 'vitest';
import { deferred, fakeFetch, json, problem, tokens } from '../../test/fake-api';
import { ApiClient, ApiError, answerOf, networkErrorCode } from './client';

const me = { id: 'user-1', user_name: 'ana' };

/** A client with a session: access token `access-0` (the refresh token is the browser's cookie). */
function clientWith(handler: Parameters<typeof fakeFetch>[0], options: { nowMs?: () => number } = {}) {
  const server = fakeFetch(handler);
  const client = new ApiClient({ fetch: server.fetch, ...options });
  client.startSession(tokens('access-0', 'refresh-0'));
  return { client, server };
}

describe('ApiClient', () => {
  it('sends the access token and answers the parsed JSON', async () => {
    const { client, server } = clientWith(() => json(200, me));
    await expect(client.get('/v1/users/me')).resolves.toEqual(me);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer access-0');
  });

  it('turns a problem+json answer into an ApiError with its code, detail and field errors', async () => {
    const { client } = clientWith(() =>
      problem(400, 'validation_failed', 'the body is not valid', [
        { path: 'amount', message: 'must be positive' },
      ]),
    );
    const error = await client.post('/v1/transfers', { amount: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: 'the body is not valid',
      fieldErrors: [{ path: 'amount', message: 'must be positive' }],
      requestId: 'request-1',
    });
  });

  it('turns a failed fetch into a network_error ApiError', async () => {
    const { client } = clientWith(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.get('/v1/wallets')).rejects.toMatchObject({ status: 0, code: networkErrorCode });
  });

  it('sends the Idempotency-Key header and the JSON body', async () => {
    const { client, server } = clientWith(() => json(201, {}));
    await client.post('/v1/transfers', { amount: 5 }, { idempotencyKey: 'key-1' });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      headers: { 'idempotency-key': 'key-1', 'content-type': 'application/json' },
      body: { amount: 5 },
    });
  });

  it('refreshes once after a 401 and sends the request again with the new token and the same key', async () => {
    const { client, server } = clientWith(({ path, headers }) => {
      if (path === '/v1/auth/refresh') return json(200, tokens('access-1', 'refresh-1'));
      return headers.authorization === 'Bearer access-1'
        ? json(201, { ok: true })
        : problem(401, 'unauthenticated', 'expired');
    });
    await expect(client.post('/v1/bills', { amount: 5 }, { idempotencyKey: 'key-7' })).resolves.toEqual({
      ok: true,
    });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/v1/bills',
      '/v1/auth/refresh',
      '/v1/bills',
    ]);
    // The refresh token is the cookie: the body names none, and the header proves a same-origin page.
    expect(server.requests[1]?.body).toEqual({});
    expect(server.requests[1]?.headers['x-requested-with']).toBe('fetch');
    expect(server.requests[2]?.headers['idempotency-key']).toBe('key-7');
    expect(server.requests[2]?.headers.authorization).toBe('Bearer access-1');
  });

  it('shares one refresh between requests that meet a 401 at the same time', async () => {
    const refreshAnswer = deferred<Response>();
    const { client, server } = clientWith(({ path, headers }) => {
      if (path === '/v1/auth/refresh') return refreshAnswer.promise;
      return headers.authorization === 'Bearer access-1'
        ? json(200, { path })
        : problem(401, 'unauthenticated', 'expired');
    });
    const first = client.get('/v1/wallets');
    const second = client.get('/v1/transactions');
    const third = client.get('/v1/invoices');
    await new Promise((resolve) => setTimeout(resolve, 0));
    refreshAnswer.resolve(json(200, tokens('access-1', 'refresh-1')));
    await expect(Promise.all([first, second, third])).resolves.toEqual([
      { path: '/v1/wallets' },
      { path: '/v1/transactions' },
      { path: '/v1/invoices' },
    ]);
    expect(server.requests.filter((request) => request.path === '/v1/auth/refresh')).toHaveLength(1);
  });

  it('does not refresh again for a 401 to a token that another request has already replaced', async () => {
    let refreshes = 0;
    const slowAnswer = deferred<Response>();
    const { client, server } = clientWith(({ path, headers }) => {
      if (path === '/v1/auth/refresh') {
        refreshes += 1;
        return json(200, tokens(`access-${refreshes}`, `refresh-${refreshes}`));
      }
      if (path === '/v1/slow' && headers.authorization === 'Bearer access-0') return slowAnswer.promise;
      return headers.authorization === 'Bearer access-0'
        ? problem(401, 'unauthenticated', 'expired')
        : json(200, { path });
    });
    const slow = client.get('/v1/slow');
    await client.get('/v1/fast');
    slowAnswer.resolve(problem(401, 'unauthenticated', 'expired'));
    await expect(slow).resolves.toEqual({ path: '/v1/slow' });
    expect(refreshes).toBe(1);
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer access-1');
  });

  it('does not retry a second time when the new token is refused too', async () => {
    const { client, server } = clientWith(({ path }) =>
      path === '/v1/auth/refresh'
        ? json(200, tokens('access-1', 'refresh-1'))
        : problem(401, 'unauthenticated', 'no'),
    );
    await expect(client.get('/v1/wallets')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/v1/wallets',
      '/v1/auth/refresh',
      '/v1/wallets',
    ]);
  });

  it('ends the session when the refresh token is refused', async () => {
    const { client, server } = clientWith(({ path }) =>
      path === '/v1/auth/refresh'
        ? problem(401, 'unauthenticated', 'the refresh token was revoked')
        : problem(401, 'unauthenticated', 'expired'),
    );
    let ended = 0;
    client.onSessionEnded(() => {
      ended += 1;
    });
    await expect(client.get('/v1/wallets')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(ended).toBe(1);
    // The access token is forgotten: the next call refreshes first instead of sending it.
    await expect(client.get('/v1/wallets')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(server.requests.at(-1)?.path).toBe('/v1/auth/refresh');
  });

  it('keeps the session when the refresh fails on the network, so a later call can try again', async () => {
    const { client } = clientWith(({ path }) => {
      if (path === '/v1/auth/refresh') throw new TypeError('Failed to fetch');
      return problem(401, 'unauthenticated', 'expired');
    });
    let ended = 0;
    client.onSessionEnded(() => {
      ended += 1;
    });
    await expect(client.get('/v1/wallets')).rejects.toMatchObject({ code: networkErrorCode });
    expect(ended).toBe(0);
  });

  it('refreshes before a request once the access token is about to expire', async () => {
    let nowMs = 0;
    const { client, server } = clientWith(
      ({ path }) =>
        path === '/v1/auth/refresh' ? json(200, tokens('access-1', 'refresh-1')) : json(200, {}),
      { nowMs: () => nowMs },
    );
    await client.get('/v1/wallets');
    nowMs = 880_000; // 20 s before the 900 s token expires
    await client.get('/v1/wallets');
    expect(server.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/v1/wallets', 'Bearer access-0'],
      ['/v1/auth/refresh', undefined],
      ['/v1/wallets', 'Bearer access-1'],
    ]);
  });

  it('restores a session by refreshing first when it holds no access token, as after a reload or in a new tab', async () => {
    const server = fakeFetch(({ path }) =>
      path === '/v1/auth/refresh' ? json(200, tokens('access-1', 'refresh-1')) : json(200, me),
    );
    const client = new ApiClient({ fetch: server.fetch });
    await expect(client.get('/v1/users/me')).resolves.toEqual(me);
    expect(server.requests[0]).toMatchObject({ path: '/v1/auth/refresh', body: {} });
    expect(server.requests[1]?.headers.authorization).toBe('Bearer access-1');
  });

  it('sends public auth calls without a token and treats their 401 as the answer', async () => {
    const { client, server } = clientWith(() => problem(401, 'unauthenticated', 'wrong password'));
    await expect(
      client.post('/v1/auth/login', { login: 'ana', password: 'x' }, { authenticated: false }),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('leaves out empty query values', async () => {
    const { client, server } = clientWith(() => json(200, { data: [], next_cursor: null }));
    await client.get('/v1/transactions', {
      query: { limit: 5, cursor: undefined, type: '', direction: 'in' },
    });
    expect(server.requests[0]?.path).toBe('/v1/transactions?limit=5&direction=in');
  });
});

describe('ApiClient.api, the typed client', () => {
  const walletId = '0190a6d2-7c6b-7d3e-9f10-5f2c3b4a5d6f';

  it('sends a typed call with the token, its path, query, Idempotency-Key and JSON body', async () => {
    const { client, server } = clientWith(() => json(201, { ok: true }));
    await answerOf(client.api.GET('/v1/wallets/{id}', { params: { path: { id: walletId } } }));
    await answerOf(
      client.api.GET('/v1/transactions', { params: { query: { limit: 5, cursor: undefined } } }),
    );
    await answerOf(
      client.api.POST('/v1/wallets/{id}/savings/withdraw', {
        params: { path: { id: walletId }, header: { 'Idempotency-Key': 'key-3' } },
        body: { amount: 500 },
      }),
    );
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/wallets/${walletId}`,
      'GET /v1/transactions?limit=5',
      `POST /v1/wallets/${walletId}/savings/withdraw`,
    ]);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer access-0',
      'Bearer access-0',
      'Bearer access-0',
    ]);
    expect(server.requests[2]).toMatchObject({
      headers: { 'idempotency-key': 'key-3', 'content-type': 'application/json' },
      body: { amount: 500 },
    });
    expect(server.requests[0]?.body).toBeUndefined();
  });

  it('refreshes once after a 401 and sends the typed call again with the new token, key and body', async () => {
    const { client, server } = clientWith(({ path, headers }) => {
      if (path === '/v1/auth/refresh') return json(200, tokens('access-1', 'refresh-1'));
      return headers.authorization === 'Bearer access-1'
        ? json(201, { ok: true })
        : problem(401, 'unauthenticated', 'expired');
    });
    await expect(
      answerOf(
        client.api.POST('/v1/bills', {
          params: { header: { 'Idempotency-Key': 'key-8' } },
          body: { to_user: 'grace', amount: 5 },
        }),
      ),
    ).resolves.toEqual({ ok: true });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/v1/bills',
      '/v1/auth/refresh',
      '/v1/bills',
    ]);
    expect(server.requests[2]).toMatchObject({
      headers: { 'idempotency-key': 'key-8', authorization: 'Bearer access-1' },
      body: { to_user: 'grace', amount: 5 },
    });
  });

  it('turns a typed call’s problem+json into an ApiError, and a failed fetch into network_error', async () => {
    let online = true;
    const { client } = clientWith(() => {
      if (!online) throw new TypeError('Failed to fetch');
      return problem(404, 'wallet_not_found', 'no such wallet');
    });
    const refused = await answerOf(
      client.api.GET('/v1/wallets/{id}', { params: { path: { id: walletId } } }),
    ).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 404, code: 'wallet_not_found', requestId: 'request-1' });
    online = false;
    await expect(answerOf(client.api.GET('/v1/wallets'))).rejects.toMatchObject({
      status: 0,
      code: networkErrorCode,
    });
  });

  it('sends public typed calls without a token and treats their 401 as the answer', async () => {
    const { client, server } = clientWith(() => problem(401, 'unauthenticated', 'wrong password'));
    await expect(
      answerOf(client.publicApi.POST('/v1/auth/login', { body: { login: 'ana', password: 'x' } })),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('gives an abort of a typed call back as the abort, not as a network error', async () => {
    const { client } = clientWith(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const controller = new AbortController();
    controller.abort();
    const error = await answerOf(client.api.GET('/v1/wallets', { signal: controller.signal })).catch(
      (caught: unknown) => caught,
    );
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });
});
