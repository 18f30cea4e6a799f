import { describe, expect, it } from 'vitest';
import {
  changesAfterAttempt,
  createMessageRecord,
  isExpired,
  retryDelayMs,
  toInboxMessage,
  toPublicMessage,
} from './message.js';
import { partiesToNotify } from './transfer.js';

const now = new Date('2030-01-01T00:00:00.000Z');
const later = new Date('2030-01-01T00:00:02.000Z');
const policy = { maxAttempts: 3, retryBackoffMs: [1_000, 5_000] };
const id = '0190a0b0-0000-7000-8000-000000000001';
const eventId = '0190a0b0-0000-7000-8000-000000000002';
const userId = '0190a0b0-0000-7000-8000-000000000003';

const email = createMessageRecord(
  {
    userId,
    channel: 'email',
    to: 'ada@example.com',
    template: 'registration',
    subject: 'Welcome',
    body: 'Hello',
  },
  id,
  eventId,
  now,
);
const code = createMessageRecord(
  {
    userId,
    channel: 'sms',
    to: '+14155550123',
    template: 'one_time_code',
    subject: null,
    body: 'Your code is 123456',
    expiresAt: new Date('2030-01-01T00:05:00.000Z'),
  },
  id,
  eventId,
  now,
);

describe('createMessageRecord', () => {
  it('makes a pending message due at once, with no attempts yet', () => {
    expect(email).toMatchObject({
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      recipient: 'ada@example.com',
      expires_at: null,
      source_event_id: eventId,
      sent_at: null,
      read_at: null,
    });
  });

  it('makes a one-time code read from the start: it is never news in the inbox', () => {
    expect(code.read_at).toEqual(now);
  });
});

describe('retryDelayMs', () => {
  it('waits by the attempt that failed and repeats the last wait', () => {
    expect(retryDelayMs([1_000, 5_000], 1)).toBe(1_000);
    expect(retryDelayMs([1_000, 5_000], 2)).toBe(5_000);
    expect(retryDelayMs([1_000, 5_000], 9)).toBe(5_000);
    expect(retryDelayMs([], 1)).toBe(0);
  });
});

describe('changesAfterAttempt', () => {
  it('marks a sent message with its provider id and time, and no next attempt', () => {
    expect(changesAfterAttempt(email, { kind: 'sent', providerId: '<x@y>' }, later, policy)).toEqual({
      status: 'sent',
      attempts: 1,
      next_attempt_at: null,
      provider_id: '<x@y>',
      error: null,
      body: 'Hello',
      updated_at: later,
      sent_at: later,
    });
  });

  it('schedules a failed attempt again after the backoff, keeping the error', () => {
    const first = changesAfterAttempt(email, { kind: 'rejected', error: '550 no' }, later, policy);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, error: '550 no', body: 'Hello' });
    expect(first.next_attempt_at).toEqual(new Date(later.getTime() + 1_000));
    const second = changesAfterAttempt(
      { ...email, attempts: 1 },
      { kind: 'rejected', error: 'x' },
      later,
      policy,
    );
    expect(second.next_attempt_at).toEqual(new Date(later.getTime() + 5_000));
  });

  it('fails a message whose last attempt failed', () => {
    expect(
      changesAfterAttempt({ ...email, attempts: 2 }, { kind: 'rejected', error: '550 no' }, later, policy),
    ).toMatchObject({ status: 'failed', attempts: 3, next_attempt_at: null, error: '550 no', sent_at: null });
  });

  it('keeps a message held by an open circuit breaker pending, without counting an attempt', () => {
    const held = changesAfterAttempt(
      { ...code, attempts: 2 },
      { kind: 'held', reason: 'the sms circuit breaker is open', retryAfterMs: 30_000 },
      later,
      policy,
    );
    expect(held).toEqual({
      status: 'pending',
      attempts: 2,
      next_attempt_at: new Date(later.getTime() + 30_000),
      provider_id: null,
      error: 'the sms circuit breaker is open',
      body: 'Your code is 123456',
      updated_at: later,
      sent_at: null,
    });
  });

  it('keeps only the start of a long provider error', () => {
    const changes = changesAfterAttempt(email, { kind: 'rejected', error: 'e'.repeat(2_000) }, later, policy);
    expect(changes.error).toHaveLength(500);
  });

  it('blanks a one-time code once it is sent or failed, and keeps it while it waits for a retry', () => {
    expect(changesAfterAttempt(code, { kind: 'sent', providerId: 'p' }, later, policy).body).toBe('');
    expect(changesAfterAttempt(code, { kind: 'rejected', error: 'x' }, later, policy).body).toBe(code.body);
    expect(
      changesAfterAttempt({ ...code, attempts: 2 }, { kind: 'rejected', error: 'x' }, later, policy).body,
    ).toBe('');
    expect(changesAfterAttempt(code, { kind: 'expired' }, later, policy)).toMatchObject({
      status: 'failed',
      attempts: 0,
      body: '',
      error: 'expired before it could be sent',
    });
  });
});

describe('isExpired', () => {
  it('is true from the expiry on, and never for a message without one', () => {
    expect(isExpired(code, new Date('2030-01-01T00:04:59.999Z'))).toBe(false);
    expect(isExpired(code, new Date('2030-01-01T00:05:00.000Z'))).toBe(true);
    expect(isExpired(email, new Date('2100-01-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('toPublicMessage', () => {
  it('shows the address as `to` and never the body', () => {
    const message = toPublicMessage(code);
    expect(message).toMatchObject({ to: '+14155550123', subject: null, status: 'pending', sent_at: null });
    expect(JSON.stringify(message)).not.toContain('123456');
  });
});

describe('toInboxMessage', () => {
  it('shows the text of a message and when it was read', () => {
    expect(toInboxMessage({ ...email, read_at: later })).toMatchObject({
      subject: 'Welcome',
      body: 'Hello',
      read_at: later.toISOString(),
    });
    expect(toInboxMessage(email).read_at).toBeNull();
  });

  it('never shows the text of a code, even while it waits to be sent', () => {
    const message = toInboxMessage(code);
    expect(message.body).toBe('');
    expect(JSON.stringify(message)).not.toContain('123456');
  });
});

describe('partiesToNotify', () => {
  const payer = '0190a0b0-0000-7000-8000-00000000000a';
  const payee = '0190a0b0-0000-7000-8000-00000000000b';

  it('tells both sides of a transfer or a payment between two users', () => {
    expect(partiesToNotify({ type: 'transfer', fromOwnerId: payer, toOwnerId: payee })).toEqual({
      payerId: payer,
      payeeId: payee,
    });
    expect(partiesToNotify({ type: 'payment', fromOwnerId: payer, toOwnerId: payee })).not.toBeNull();
  });

  it('tells nobody of deposits, withdrawals, savings, system accounts or moves between own wallets', () => {
    expect(partiesToNotify({ type: 'deposit', fromOwnerId: null, toOwnerId: payee })).toBeNull();
    expect(partiesToNotify({ type: 'withdrawal', fromOwnerId: payer, toOwnerId: null })).toBeNull();
    expect(partiesToNotify({ type: 'savings', fromOwnerId: payer, toOwnerId: payer })).toBeNull();
    expect(partiesToNotify({ type: 'transfer', fromOwnerId: null, toOwnerId: payee })).toBeNull();
    expect(partiesToNotify({ type: 'transfer', fromOwnerId: payer, toOwnerId: payer })).toBeNull();
  });
});
