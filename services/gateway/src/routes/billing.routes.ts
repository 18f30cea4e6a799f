import {
  billingRequests,
  billResultSchema,
  createBillBody,
  invoicePage,
  invoiceSchema,
  listInvoicesQuery,
  reportSummaryQuery,
  reportSummarySchema,
  uuid,
} from '@moneypal/contracts';
import { z } from 'zod';
import { actorOf, defineRoute, type Route, respond, respondReplayable } from '../route.js';
import { exampleCursor, gardenInvoice, ids, novemberReport, people } from './examples.js';

/** Bills paid from the wallet, the invoices they issue, and the reports over them. */
export function billingRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/bills',
      auth: 'user',
      summary: 'Pay a provider from my wallet',
      description:
        'Pays the provider (`to_user`: user name or email) from my default wallet, or `wallet_id`, and ' +
        'issues a paid invoice. When the wallet is short, pay through PayPal instead (`POST /v1/payments` ' +
        'with `paid_to`). With `escrow: true` the amount goes into a hold for the provider instead, and the ' +
        'invoice is issued `held` with its `hold_id`: capturing the hold (`POST /v1/holds/{id}/capture`) ' +
        'pays it, voiding it or letting it expire with nothing captured cancels it.',
      tags: ['billing'],
      body: createBillBody,
      idempotent: true,
      responses: { 201: billResultSchema },
      problems: [
        'wallet_not_found',
        'recipient_not_found',
        'recipient_has_no_wallet',
        'insufficient_funds',
        'limit_exceeded',
        'currency_mismatch',
        'wallet_frozen',
        'credit_not_above_savings',
      ],
      examples: {
        request: { to_user: people.grace.handle, amount: gardenInvoice.amount, description: 'Garden work' },
        responses: { 201: { invoice: gardenInvoice, transfer_id: ids.gardenTransfer } },
      },
      handler: async ({ user, body, idempotencyKey, call }) =>
        respondReplayable(
          201,
          await call(billingRequests.createBill, {
            actor: actorOf(user),
            ...body,
            idempotency_key: idempotencyKey,
          }),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/invoices',
      auth: 'user',
      summary: 'List invoices I paid or was paid',
      description:
        'Newest first; `role=payer` or `role=payee` narrows to one side; `transfer_id` or `hold_id` finds ' +
        'the invoice of one movement.',
      tags: ['billing'],
      query: listInvoicesQuery,
      responses: { 200: invoicePage },
      examples: {
        query: {
          role: 'payer',
          status: 'paid',
          transfer_id: ids.gardenTransfer,
          hold_id: ids.tilingHold,
          cursor: exampleCursor,
          limit: '20',
        },
        responses: { 200: { data: [gardenInvoice], next_cursor: null } },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(billingRequests.listInvoices, { actor: actorOf(user), ...query })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/invoices/:id',
      auth: 'user',
      summary: 'Read one invoice',
      description: 'For its payer, its payee or an admin.',
      tags: ['billing'],
      params: z.object({ id: uuid }).strict(),
      responses: { 200: invoiceSchema },
      problems: ['not_found'],
      examples: { params: { id: ids.gardenInvoice }, responses: { 200: gardenInvoice } },
      handler: async ({ user, params, call }) =>
        respond(200, await call(billingRequests.getInvoice, { actor: actorOf(user), invoice_id: params.id })),
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/reports/summary',
      auth: 'user',
      summary: 'My totals and daily series over a date range',
      description:
        'Payments made and received, deposits, transfers in and out, and invoices, per currency, for the UTC ' +
        'days `from` to `to` inclusive (at most 366 days).',
      tags: ['billing'],
      query: reportSummaryQuery,
      responses: { 200: reportSummarySchema },
      examples: {
        query: { from: novemberReport.from, to: novemberReport.to },
        responses: { 200: novemberReport },
      },
      handler: async ({ user, query, call }) =>
        respond(200, await call(billingRequests.reportSummary, { actor: actorOf(user), ...query })),
    }),
  ];
}
