import { paymentRequestRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { PaymentRequestService } from '../services/payment-request.service.js';

/** Payment requests: made by a requester, paid or declined by the payer, cancelled by the requester. */
export async function servePaymentRequestRequests(bus: Bus, requests: PaymentRequestService): Promise<void> {
  await serve(bus, paymentRequestRequests.create, ({ actor, ...request }, context) =>
    requests.create(actor, request, context),
  );
  await serve(bus, paymentRequestRequests.list, ({ actor, ...query }) => requests.list(actor, query));
  await serve(bus, paymentRequestRequests.get, ({ actor, payment_request_id }) =>
    requests.get(actor, payment_request_id),
  );
  await serve(
    bus,
    paymentRequestRequests.pay,
    ({ actor, payment_request_id, from_wallet_id, idempotency_key }, context) =>
      requests.pay(actor, payment_request_id, from_wallet_id, idempotency_key, context),
  );
  await serve(bus, paymentRequestRequests.decline, ({ actor, payment_request_id, reason }, context) =>
    requests.decline(actor, payment_request_id, reason, context),
  );
  await serve(bus, paymentRequestRequests.cancel, ({ actor, payment_request_id }, context) =>
    requests.cancel(actor, payment_request_id, context),
  );
}
