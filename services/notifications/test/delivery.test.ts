import { messageEventData, notificationsEvents } from '@moneypal/contracts';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutgoingSms, RecordingSmsProvider, type SmsProvider } from '../src/index.js';
import { type NotificationsHarness, outboxEvents, startHarness } from './notifications-harness.js';

/** An SMS gateway that refuses the next `failures` messages, then records them (a stand-in for an outage). */
class FlakySmsProvider implements SmsProvider {
  readonly name = 'flaky';
  readonly recorder = new RecordingSmsProvider();
  failures = 0;
  calls = 0;

  async send(message: OutgoingSms): Promise<{ providerId: string }> {
    this.calls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('503 SMS gateway unavailable');
    }
    return this.recorder.send(message);
  }
}

const sms = new FlakySmsProvider();
let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness({ maxAttempts: 3, retryBackoffMs: [1_000, 5_000], smsProvider: sms });
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();

/** Every log line so far as one text, to search for what must never be logged. */
const allLogs = () => harness.logLines.join('\n');

describe(`retries with backoff on ${testDatabaseLabel}`, () => {
  it('tries an email the SMTP server refuses again after each backoff, then fails it visibly', async () => {
    const user = harness.addUser({ email: 'refused-recipient@example.com' });
    harness.sink.refuse(user.email);
    const event = await harness.userCreated(user);
    await dispatch();
    const [first] = await harness.messagesOf(event);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringContaining('550') });
    expect(first!.next_attempt_at).toEqual(new Date(harness.clock.now().getTime() + 1_000));
    expect(harness.sink.attemptsFor(user.email)).toBe(1);

    // Not due yet: nothing is tried.
    harness.clock.advance(999);
    expect(await dispatch()).toBe(0);
    expect(harness.sink.attemptsFor(user.email)).toBe(1);

    harness.clock.advance(1);
    expect(await dispatch()).toBe(1);
    const [second] = await harness.messagesOf(event);
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second!.next_attempt_at).toEqual(new Date(harness.clock.now().getTime() + 5_000));

    harness.clock.advance(5_000);
    await dispatch();
    const [last] = await harness.messagesOf(event);
    expect(last).toMatchObject({
      status: 'failed',
      attempts: 3,
      next_attempt_at: null,
      sent_at: null,
      provider_id: null,
      error: expect.stringContaining('550'),
    });
    expect(harness.sink.attemptsFor(user.email)).toBe(3);
    expect(harness.sink.receivedBy(user.email)).toEqual([]);

    harness.clock.advance(600_000);
    expect(await dispatch()).toBe(0);
    expect(harness.sink.attemptsFor(user.email)).toBe(3);

    const log = await harness.listMessages({ user_id: user.id, role: 'user' });
    expect(log.data).toMatchObject([
      { id: last!.id, status: 'failed', attempts: 3, error: expect.stringContaining('550') },
    ]);
    const failed = await harness.observer.next((item) => item.subject === last!.id);
    expect(failed.type).toBe(notificationsEvents.messageFailed);
    expect(messageEventData.parse(failed.data).message).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await outboxEvents(harness.database.db, notificationsEvents.messageSent)).not.toContainEqual(
      expect.objectContaining({ subject: last!.id }),
    );
  });

  it('sends an email on a later attempt once the SMTP server is back', async () => {
    const user = harness.addUser();
    await harness.sink.stop();
    let event: Awaited<ReturnType<typeof harness.userCreated>>;
    try {
      event = await harness.userCreated(user);
      await dispatch();
      expect(await harness.messagesOf(event)).toMatchObject([
        { status: 'pending', attempts: 1, error: expect.stringMatching(/ECONNREFUSED/) },
      ]);
    } finally {
      await harness.sink.start();
    }
    harness.clock.advance(1_000);
    await dispatch();
    const [email] = harness.sink.receivedBy(user.email);
    expect(email!.subject).toContain('Welcome to MoneyPal');
    expect(await harness.messagesOf(event)).toMatchObject([
      { status: 'sent', attempts: 2, error: null, provider_id: email!.messageId },
    ]);
  });
});

