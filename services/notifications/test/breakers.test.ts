import { setTimeout as sleep } from 'node:timers/promises';
import type { User } from '@moneypal/contracts';
import type { CloudEvent } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSmsOutage, isSmtpOutage } from '../src/clients/breakers.js';
import { type OutgoingSms, RecordingSmsProvider, type SmsProvider } from '../src/index.js';
import { type NotificationsHarness, startHarness } from './notifications-harness.js';

/** An SMS gateway that is down (every call fails as a network error would) until it is up again. */
class UnreliableSmsProvider implements SmsProvider {
  readonly name = 'unreliable';
  readonly recorder = new RecordingSmsProvider();
  up = true;
  calls = 0;

  async send(message: OutgoingSms): Promise<{ providerId: string }> {
    this.calls += 1;
    if (!this.up) throw new TypeError('fetch failed');
    return this.recorder.send(message);
  }
}

const resetMs = 1_500;
const breaker = { volume: 3, errorPercent: 50, resetMs, windowMs: 60_000 };
const sms = new UnreliableSmsProvider();
let harness: NotificationsHarness;

beforeAll(async () => {
  harness = await startHarness({
    maxAttempts: 4,
    retryBackoffMs: [1_000],
    smsProvider: sms,
    breakers: { smtp: breaker, sms: breaker },
  });
});

afterAll(async () => {
  await harness.close();
});

const dispatch = () => harness.notifications.dispatchNow();

async function breakerSeries(name: 'smtp' | 'sms', service = harness) {
  const seriesValue = async (metric: string) =>
    (await service.metrics.registry.getSingleMetric(metric)?.get())?.values.find(
      (value) => value.labels.breaker === name,
    )?.value;
  return {
    state: await seriesValue('circuit_breaker_state'),
    rejected: (await seriesValue('circuit_breaker_rejected_calls_total')) ?? 0,
  };
}

const logsWith = (text: string) => harness.logLines.filter((line) => line.includes(text));

describe('which failures count as an outage', () => {
  it('counts no answer and transient SMTP replies, not a permanent refusal of one recipient', () => {
    expect(isSmtpOutage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe(true);
    expect(isSmtpOutage(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }))).toBe(true);
    expect(isSmtpOutage(Object.assign(new Error('421 closing'), { responseCode: 421 }))).toBe(true);
    expect(isSmtpOutage(Object.assign(new Error('451 try later'), { responseCode: 451 }))).toBe(true);
    expect(isSmtpOutage(Object.assign(new Error('550 no such user'), { responseCode: 550 }))).toBe(false);
    expect(isSmtpOutage(Object.assign(new Error('553 bad address'), { responseCode: 553 }))).toBe(false);
  });

  it('counts an SMS gateway that does not answer, a 5xx and a 429, not a 4xx refusing that message', () => {
    expect(isSmsOutage(new TypeError('fetch failed'))).toBe(true);
    expect(isSmsOutage(Object.assign(new Error('unavailable'), { status: 503 }))).toBe(true);
    expect(isSmsOutage(Object.assign(new Error('slow down'), { status: 429 }))).toBe(true);
    expect(isSmsOutage(Object.assign(new Error('invalid number'), { status: 400 }))).toBe(false);
  });
});

