import {
  createPaymentBody,
  listPaymentsQuery,
  paymentPage,
  paymentSchema,
  paymentsRequests,
  refundPaymentBody,
  uuid,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import {
  amounts,
  cancelledPayment,
  exampleCursor,
  fundingCaptured,
  fundingCreated,
  fundingPartlyRefunded,
  ids,
} from './examples.js';

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
        'must be mine and hold the currency. `metadata` keeps up to 20 string pairs of my own (an order id, ' +
        'say), returned wherever the payment is read and filterable in the list.',
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
      examples: {
        request: {
          amount: fundingCreated.amount,
          currency: fundingCreated.currency,
          wallet_id: fundingCreated.wallet_id,
          description: fundingCreated.description ?? undefined,
          metadata: fundingCreated.metadata,
        },
        responses: { 201: fundingCreated },
      },
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
      description:
        'Newest first; an admin sees every payment. Filters: `status`, and metadata pairs ' +
        '(`metadata[order_id]=A-1042`: only payments whose metadata holds every pair given).',
      tags: ['payments'],
      query: listPaymentsQuery,
      responses: { 200: paymentPage },
      examples: {
        query: { status: 'captured', metadata: { channel: 'web' }, cursor: exampleCursor, limit: '20' },
        responses: { 200: { data: [fundingCaptured], next_cursor: null } },
      },
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
      examples: { params: { id: ids.funding }, responses: { 200: fundingCaptured } },
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
      examples: { params: { id: ids.funding }, responses: { 200: fundingCaptured } },
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
      examples: { params: { id: ids.cancelledPayment }, responses: { 200: cancelledPayment } },
      handler: async ({ user, params, call }) =>
        respond(200, await call(paymentsRequests.cancel, { actor: actorOf(user), payment_id: params.id })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payments/:id/refund',
      auth: 'admin',
      summary: 'Refund a captured payment, in full or in part (admin)',
      description:
        'Refunds `amount` at PayPal (by default all that is left of the payment). Several partial refunds ' +
        'are allowed up to the captured amount; more is 422 `payment_not_refundable`. The payment becomes ' +
        '`partially_refunded`, then `refunded` once all of it is; `refunded_amount` is what its completed ' +
        'refunds gave back and `refunds` lists each one. A refund PayPal has not completed yet is listed ' +
        '`pending` (its amount is taken) until PayPal’s webhook completes it. Billing then reverses each ' +
        'refund’s amount on the wallets, when their funds allow. `reason` is shown to the buyer at PayPal.',
      tags: ['payments'],
      params: paymentParams,
      body: refundPaymentBody,
      idempotent: true,
      responses: { 200: paymentSchema },
      problems: ['not_found', 'payment_not_refundable', 'bad_gateway'],
      examples: {
        params: { id: ids.funding },
        request: { amount: amounts.refund, reason: 'Charged twice for one top-up' },
        responses: { 200: fundingPartlyRefunded },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          200,
          await call(paymentsRequests.refund, {
            actor: actorOf(user),
            payment_id: params.id,
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
  ];
}
