import type { Actor } from '@moneypal/contracts';

/** The user behind a request, or null when a service asks. */
export function userIdOf(actor: Actor): string | null {
  return 'service' in actor ? null : actor.user_id;
}

/** Admins and services read every user's messages; a user reads their own. */
export function readsEveryone(actor: Actor): boolean {
  return 'service' in actor || actor.role === 'admin';
}
