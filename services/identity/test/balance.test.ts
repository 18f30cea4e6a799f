import { randomUUID } from 'node:crypto';
import { identityRequests, type User } from '@moneypal/contracts';
import { AppError, call, type MemoryBus, type MessageContext } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, type IdentityHarness, register, startHarness } from './identity-harness.js';

let harness: IdentityHarness;
/** A stand-in for the ledger's `ledger.balance.get`, with what it was asked. */
let ledger: MemoryBus;
let ledgerCalls: { payload: unknown; context: MessageContext }[] = [];
let ledgerAnswer: (ownerId: string) => Promise<unknown>;

let ada: User;
let grace: User;
const walletOf = new Map<string, string>();

async function connectLedger(): Promise<void> {
  ledger = harness.broker.connect('ledger');
  await ledger.handle('ledger.balance.get', async (payload, context) => {
    ledgerCalls.push({ payload, context });
    return ledgerAnswer((payload as { owner_id: string }).owner_id);
  });
}

beforeAll(async () => {
  harness = await startHarness();
  await connectLedger();
  ada = (await register(harness, { email: 'Ada.Balance@Example.com' })).user;
  grace = (await register(harness)).user;
  walletOf.set(ada.id, randomUUID());
  walletOf.set(grace.id, randomUUID());
});

afterAll(async () => {
  await ledger.close();
  await harness.close();
});

beforeEach(() => {
  ledgerCalls = [];
  ledgerAnswer = async (ownerId) => ({
    wallet_id: walletOf.get(ownerId) ?? randomUUID(),
    currency: 'EUR',
    balance: ownerId === ada.id ? 1050 : 7,
    savings: 30,
  });
});

const balanceOf = (actor: { user_id: string; role: 'user' | 'admin' } | { service: string }, email: string) =>
  call(harness.client, identityRequests.balance, { actor, email }, { requestId: 'balance-request-1' });

describe(`balance by email on ${testDatabaseLabel}`, () => {
  it('answers a user their own balance, asking the ledger as identity for their id', async () => {
    const reply = await balanceOf({ user_id: ada.id, role: 'user' }, ada.email);
    expect(reply).toEqual({ email: ada.email, balance: 1050, currency: 'EUR' });
    expect(ledgerCalls).toHaveLength(1);
    expect(ledgerCalls[0]?.payload).toEqual({ actor: { service: 'identity' }, owner_id: ada.id });
    expect(ledgerCalls[0]?.context.requestId).toBe('balance-request-1');
  });

  it('finds the user whatever the letter case of the email', async () => {
    const reply = await balanceOf({ user_id: ada.id, role: 'user' }, 'ADA.BALANCE@example.COM');
    expect(reply.email).toBe('Ada.Balance@Example.com');
    expect(ledgerCalls[0]?.payload).toMatchObject({ owner_id: ada.id });
  });

  it('answers an admin and another service anyone’s balance', async () => {
    const admin = { user_id: randomUUID(), role: 'admin' } as const;
    expect(await balanceOf(admin, grace.email)).toEqual({ email: grace.email, balance: 7, currency: 'EUR' });
    expect(await balanceOf({ service: 'billing' }, ada.email)).toMatchObject({ balance: 1050 });
    expect(ledgerCalls.map((entry) => (entry.payload as { owner_id: string }).owner_id)).toEqual([
      grace.id,
      ada.id,
    ]);
  });

  it('answers a user asking for someone else’s email exactly as for an unknown email, asking no ledger', async () => {
    const other = await failureOf(balanceOf({ user_id: ada.id, role: 'user' }, grace.email));
    const unknown = await failureOf(balanceOf({ user_id: ada.id, role: 'user' }, 'nobody@example.com'));
    expect(other.code).toBe('user_not_found');
    expect({ ...other }).toEqual({ ...unknown });
    expect(other.message).not.toContain(grace.email);
    expect(ledgerCalls).toEqual([]);
  });

  it('answers user_not_found for a deleted user', async () => {
    const { user } = await register(harness);
    await call(harness.client, identityRequests.deleteUser, { user_id: user.id });
    const failure = await failureOf(balanceOf({ user_id: randomUUID(), role: 'admin' }, user.email));
    expect(failure.code).toBe('user_not_found');
    expect(ledgerCalls).toEqual([]);
  });

  it('passes the ledger’s refusal on, and answers unavailable when the ledger does not answer', async () => {
    ledgerAnswer = async () => {
      throw new AppError('wallet_not_found', 'no wallet for that owner');
    };
    expect((await failureOf(balanceOf({ user_id: ada.id, role: 'user' }, ada.email))).code).toBe(
      'wallet_not_found',
    );

    await ledger.close();
    try {
      const failure = await failureOf(balanceOf({ user_id: ada.id, role: 'user' }, ada.email));
      expect(failure.code).toBe('unavailable');
    } finally {
      await connectLedger();
    }
  });

  it('refuses a request without an actor', async () => {
    const failure = await failureOf(
      harness.client.request('identity.balance.get', { email: ada.email }, { requestId: 'no-actor' }),
    );
    expect(failure.code).toBe('validation_failed');
    expect(ledgerCalls).toEqual([]);
  });
});