describe(`one-time codes on ${testDatabaseLabel}`, () => {
  it('sends a code by SMS through the provider and keeps it neither in the log nor in the row', async () => {
    const user = harness.addUser();
    const code = '739164';
    const event = await harness.otpRequested(user, { channel: 'sms', code });
    await dispatch();
    const recorded = sms.recorder.sent.filter((message) => message.to === user.phone);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.body).toContain(`Your MoneyPal code is ${code}.`);
    const [message] = await harness.messagesOf(event);
    expect(message).toMatchObject({
      channel: 'sms',
      recipient: user.phone,
      template: 'one_time_code',
      subject: null,
      status: 'sent',
      provider_id: recorded[0]!.providerId,
      body: '',
    });
    expect(allLogs()).not.toContain(code);
    expect(JSON.stringify(await outboxEvents(harness.database.db))).not.toContain(code);
    expect(JSON.stringify(await harness.listMessages(harness.admin))).not.toContain(code);
  });

  it('sends a code by email over SMTP and blanks it once sent', async () => {
    const user = harness.addUser();
    const code = '591837';
    const event = await harness.otpRequested(user, { channel: 'email', code });
    await dispatch();
    const [email] = harness.sink.receivedBy(user.email);
    expect(email!.subject).toBe('Your MoneyPal one-time code');
    expect(email!.text).toContain(`Your MoneyPal one-time code is ${code}.`);
    expect(await harness.messagesOf(event)).toMatchObject([
      { channel: 'email', status: 'sent', body: '', subject: 'Your MoneyPal one-time code' },
    ]);
    expect(allLogs()).not.toContain(code);
  });

  it('emails a password reset code over SMTP and blanks it once sent', async () => {
    const user = harness.addUser();
    const code = '482913';
    const event = await harness.passwordResetRequested(user, code);
    await dispatch();
    const [email] = harness.sink.receivedBy(user.email);
    expect(email!.subject).toBe('Reset your MoneyPal password');
    expect(email!.text).toContain(`Your reset code is ${code}.`);
    expect(await harness.messagesOf(event)).toMatchObject([
      {
        channel: 'email',
        template: 'password_reset',
        status: 'sent',
        body: '',
        subject: 'Reset your MoneyPal password',
      },
    ]);
    expect(allLogs()).not.toContain(code);
    expect(JSON.stringify(await harness.listMessages(harness.admin))).not.toContain(code);
  });

  it('tries an SMS again after the provider fails, keeping the code only until it is sent', async () => {
    const user = harness.addUser();
    const code = '864209';
    sms.failures = 1;
    const event = await harness.otpRequested(user, { channel: 'sms', code });
    await dispatch();
    const [waiting] = await harness.messagesOf(event);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, error: '503 SMS gateway unavailable' });
    expect(waiting!.body).toContain(code);

    harness.clock.advance(1_000);
    await dispatch();
    expect(await harness.messagesOf(event)).toMatchObject([{ status: 'sent', attempts: 2, body: '' }]);
    expect(sms.recorder.sent.filter((message) => message.to === user.phone)).toHaveLength(1);
    expect(allLogs()).not.toContain(code);
  });

  it('fails a code that expires while it waits for a retry, without sending it', async () => {
    const user = harness.addUser();
    const code = '317465';
    sms.failures = 5;
    const callsBefore = sms.calls;
    const event = await harness.otpRequested(user, { channel: 'sms', code, expiresInMs: 3_000 });
    await dispatch();
    harness.clock.advance(1_000);
    await dispatch();
    sms.failures = 0;
    harness.clock.advance(5_000);
    await dispatch();
    expect(sms.calls - callsBefore).toBe(2);
    expect(sms.recorder.sent.filter((message) => message.to === user.phone)).toEqual([]);
    const [message] = await harness.messagesOf(event);
    expect(message).toMatchObject({
      status: 'failed',
      attempts: 2,
      body: '',
      error: 'expired before it could be sent',
    });
    const failed = await harness.observer.next((item) => item.subject === message!.id);
    expect(failed.type).toBe(notificationsEvents.messageFailed);
    expect(allLogs()).not.toContain(code);
  });
});
