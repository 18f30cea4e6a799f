import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaptureBody,
  type ErrorBody,
  linkOf,
  type RefundBody,
  type SimulatorHarness,
  startHarness,
  WebhookReceiver,
} from './paypal-harness.js';

async function expectIssue(
  answer: Promise<{ status: number; body: unknown }>,
  status: number,
  issue: string,
): Promise<ErrorBody> {
  const { status: actual, body } = await answer;
  const error = body as ErrorBody;
  expect({ status: actual, issue: error.details[0]?.issue }).toEqual({ status, issue });
  return error;
}

describe('PayPal simulator: refunds', () => {
  let harness: SimulatorHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.simulator.stop();
  });

  it('refunds the whole capture when no amount is given; the capture becomes REFUNDED', async () => {
    const capture = await harness.client.completedCapture('10.50');
    const { status, body } = await harness.client.refund(capture.id);
    expect(status).toBe(201);
    expect(body.id).toMatch(/^[0-9A-Z]{17}$/);
    expect(body.status).toBe('COMPLETED');
    expect(body.amount).toBeUndefined();
    expect(linkOf(body.links, 'up').href).toBe(`${harness.simulator.url}/v2/payments/captures/${capture.id}`);

    const refund = await harness.client.call<RefundBody>('GET', `/v2/payments/refunds/${body.id}`);
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({
      id: body.id,
      status: 'COMPLETED',
      amount: { currency_code: 'USD', value: '10.50' },
      seller_payable_breakdown: { total_refunded_amount: { currency_code: 'USD', value: '10.50' } },
    });
    const captured = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
    expect(captured.body.status).toBe('REFUNDED');
    expect(captured.body.links.some((link) => link.rel === 'refund')).toBe(false);
  });

  it('refuses a second full refund with CAPTURE_FULLY_REFUNDED', async () => {
    const capture = await harness.client.completedCapture();
    expect((await harness.client.refund(capture.id)).status).toBe(201);
    const error = await expectIssue(harness.client.refund(capture.id), 422, 'CAPTURE_FULLY_REFUNDED');
    expect(error.name).toBe('UNPROCESSABLE_ENTITY');
    expect(error.links[0]?.href).toBe(
      'https://developer.paypal.com/docs/api/payments/v2/#error-CAPTURE_FULLY_REFUNDED',
    );
  });

  it('refunds part of a capture, then the rest, and refuses more than is left', async () => {
    const capture = await harness.client.completedCapture('10.00');
    const partial = await harness.client.refund(
      capture.id,
      { amount: { currency_code: 'USD', value: '4.00' } },
      {
        prefer: 'return=representation',
      },
    );
    expect(partial.status).toBe(201);
    expect(partial.body.amount).toEqual({ currency_code: 'USD', value: '4.00' });
    const afterPartial = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
    expect(afterPartial.body.status).toBe('PARTIALLY_REFUNDED');
    await expectIssue(
      harness.client.refund(capture.id, { amount: { currency_code: 'USD', value: '6.01' } }),
      422,
      'REFUND_AMOUNT_EXCEEDED',
    );
    const rest = await harness.client.refund(capture.id, {}, { prefer: 'return=representation' });
    expect(rest.body.amount).toEqual({ currency_code: 'USD', value: '6.00' });
    expect(rest.body.seller_payable_breakdown?.total_refunded_amount.value).toBe('10.00');
  });

  it('refuses a refund in another currency, with too many decimals, or of zero', async () => {
    const capture = await harness.client.completedCapture();
    await expectIssue(
      harness.client.refund(capture.id, { amount: { currency_code: 'EUR', value: '1.00' } }),
      422,
      'CURRENCY_MISMATCH',
    );
    await expectIssue(
      harness.client.refund(capture.id, { amount: { currency_code: 'USD', value: '1.001' } }),
      422,
      'DECIMAL_PRECISION',
    );
    await expectIssue(
      harness.client.refund(capture.id, { amount: { currency_code: 'USD', value: '0' } }),
      422,
      'CANNOT_BE_ZERO_OR_NEGATIVE',
    );
    await expectIssue(
      harness.client.refund(capture.id, { amount: { value: '1.00' } }),
      400,
      'MISSING_REQUIRED_PARAMETER',
    );
    const untouched = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
    expect(untouched.body.status).toBe('COMPLETED');
  });

  it('refuses to refund a pending or declined capture', async () => {
    const pendingOrder = await harness.client.approvedOrder('pending');
    const pending = (await harness.client.capture(pendingOrder.id)).body.purchase_units![0]!.payments!
      .captures[0]!;
    await expectIssue(harness.client.refund(pending.id), 422, 'PENDING_CAPTURE');
    const declinedOrder = await harness.client.approvedOrder('declined');
    const declined = (await harness.client.capture(declinedOrder.id)).body.purchase_units![0]!.payments!
      .captures[0]!;
    await expectIssue(harness.client.refund(declined.id), 422, 'REFUND_NOT_ALLOWED');
  });

  it('answers 404 for an unknown capture and 415 without the JSON content type', async () => {
    await expectIssue(harness.client.refund('0000000000000000X'), 404, 'INVALID_RESOURCE_ID');
    const capture = await harness.client.completedCapture();
    const answer = await harness.client.call<ErrorBody>('POST', `/v2/payments/captures/${capture.id}/refund`);
    expect(answer.status).toBe(415);
  });

  it('answers a repeated refund with the same PayPal-Request-Id from store, refunding once', async () => {
    const capture = await harness.client.completedCapture('10.00');
    const headers = { 'paypal-request-id': `refund-${capture.id}` };
    const body = { amount: { currency_code: 'USD', value: '3.00' } };
    const first = await harness.client.refund(capture.id, body, headers);
    const second = await harness.client.refund(capture.id, body, headers);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toEqual(first.body);
    const rest = await harness.client.refund(capture.id, {}, { prefer: 'return=representation' });
    expect(rest.body.amount?.value).toBe('7.00');
  });

  it('fails a refund with a mocked issue and refunds nothing', async () => {
    const capture = await harness.client.completedCapture();
    await expectIssue(
      harness.client.refund(
        capture.id,
        {},
        {
          'paypal-mock-response': JSON.stringify({
            mock_application_codes: 'REFUND_FAILED_INSUFFICIENT_FUNDS',
          }),
        },
      ),
      422,
      'REFUND_FAILED_INSUFFICIENT_FUNDS',
    );
    const untouched = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
    expect(untouched.body.status).toBe('COMPLETED');
  });
});

