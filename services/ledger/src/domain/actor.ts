import type { Actor } from '@moneypal/contracts';

/** The idempotency scope of a caller: the user's id, or the service's name. */
export function scopeOf(actor: Actor): string {
  return 'service' in actor ? actor.service : actor.user_id;
}

/** The user behind a request, or null when a service asks. */
export function userIdOf(actor: Actor): string | null {
  return 'service' in actor ? null : actor.user_id;
}

export function isAdmin(actor: Actor): boolean {
  return 'role' in actor && actor.role === 'admin';
}

export function isService(actor: Actor): boolean {
  return 'service' in actor;
}

/** Admins and services read every wallet and transfer; a user reads their own. */
export function mayRead(actor: Actor, ownerId: string | null): boolean {
  return isAdmin(actor) || isService(actor) || (ownerId !== null && userIdOf(actor) === ownerId);
}

/** Only the owner moves money out of a wallet, or a service acting on the owner's behalf. */
export function mayDebit(actor: Actor, ownerId: string | null): boolean {
  return isService(actor) || (ownerId !== null && userIdOf(actor) === ownerId);
}
