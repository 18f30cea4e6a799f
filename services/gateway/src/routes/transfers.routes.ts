import {
  createTransferBatchBody,
  createTransferBody,
  ledgerRequests,
  listTransactionsQuery,
  maxTransfersPerBatch,
  reverseTransferBody,
  transferBatchResultSchema,
  transferPage,
  transferResultSchema,
  transferSchema,
  uuid,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import {
  adaBalances,
  adaWalletWith,
  amounts,
  balanceOf,
  batchTransfer,
  dinnerReversal,
  dinnerTransfer,
  dinnerTransferRead,
  exampleCursor,
  graceBalanceAfterReversal,
  ids,
  people,
  times,
} from './examples.js';

/** Transfers between users' wallets, and the history of every movement the caller took part in. */
export function transferRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/transfers',
      auth: 'user',
      summary: 'Transfer money from my wallet to another user’s',
      description:
        'To a wallet (`to_wallet_id`) or to a user (`to_user`: their user name or email; the money lands in ' +
        'their default wallet). Both wallets must hold the same currency. `metadata` keeps up to 20 string ' +
        'pairs of my own (an order id, say), returned wherever the transfer is read and filterable in the ' +
        'history. Answers the transfer with its entries and my wallet’s balance after it.',
      tags: ['transfers'],
      body: createTransferBody,
      idempotent: true,
      responses: { 201: transferResultSchema },
      problems: [
        'wallet_not_found',
        'recipient_not_found',
        'recipient_has_no_wallet',
        'insufficient_funds',
        'limit_exceeded',
        'currency_mismatch',
        'wallet_frozen',
        'credit_not_above_savings',
        'conflict',
      ],
      examples: {
        request: {
          from_wallet_id: ids.adaWallet,
          to_user: people.grace.handle,
          amount: amounts.dinner,
          description: dinnerTransfer.description ?? undefined,
          metadata: dinnerTransfer.metadata,
        },
        responses: {
          201: {
            transfer: dinnerTransfer,
            balance: balanceOf(adaWalletWith(adaBalances.afterDinner), times.dinner),
          },
        },
      },
      handler: async ({ user, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(ledgerRequests.transfer, {
            actor: actorOf(user),
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/transfers/:id/reverse',
      auth: 'admin',
      summary: 'Reverse a transfer, in full or in part (admin)',
      description:
        'Moves `amount` (by default all that is left of the transfer) back from the payee’s main balance to ' +
        'the payer’s, as a new transfer of type `reversal` whose `reversal_of` names the original and whose ' +
        'description is the `reason`; the original’s entries stay as they are. Several partial reversals are ' +
        'allowed up to the original amount; more is 409 `conflict`, as is a transfer that is not between two ' +
        'users’ wallets. 422 `insufficient_funds` when the payee no longer holds the amount. Answers the ' +
        'reversal with its entries and the payee’s wallet balance after it.',
      tags: ['transfers'],
      params: z.object({ id: uuid }).strict(),
      body: reverseTransferBody,
      idempotent: true,
      responses: { 201: transferResultSchema },
      problems: ['not_found', 'insufficient_funds', 'wallet_frozen', 'conflict'],
      examples: {
        params: { id: ids.dinner },
        request: { amount: amounts.dinnerReversal, reason: dinnerReversal.description ?? '' },
        responses: { 201: { transfer: dinnerReversal, balance: graceBalanceAfterReversal } },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(ledgerRequests.reverseTransfer, {
            actor: actorOf(user),
            transfer_id: params.id,
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/transfers/batch',
      auth: 'user',
      summary: 'Transfer money in many transfers at once',
      description:
        `Up to ${maxTransfersPerBatch} transfers, each with the fields of a single transfer and its own ` +
        '`idempotency_key` (the same key space as the `Idempotency-Key` header: a retried batch replays each ' +
        'transfer’s stored answer). Answers one result per transfer, in the order given: `posted` with the ' +
        'transfer (`replayed` for a stored answer), or `failed` with the error a single transfer would have ' +
        'answered (`code`, `message`, `details`). With `atomic: true`, either every transfer is posted or none ' +
        'is: the failing ones report their own error and the others `batch_failed`. The gateway waits longer for a ' +
        'batch than for a single transfer (`BUS_BULK_REQUEST_TIMEOUT_MS`, 60 s by default); should it answer 503 ' +
        '`unavailable` all the same, send the same transfers again with the same keys to learn each outcome.',
      tags: ['transfers'],
      body: createTransferBatchBody,
      // A thousand transfers of a few hundred bytes each.
      bodyLimitBytes: 1024 * 1024,
      bulk: true,
      responses: { 200: transferBatchResultSchema },
      examples: {
        request: {
          transfers: [
            {
              idempotency_key: 'book-club-2026-11-grace',
              from_wallet_id: ids.adaWallet,
              to_user: people.grace.handle,
              amount: batchTransfer.amount,
              description: batchTransfer.description ?? undefined,
            },
            {
              idempotency_key: 'book-club-2026-11-deposit',
              from_wallet_id: ids.adaWallet,
              to_wallet_id: ids.graceWallet,
              amount: amounts.tooMuch,
            },
          ],
          atomic: false,
        },
        responses: {
          200: {
            results: [
              { status: 'posted', transfer: batchTransfer, replayed: false },
              {
                status: 'failed',
                error: {
                  code: 'insufficient_funds',
                  message:
                    'The balance is lower than the amount: send less, or add money to the wallet first.',
                },
              },
            ],
          },
        },
      },
      handler: async ({ user, body, call }) =>
        respond(200, await call(ledgerRequests.transferBatch, { actor: actorOf(user), ...body })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/transactions',
      auth: 'user',
      summary: 'List my transactions',
      description:
        'Newest first. Filters: one wallet, a time range (`from` inclusive, `to` exclusive), a type, a ' +
        'direction, an amount range (minor units, inclusive; `min_amount` above `max_amount` is refused), a ' +
        'counterparty (a wallet or user id, or words of the person’s name or user name, case-insensitive), ' +
        'words of the note (`q`, case-insensitive) and ' +
        'metadata pairs (`metadata[order_id]=A-1042`: only transfers whose metadata holds every pair given).',
      tags: ['transfers'],
      query: listTransactionsQuery,
      responses: { 200: transferPage },
      problems: ['wallet_not_found'],
      examples: {
        query: {
          wallet_id: ids.adaWallet,
          from: '2026-11-01T00:00:00Z',
          to: '2026-12-01T00:00:00Z',
          type: 'transfer',
          direction: 'out',
          counterparty: '@grace',
          q: 'dinner',
          metadata: { split: 'dinner-2026-11-03' },
          min_amount: '1000',
          max_amount: '50000',
          cursor: exampleCursor,
          limit: '20',
        },
        responses: { 200: { data: [dinnerTransferRead], next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(ledgerRequests.listTransactions, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/transactions/:id',
      auth: 'user',
      summary: 'Read one transaction with its entries',
      description: 'For a party to it or an admin.',
      tags: ['transfers'],
      params: z.object({ id: uuid }).strict(),
      responses: { 200: transferSchema },
      problems: ['not_found'],
      examples: { params: { id: ids.dinner }, responses: { 200: dinnerTransferRead } },
      handler: async ({ user, params, call }) =>
        respond(
          200,
          await call(ledgerRequests.getTransaction, { actor: actorOf(user), transfer_id: params.id }),
        ),
    }),
  ];
}
