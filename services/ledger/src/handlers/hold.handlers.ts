import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { HoldService } from '../services/hold.service.js';

/** Escrow holds: opening and settling them (each with the caller's Idempotency-Key), and reading them. */
export async function serveHoldRequests(bus: Bus, holds: HoldService): Promise<void> {
  await serve(bus, ledgerRequests.createHold, (request, context) => holds.createHold(request, context));
  await serve(bus, ledgerRequests.captureHold, (request, context) => holds.captureHold(request, context));
  await serve(bus, ledgerRequests.voidHold, (request, context) => holds.voidHold(request, context));
  await serve(bus, ledgerRequests.getHold, ({ actor, hold_id }) => holds.getHold(actor, hold_id));
  await serve(bus, ledgerRequests.listHolds, (request) => holds.listHolds(request));
}
