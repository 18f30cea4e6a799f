import {
  createPayoutBody,
  ledgerRequests,
  listPayoutsQuery,
  payoutPage,
  payoutSchema,
  payoutsRequests,
  releaseWalletBody,
  uuid,
  walletReleaseSchema,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import { cashOutPending, cashOutSucceeded, exampleCursor, ids, releasePayout } from './examples.js';

/** Payouts: money out of my wallet to a PayPal account (create, list, read); an admin's release of a wallet. */
export function payoutRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/payouts',
      auth: 'user',
      summary: 'Pay money out of my wallet to a PayPal account',
      description:
        'Takes `amount` out of the wallet’s main balance (the wallet type’s `withdrawal` rules and daily ' +
        'limits apply) and sends it to `receiver`, a PayPal account’s email, through PayPal Payouts. ' +
        'Answers the payout: `processing` once PayPal has it, `pending` while PayPal could not be reached ' +
        '(it is sent again, never twice). It ends `succeeded`, or `failed` / `returned` with the money back ' +
        'in the wallet; `unclaimed` while the receiver has no PayPal account yet. `metadata` keeps up to 20 ' +
        'string pairs of my own. A refused debit (422 `insufficient_funds`, `limit_exceeded`, ' +
        '`wallet_frozen`) sends nothing, and the same key answers it again.',
      tags: ['payouts'],
      body: createPayoutBody,
      idempotent: true,
      responses: { 201: payoutSchema },
      problems: ['wallet_not_found', 'insufficient_funds', 'limit_exceeded', 'wallet_frozen'],
      examples: {
        request: {
          wallet_id: cashOutPending.wallet_id,
          amount: cashOutPending.amount,
          receiver: cashOutPending.receiver,
          metadata: cashOutPending.metadata,
        },
        responses: { 201: cashOutPending },
      },
      handler: async ({ user, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(payoutsRequests.create, {
            actor: actorOf(user),
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/payouts',
      auth: 'user',
      summary: 'List my payouts',
      description: 'Newest first, filtered by `status` and `wallet_id`; an admin sees every payout.',
      tags: ['payouts'],
      query: listPayoutsQuery,
      responses: { 200: payoutPage },
      examples: {
        query: { status: 'succeeded', wallet_id: ids.adaWallet, cursor: exampleCursor, limit: '20' },
        responses: { 200: { data: [cashOutSucceeded], next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(payoutsRequests.list, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/payouts/:id',
      auth: 'user',
      summary: 'Read one of my payouts',
      description: 'For its owner or an admin.',
      tags: ['payouts'],
      params: z.object({ id: uuid }).strict(),
      responses: { 200: payoutSchema },
      problems: ['not_found'],
      examples: { params: { id: ids.cashOut }, responses: { 200: cashOutSucceeded } },
      handler: async ({ user, params, call }) =>
        respond(200, await call(payoutsRequests.get, { actor: actorOf(user), payout_id: params.id })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/wallets/:id/release',
      auth: 'admin',
      summary: 'Release a frozen or closed wallet’s balance (admin)',
      description:
        'The one movement out of a frozen or closed wallet (a deleted user’s, say): its whole balance, main ' +
        'and savings. With `receiver` (a PayPal account’s email) it is a payout of the wallet’s owner, sent ' +
        'as any payout is (`payout` in the answer); without, a withdrawal to the back office (`withdrawal`). ' +
        'The admin and the `reason` are kept with it (the payout’s `released_by` and `release_reason`, the ' +
        'transfer’s metadata) and in its events. 409 `conflict` for an active wallet, one that holds nothing, ' +
        'or one whose balance changed meanwhile.',
      tags: ['wallets', 'payouts'],
      params: z.object({ id: uuid }).strict(),
      body: releaseWalletBody,
      idempotent: true,
      responses: { 201: walletReleaseSchema },
      problems: ['wallet_not_found', 'conflict'],
      examples: {
        params: { id: ids.graceWallet },
        request: { reason: releasePayout.release_reason ?? '', receiver: releasePayout.receiver },
        responses: { 201: { payout: releasePayout } },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) => {
        const request = {
          actor: actorOf(user),
          wallet_id: params.id,
          reason: body.reason,
          idempotency_key: idempotencyKey,
        };
        if (body.receiver !== undefined) {
          const { result, replayed } = await call(payoutsRequests.release, {
            ...request,
            receiver: body.receiver,
          });
          return respondReplayable(201, { result: { payout: result }, replayed });
        }
        const { result, replayed } = await call(ledgerRequests.releaseWallet, {
          ...request,
          destination: 'back-office',
        });
        return respondReplayable(201, { result: { withdrawal: result }, replayed });
      },
    }),
  ];
}
