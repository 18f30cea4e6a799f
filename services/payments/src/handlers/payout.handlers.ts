import { payoutsRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { PayoutService } from '../services/payout.service.js';

/** Payouts as the gateway asks for them. Every request names its actor; the service decides what it may do. */
export async function servePayoutRequests(bus: Bus, payouts: PayoutService): Promise<void> {
  await serve(bus, payoutsRequests.create, (request, context) => payouts.create(request, context));
  await serve(bus, payoutsRequests.list, ({ actor, ...query }) => payouts.list(actor, query));
  await serve(bus, payoutsRequests.get, ({ actor, payout_id }) => payouts.get(actor, payout_id));
  await serve(bus, payoutsRequests.release, (request, context) => payouts.release(request, context));
}
