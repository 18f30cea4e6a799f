import {
  createSavingsPlanBody,
  createWalletTypeBody,
  ledgerRequests,
  listTransactionRulesQuery,
  putTransactionRuleBody,
  savingsPlanSchema,
  transactionRuleSchema,
  walletTypeSchema,
} from '@moneypal/contracts';
import { actorOf, defineRoute, type Route, respond } from '../route.js';
import { savingsPlans, transferRule, walletTypes } from './examples.js';

/** What the admin defines and every wallet follows: wallet types, savings plans and transaction rules. */
export function catalogRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/wallet-types',
      auth: 'user',
      summary: 'List wallet types',
      tags: ['wallets'],
      responses: { 200: ledgerRequests.listWalletTypes.reply },
      examples: { responses: { 200: { data: walletTypes } } },
      handler: async ({ user, call }) =>
        respond(200, await call(ledgerRequests.listWalletTypes, { actor: actorOf(user) })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/wallet-types',
      auth: 'admin',
      summary: 'Create a wallet type',
      tags: ['wallets'],
      body: createWalletTypeBody,
      responses: { 201: walletTypeSchema },
      problems: ['conflict'],
      examples: { request: { code: 'business', name: 'Business' }, responses: { 201: walletTypes[1]! } },
      handler: async ({ user, body, call }) =>
        respond(201, await call(ledgerRequests.createWalletType, { actor: actorOf(user), ...body })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/savings-plans',
      auth: 'user',
      summary: 'List savings plans',
      tags: ['savings'],
      responses: { 200: ledgerRequests.listSavingsPlans.reply },
      examples: { responses: { 200: { data: savingsPlans } } },
      handler: async ({ user, call }) =>
        respond(200, await call(ledgerRequests.listSavingsPlans, { actor: actorOf(user) })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/savings-plans',
      auth: 'admin',
      summary: 'Create a savings plan',
      description:
        '`flat`: `value` minor units of every credit go to savings (a smaller or equal credit is refused); ' +
        '`percentage`: `value` basis points (1/100 %) of every credit, rounded down.',
      tags: ['savings'],
      body: createSavingsPlanBody,
      responses: { 201: savingsPlanSchema },
      examples: {
        request: { name: 'Save 10 %', kind: 'percentage', value: 1_000 },
        responses: { 201: savingsPlans[0]! },
      },
      handler: async ({ user, body, call }) =>
        respond(201, await call(ledgerRequests.createSavingsPlan, { actor: actorOf(user), plan: body })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/transaction-rules',
      auth: 'admin',
      summary: 'List transaction rules',
      tags: ['transaction rules'],
      query: listTransactionRulesQuery,
      responses: { 200: ledgerRequests.listTransactionRules.reply },
      examples: { query: { wallet_type: 'personal' }, responses: { 200: { data: [transferRule] } } },
      handler: async ({ user, query, call }) =>
        respond(200, await call(ledgerRequests.listTransactionRules, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'POST',
      url: '/v1/transaction-rules',
      auth: 'admin',
      summary: 'Set the rule of a wallet type and transaction type',
      description:
        'Creates the rule, or replaces the one that wallet type and transaction type already have. A limit ' +
        'left out or `null` does not apply.',
      tags: ['transaction rules'],
      body: putTransactionRuleBody,
      responses: { 200: transactionRuleSchema },
      examples: {
        request: {
          wallet_type: transferRule.wallet_type,
          transaction_type: transferRule.transaction_type,
          min_amount: transferRule.min_amount,
          max_amount: transferRule.max_amount,
          daily_total: transferRule.daily_total,
          daily_count: transferRule.daily_count,
        },
        responses: { 200: transferRule },
      },
      handler: async ({ user, body, call }) =>
        respond(200, await call(ledgerRequests.putTransactionRule, { actor: actorOf(user), rule: body })),
    }),
  ];
}
