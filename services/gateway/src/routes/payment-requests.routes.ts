import {
  createPaymentRequestBody,
  declinePaymentRequestBody,
  listPaymentRequestsQuery,
  type PaymentRequest,
  paymentRequestPage,
  paymentRequestRequests,
  paymentRequestSchema,
  payPaymentRequestBody,
  uuid,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import { exampleCursor, ids } from './examples.js';

/** Payment requests a user may make in a minute: enough for a dinner split, too few to spam anyone. */
export const paymentRequestsPerMinute = 10;

const params = z.object({ id: uuid }).strict();

/** Ada asks Grace for her share of a dinner; one request, as it reads at each step. */
const adaWalletId = ids.adaWallet;
const graceWalletId = ids.graceWallet;
const pendingExample: PaymentRequest = {
  id: '0190f3b0-1a2b-7c3d-9e4f-5a6b7c8d9e0f',
  status: 'pending',
  requester_id: ids.ada,
  payer_id: ids.grace,
  requester_name: 'Ada Lovelace',
  requester_handle: 'ada',
  payer_name: 'Grace Hopper',
  payer_handle: 'grace',
  to_wallet_id: adaWalletId,
  amount: 2500,
  currency: 'USD',
  description: 'Dinner at Luigi’s',
  expires_at: '2027-01-06T19:30:00.000Z',
  created_at: '2026-12-07T19:30:00.000Z',
  updated_at: '2026-12-07T19:30:00.000Z',
  from_wallet_id: null,
  transfer_id: null,
  paid_at: null,
  closed_at: null,
  decline_reason: null,
};
const paidExample: PaymentRequest = {
  ...pendingExample,
  status: 'paid',
  updated_at: '2026-12-07T20:05:12.000Z',
  from_wallet_id: graceWalletId,
  transfer_id: '0190f3b4-2c3d-7e4f-8a5b-6c7d8e9f0a1b',
  paid_at: '2026-12-07T20:05:12.000Z',
};
const declinedExample: PaymentRequest = {
  ...pendingExample,
  status: 'declined',
  updated_at: '2026-12-07T20:01:40.000Z',
  closed_at: '2026-12-07T20:01:40.000Z',
  decline_reason: 'I paid the waiter directly',
};
const cancelledExample: PaymentRequest = {
  ...pendingExample,
  status: 'cancelled',
  updated_at: '2026-12-07T19:42:03.000Z',
  closed_at: '2026-12-07T19:42:03.000Z',
};

/** Asking another user for money; they pay it in one step, or decline it. */
export function paymentRequestRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/payment-requests',
      auth: 'user',
      summary: 'Ask another user for money',
      description:
        'Asks the payer (`from_user`: their user name or email) for `amount`, to land in my wallet ' +
        '`to_wallet_id` (whose currency the request takes). The payer is told, and pays or declines it. It ' +
        'stays payable until `expires_at` (30 days by default, at most 365), then reads as `expired`. ' +
        '404 `recipient_not_found` names `from_user` when nobody has that name; asking myself is 400. ' +
        `At most ${paymentRequestsPerMinute} requests a minute per user; more is 429.`,
      tags: ['payment requests'],
      body: createPaymentRequestBody,
      responses: { 201: paymentRequestSchema },
      problems: ['wallet_not_found', 'recipient_not_found', 'wallet_frozen'],
      rateLimitPerUserPerMinute: paymentRequestsPerMinute,
      examples: {
        request: {
          from_user: 'grace',
          to_wallet_id: adaWalletId,
          amount: 2500,
          description: 'Dinner at Luigi’s',
        },
        responses: { 201: pendingExample },
      },
      handler: async ({ user, body, call }) =>
        respond(201, await call(paymentRequestRequests.create, { actor: actorOf(user), ...body })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/payment-requests',
      auth: 'user',
      summary: 'List the payment requests I made or am asked to pay',
      description:
        'Newest first. `direction=incoming`: the ones I am asked to pay; `direction=outgoing`: the ones I made. ' +
        '`status` narrows to one status; `expired` are the pending ones past their `expires_at`.',
      tags: ['payment requests'],
      query: listPaymentRequestsQuery,
      responses: { 200: paymentRequestPage },
      examples: {
        query: { direction: 'incoming', status: 'pending', cursor: exampleCursor, limit: '20' },
        responses: { 200: { data: [pendingExample], next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(paymentRequestRequests.list, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/payment-requests/:id',
      auth: 'user',
      summary: 'Read one payment request',
      description: 'For its requester, its payer or an admin; anyone else 404.',
      tags: ['payment requests'],
      params,
      responses: { 200: paymentRequestSchema },
      problems: ['not_found'],
      examples: { params: { id: pendingExample.id }, responses: { 200: pendingExample } },
      handler: async ({ user, params, call }) =>
        respond(
          200,
          await call(paymentRequestRequests.get, { actor: actorOf(user), payment_request_id: params.id }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payment-requests/:id/pay',
      auth: 'user',
      summary: 'Pay a payment request I was sent',
      description:
        'The payer pays the request from `from_wallet_id`: a transfer of the amount to the requester’s wallet, ' +
        'its description naming the request; the request becomes `paid` with its `transfer_id`. It is paid ' +
        'once whoever races: of concurrent pays, declines and cancels one wins, the others are 409 ' +
        '`payment_request_closed` (with the request’s `status` in `details`), as is a pay after it expired. ' +
        'A retry with the same Idempotency-Key replays the answer. The ledger’s refusals (`insufficient_funds`, ' +
        '`limit_exceeded`, …) come back as they are and leave the request pending.',
      tags: ['payment requests'],
      params,
      body: payPaymentRequestBody,
      idempotent: true,
      responses: { 200: paymentRequestSchema },
      problems: [
        'forbidden',
        'not_found',
        'payment_request_closed',
        'wallet_not_found',
        'insufficient_funds',
        'limit_exceeded',
        'currency_mismatch',
        'wallet_frozen',
        'credit_not_above_savings',
        'conflict',
      ],
      examples: {
        params: { id: pendingExample.id },
        request: { from_wallet_id: graceWalletId },
        responses: { 200: paidExample },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          200,
          await call(paymentRequestRequests.pay, {
            actor: actorOf(user),
            payment_request_id: params.id,
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payment-requests/:id/decline',
      auth: 'user',
      summary: 'Decline a payment request I was sent',
      description:
        'The payer declines the request, with a `reason` the requester reads or without. A request already ' +
        'paid, declined, cancelled or expired is 409 `payment_request_closed`; the requester declining is 403.',
      tags: ['payment requests'],
      params,
      body: declinePaymentRequestBody,
      responses: { 200: paymentRequestSchema },
      problems: ['forbidden', 'not_found', 'payment_request_closed'],
      examples: {
        params: { id: pendingExample.id },
        request: { reason: 'I paid the waiter directly' },
        responses: { 200: declinedExample },
      },
      handler: async ({ user, params, body, call }) =>
        respond(
          200,
          await call(paymentRequestRequests.decline, {
            actor: actorOf(user),
            payment_request_id: params.id,
            ...body,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/payment-requests/:id/cancel',
      auth: 'user',
      summary: 'Cancel a payment request I made',
      description:
        'The requester takes a pending request back. A request already paid, declined, cancelled or expired is ' +
        '409 `payment_request_closed`; the payer cancelling is 403 (they decline instead).',
      tags: ['payment requests'],
      params,
      responses: { 200: paymentRequestSchema },
      problems: ['forbidden', 'not_found', 'payment_request_closed'],
      examples: { params: { id: pendingExample.id }, responses: { 200: cancelledExample } },
      handler: async ({ user, params, call }) =>
        respond(
          200,
          await call(paymentRequestRequests.cancel, { actor: actorOf(user), payment_request_id: params.id }),
        ),
    }),
  ];
}
