import { billingRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { BillService } from '../services/bill.service.js';

/** Bills paid from the payer's wallet; each carries the payer's Idempotency-Key. */
export async function serveBillRequests(bus: Bus, bills: BillService): Promise<void> {
  await serve(bus, billingRequests.createBill, (request, context) => bills.createBill(request, context));
}
