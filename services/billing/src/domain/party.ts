import type { Invoice } from '@moneypal/contracts';

/** A user as identity last announced them: the name others see, and whether they are deleted. */
export interface PartyName {
  displayName: string;
  userName: string;
  deleted: boolean;
}

/** How a deleted user is named on every invoice that names them. */
export const deletedUserName = 'Deleted user';

function partyOf(userId: string, names: ReadonlyMap<string, PartyName>) {
  const party = names.get(userId);
  if (party === undefined) return { name: null, handle: null };
  if (party.deleted) return { name: deletedUserName, handle: null };
  return { name: party.displayName, handle: party.userName };
}

/** The display names and handles of an invoice's payer and payee; null where billing has no name. */
export function invoicePartiesOf(
  invoice: Pick<Invoice, 'payer_id' | 'payee_id'>,
  names: ReadonlyMap<string, PartyName>,
): Pick<Invoice, 'payer_name' | 'payer_handle' | 'payee_name' | 'payee_handle'> {
  const payer = partyOf(invoice.payer_id, names);
  const payee = partyOf(invoice.payee_id, names);
  return {
    payer_name: payer.name,
    payer_handle: payer.handle,
    payee_name: payee.name,
    payee_handle: payee.handle,
  };
}
