import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, call } from '@moneypal/kit';
import type { LedgerBalanceLookup } from '../services/balance.service.js';

/**
 * The ledger over the bus, as identity needs it: a user's balance. Identity never stores
 * balances; it asks the ledger, as a service, for the user's default wallet.
 */
export function ledgerBalanceLookup(bus: Bus): LedgerBalanceLookup {
  return (ownerId, trace) =>
    call(bus, ledgerRequests.getBalance, { actor: { service: 'identity' }, owner_id: ownerId }, trace);
}
