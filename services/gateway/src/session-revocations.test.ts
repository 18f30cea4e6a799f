import { randomUUID } from 'node:crypto';
import { createLogger, MemoryBroker, type MemoryBus } from '@moneypal/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SessionRevocations, watchSessionRevocations } from './session-revocations.js';

describe('the deny-list of ended sessions', () => {
  let broker: MemoryBroker;
  let identity: MemoryBus;
  let gateway: MemoryBus;
  let revocations: SessionRevocations | undefined;
  /** What identity's list holds, and the `since` of every question it was asked. */
  let ended: { session_id: string; revoked_at: string }[];
  let asked: (string | null)[];
  let identityDown: boolean;

  beforeEach(async () => {
    broker = new MemoryBroker();
    identity = broker.connect('identity');
    gateway = broker.connect('gateway');
    ended = [];
    asked = [];
    identityDown = false;
    await identity.handle('identity.session.revoked.list', async (payload) => {
      if (identityDown) throw new Error('identity is down');
      const { since } = payload as { since: string | null };
      asked.push(since);
      return {
        sessions: ended.filter((session) => since === null || session.revoked_at >= since),
        as_of: new Date().toISOString(),
        access_token_ttl_seconds: 900,
      };
    });
  });

  afterEach(async () => {
    revocations?.stop();
    await identity.close();
    await gateway.close();
    broker.shutdown();
  });

  const watch = (pollIntervalMs = 50) =>
    watchSessionRevocations({
      bus: gateway,
      logger: createLogger({ service: 'gateway', level: 'silent' }),
      pollIntervalMs,
      timeoutMs: 200,
    });

  const until = async (check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 2_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('not in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('refuses a session within a poll interval of its end, and only that session', async () => {
    const session = randomUUID();
    const other = randomUUID();
    revocations = watch();
    expect(await revocations.isRevoked(session, 'r1')).toBe(false);
    ended.push({ session_id: session, revoked_at: new Date().toISOString() });
    await until(async () => (await revocations!.isRevoked(session, 'r2')) === true);
    expect(await revocations.isRevoked(other, 'r3')).toBe(false);
    // The first question asks for the whole window; the next ones go on from the last answer.
    expect(asked[0]).toBeNull();
    expect(asked.slice(1).every((since) => since !== null)).toBe(true);
  });

  it('answers unavailable before it ever had a list from identity, then catches up', async () => {
    identityDown = true;
    revocations = watch(10_000);
    await expect(revocations.isRevoked(randomUUID(), 'r1')).rejects.toMatchObject({ code: 'unavailable' });
    const session = randomUUID();
    ended.push({ session_id: session, revoked_at: new Date().toISOString() });
    identityDown = false;
    expect(await revocations.isRevoked(session, 'r2')).toBe(true);
  });

  it('keeps the last list in force while identity does not answer', async () => {
    const session = randomUUID();
    ended.push({ session_id: session, revoked_at: new Date().toISOString() });
    revocations = watch();
    expect(await revocations.isRevoked(session, 'r1')).toBe(true);
    identityDown = true;
    const questions = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked.length).toBe(questions);
    expect(await revocations.isRevoked(session, 'r2')).toBe(true);
  });

  it('forgets a session that ended longer ago than any access token lives', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    const ttlMs = 900_000;
    ended.push({ session_id: old, revoked_at: new Date(Date.now() - ttlMs - 60_000).toISOString() });
    ended.push({ session_id: recent, revoked_at: new Date(Date.now() - ttlMs + 60_000).toISOString() });
    revocations = watch();
    expect(await revocations.isRevoked(old, 'r1')).toBe(false);
    expect(await revocations.isRevoked(recent, 'r2')).toBe(true);
  });
});
