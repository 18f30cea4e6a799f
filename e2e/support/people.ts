import { expect } from 'vitest';
import { type Api, idempotencyKey } from './http.js';

/** A registered, logged-in user with the default wallet the ledger opened for them. */
export interface Person {
  id: string;
  userName: string;
  email: string;
  token: string;
  walletId: string;
}

let counter = 0;

/** Polls `check` until it gives a value, or fails after `timeoutMs`. */
export async function eventuallyAsync<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The access token of a login that needs no one-time code; fails the test with the answer otherwise. */
export async function logIn(api: Api, login: string, password: string): Promise<string> {
  const answer = await api().POST('/v1/auth/login', { body: { login, password } });
  expect(answer.response.status, JSON.stringify(answer.error)).toBe(200);
  if (answer.data === undefined || !('access_token' in answer.data))
    throw new Error('no tokens in the answer');
  return answer.data.access_token;
}

/** Registers and logs in a user, then waits for the default wallet the ledger opens on registration. */
export async function newPerson(api: Api, firstName = 'Mary'): Promise<Person> {
  counter += 1;
  const tag = `${Date.now().toString(36)}${counter}`;
  const name = firstName.toLowerCase();
  const body = {
    first_name: firstName,
    last_name: 'Jackson',
    user_name: `${name}_${tag}`,
    email: `${name}.${tag}@example.com`,
    password: 'a long enough password',
  };
  const registered = await api().POST('/v1/auth/register', { body });
  expect(registered.response.status, JSON.stringify(registered.error)).toBe(201);
  const token = await logIn(api, body.user_name, body.password);
  const wallet = await eventuallyAsync(async () => (await api(token).GET('/v1/wallets')).data?.data[0]);
  return { id: registered.data!.id, userName: body.user_name, email: body.email, token, walletId: wallet.id };
}

/** Credits `amount` to a wallet from the back office, as the admin whose token is given. */
export async function deposit(api: Api, adminToken: string, walletId: string, amount: number): Promise<void> {
  const answer = await api(adminToken).POST('/v1/wallets/{id}/deposits', {
    params: { path: { id: walletId }, header: idempotencyKey() },
    body: { amount, reference: 'bank wire' },
  });
  expect(answer.response.status, JSON.stringify(answer.error)).toBe(201);
}
