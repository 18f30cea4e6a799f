import type { Actor } from '@moneypal/contracts';

/** The user behind a request, or null when a service asks. */
export function userIdOf(actor: Actor): string | null {
  return 'service' in actor ? null : actor.user_id;
}

/** Admins and services read every invoice; a user reads those they pay or are paid. */
export function readsAll(actor: Actor): boolean {
  return 'service' in actor || actor.role === 'admin';
}

export function mayReadInvoice(actor: Actor, invoice: { payer_id: string; payee_id: string }): boolean {
  const self = userIdOf(actor);
  return readsAll(actor) || (self !== null && (invoice.payer_id === self || invoice.payee_id === self));
}
