import { identityRequests } from '@moneypal/contracts';
import { type Bus, call } from '@moneypal/kit';
import type { ClientOf } from './ledger.client.js';

/** Identity, for the provider a bill names. */
export type IdentityClient = ClientOf<typeof identityRequests, 'getUser'>;

/** Identity over the bus, as billing uses it. */
export function identityClient(bus: Bus): IdentityClient {
  return { getUser: (request, trace) => call(bus, identityRequests.getUser, request, trace) };
}
