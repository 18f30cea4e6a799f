import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ErrorBody,
  type Link,
  linkOf,
  type SimulatorHarness,
  startHarness,
  WebhookReceiver,
} from './paypal-harness.js';

interface BatchBody {
  batch_header: {
    payout_batch_id: string;
    batch_status: string;
    sender_batch_header: { sender_batch_id: string };
  };
  items?: ItemBody[];
  links: Link[];
}

interface ItemBody {
  payout_item_id: string;
  transaction_status: string;
  payout_batch_id: string;
  sender_batch_id: string;
  payout_item: { amount: { currency: string; value: string }; receiver: string };
  errors?: { name: string };
}

describe('PayPal simulator: payouts', () => {
  let harness: SimulatorHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    harness = await startHarness({ webhook: { url: receiver.url, webhookId: 'WH-PAYOUTS' } });
  });

  afterEach(() => {
    harness.simulator.configure({ payoutOutcome: 'success', failNextRequests: { count: 0, status: 500 } });
    receiver.clear();
  });

  afterAll(async () => {
    await harness.simulator.stop();
    await receiver.stop();
  });

  const payoutBody = (overrides: { senderBatchId?: string; receiver?: string; value?: string } = {}) => ({
    sender_batch_header: {
      sender_batch_id: overrides.senderBatchId ?? randomUUID(),
      email_subject: 'You have a payout',
    },
    items: [
      {
        recipient_type: 'EMAIL',
        amount: { value: overrides.value ?? '9.87', currency: 'USD' },
        receiver: overrides.receiver ?? 'ana@example.com',
        sender_item_id: 'item-1',
      },
    ],
  });

  const createBatch = (body: unknown) =>
    harness.client.call<BatchBody>('POST', '/v1/payments/payouts', { body });

  /** Waits for the batch's item events and answers the item as PayPal shows it then. */
  async function processedItem(batchId: string, events: number): Promise<ItemBody> {
    await receiver.waitFor(events);
    const batch = await harness.client.call<BatchBody>('GET', `/v1/payments/payouts/${batchId}`);
    const itemId = batch.body.items![0]!.payout_item_id;
    return (await harness.client.call<ItemBody>('GET', `/v1/payments/payouts-item/${itemId}`)).body;
  }

  it('accepts a batch as PENDING, then pays its item and sends PAYMENT.PAYOUTS-ITEM.SUCCEEDED', async () => {
    const body = payoutBody();
    const created = await createBatch(body);
    expect(created.status).toBe(201);
    expect(created.body.batch_header).toMatchObject({
      batch_status: 'PENDING',
      sender_batch_header: { sender_batch_id: body.sender_batch_header.sender_batch_id },
    });
    const batchId = created.body.batch_header.payout_batch_id;
    expect(linkOf(created.body.links, 'self').href).toBe(
      `${harness.simulator.url}/v1/payments/payouts/${batchId}`,
    );
    const item = await processedItem(batchId, 1);
    expect(item).toMatchObject({
      transaction_status: 'SUCCESS',
      payout_batch_id: batchId,
      sender_batch_id: body.sender_batch_header.sender_batch_id,
      payout_item: { amount: { currency: 'USD', value: '9.87' }, receiver: 'ana@example.com' },
    });
    expect(receiver.eventTypes()).toEqual(['PAYMENT.PAYOUTS-ITEM.SUCCEEDED']);
    const event = receiver.received[0]!.event;
    expect(event.resource_type).toBe('payouts_item');
    expect(event.resource).toMatchObject({
      payout_item_id: item.payout_item_id,
      transaction_status: 'SUCCESS',
    });
    expect(receiver.received[0]!.headers['paypal-transmission-sig']).toBeTruthy();
    const batch = await harness.client.call<BatchBody>('GET', `/v1/payments/payouts/${batchId}`);
    expect(batch.body.batch_header.batch_status).toBe('SUCCESS');
  });

  it('refuses a sender_batch_id used before, linking to the original batch, and pays once', async () => {
    const body = payoutBody();
    const first = await createBatch(body);
    const again = await createBatch(body);
    expect(again.status).toBe(400);
    const error = again.body as unknown as ErrorBody;
    expect(error.name).toBe('USER_BUSINESS_ERROR');
    expect(error.details[0]).toMatchObject({
      field: 'SENDER_BATCH_ID',
      issue: 'Batch with given sender_batch_id already exists',
    });
    expect(linkOf(error.links, 'self').href).toBe(
      `${harness.simulator.url}/v1/payments/payouts/${first.body.batch_header.payout_batch_id}`,
    );
    await receiver.waitFor(1);
    await harness.simulator.flushWebhooks();
    expect(receiver.eventTypes()).toEqual(['PAYMENT.PAYOUTS-ITEM.SUCCEEDED']);
  });

  it('ends items as their receiver address says: failed, blocked, unclaimed, returned', async () => {
    const cases = [
      ['ana+failed@example.com', 'FAILED', ['PAYMENT.PAYOUTS-ITEM.FAILED']],
      ['ana+blocked@example.com', 'BLOCKED', ['PAYMENT.PAYOUTS-ITEM.BLOCKED']],
      ['ana+unclaimed@example.com', 'UNCLAIMED', ['PAYMENT.PAYOUTS-ITEM.UNCLAIMED']],
      [
        'ana+returned@example.com',
        'RETURNED',
        ['PAYMENT.PAYOUTS-ITEM.UNCLAIMED', 'PAYMENT.PAYOUTS-ITEM.RETURNED'],
      ],
    ] as const;
    for (const [address, status, events] of cases) {
      receiver.clear();
      const created = await createBatch(payoutBody({ receiver: address }));
      const item = await processedItem(created.body.batch_header.payout_batch_id, events.length);
      expect(item.transaction_status).toBe(status);
      expect(receiver.eventTypes()).toEqual(events);
    }
  });

  it('ends items as the configured outcome, and cancels an unclaimed item to RETURNED', async () => {
    harness.simulator.configure({ payoutOutcome: 'unclaimed' });
    const created = await createBatch(payoutBody());
    const item = await processedItem(created.body.batch_header.payout_batch_id, 1);
    expect(item).toMatchObject({
      transaction_status: 'UNCLAIMED',
      errors: { name: 'RECEIVER_UNREGISTERED' },
    });
    const cancelled = await harness.client.call<ItemBody>(
      'POST',
      `/v1/payments/payouts-item/${item.payout_item_id}/cancel`,
      { body: {} },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.transaction_status).toBe('RETURNED');
    await receiver.waitFor(2);
    expect(receiver.eventTypes()).toEqual([
      'PAYMENT.PAYOUTS-ITEM.UNCLAIMED',
      'PAYMENT.PAYOUTS-ITEM.CANCELED',
    ]);
    const again = await harness.client.call<ErrorBody>(
      'POST',
      `/v1/payments/payouts-item/${item.payout_item_id}/cancel`,
      { body: {} },
    );
    expect(again.status).toBe(400);
  });

  it('validates the batch as PayPal does, taking no effect', async () => {
    const missing = await createBatch({ items: payoutBody().items });
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ErrorBody).name).toBe('VALIDATION_ERROR');
    const badAmount = await createBatch(payoutBody({ value: '1.234' }));
    expect((badAmount.body as unknown as ErrorBody).details[0]).toMatchObject({
      issue: 'DECIMAL_PRECISION',
      field: 'items[0].amount.value',
    });
    const zero = await createBatch(payoutBody({ value: '0.00' }));
    expect((zero.body as unknown as ErrorBody).details[0]?.issue).toBe('CANNOT_BE_ZERO_OR_NEGATIVE');
    const unknown = await harness.client.call<ErrorBody>('GET', '/v1/payments/payouts-item/NOPE');
    expect(unknown.status).toBe(404);
    expect(receiver.received).toHaveLength(0);
  });

  it('fails with injected 5xx before taking effect, so a retry with the same sender_batch_id pays once', async () => {
    harness.simulator.configure({ failNextRequests: { count: 1, status: 503 } });
    const body = payoutBody();
    expect((await createBatch(body)).status).toBe(503);
    const retried = await createBatch(body);
    expect(retried.status).toBe(201);
    await processedItem(retried.body.batch_header.payout_batch_id, 1);
    expect(receiver.eventTypes()).toEqual(['PAYMENT.PAYOUTS-ITEM.SUCCEEDED']);
  });
});
