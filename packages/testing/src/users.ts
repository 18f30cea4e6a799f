import { randomUUID } from 'node:crypto';
import type { User } from '@moneypal/contracts';

/** Counts up across the test file's process, so that every name, key and number it makes is unique. */
let sequence = 0;

function nextSequence(): number {
  sequence += 1;
  return sequence;
}

/** A unique Idempotency-Key. */
export function newKey(label = 'key'): string {
  return `${label}-${process.pid}-${nextSequence()}-${randomUUID()}`;
}

/** A unique tag for names that must not repeat, e.g. `4242x7`. */
export function uniqueTag(): string {
  return `${process.pid}x${nextSequence()}`;
}

/** A unique phone number in E.164, of the 555 range that reaches nobody. */
export function newPhoneNumber(): string {
  return `+1415555${String(nextSequence()).padStart(4, '0')}`;
}

/**
 * A user as identity describes one, with a unique user name and email address (`ada<tag>`
 * unless `name` says otherwise), created and updated at `now`.
 */
export function newUser(
  overrides: Partial<User> = {},
  options: { now?: Date; name?: { first: string; last: string } } = {},
): User {
  const tag = uniqueTag();
  const name = options.name ?? { first: 'Ada', last: 'Lovelace' };
  const handle = name.first.toLowerCase();
  const now = (options.now ?? new Date()).toISOString();
  return {
    id: randomUUID(),
    first_name: name.first,
    last_name: name.last,
    user_name: `${handle}${tag}`,
    email: `${handle}${tag}@example.com`,
    phone: null,
    role: 'user',
    two_factor_enabled: false,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}