describe('PayPal simulator: partial and pending refunds, with their webhooks', () => {
  let harness: SimulatorHarness;
  let receiver: WebhookReceiver;
  const webhookId = '1JE4291016473214C';

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    harness = await startHarness({ webhook: { url: receiver.url, webhookId } });
  });

  afterAll(async () => {
    await harness.simulator.stop();
    await receiver.stop();
  });

  const refundWebhooksOf = (captureId: string) =>
    receiver.received.filter(
      (webhook) =>
        webhook.event.event_type === 'PAYMENT.CAPTURE.REFUNDED' &&
        webhook.body.includes(`/v2/payments/captures/${captureId}`),
    );

  it('sends PAYMENT.CAPTURE.REFUNDED for each partial refund, with that refund as the resource', async () => {
    const capture = await harness.client.completedCapture('10.00');
    const first = await harness.client.refund(capture.id, {
      amount: { currency_code: 'USD', value: '2.50' },
      custom_id: 'refund-one',
    });
    const second = await harness.client.refund(capture.id, {
      amount: { currency_code: 'USD', value: '7.50' },
      custom_id: 'refund-two',
    });
    await harness.simulator.flushWebhooks();
    const webhooks = refundWebhooksOf(capture.id);
    expect(webhooks.map((webhook) => webhook.event.resource_type)).toEqual(['refund', 'refund']);
    expect(webhooks.map((webhook) => webhook.event.resource)).toMatchObject([
      { id: first.body.id, status: 'COMPLETED', amount: { value: '2.50' }, custom_id: 'refund-one' },
      { id: second.body.id, status: 'COMPLETED', amount: { value: '7.50' }, custom_id: 'refund-two' },
    ]);
    const refunded = await harness.client.call<CaptureBody>('GET', `/v2/payments/captures/${capture.id}`);
    expect(refunded.body.status).toBe('REFUNDED');
    await expectIssue(
      harness.client.refund(capture.id, { amount: { currency_code: 'USD', value: '0.01' } }),
      422,
      'CAPTURE_FULLY_REFUNDED',
    );
  });

  it('keeps a refund PENDING, counted against the capture, until it completes; then sends its webhook once', async () => {
    harness.simulator.configure({ refundOutcome: 'pending' });
    const capture = await harness.client.completedCapture('10.00');
    const pending = await harness.client.refund(
      capture.id,
      { amount: { currency_code: 'USD', value: '6.00' } },
      { prefer: 'return=representation' },
    );
    harness.simulator.configure({ refundOutcome: 'completed' });
    expect(pending.body).toMatchObject({ status: 'PENDING', amount: { value: '6.00' } });
    await expectIssue(
      harness.client.refund(capture.id, { amount: { currency_code: 'USD', value: '4.01' } }),
      422,
      'REFUND_AMOUNT_EXCEEDED',
    );
    await harness.simulator.flushWebhooks();
    expect(refundWebhooksOf(capture.id)).toHaveLength(0);

    await harness.simulator.completePendingRefund(pending.body.id);
    await harness.simulator.flushWebhooks();
    expect(refundWebhooksOf(capture.id).map((webhook) => webhook.event.resource)).toMatchObject([
      { id: pending.body.id, status: 'COMPLETED' },
    ]);
    const refund = await harness.client.call<RefundBody>('GET', `/v2/payments/refunds/${pending.body.id}`);
    expect(refund.body.status).toBe('COMPLETED');
    await expect(harness.simulator.completePendingRefund(pending.body.id)).rejects.toThrow(/not PENDING/);
  });

  it('completes a pending refund through its control route, and answers 409 for one that is not pending', async () => {
    harness.simulator.configure({ refundOutcome: 'pending' });
    const capture = await harness.client.completedCapture('3.00');
    const pending = await harness.client.refund(capture.id, {});
    harness.simulator.configure({ refundOutcome: 'completed' });
    const complete = () =>
      fetch(`${harness.simulator.url}/_simulator/refunds/${pending.body.id}/complete`, { method: 'POST' });
    const done = await complete();
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ id: pending.body.id, status: 'COMPLETED' });
    expect((await complete()).status).toBe(409);
  });
});
