import { paymentsRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { PaymentService } from '../services/payment.service.js';
import type { RefundService } from '../services/refund.service.js';
import type { SettlementService } from '../services/settlement.service.js';

/** Payments as the gateway asks for them. Every request names its actor; the services decide what it may do. */
export async function servePaymentRequests(
  bus: Bus,
  payments: PaymentService,
  settlement: SettlementService,
  refunds: RefundService,
): Promise<void> {
  await serve(bus, paymentsRequests.create, (request, context) => payments.create(request, context));
  await serve(bus, paymentsRequests.list, ({ actor, ...query }) => payments.list(actor, query));
  await serve(bus, paymentsRequests.get, ({ actor, payment_id }) => payments.get(actor, payment_id));
  await serve(bus, paymentsRequests.capture, ({ actor, payment_id }, context) =>
    settlement.capture(actor, payment_id, context),
  );
  await serve(bus, paymentsRequests.cancel, ({ actor, payment_id }, context) =>
    settlement.cancel(actor, payment_id, context),
  );
  await serve(bus, paymentsRequests.refund, (request, context) => refunds.refund(request, context));
}
