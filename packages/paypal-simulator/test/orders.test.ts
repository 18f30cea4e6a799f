import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureBody,
  type ErrorBody,
  linkOf,
  type OrderBody,
  orderBody,
  type SimulatorHarness,
  startHarness,
} from './paypal-harness.js';

describe('PayPal simulator: Orders v2', () => {
  let harness: SimulatorHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.simulator.stop();
  });

  function amountOrder(currency: string, value: unknown): unknown {
    return { intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: currency, value } }] };
  }

  async function expectError(
    answer: Promise<{ status: number; body: unknown; headers: Headers }>,
    status: number,
    name: string,
    issue?: string,
    field?: string,
  ): Promise<ErrorBody> {
    const { status: actual, body, headers } = await answer;
    const error = body as ErrorBody;
    expect({ status: actual, name: error.name }).toEqual({ status, name });
    expect(error.debug_id).toBe(headers.get('paypal-debug-id'));
    if (issue !== undefined) expect(error.details[0]?.issue).toBe(issue);
    if (field !== undefined) expect(error.details[0]?.field).toBe(field);
    return error;
  }

  describe('create', () => {
    it('creates a PAYER_ACTION_REQUIRED order with a payer-action link from payment_source.paypal.experience_context', async () => {
      const { status, body, headers } = await harness.client.createOrder();
      expect(status).toBe(201);
      expect(headers.get('paypal-debug-id')).toMatch(/^[0-9a-f]{13}$/);
      expect(body.id).toMatch(/^[0-9A-Z]{17}$/);
      expect(body.status).toBe('PAYER_ACTION_REQUIRED');
      expect(body.payment_source).toEqual({ paypal: {} });
      expect(linkOf(body.links, 'payer-action').href).toBe(
        `${harness.simulator.url}/checkoutnow?token=${body.id}`,
      );
      expect(linkOf(body.links, 'self')).toEqual({
        href: `${harness.simulator.url}/v2/checkout/orders/${body.id}`,
        rel: 'self',
        method: 'GET',
      });
      expect(body.links.some((link) => link.rel === 'approve')).toBe(false);
    });

    it('creates a CREATED order with approve, update and capture links from the legacy application_context', async () => {
      const { status, body } = await harness.client.createOrder({
        intent: 'CAPTURE',
        purchase_units: [{ amount: { currency_code: 'USD', value: '10.50' } }],
        application_context: {
          return_url: 'https://shop.example/return',
          cancel_url: 'https://shop.example/cancel',
        },
      });
      expect(status).toBe(201);
      expect(body.status).toBe('CREATED');
      expect(body.payment_source).toBeUndefined();
      expect(body.links.map((link) => link.rel)).toEqual(['self', 'approve', 'update', 'capture']);
      expect(linkOf(body.links, 'capture').method).toBe('POST');
    });

    it('answers the whole order with Prefer: return=representation, and GET answers the same order', async () => {
      const created = await harness.client.createOrder(orderBody({ value: '1050', currency: 'JPY' }), {
        prefer: 'return=representation',
      });
      expect(created.status).toBe(201);
      expect(created.body.intent).toBe('CAPTURE');
      expect(created.body.purchase_units?.[0]).toMatchObject({
        reference_id: 'wtx_test',
        custom_id: 'wtx_test',
        amount: { currency_code: 'JPY', value: '1050' },
      });
      const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${created.body.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('formats every amount with exactly the currency’s decimals', async () => {
      const { body } = await harness.client.createOrder(amountOrder('USD', '7.5'), {
        prefer: 'return=representation',
      });
      expect(body.purchase_units?.[0]?.amount).toEqual({ currency_code: 'USD', value: '7.50' });
    });

    it.each([
      ['USD', '10.505', 'DECIMAL_PRECISION'],
      ['EUR', '0.001', 'DECIMAL_PRECISION'],
      ['JPY', '1050.00', 'DECIMALS_NOT_SUPPORTED'],
      ['JPY', '10.5', 'DECIMALS_NOT_SUPPORTED'],
      ['USD', '0.00', 'CANNOT_BE_ZERO_OR_NEGATIVE'],
      ['USD', '-1.00', 'CANNOT_BE_ZERO_OR_NEGATIVE'],
      ['XXX', '10.00', 'CURRENCY_NOT_SUPPORTED'],
    ])('refuses %s %s with 422 %s', async (currency, value, issue) => {
      const error = await expectError(
        harness.client.createOrder(amountOrder(currency, value)),
        422,
        'UNPROCESSABLE_ENTITY',
        issue,
      );
      expect(error.details[0]?.location).toBe('body');
      expect(error.links).toContainEqual({
        href: `https://developer.paypal.com/docs/api/orders/v2/#error-${issue}`,
        rel: 'information_link',
        method: 'GET',
      });
    });

    it.each([
      [
        'a value that is not a number',
        amountOrder('USD', '10,50'),
        'INVALID_PARAMETER_SYNTAX',
        '/purchase_units/0/amount/value',
      ],
      [
        'a JSON number as value',
        amountOrder('USD', 10.5),
        'INVALID_PARAMETER_SYNTAX',
        '/purchase_units/0/amount/value',
      ],
      [
        'a value of 33 characters',
        amountOrder('USD', '1'.repeat(33)),
        'INVALID_STRING_LENGTH',
        '/purchase_units/0/amount/value',
      ],
      [
        'a lower-case currency',
        amountOrder('usd', '1.00'),
        'INVALID_PARAMETER_SYNTAX',
        '/purchase_units/0/amount/currency_code',
      ],
      [
        'no intent',
        { purchase_units: [{ amount: { currency_code: 'USD', value: '1.00' } }] },
        'MISSING_REQUIRED_PARAMETER',
        '/intent',
      ],
      ['intent SALE', { intent: 'SALE', purchase_units: [] }, 'INVALID_PARAMETER_VALUE', '/intent'],
      ['no purchase units', { intent: 'CAPTURE' }, 'MISSING_REQUIRED_PARAMETER', '/purchase_units'],
      [
        'an empty purchase_units',
        { intent: 'CAPTURE', purchase_units: [] },
        'INVALID_ARRAY_MIN_ITEMS',
        '/purchase_units',
      ],
      [
        'no amount',
        { intent: 'CAPTURE', purchase_units: [{}] },
        'MISSING_REQUIRED_PARAMETER',
        '/purchase_units/0/amount',
      ],
      [
        'a return_url that is no URL',
        { ...(amountOrder('USD', '1.00') as object), application_context: { return_url: 'not a url' } },
        'INVALID_PARAMETER_SYNTAX',
        '/application_context/return_url',
      ],
      [
        'a card payment source',
        { ...(amountOrder('USD', '1.00') as object), payment_source: { card: {} } },
        'INVALID_PARAMETER_VALUE',
        '/payment_source',
      ],
    ])('refuses %s with 400 INVALID_REQUEST', async (_case, body, issue, field) => {
      await expectError(harness.client.createOrder(body), 400, 'INVALID_REQUEST', issue, field);
    });

    it('refuses purchase units in two currencies, or without distinct reference ids', async () => {
      const unit = (reference: string, currency: string) => ({
        reference_id: reference,
        amount: { currency_code: currency, value: '1' },
      });
      await expectError(
        harness.client.createOrder({
          intent: 'CAPTURE',
          purchase_units: [unit('a', 'USD'), unit('b', 'EUR')],
        }),
        422,
        'UNPROCESSABLE_ENTITY',
        'MULTI_CURRENCY_ORDER',
      );
      await expectError(
        harness.client.createOrder({
          intent: 'CAPTURE',
          purchase_units: [unit('a', 'USD'), unit('a', 'USD')],
        }),
        422,
        'UNPROCESSABLE_ENTITY',
        'DUPLICATE_REFERENCE_ID',
      );
    });

    it('answers broken JSON with 400 MALFORMED_REQUEST_JSON and a body of another type with 415', async () => {
      await expectError(
        harness.client.call('POST', '/v2/checkout/orders', {
          rawBody: '{"intent": "CAPTURE",',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'INVALID_REQUEST',
        'MALFORMED_REQUEST_JSON',
      );
      await expectError(
        harness.client.call('POST', '/v2/checkout/orders', {
          rawBody: '[1, 2]',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'INVALID_REQUEST',
        'MALFORMED_REQUEST_JSON',
      );
      await expectError(
        harness.client.call('POST', '/v2/checkout/orders', {
          rawBody: 'intent=CAPTURE',
          headers: { 'content-type': 'text/plain' },
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });

    it('answers 404 RESOURCE_NOT_FOUND for unknown orders, captures and refunds', async () => {
      for (const path of [
        '/v2/checkout/orders/0000000000000000X',
        '/v2/payments/captures/0000000000000000X',
        '/v2/payments/refunds/0000000000000000X',
      ]) {
        const error = await expectError(
          harness.client.call('GET', path),
          404,
          'RESOURCE_NOT_FOUND',
          'INVALID_RESOURCE_ID',
        );
        expect(error.details[0]).toMatchObject({ location: 'path', value: '0000000000000000X' });
      }
      await expectError(
        harness.client.capture('0000000000000000X'),
        404,
        'RESOURCE_NOT_FOUND',
        'INVALID_RESOURCE_ID',
      );
      await expectError(harness.client.call('GET', '/v2/no-such-api'), 404, 'RESOURCE_NOT_FOUND');
    });
  });

  describe('approval page', () => {
    it('renders a self-contained page marked as a simulator, with the amount, merchant and four buttons', async () => {
      const { body: order } = await harness.client.createOrder();
      const page = await fetch(linkOf(order.links, 'payer-action').href);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('PayPal sandbox simulator — no real money');
      expect(html).toContain('10.50 USD');
      expect(html).toContain('MoneyPal Test Shop');
      expect(html).toContain('<html lang="en">');
      for (const action of ['approve', 'approve_declined', 'approve_pending', 'cancel']) {
        expect(html).toContain(`data-action="${action}"`);
      }
      expect(html).toContain(`action="/checkoutnow/${order.id}"`);
      // Nothing is loaded from elsewhere.
      expect(html).not.toMatch(/<(script|link|img)\b/);
      expect(html).not.toMatch(/https?:\/\//);
    });

    it('escapes what the merchant sent', async () => {
      const body = orderBody() as {
        payment_source: { paypal: { experience_context: Record<string, string> } };
      };
      body.payment_source.paypal.experience_context.brand_name = '<script>alert(1)</script>';
      const { body: order } = await harness.client.createOrder(body);
      const html = await (await fetch(`${harness.simulator.url}/checkoutnow?token=${order.id}`)).text();
      expect(html).not.toContain('<script>');
      expect(html).toContain('&lt;script&gt;');
    });

    it('answers an unknown token with a 404 page', async () => {
      const page = await fetch(`${harness.simulator.url}/checkoutnow?token=0000000000000000X`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('PayPal sandbox simulator — no real money');
    });

    async function choose(orderId: string, action: string): Promise<Response> {
      return fetch(`${harness.simulator.url}/checkoutnow/${orderId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `action=${action}`,
        redirect: 'manual',
      });
    }

    it('approves the order and sends the buyer to return_url with token and PayerID', async () => {
      const { body: order } = await harness.client.createOrder();
      const response = await choose(order.id, 'approve');
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe('https://shop.example/paypal/return');
      expect(location.searchParams.get('token')).toBe(order.id);
      const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
      expect(fetched.body.status).toBe('APPROVED');
      expect(location.searchParams.get('PayerID')).toBe(fetched.body.payer?.payer_id);
      expect(fetched.body.payment_source?.paypal.account_id).toBe(fetched.body.payer?.payer_id);
      expect(fetched.body.links.map((link) => link.rel)).toEqual(['self', 'update', 'capture']);
    });

    it('keeps the query of the return URL', async () => {
      const { body: order } = await harness.client.createOrder({
        intent: 'CAPTURE',
        purchase_units: [{ amount: { currency_code: 'USD', value: '1.00' } }],
        application_context: { return_url: 'https://shop.example/return?payment=42' },
      });
      const location = new URL((await choose(order.id, 'approve')).headers.get('location')!);
      expect(location.searchParams.get('payment')).toBe('42');
      expect(location.searchParams.get('token')).toBe(order.id);
    });

    it('sends a cancelling buyer to cancel_url with the token and leaves the order unapproved', async () => {
      const { body: order } = await harness.client.createOrder();
      const response = await choose(order.id, 'cancel');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`https://shop.example/paypal/cancel?token=${order.id}`);
      const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
      expect(fetched.body.status).toBe('PAYER_ACTION_REQUIRED');
      await expectError(harness.client.capture(order.id), 422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
    });

    it('remembers the outcome chosen on the page for the capture', async () => {
      const { body: declined } = await harness.client.createOrder();
      await choose(declined.id, 'approve_declined');
      expect(
        (await harness.client.capture(declined.id)).body.purchase_units?.[0]?.payments?.captures[0]?.status,
      ).toBe('DECLINED');
      const { body: pending } = await harness.client.createOrder();
      await choose(pending.id, 'approve_pending');
      expect(
        (await harness.client.capture(pending.id)).body.purchase_units?.[0]?.payments?.captures[0]?.status,
      ).toBe('PENDING');
    });

    it('refuses an unknown choice, and any choice on a captured order', async () => {
      const { body: order } = await harness.client.createOrder();
      expect((await choose(order.id, 'steal')).status).toBe(400);
      harness.simulator.approveOrder(order.id);
      await harness.client.capture(order.id);
      expect((await choose(order.id, 'approve')).status).toBe(409);
      expect((await fetch(`${harness.simulator.url}/checkoutnow?token=${order.id}`)).status).toBe(409);
      expect(() => harness.simulator.approveOrder(order.id)).toThrow(/already captured/);
      expect(() => harness.simulator.approveOrder('0000000000000000X')).toThrow(/no order/);
    });
  });

  describe('capture', () => {
    it('captures an approved order: order COMPLETED, capture COMPLETED in PayPal’s shape', async () => {
      const order = await harness.client.approvedOrder('completed');
      const { status, body } = await harness.client.capture(order.id);
      expect(status).toBe(201);
      expect(body.status).toBe('COMPLETED');
      expect(body.payer?.email_address).toBeDefined();
      const capture = body.purchase_units?.[0]?.payments?.captures[0] as CaptureBody;
      expect(capture).toMatchObject({
        status: 'COMPLETED',
        amount: { currency_code: 'USD', value: '10.50' },
        custom_id: 'wtx_test',
        seller_receivable_breakdown: {
          gross_amount: { currency_code: 'USD', value: '10.50' },
          paypal_fee: { currency_code: 'USD', value: '0.37' },
          net_amount: { currency_code: 'USD', value: '10.13' },
        },
      });
      expect(capture.id).toMatch(/^[0-9A-Z]{17}$/);
      expect(linkOf(capture.links, 'refund').href).toBe(
        `${harness.simulator.url}/v2/payments/captures/${capture.id}/refund`,
      );
      expect(linkOf(capture.links, 'up').href).toBe(
        `${harness.simulator.url}/v2/checkout/orders/${order.id}`,
      );
      expect(body.links.map((link) => link.rel)).toEqual(['self']);

      const fetched = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.supplementary_data).toEqual({ related_ids: { order_id: order.id } });
      const orderNow = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
      expect(orderNow.body.status).toBe('COMPLETED');
      expect(harness.simulator.getOrder(order.id)).toEqual(orderNow.body);
    });

    it('ends a declined capture as DECLINED inside a COMPLETED order, with nothing to refund', async () => {
      const order = await harness.client.approvedOrder('declined');
      const { status, body } = await harness.client.capture(order.id);
      expect(status).toBe(201);
      expect(body.status).toBe('COMPLETED');
      const capture = body.purchase_units?.[0]?.payments?.captures[0] as CaptureBody;
      expect(capture.status).toBe('DECLINED');
      expect(capture.links.some((link) => link.rel === 'refund')).toBe(false);
      expect(capture.seller_receivable_breakdown).toBeUndefined();
    });

    it('ends a pending capture as PENDING with a reason, until it is completed', async () => {
      const order = await harness.client.approvedOrder('pending');
      const { body } = await harness.client.capture(order.id);
      const capture = body.purchase_units?.[0]?.payments?.captures[0] as CaptureBody;
      expect(capture.status).toBe('PENDING');
      expect(capture.status_details).toEqual({ reason: 'PENDING_REVIEW' });
      await harness.simulator.completePendingCapture(capture.id);
      const fetched = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
      expect(fetched.body.status).toBe('COMPLETED');
      expect(fetched.body.status_details).toBeUndefined();
      await expect(harness.simulator.completePendingCapture(capture.id)).rejects.toThrow(/not PENDING/);
    });

    it('uses the configured default outcome when the buyer chose the plain Approve', async () => {
      harness.simulator.configure({ captureOutcome: 'declined' });
      try {
        const order = await harness.client.approvedOrder();
        const { body } = await harness.client.capture(order.id);
        expect(body.purchase_units?.[0]?.payments?.captures[0]?.status).toBe('DECLINED');
      } finally {
        harness.simulator.configure({ captureOutcome: 'completed' });
      }
    });

    it('answers 415 to a capture without Content-Type: application/json, and captures nothing', async () => {
      const order = await harness.client.approvedOrder();
      const error = await expectError(
        harness.client.call('POST', `/v2/checkout/orders/${order.id}/capture`),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expect(error).toMatchObject({
        message: 'The request payload is not supported',
        details: [],
        links: [],
      });
      const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
      expect(fetched.body.status).toBe('APPROVED');
    });

    it('refuses to capture an order the buyer has not approved', async () => {
      const { body: order } = await harness.client.createOrder();
      const error = await expectError(
        harness.client.capture(order.id),
        422,
        'UNPROCESSABLE_ENTITY',
        'ORDER_NOT_APPROVED',
      );
      expect(error.details[0]?.description).toContain('Payer has not yet approved the Order for payment');
    });

    it('refuses a second capture with ORDER_ALREADY_CAPTURED', async () => {
      const order = await harness.client.approvedOrder();
      expect((await harness.client.capture(order.id)).status).toBe(201);
      await expectError(
        harness.client.capture(order.id),
        422,
        'UNPROCESSABLE_ENTITY',
        'ORDER_ALREADY_CAPTURED',
      );
    });

    it('accepts a capture body with a payment_source, and refuses one that is not an object', async () => {
      const order = await harness.client.approvedOrder();
      await expectError(
        harness.client.call('POST', `/v2/checkout/orders/${order.id}/capture`, { body: ['x'] }),
        400,
        'INVALID_REQUEST',
        'MALFORMED_REQUEST_JSON',
      );
      const captured = await harness.client.call<OrderBody>(
        'POST',
        `/v2/checkout/orders/${order.id}/capture`,
        {
          body: { payment_source: { paypal: {} } },
        },
      );
      expect(captured.status).toBe(201);
    });

    it('answers the whole order to a capture with Prefer: return=representation', async () => {
      const order = await harness.client.approvedOrder();
      const { body } = await harness.client.capture(order.id, { prefer: 'return=representation' });
      expect(body.purchase_units?.[0]?.amount).toEqual({ currency_code: 'USD', value: '10.50' });
      expect(body.purchase_units?.[0]?.payments?.captures).toHaveLength(1);
    });

    it('captures every purchase unit of a multi-unit order', async () => {
      const { body: order } = await harness.client.createOrder({
        intent: 'CAPTURE',
        purchase_units: [
          { reference_id: 'first', amount: { currency_code: 'EUR', value: '1.00' } },
          { reference_id: 'second', amount: { currency_code: 'EUR', value: '2.50' } },
        ],
      });
      const page = await (await fetch(`${harness.simulator.url}/checkoutnow?token=${order.id}`)).text();
      expect(page).toContain('3.50 EUR');
      harness.simulator.approveOrder(order.id);
      const { body } = await harness.client.capture(order.id);
      expect(body.purchase_units?.map((unit) => unit.payments?.captures[0]?.amount.value)).toEqual([
        '1.00',
        '2.50',
      ]);
    });
  });

  describe('PayPal-Request-Id', () => {
    it('answers a repeated create with the stored order (200) and creates nothing more', async () => {
      const headers = { 'paypal-request-id': `create-${Date.now()}` };
      const first = await harness.client.createOrder(orderBody(), headers);
      const second = await harness.client.createOrder(orderBody({ value: '99.99' }), headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
    });

    it('answers a repeated capture with the stored capture and captures once', async () => {
      const order = await harness.client.approvedOrder();
      const headers = { 'paypal-request-id': `capture-${order.id}` };
      const first = await harness.client.capture(order.id, headers);
      const second = await harness.client.capture(order.id, headers);
      expect([first.status, second.status]).toEqual([201, 200]);
      expect(second.body).toEqual(first.body);
      const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
      expect(fetched.body.purchase_units?.[0]?.payments?.captures).toHaveLength(1);
      // Without the id it is a new request, which PayPal refuses.
      await expectError(
        harness.client.capture(order.id),
        422,
        'UNPROCESSABLE_ENTITY',
        'ORDER_ALREADY_CAPTURED',
      );
    });

    it('does not store an error, so a retry with the same id is carried out', async () => {
      const { body: order } = await harness.client.createOrder();
      const headers = { 'paypal-request-id': `capture-${order.id}` };
      await expectError(
        harness.client.capture(order.id, headers),
        422,
        'UNPROCESSABLE_ENTITY',
        'ORDER_NOT_APPROVED',
      );
      harness.simulator.approveOrder(order.id);
      expect((await harness.client.capture(order.id, headers)).status).toBe(201);
    });

    it('refuses a request id longer than 108 characters', async () => {
      await expectError(
        harness.client.createOrder(orderBody(), { 'paypal-request-id': 'x'.repeat(109) }),
        400,
        'INVALID_REQUEST',
        'INVALID_STRING_LENGTH',
        'PayPal-Request-Id',
      );
    });
  });

  describe('PayPal-Mock-Response', () => {
    const mock = (code: string) => ({
      'paypal-mock-response': JSON.stringify({ mock_application_codes: code }),
    });

    it('fails a capture with INSTRUMENT_DECLINED and a redirect link, capturing nothing', async () => {
      const order = await harness.client.approvedOrder();
      const error = await expectError(
        harness.client.capture(order.id, mock('INSTRUMENT_DECLINED')),
        422,
        'UNPROCESSABLE_ENTITY',
        'INSTRUMENT_DECLINED',
      );
      expect(linkOf(error.links, 'redirect').href).toBe(
        `${harness.simulator.url}/checkoutnow?token=${order.id}`,
      );
      expect((await harness.client.capture(order.id)).status).toBe(201);
    });

    it('fails a capture with TRANSACTION_REFUSED or a 500 INTERNAL_SERVER_ERROR', async () => {
      const order = await harness.client.approvedOrder();
      await expectError(
        harness.client.capture(order.id, mock('TRANSACTION_REFUSED')),
        422,
        'UNPROCESSABLE_ENTITY',
        'TRANSACTION_REFUSED',
      );
      await expectError(
        harness.client.capture(order.id, mock('INTERNAL_SERVER_ERROR')),
        500,
        'INTERNAL_SERVER_ERROR',
      );
      const fetched = await harness.client.call<OrderBody>('GET', `/v2/checkout/orders/${order.id}`);
      expect(fetched.body.status).toBe('APPROVED');
    });

    it('fails a create with the mocked issue', async () => {
      await expectError(
        harness.client.createOrder(orderBody(), mock('DUPLICATE_INVOICE_ID')),
        422,
        'UNPROCESSABLE_ENTITY',
        'DUPLICATE_INVOICE_ID',
      );
      await expectError(
        harness.client.createOrder(orderBody(), mock('INTERNAL_SERVER_ERROR')),
        500,
        'INTERNAL_SERVER_ERROR',
      );
    });

    it('refuses a mock header that is not PayPal’s JSON', async () => {
      await expectError(
        harness.client.createOrder(orderBody(), { 'paypal-mock-response': 'INSTRUMENT_DECLINED' }),
        400,
        'INVALID_REQUEST',
        'INVALID_PARAMETER_SYNTAX',
        'PayPal-Mock-Response',
      );
      await expectError(
        harness.client.createOrder(orderBody(), {
          'paypal-mock-response': '{"mock_application_codes":"lower"}',
        }),
        400,
        'INVALID_REQUEST',
        'INVALID_PARAMETER_VALUE',
      );
    });
  });
});
