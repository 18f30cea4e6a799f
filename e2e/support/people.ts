import { expect } from 'vitest';
import type { httpClient } from './http.js';

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

/** Registers and logs in a user, then waits for the default wallet the ledger opens on registration. */
export async function newPerson(http: ReturnType<typeof httpClient>, firstName = 'Mary'): Promise<Person> {
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
  const registered = await http('/v1/auth/register', { body });
  expect(registered.status).toBe(201);
  const login = await http('/v1/auth/login', { body: { login: body.user_name, password: body.password } });
  const token = login.body.access_token as string;
  const wallet = await eventuallyAsync(async () => {
    const answer = await http('/v1/wallets', { token });
    return answer.body.data?.[0];
  });
  return { id: registered.body.id, userName: body.user_name, email: body.email, token, walletId: wallet.id };
}
