import type { Actor } from '@moneypal/contracts';

/** The user behind a request, or null when a service asks. */
export function userIdOf(actor: Actor): string | null {
  return 'service' in actor ? null : actor.user_id;
}

export function isAdmin(actor: Actor): boolean {
  return 'role' in actor && actor.role === 'admin';
}

/** Admins and services read every payment. */
export function readsAll(actor: Actor): boolean {
  return 'service' in actor || isAdmin(actor);
}

/** Admins and services read every payment; a user reads the payments they pay. */
export function mayRead(actor: Actor, payerId: string): boolean {
  return readsAll(actor) || userIdOf(actor) === payerId;
}
