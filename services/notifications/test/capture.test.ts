import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationsHarness, startHarness } from './notifications-harness.js';

let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness({ emailMode: 'capture' });
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();

const logRecords = () => harness.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

const capturedPattern = /^captured-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe(`capture mode (the local runtime) on ${testDatabaseLabel}`, () => {
  it('writes an email to the log instead of sending it, and logs it as sent with a captured id', async () => {
    const user = harness.addUser({ first_name: 'Ada' });
    const event = await harness.userCreated(user);
    await dispatch();
    const [message] = await harness.messagesOf(event);
    expect(message).toMatchObject({ status: 'sent', attempts: 1 });
    expect(message!.provider_id).toMatch(capturedPattern);
    expect(logRecords()).toContainEqual(
      expect.objectContaining({
        message: 'email captured (EMAIL_MODE=capture: not sent)',
        provider_id: message!.provider_id,
        to: user.email,
        subject: 'Welcome to MoneyPal, Ada',
        body: expect.stringContaining(`Your MoneyPal account ${user.user_name} is ready.`),
      }),
    );
    expect(harness.sink.received).toEqual([]);
  });

  it('shows the recipient and subject of a one-time code email but never the code', async () => {
    const user = harness.addUser();
    const code = '620481';
    const event = await harness.otpRequested(user, { channel: 'email', code });
    await dispatch();
    const [message] = await harness.messagesOf(event);
    expect(message).toMatchObject({ status: 'sent', body: '' });
    const captured = logRecords().find((record) => record.provider_id === message!.provider_id);
    expect(captured).toMatchObject({ to: user.email, subject: 'Your MoneyPal one-time code' });
    expect(captured).not.toHaveProperty('body');
    expect(harness.logLines.join('\n')).not.toContain(code);
  });

  it('records an SMS with the default provider, logging the recipient only', async () => {
    const user = harness.addUser();
    const code = '905172';
    const event = await harness.otpRequested(user, { channel: 'sms', code });
    await dispatch();
    const [message] = await harness.messagesOf(event);
    expect(message).toMatchObject({ status: 'sent', body: '', channel: 'sms' });
    expect(message!.provider_id).toMatch(/^recorded-/);
    expect(logRecords()).toContainEqual(
      expect.objectContaining({ to: user.phone, provider_id: message!.provider_id }),
    );
    expect(harness.logLines.join('\n')).not.toContain(code);
  });
});
