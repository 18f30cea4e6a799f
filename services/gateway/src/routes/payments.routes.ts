import {
  createPaymentBody,
  listPaymentsQuery,
  paymentPage,
  paymentSchema,
  paymentsRequests,
  uuid,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';

const paymentParams = z.object({ id: uuid }).strict();

/** Payments through PayPal: create (answers the approval URL), read, capture, cancel, refund. */
export function paymentRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/payments',
      auth: 'user',
      summary: 'Pay through PayPal: fund my wallet, or pay a provider',
      description:
        'Creates a PayPal order for the amount and answers the payment with `approve_url`, where the buyer ' +
        'approves it at PayPal. Without `paid_to` the money funds the wallet; with `paid_to` (a user name or ' +
        'email) it is credited to the wallet and then paid to that provider, with an invoice. The wallet ' +
        'must be mine and hold the currency.',
      tags: ['payments'],
      body: createPaymentBody,
      idempotent: true,
      responses: { 201: paymentSchema },
      problems: [
        'wallet_not_found',
        'recipient_not_found',
        'currency_mismatch',
        'wallet_frozen',
        'bad_gateway',
      ],
      handler: async ({ user, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(paymentsRequests.create, {
            actor: actorOf(user),
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/payments',
      auth: 'user',
      summary: 'List my payments',
      description: 'Newest first; an admin sees every payment.',
      tags: ['payments'],
      query: listPaymentsQuery,
      responses: { 200: paymentPage },
      handler: async ({ user, query, call }) =>
        respond(200, await call(paymentsRequests.list, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/payments/:id',
      auth: 'user',
      summary: 'Read one of my payments',
      tags: ['payments'],
      params: paymentParams,
      responses: { 200: paymentSchema },
      problems: ['not_found'],
      handler: async ({ user, params, call }) =>
        respond(200, await call(paymentsRequests.get, { actor: actorOf(user), payment_id: params.id })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payments/:id/capture',
      auth: 'user',
      summary: 'Capture an approved payment',
      description:
        'Called when the buyer returns from PayPal; PayPal’s webhook may have captured it already, in ' +
        'which case the payment is answered as it is. A declined capture answers the payment with status ' +
        '`failed` and `failure_reason: declined`.',
      tags: ['payments'],
      params: paymentParams,
      responses: { 200: paymentSchema },
      problems: ['not_found', 'payment_not_capturable', 'bad_gateway'],
      handler: async ({ user, params, call }) =>
        respond(200, await call(paymentsRequests.capture, { actor: actorOf(user), payment_id: params.id })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payments/:id/cancel',
      auth: 'user',
      summary: 'Record that the buyer cancelled at PayPal',
      description: 'A payment not yet approved fails as `cancelled`; any other is answered as it is.',
      tags: ['payments'],
      params: paymentParams,
      responses: { 200: paymentSchema },
      problems: ['not_found'],
      handler: async ({ user, params, call }) =>
        respond(200, await call(paymentsRequests.cancel, { actor: actorOf(user), payment_id: params.id })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payments/:id/refund',
      auth: 'admin',
      summary: 'Refund a captured payment in full',
      description:
        'Refunds at PayPal; billing then reverses the payment’s effect on the wallets when their funds allow.',
      tags: ['payments'],
      params: paymentParams,
      responses: { 200: paymentSchema },
      problems: ['not_found', 'payment_not_refundable', 'bad_gateway'],
      handler: async ({ user, params, call }) =>
        respond(200, await call(paymentsRequests.refund, { actor: actorOf(user), payment_id: params.id })),
    }),
  ];
}
