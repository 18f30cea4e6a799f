import { describe, expect, it } from 'vitest';
import {
  approveLinkOf,
  captureIdOfRefund,
  captureOf,
  createPayPalClient,
  PayPalError,
  PayPalUnreachableError,
  payPalErrorOf,
  retryAfterMs,
  retryDelayMs,
} from './client.js';

describe('approveLinkOf', () => {
  it('picks the approve or payer-action link by rel, wherever it is', () => {
    const links = (rel: string) => [
      { href: 'https://api/self', rel: 'self' },
      { href: 'https://www/checkoutnow?token=1', rel },
    ];
    expect(approveLinkOf({ id: '1', status: 'CREATED', links: links('approve') })).toBe(
      'https://www/checkoutnow?token=1',
    );
    expect(approveLinkOf({ id: '1', status: 'PAYER_ACTION_REQUIRED', links: links('payer-action') })).toBe(
      'https://www/checkoutnow?token=1',
    );
    expect(approveLinkOf({ id: '1', status: 'CREATED', links: links('update') })).toBeNull();
    expect(approveLinkOf({ id: '1', status: 'CREATED' })).toBeNull();
  });
});

describe('captureOf', () => {
  it('finds the capture of the purchase unit, or null before a capture', () => {
    const capture = { id: 'C1', status: 'COMPLETED' };
    expect(
      captureOf({ id: 'O', status: 'COMPLETED', purchase_units: [{ payments: { captures: [capture] } }] }),
    ).toEqual(capture);
    expect(captureOf({ id: 'O', status: 'APPROVED', purchase_units: [{}] })).toBeNull();
    expect(captureOf({ id: 'O', status: 'APPROVED' })).toBeNull();
  });
});

describe('captureIdOfRefund', () => {
  it('reads the capture id from the refund’s up link', () => {
    expect(
      captureIdOfRefund({
        links: [
          { href: 'https://api-m.paypal.com/v2/payments/refunds/R1', rel: 'self' },
          { href: 'https://api-m.paypal.com/v2/payments/captures/3C679366HH908993F', rel: 'up' },
        ],
      }),
    ).toBe('3C679366HH908993F');
    expect(captureIdOfRefund({ links: [{ href: 'https://x/v2/checkout/orders/O', rel: 'up' }] })).toBeNull();
    expect(captureIdOfRefund({})).toBeNull();
  });
});

describe('payPalErrorOf', () => {
  it('reads PayPal’s REST error shape with its issues and debug id', () => {
    const error = payPalErrorOf(
      422,
      JSON.stringify({
        name: 'UNPROCESSABLE_ENTITY',
        message: 'The requested action could not be performed.',
        debug_id: 'abc123',
        details: [{ issue: 'INSTRUMENT_DECLINED', description: 'declined', field: '/x', location: 'body' }],
      }),
      'header-id',
    );
    expect(error).toBeInstanceOf(PayPalError);
    expect(error).toMatchObject({
      status: 422,
      name: 'UNPROCESSABLE_ENTITY',
      message: 'The requested action could not be performed.',
      debugId: 'abc123',
      issues: [{ issue: 'INSTRUMENT_DECLINED', description: 'declined', field: '/x', location: 'body' }],
    });
    expect(error.hasIssue(new Set(['INSTRUMENT_DECLINED']))).toBe(true);
    expect(error.retryable).toBe(false);
  });

  it('reads the OAuth error shape of the token endpoint', () => {
    const error = payPalErrorOf(
      401,
      '{"error":"invalid_client","error_description":"Client Authentication failed"}',
      'dbg',
    );
    expect(error).toMatchObject({
      status: 401,
      name: 'invalid_client',
      message: 'Client Authentication failed',
      debugId: 'dbg',
      issues: [],
    });
  });

  it('names a body that is not PayPal’s by its status, and retries 5xx and 429 only', () => {
    expect(payPalErrorOf(502, '<html>bad gateway</html>', null)).toMatchObject({
      status: 502,
      name: 'HTTP_502',
      debugId: null,
    });
    expect(payPalErrorOf(502, '', null).retryable).toBe(true);
    expect(payPalErrorOf(429, '', null).retryable).toBe(true);
    expect(payPalErrorOf(409, '', null).retryable).toBe(false);
  });
});

