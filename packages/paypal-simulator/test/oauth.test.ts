import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization, type ErrorBody, type SimulatorHarness, startHarness } from './paypal-harness.js';

describe('PayPal simulator: OAuth2 client credentials', () => {
  let harness: SimulatorHarness;

  beforeAll(async () => {
    harness = await startHarness({ clientId: 'merchant-id', clientSecret: 'merchant-secret' });
  });

  afterAll(async () => {
    await harness.simulator.stop();
  });

  function requestToken(authorization: string, body = 'grant_type=client_credentials', contentType?: string) {
    return fetch(`${harness.simulator.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization, 'content-type': contentType ?? 'application/x-www-form-urlencoded' },
      body,
    });
  }

  it('issues a bearer token in PayPal’s shape for the right client id and secret', async () => {
    const response = await requestToken(basicAuthorization('merchant-id', 'merchant-secret'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 32_400,
      app_id: expect.stringMatching(/^APP-/),
    });
    expect(body.access_token).toMatch(/^A21AA/);
    expect(typeof body.scope).toBe('string');
    expect(typeof body.nonce).toBe('string');
  });

  it('refuses a wrong secret, an unknown client and a missing header with invalid_client', async () => {
    const attempts = [
      requestToken(basicAuthorization('merchant-id', 'wrong-secret')),
      requestToken(basicAuthorization('someone-else', 'merchant-secret')),
      requestToken(basicAuthorization('merchant-id', '')),
      requestToken('Basic not-base64-at-all'),
      requestToken(''),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: 'invalid_client',
        error_description: 'Client Authentication failed',
      });
    }
  });

  it('refuses a missing or different grant type', async () => {
    const authorization = basicAuthorization('merchant-id', 'merchant-secret');
    const missing = await requestToken(authorization, '');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'Grant Type is NULL',
    });
    const other = await requestToken(authorization, 'grant_type=password');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const asJson = await requestToken(
      authorization,
      '{"grant_type":"client_credentials"}',
      'application/json',
    );
    expect(asJson.status).toBe(400);
  });

  it('answers API calls without a valid bearer token with 401 AUTHENTICATION_FAILURE', async () => {
    const { client } = harness;
    const cases = [
      client.call<ErrorBody>('GET', '/v2/checkout/orders/5O190127TN364715T', { anonymous: true }),
      client.call<ErrorBody>('GET', '/v2/checkout/orders/5O190127TN364715T', {
        anonymous: true,
        headers: { authorization: 'Bearer A21AAnot-a-token-we-issued' },
      }),
      client.call<ErrorBody>('POST', '/v2/checkout/orders', {
        anonymous: true,
        headers: { authorization: basicAuthorization('merchant-id', 'merchant-secret') },
        body: {},
      }),
    ];
    for (const answer of await Promise.all(cases)) {
      expect(answer.status).toBe(401);
      expect(answer.body.name).toBe('AUTHENTICATION_FAILURE');
      expect(answer.body.debug_id).toBe(answer.headers.get('paypal-debug-id'));
      expect(answer.body.links[0]?.rel).toBe('information_link');
    }
  });

  it('answers 401 once tokens expire, and a new token works again', async () => {
    const { client, simulator } = harness;
    expect((await client.call('GET', '/v2/checkout/orders/UNKNOWN0000000000')).status).toBe(404);
    simulator.expireTokens();
    expect((await client.call<ErrorBody>('GET', '/v2/checkout/orders/UNKNOWN0000000000')).status).toBe(401);
    client.forgetToken();
    expect((await client.call('GET', '/v2/checkout/orders/UNKNOWN0000000000')).status).toBe(404);
  });

  it('lets a token lapse after its expires_in', async () => {
    const shortLived = await startHarness({ tokenLifetimeSeconds: 1 });
    try {
      const token = await shortLived.client.token();
      const response = await fetch(`${shortLived.simulator.url}/v2/checkout/orders/UNKNOWN0000000000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(404);
      await expect
        .poll(
          async () =>
            (
              await fetch(`${shortLived.simulator.url}/v2/checkout/orders/UNKNOWN0000000000`, {
                headers: { authorization: `Bearer ${token}` },
              })
            ).status,
          { timeout: 3_000, interval: 100 },
        )
        .toBe(401);
    } finally {
      await shortLived.simulator.stop();
    }
  });

  it('serves /healthz without a token', async () => {
    const response = await fetch(`${harness.simulator.url}/healthz`);
    expect(response.status).toBe(200);
  });
});
