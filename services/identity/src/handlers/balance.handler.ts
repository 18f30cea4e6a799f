import { identityRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { BalanceService } from '../services/balance.service.js';

/** A user's balance by email; the actor is who asks, as the gateway authenticated them (or a service). */
export async function serveBalanceRequest(bus: Bus, balances: BalanceService): Promise<void> {
  await serve(bus, identityRequests.balance, (request, context) =>
    balances.balanceByEmail(request.actor, request.email, context),
  );
}