describe(`the smtp circuit breaker on ${testDatabaseLabel}`, () => {
  it('never opens on recipients the SMTP server refuses for good', async () => {
    // Its own service, so that these refused messages do not come due in the other tests.
    const refusing = await startHarness({ breakers: { smtp: breaker } });
    try {
      for (let index = 0; index < 4; index++) {
        const user = refusing.addUser();
        refusing.sink.refuse(user.email);
        const event = await refusing.userCreated(user);
        await refusing.notifications.dispatchNow();
        expect(await refusing.messagesOf(event)).toMatchObject([
          { attempts: 1, error: expect.stringContaining('550') },
        ]);
      }
      expect(await breakerSeries('smtp', refusing)).toEqual({ state: 0, rejected: 0 });
    } finally {
      await refusing.close();
    }
  });

  it('opens while the SMTP server is down, holds messages without attempts, and delivers each once after a half-open probe', async () => {
    await harness.sink.stop();
    const users: User[] = [];
    const events: CloudEvent[] = [];
    try {
      // Connections refused until the breaker has seen enough of them.
      while (users.length < 8 && (await breakerSeries('smtp')).state !== 2) {
        const user = harness.addUser();
        users.push(user);
        events.push(await harness.userCreated(user));
        await dispatch();
      }
      expect(await breakerSeries('smtp')).toEqual({ state: 2, rejected: 0 });
      const tried = users.length;
      for (const event of events) {
        expect(await harness.messagesOf(event)).toMatchObject([
          { status: 'pending', attempts: 1, error: expect.stringMatching(/ECONNREFUSED/) },
        ]);
      }

      // Open: new messages and retries are refused without being tried, and keep their attempts.
      for (let index = 0; index < 2; index++) {
        const user = harness.addUser();
        users.push(user);
        events.push(await harness.userCreated(user));
      }
      harness.clock.advance(resetMs);
      await dispatch();
      // The 2 new messages when they were written, then all of them once due.
      expect((await breakerSeries('smtp')).rejected).toBe(2 + users.length);
      const held = (await Promise.all(events.map((event) => harness.messagesOf(event)))).map(
        ([message]) => message!,
      );
      expect(held.map((message) => [message.status, message.attempts])).toEqual(
        users.map((_, index) => ['pending', index < tried ? 1 : 0]),
      );
      for (const message of held) {
        expect(message.error).toContain('smtp circuit breaker is open');
        expect(message.next_attempt_at).toEqual(new Date(harness.clock.now().getTime() + resetMs));
      }
      expect(logsWith('smtp circuit breaker opened')).toHaveLength(1);
      expect(logsWith('"breaker":"smtp"')).toHaveLength(1);
    } finally {
      await harness.sink.start();
    }

    // Still refused while open, without a connection to the server that is back.
    const connections = harness.sink.connections;
    const rejected = (await breakerSeries('smtp')).rejected;
    const late = harness.addUser();
    users.push(late);
    events.push(await harness.userCreated(late));
    await dispatch();
    expect(await breakerSeries('smtp')).toEqual({ state: 2, rejected: rejected + 1 });
    expect(harness.sink.connections).toBe(connections);

    await sleep(resetMs + 100);
    expect((await breakerSeries('smtp')).state).toBe(1);
    harness.clock.advance(resetMs);
    expect(await dispatch()).toBe(users.length);
    expect((await breakerSeries('smtp')).state).toBe(0);
    const sent = await Promise.all(events.map((event) => harness.messagesOf(event)));
    expect(sent.map(([message]) => message!.status)).toEqual(users.map(() => 'sent'));
    harness.clock.advance(600_000);
    await dispatch();
    for (const user of users) expect(harness.sink.receivedBy(user.email)).toHaveLength(1);
    expect(logsWith('smtp circuit breaker opened')).toHaveLength(1);
    expect(logsWith('smtp circuit breaker half-open')).toHaveLength(1);
    expect(logsWith('smtp circuit breaker closed')).toHaveLength(1);
  });
});

describe(`the sms circuit breaker on ${testDatabaseLabel}`, () => {
  it('opens while the SMS provider fails, holds codes without calling it, and sends each once after recovery', async () => {
    sms.up = false;
    const users = Array.from({ length: 4 }, () => harness.addUser());
    const events = [];
    for (const user of users.slice(0, 3)) {
      events.push(await harness.otpRequested(user, { channel: 'sms', code: '123456' }));
      await dispatch();
    }
    expect((await breakerSeries('sms')).state).toBe(2);
    const callsWhenOpened = sms.calls;

    events.push(await harness.otpRequested(users[3]!, { channel: 'sms', code: '654321' }));
    harness.clock.advance(resetMs);
    await dispatch();
    expect(sms.calls).toBe(callsWhenOpened);
    // The new code when it was written, then all four once due.
    expect((await breakerSeries('sms')).rejected).toBe(5);
    const held = await Promise.all(events.map((event) => harness.messagesOf(event)));
    expect(held.map(([message]) => message!.attempts)).toEqual([1, 1, 1, 0]);

    sms.up = true;
    await sleep(resetMs + 100);
    harness.clock.advance(resetMs);
    expect(await dispatch()).toBe(4);
    expect((await breakerSeries('sms')).state).toBe(0);
    const sent = await Promise.all(events.map((event) => harness.messagesOf(event)));
    expect(sent.map(([message]) => message!.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const user of users) {
      expect(sms.recorder.sent.filter((message) => message.to === user.phone)).toHaveLength(1);
    }
    expect(logsWith('sms circuit breaker opened')).toHaveLength(1);
  });
});
