import { randomUUID } from 'node:crypto';
import {
  type PaymentRequest,
  paymentRequestEventData,
  paymentRequestEvents,
  type User,
} from '@moneypal/contracts';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationsHarness, startHarness } from './notifications-harness.js';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness({ webAppUrl: 'https://wallet.example/' });
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();

function requestOf(requester: User, payer: User, overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    id: randomUUID(),
    status: 'pending',
    requester_id: requester.id,
    payer_id: payer.id,
    requester_name: `${requester.first_name} ${requester.last_name}`,
    requester_handle: requester.user_name,
    payer_name: `${payer.first_name} ${payer.last_name}`,
    payer_handle: payer.user_name,
    to_wallet_id: randomUUID(),
    amount: 2_500,
    currency: 'USD',
    description: 'Dinner at Luigi’s',
    expires_at: '2030-02-01T12:00:00.000Z',
    created_at: '2030-01-02T12:00:00.000Z',
    updated_at: '2030-01-02T12:00:00.000Z',
    from_wallet_id: null,
    transfer_id: null,
    paid_at: null,
    closed_at: null,
    decline_reason: null,
    ...overrides,
  };
}

const announce = (type: string, request: PaymentRequest) =>
  harness.publish('billing', type, paymentRequestEventData, request.id, { payment_request: request });

function parties() {
  return {
    requester: harness.addUser({ first_name: 'Ada', last_name: 'Lovelace' }),
    payer: harness.addUser({ first_name: 'Grace', last_name: 'Hopper' }),
  };
}

describe(`emails about payment requests, over SMTP, on ${testDatabaseLabel}`, () => {
  it('asks the payer, once, with a link to the request in the web app', async () => {
    const { requester, payer } = parties();
    const request = requestOf(requester, payer);
    const event = await announce(paymentRequestEvents.created, request);
    await harness.republish(event);
    await dispatch();

    const received = harness.sink.receivedBy(payer.email);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe(`Ada Lovelace (@${requester.user_name}) asks you for USD 25.00`);
    expect(received[0]!.text).toContain('Hello Grace,');
    expect(received[0]!.text).toContain(
      `Pay or decline it here: https://wallet.example/requests/${request.id}`,
    );
    expect(received[0]!.text).toContain('It can be paid until 2030-02-01 12:00 UTC.');
    expect(received[0]!.text).toContain('Description: Dinner at Luigi’s');
    expect(harness.sink.receivedBy(requester.email)).toEqual([]);
    const messages = await harness.messagesOf(event);
    expect(messages.map((message) => [message.template, message.user_id, message.status])).toEqual([
      ['payment_request_received', payer.id, 'sent'],
    ]);
  });

  it('tells the requester that the payer paid, or declined with their reason', async () => {
    const { requester, payer } = parties();
    const paid = requestOf(requester, payer, { status: 'paid', transfer_id: randomUUID() });
    await announce(paymentRequestEvents.paid, paid);
    const declined = requestOf(requester, payer, { status: 'declined', decline_reason: 'Paid in cash' });
    await announce(paymentRequestEvents.declined, declined);
    await dispatch();

    const subjects = harness.sink.receivedBy(requester.email).map((received) => received.subject);
    expect(subjects.sort()).toEqual(
      [
        `Grace Hopper (@${payer.user_name}) paid your request for USD 25.00`,
        `Grace Hopper (@${payer.user_name}) declined your request for USD 25.00`,
      ].sort(),
    );
    const declinedMail = harness.sink
      .receivedBy(requester.email)
      .find((received) => received.subject.includes('declined'));
    expect(declinedMail!.text).toContain('Their reason: Paid in cash');
    expect(declinedMail!.text).toContain(`https://wallet.example/requests/${declined.id}`);
    expect(harness.sink.receivedBy(payer.email)).toEqual([]);
  });

  it('sends nothing for a cancelled request', async () => {
    const { requester, payer } = parties();
    const event = await announce(
      paymentRequestEvents.cancelled,
      requestOf(requester, payer, { status: 'cancelled' }),
    );
    await dispatch();
    expect(await harness.messagesOf(event)).toEqual([]);
    expect(harness.sink.receivedBy(payer.email)).toEqual([]);
  });
});
