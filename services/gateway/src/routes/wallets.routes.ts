import {
  changeWalletStatusBody,
  depositBody,
  ledgerRequests,
  listWalletsQuery,
  openWalletBody,
  selectSavingsPlanBody,
  transferResultSchema,
  uuid,
  walletBalanceQuery,
  walletBalanceSchema,
  walletPage,
  walletSchema,
  withdrawSavingsBody,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import {
  adaBalances,
  adaEuroWallet,
  adaWalletWith,
  amounts,
  balanceOf,
  currency,
  depositTransfer,
  exampleCursor,
  graceFrozenWallet,
  ids,
  savingsWithdrawalTransfer,
  times,
} from './examples.js';

const walletParams = z.object({ id: uuid }).strict();

/**
 * The caller's wallets, their balances (now or as of a time), savings plan and savings
 * withdrawals, and the admin's back-office deposit and status changes. A wallet the caller may not see is
 * `wallet_not_found`, as if it did not exist.
 */
export function walletRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/wallets',
      auth: 'user',
      summary: 'List my wallets',
      description: 'Filters by currency, status and wallet type.',
      tags: ['wallets'],
      query: listWalletsQuery,
      responses: { 200: walletPage },
      examples: {
        query: { currency, status: 'active', type: 'personal', cursor: exampleCursor, limit: '20' },
        responses: {
          200: { data: [adaEuroWallet, adaWalletWith(adaBalances.now)], next_cursor: null },
        },
      },
      handler: async ({ user, query, call }) =>
        respond(
          200,
          await call(ledgerRequests.listWallets, { actor: actorOf(user), ...query, owner_id: user.sub }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/wallets',
      auth: 'user',
      summary: 'Open another wallet',
      description: 'A wallet of a currency and a wallet type (`personal` unless given).',
      tags: ['wallets'],
      body: openWalletBody,
      responses: { 201: walletSchema },
      examples: { request: { currency: 'EUR', type: 'personal' }, responses: { 201: adaEuroWallet } },
      handler: async ({ user, body, call }) =>
        respond(201, await call(ledgerRequests.openWallet, { actor: actorOf(user), ...body })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/wallets/:id',
      auth: 'user',
      summary: 'Read a wallet with its main, savings and available balances',
      description: 'The owner’s or, for an admin, anyone’s.',
      tags: ['wallets'],
      params: walletParams,
      responses: { 200: walletSchema },
      problems: ['wallet_not_found'],
      examples: {
        params: { id: ids.adaWallet },
        responses: { 200: adaWalletWith(adaBalances.now) },
      },
      handler: async ({ user, params, call }) =>
        respond(200, await call(ledgerRequests.getWallet, { actor: actorOf(user), wallet_id: params.id })),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/v1/wallets/:id',
      auth: 'admin',
      summary: 'Freeze, unfreeze or close a wallet (admin)',
      description:
        'Sets `status` to `frozen` (no money moves in or out), `active` again, or `closed` (for good); ' +
        '`reason` is kept with the admin’s id in the wallet’s status history and sent in a ' +
        '`ledger.wallet.status_changed` event. Closing needs the main and savings balances at zero; a ' +
        'closed wallet is never reopened; a deleted user’s wallet is never active again (each 409 ' +
        '`conflict`). Asking for the status the wallet has answers it unchanged and records nothing.',
      tags: ['wallets'],
      params: walletParams,
      body: changeWalletStatusBody,
      responses: { 200: walletSchema },
      problems: ['wallet_not_found', 'conflict'],
      examples: {
        params: { id: ids.graceWallet },
        request: { status: 'frozen', reason: 'Chargeback dispute 2291 under review' },
        responses: { 200: graceFrozenWallet },
      },
      handler: async ({ user, params, body, call }) =>
        respond(
          200,
          await call(ledgerRequests.changeWalletStatus, {
            actor: actorOf(user),
            wallet_id: params.id,
            ...body,
          }),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/wallets/:id/balance',
      auth: 'user',
      summary: 'Read a wallet’s balance now, or as of a time',
      description: 'With `at`, the balances after every movement up to and including that instant.',
      tags: ['wallets'],
      params: walletParams,
      query: walletBalanceQuery,
      responses: { 200: walletBalanceSchema },
      problems: ['wallet_not_found'],
      examples: {
        params: { id: ids.adaWallet },
        query: { at: times.balanceAt },
        responses: { 200: balanceOf(adaWalletWith(adaBalances.afterDeposit), times.balanceAt) },
      },
      handler: async ({ user, params, query, call }) =>
        respond(
          200,
          await call(ledgerRequests.getWalletBalance, {
            actor: actorOf(user),
            wallet_id: params.id,
            ...query,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/wallets/:id/deposits',
      auth: 'admin',
      summary: 'Credit a wallet by hand (back office)',
      description:
        'Moves `amount` from the back-office system account into the wallet; the wallet’s savings plan ' +
        'applies as to any credit.',
      tags: ['wallets'],
      params: walletParams,
      body: depositBody,
      idempotent: true,
      responses: { 201: transferResultSchema },
      problems: [
        'wallet_not_found',
        'wallet_frozen',
        'limit_exceeded',
        'credit_not_above_savings',
        'conflict',
      ],
      examples: {
        params: { id: ids.adaWallet },
        request: { amount: amounts.deposit, reference: 'Goodwill credit, ticket 3318' },
        responses: {
          201: {
            transfer: depositTransfer,
            balance: balanceOf(adaWalletWith(adaBalances.afterDeposit), times.deposited),
          },
        },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(ledgerRequests.deposit, {
            actor: actorOf(user),
            wallet_id: params.id,
            ...body,
            source: 'back-office',
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'PUT',
      url: '/v1/wallets/:id/savings-plan',
      auth: 'user',
      summary: 'Choose or clear my wallet’s savings plan',
      description: '`{"plan_id": null}` clears it; the plan applies to every later credit.',
      tags: ['savings'],
      params: walletParams,
      body: selectSavingsPlanBody,
      responses: { 200: walletSchema },
      problems: ['wallet_not_found', 'not_found', 'wallet_frozen'],
      examples: {
        params: { id: ids.adaWallet },
        request: { plan_id: ids.percentagePlan },
        responses: { 200: adaWalletWith(adaBalances.now) },
      },
      handler: async ({ user, params, body, call }) =>
        respond(
          200,
          await call(ledgerRequests.selectSavingsPlan, {
            actor: actorOf(user),
            wallet_id: params.id,
            plan_id: body.plan_id,
          }),
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/wallets/:id/savings/withdraw',
      auth: 'user',
      summary: 'Move money from my wallet’s savings to its main balance',
      tags: ['savings'],
      params: walletParams,
      body: withdrawSavingsBody,
      idempotent: true,
      responses: { 201: transferResultSchema },
      problems: ['wallet_not_found', 'insufficient_funds', 'limit_exceeded', 'wallet_frozen', 'conflict'],
      examples: {
        params: { id: ids.adaWallet },
        request: { amount: amounts.savingsWithdrawal },
        responses: {
          201: {
            transfer: savingsWithdrawalTransfer,
            balance: balanceOf(adaWalletWith(adaBalances.afterSavingsWithdrawal), times.savingsWithdrawn),
          },
        },
      },
      handler: async ({ user, params, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(ledgerRequests.withdrawSavings, {
            actor: actorOf(user),
            wallet_id: params.id,
            amount: body.amount,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
  ];
}