describe('retry delays', () => {
  it('doubles from the base with jitter between half and all of it, at most 5 s', () => {
    expect(retryDelayMs(1, 100, () => 1)).toBe(100);
    expect(retryDelayMs(3, 100, () => 1)).toBe(400);
    expect(retryDelayMs(3, 100, () => 0)).toBe(200);
    expect(retryDelayMs(20, 100, () => 1)).toBe(5_000);
  });

  it('honours a Retry-After in seconds, capped, and ignores dates and garbage', () => {
    expect(retryAfterMs('2', 5_000)).toBe(2_000);
    expect(retryAfterMs('60', 5_000)).toBe(5_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', 5_000)).toBeNull();
    expect(retryAfterMs(null, 5_000)).toBeNull();
  });
});

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A stand-in for PayPal that answers from a script and records what it was sent. */
function scriptedFetch(answer: (request: Seen, index: number) => Response | Error) {
  const seen: Seen[] = [];
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const request: Seen = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    seen.push(request);
    const outcome = answer(request, seen.length - 1);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }) as typeof fetch;
  return { fetch: fetchStub, seen };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const token = (name: string, expiresIn = 32_400) =>
  json(200, { access_token: name, token_type: 'Bearer', expires_in: expiresIn });
const order = { id: 'O1', status: 'COMPLETED' };

