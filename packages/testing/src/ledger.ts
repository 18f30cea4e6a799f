import { type Actor, identityEvents, ledgerRequests, type User, type Wallet } from '@moneypal/contracts';
import { type Bus, call } from '@moneypal/kit';
import { publishIdentityEvent } from './identity.js';
import { newKey } from './users.js';

/** A user of the tests that run the ledger: who they are, how they call, and their default wallet. */
export interface TestUser {
  user: User;
  actor: Actor;
  /** The default wallet the ledger opened on `identity.user.created`. */
  wallet: Wallet;
}

/**
 * Registers `user` with the stand-in identity (`users`), publishes `identity.user.created`
 * on identity's end of the bus, and reads the default wallet the ledger opened for them
 * through the caller's end (`client`).
 */
export async function registerWithLedger(
  buses: { identity: Bus; client: Bus; users: Map<string, User> },
  user: User,
  time?: Date,
): Promise<TestUser> {
  buses.users.set(user.id, user);
  await publishIdentityEvent(buses.identity, {
    type: identityEvents.userCreated,
    subject: user.id,
    data: { user },
    ...(time ? { time } : {}),
  });
  const actor: Actor = { user_id: user.id, role: user.role };
  const page = await call(buses.client, ledgerRequests.listWallets, { actor, limit: 10 });
  const wallet = page.data.find((item) => item.is_default);
  if (!wallet) throw new Error('the ledger opened no default wallet');
  return { user, actor, wallet };
}

/** Credits a wallet from the back office, as `admin`, through the caller's end of the bus. */
export async function fund(harness: { client: Bus; admin: Actor }, walletId: string, amount: number) {
  return call(harness.client, ledgerRequests.deposit, {
    actor: harness.admin,
    wallet_id: walletId,
    amount,
    reference: 'test funding',
    source: 'back-office',
    idempotency_key: newKey('fund'),
  });
}
