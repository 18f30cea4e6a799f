import {
  captureHoldBody,
  createHoldBody,
  holdPage,
  holdResultSchema,
  holdSchema,
  ledgerRequests,
  listHoldsQuery,
  uuid,
  voidHoldBody,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import {
  adaBalances,
  adaWalletWith,
  amounts,
  balanceOf,
  currency,
  exampleCursor,
  graceBalances,
  ids,
  logoHoldVoided,
  people,
  tilingHold,
  tilingHoldCaptured,
  times,
} from './examples.js';

const holdParams = z.object({ id: uuid }).strict();

/**
 * Escrow holds: the payer's money held for a job, then captured to the payee (in full or in
 * part), voided back to the payer, or settled by itself at its expiry; exactly once. A hold
 * the caller is no party to is `not_found`, as if it did not exist.
 */
export function holdRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/holds',
      auth: 'user',
      summary: 'Hold money of my wallet in escrow for a payee',
      description:
        'The amount leaves my available balance at once and shows as `held` on my wallet until the hold is ' +
        'settled: I capture it (to the payee), the payee or an admin voids it (back to me), or at ' +
        '`expires_at` it applies `on_expiry` by itself (`void` unless told; a `capture` whose payee can no ' +
        'longer be paid gives the money back instead). The payee is a wallet (`to_wallet_id`) or a user ' +
        '(`to_user`: user name or email; their default wallet of the currency). The rules and daily limits ' +
        'of my wallet type for `transfer` apply when the hold is made; none apply when it is settled. ' +
        'Answers the hold and my wallet’s balance after it.',
      tags: ['holds'],
      body: createHoldBody,
      idempotent: true,
      responses: { 201: holdResultSchema },
      problems: [
        'wallet_not_found',
        'recipient_not_found',
        'recipient_has_no_wallet',
        'insufficient_funds',
        'limit_exceeded',
        'currency_mismatch',
        'wallet_frozen',
        'conflict',
      ],
      examples: {
        request: {
          from_wallet_id: ids.adaWallet,
          to_user: people.grace.handle,
          amount: tilingHold.amount,
          description: tilingHold.description ?? undefined,
          expires_at: tilingHold.expires_at ?? undefined,
          on_expiry: tilingHold.on_expiry,
          metadata: tilingHold.metadata,
        },
        responses: {
          201: {
            hold: tilingHold,
            balance: balanceOf(adaWalletWith(adaBalances.afterTilingHold), times.held),
          },
        },
      },
      handler: async ({ user, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(ledgerRequests.createHold, {
            actor: actorOf(user),
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/holds/:id/capture',
      auth: 'user',
      summary: 'Capture a hold: release it to the payee, in full or in part',
      description:
        'For the payer, or an admin settling a dispute. Without `amount` the whole hold goes to the payee ' +
        '(through the payee’s savings plan, like any payment received); with it, that much goes to the payee ' +
        'and the rest back to the payer. Both wallets must be active (422 `wallet_frozen`). A hold already ' +
        'captured, voided or expired answers 409 `hold_already_settled`; the payee capturing is 403 ' +
        '`forbidden`. Answers the hold and the payer’s wallet balance after it.',
      tags: ['holds'],
      params: holdParams,
      body: captureHoldBody,
      idempotent: true,
      responses: { 200: holdResultSchema },
      problems: [
        'forbidden',
        'not_found',
        'hold_already_settled',
        'wallet_frozen',
        'credit_not_above_savings',
      ],
      examples: {
        params: { id: ids.tilingHold },
        request: { amount: amounts.tilingCapture },
        responses: {
          200: {
            hold: tilingHoldCaptured,
            balance: balanceOf(adaWalletWith(adaBalances.afterCapture), times.captured),
          },
        },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          200,
          await call(ledgerRequests.captureHold, {
            actor: actorOf(user),
            hold_id: params.id,
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/holds/:id/void',
      auth: 'user',
      summary: 'Void a hold: give it back to the payer',
      description:
        'For the payee (declining the job), or an admin settling a dispute; the whole amount goes back to ' +
        'the payer’s main balance, whatever the wallets’ statuses. A hold already captured, voided or ' +
        'expired answers 409 `hold_already_settled`; the payer voiding is 403 `forbidden` (the payer ' +
        'captures, or waits for the expiry). Answers the hold and the caller’s side: the payee’s wallet ' +
        'balance for the payee, the payer’s for an admin.',
      tags: ['holds'],
      params: holdParams,
      body: voidHoldBody,
      idempotent: true,
      responses: { 200: holdResultSchema },
      problems: ['forbidden', 'not_found', 'hold_already_settled'],
      examples: {
        params: { id: ids.logoHold },
        request: { reason: 'I cannot take this job before December' },
        responses: {
          200: {
            hold: logoHoldVoided,
            balance: {
              wallet_id: ids.graceWallet,
              currency,
              main: graceBalances.graceAfterDinner,
              savings: 0,
              available: graceBalances.graceAfterDinner,
              held: 0,
              as_of: times.voided,
            },
          },
        },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          200,
          await call(ledgerRequests.voidHold, {
            actor: actorOf(user),
            hold_id: params.id,
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/holds',
      auth: 'user',
      summary: 'List my holds, as payer or payee',
      description:
        'Newest first. Filters: one of my wallets, a status, and a direction (`out`: holds I pay; `in`: holds ' +
        'I am the payee of). An admin sees every hold.',
      tags: ['holds'],
      query: listHoldsQuery,
      responses: { 200: holdPage },
      problems: ['wallet_not_found'],
      examples: {
        query: {
          wallet_id: ids.adaWallet,
          status: 'held',
          direction: 'out',
          cursor: exampleCursor,
          limit: '20',
        },
        responses: { 200: { data: [tilingHold], next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(ledgerRequests.listHolds, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/holds/:id',
      auth: 'user',
      summary: 'Read one hold',
      description: 'For its payer, its payee or an admin.',
      tags: ['holds'],
      params: holdParams,
      responses: { 200: holdSchema },
      problems: ['not_found'],
      examples: { params: { id: ids.tilingHold }, responses: { 200: tilingHold } },
      handler: async ({ user, params, call }) =>
        respond(200, await call(ledgerRequests.getHold, { actor: actorOf(user), hold_id: params.id })),
    }),
  ];
}