describe('createPayPalClient', () => {
  const options = {
    baseUrl: 'https://paypal.test/',
    clientId: 'id',
    clientSecret: 'shh',
    retryBaseDelayMs: 1,
  };

  it('gets a token with Basic auth once and reuses it until shortly before it expires', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    let tokens = 0;
    const { fetch, seen } = scriptedFetch((request) => {
      if (request.url.endsWith('/v1/oauth2/token')) return token(`T${++tokens}`, 3_600);
      return json(200, order);
    });
    const client = createPayPalClient({ ...options, fetch, clock: () => now });
    await client.getOrder('O1');
    await client.getOrder('O1');
    now = new Date(now.getTime() + 3_600_000 - 299_000);
    await client.getOrder('O1');
    expect(tokens).toBe(2);
    const tokenRequest = seen[0]!;
    expect(tokenRequest.headers.authorization).toBe(`Basic ${Buffer.from('id:shh').toString('base64')}`);
    expect(tokenRequest.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest.body).toBe('grant_type=client_credentials');
    expect(
      seen.filter((request) => request.url.includes('/orders/')).map((r) => r.headers.authorization),
    ).toEqual(['Bearer T1', 'Bearer T1', 'Bearer T2']);
  });

  it('fetches a new token once when PayPal answers 401, and gives up after that', async () => {
    let tokens = 0;
    const { fetch } = scriptedFetch((request) => {
      if (request.url.endsWith('/v1/oauth2/token')) return token(`T${++tokens}`);
      return request.headers.authorization === 'Bearer T1'
        ? json(401, { name: 'AUTHENTICATION_FAILURE', message: 'expired' })
        : json(200, order);
    });
    const client = createPayPalClient({ ...options, fetch });
    await expect(client.getOrder('O1')).resolves.toMatchObject({ id: 'O1' });
    expect(tokens).toBe(2);

    const refusing = scriptedFetch((request) =>
      request.url.endsWith('/v1/oauth2/token')
        ? token('T')
        : json(401, { name: 'AUTHENTICATION_FAILURE', message: 'no' }),
    );
    const failure = await createPayPalClient({ ...options, fetch: refusing.fetch })
      .getOrder('O1')
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 401, name: 'AUTHENTICATION_FAILURE' });
    expect(refusing.seen.filter((request) => request.url.endsWith('/v1/oauth2/token'))).toHaveLength(2);
  });

  it('retries a capture on 503 and network errors with the same PayPal-Request-Id and JSON body', async () => {
    const { fetch, seen } = scriptedFetch((request, index) => {
      if (request.url.endsWith('/v1/oauth2/token')) return token('T');
      if (index === 1) return json(503, { name: 'SERVICE_UNAVAILABLE', message: 'later' });
      if (index === 2) return new TypeError('fetch failed');
      return json(201, order);
    });
    const client = createPayPalClient({ ...options, fetch });
    await expect(client.captureOrder('O1', 'capture-p1')).resolves.toMatchObject({ status: 'COMPLETED' });
    const captures = seen.filter(
      (request) => request.url === 'https://paypal.test/v2/checkout/orders/O1/capture',
    );
    expect(captures).toHaveLength(3);
    for (const capture of captures) {
      expect(capture.method).toBe('POST');
      expect(capture.headers['paypal-request-id']).toBe('capture-p1');
      expect(capture.headers['content-type']).toBe('application/json');
      expect(capture.body).toBe('{}');
    }
  });

  it('gives up after the last attempt: a PayPalError for 5xx, PayPalUnreachableError without an answer', async () => {
    const failing = scriptedFetch((request) =>
      request.url.endsWith('/v1/oauth2/token')
        ? token('T')
        : json(500, { name: 'INTERNAL_SERVER_ERROR', message: 'x' }),
    );
    await expect(
      createPayPalClient({ ...options, maxAttempts: 3, fetch: failing.fetch }).refundCapture(
        'C1',
        'refund-p1',
      ),
    ).rejects.toMatchObject({ status: 500, name: 'INTERNAL_SERVER_ERROR' });
    expect(failing.seen.filter((request) => request.url.endsWith('/refund'))).toHaveLength(3);

    const silent = scriptedFetch((request) =>
      request.url.endsWith('/v1/oauth2/token') ? token('T') : new TypeError('fetch failed'),
    );
    await expect(
      createPayPalClient({ ...options, maxAttempts: 2, fetch: silent.fetch }).getCapture('C1'),
    ).rejects.toBeInstanceOf(PayPalUnreachableError);
  });

  it('does not retry PayPal’s refusals', async () => {
    const { fetch, seen } = scriptedFetch((request) =>
      request.url.endsWith('/v1/oauth2/token')
        ? token('T')
        : json(422, {
            name: 'UNPROCESSABLE_ENTITY',
            message: 'no',
            details: [{ issue: 'ORDER_NOT_APPROVED' }],
          }),
    );
    await expect(
      createPayPalClient({ ...options, fetch }).captureOrder('O1', 'capture-p1'),
    ).rejects.toMatchObject({
      status: 422,
      issues: [{ issue: 'ORDER_NOT_APPROVED' }],
    });
    expect(seen).toHaveLength(2);
  });

  it('creates an order with the amount as a decimal string, the return links and the request id', async () => {
    const { fetch, seen } = scriptedFetch((request) =>
      request.url.endsWith('/v1/oauth2/token')
        ? token('T')
        : json(201, {
            id: 'O1',
            status: 'PAYER_ACTION_REQUIRED',
            links: [{ href: 'https://approve', rel: 'payer-action' }],
          }),
    );
    const created = await createPayPalClient({ ...options, fetch }).createOrder(
      {
        amountMinor: 1050n,
        currency: 'USD',
        description: 'x'.repeat(200),
        customId: 'p1',
        invoiceId: 'p1',
        returnUrl: 'https://app/pay/return?payment_id=p1',
        cancelUrl: 'https://app/pay/cancel?payment_id=p1',
      },
      'p1',
    );
    expect(approveLinkOf(created)).toBe('https://approve');
    const request = seen[1]!;
    expect(request.headers['paypal-request-id']).toBe('p1');
    const body = JSON.parse(request.body!);
    expect(body.intent).toBe('CAPTURE');
    expect(body.purchase_units[0]).toMatchObject({
      custom_id: 'p1',
      invoice_id: 'p1',
      amount: { currency_code: 'USD', value: '10.50' },
    });
    expect(body.purchase_units[0].description).toHaveLength(127);
    expect(body.payment_source.paypal.experience_context).toMatchObject({
      return_url: 'https://app/pay/return?payment_id=p1',
      cancel_url: 'https://app/pay/cancel?payment_id=p1',
    });
  });

  it('refuses an answer that is not what PayPal documents', async () => {
    const { fetch } = scriptedFetch((request) =>
      request.url.endsWith('/v1/oauth2/token') ? token('T') : json(200, { unexpected: true }),
    );
    await expect(createPayPalClient({ ...options, fetch }).getOrder('O1')).rejects.toMatchObject({
      name: 'UNEXPECTED_RESPONSE',
    });
  });
});
