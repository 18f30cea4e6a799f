import {
  billingRequests,
  ledgerRequests,
  type Statement,
  statementQuery,
  statementSchema,
  uuid,
} from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import { z } from 'zod';
import type { Direction } from '../documents/movement-wording.js';
import { invoiceReceiptPdfOf, transactionReceiptPdfOf } from '../documents/receipt-pdf.js';
import { statementCsvOf } from '../documents/statement-csv.js';
import { maxPdfStatementMovements, statementPdfOf } from '../documents/statement-pdf.js';
import { statementFileNameOf, statementPeriodOf } from '../documents/statement-period.js';
import { actorOf, defineRoute, documentResponse, type Route, respond, respondDocument } from '../route.js';

const idParams = z.object({ id: uuid }).strict();

/** Documents are rendered here, each taking far more work than a JSON answer: 20 a minute per user. */
const documentsPerUserPerMinute = 20;

const exampleWalletId = '0193a1f0-6b2c-7d11-8e3f-2a4b5c6d7e80';
const exampleOwnerId = '0193a1e8-0f4a-7c55-9b1d-3e2f4a5b6c7d';
const exampleGraceWalletId = '0193a1f2-11aa-7e42-a5c3-9d8e7f6a5b4c';

/** Ada's November 2026: 120.00 USD at the start, a PayPal top-up, a transfer out and one back in. */
const statementExample: Statement = {
  wallet: {
    id: exampleWalletId,
    type: 'personal',
    currency: 'USD',
    owner_id: exampleOwnerId,
    owner_name: 'Ada Lovelace',
    owner_handle: 'ada',
  },
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  opening_balance: 12_000,
  closing_balance: 15_150,
  total_in: 5_700,
  total_out: 2_550,
  movements: [
    {
      transfer: {
        id: '0196b0a0-0c00-7a00-8a00-000000000001',
        type: 'deposit',
        status: 'posted',
        amount: 5_000,
        currency: 'USD',
        description: 'paypal:5TY05013RG002845M',
        metadata: { source: 'paypal-clearing' },
        from_wallet_id: null,
        to_wallet_id: exampleWalletId,
        initiator_id: null,
        from_name: null,
        from_handle: null,
        to_name: 'Ada Lovelace',
        to_handle: 'ada',
        created_at: '2026-11-03T09:12:44.000Z',
      },
      amount: 5_000,
      balance_after: 17_000,
    },
    {
      transfer: {
        id: '0196b0a0-0c00-7a00-8a00-000000000002',
        type: 'transfer',
        status: 'posted',
        amount: 2_550,
        currency: 'USD',
        description: 'Concert tickets',
        metadata: {},
        from_wallet_id: exampleWalletId,
        to_wallet_id: exampleGraceWalletId,
        initiator_id: exampleOwnerId,
        from_name: 'Ada Lovelace',
        from_handle: 'ada',
        to_name: 'Grace Hopper',
        to_handle: 'grace',
        created_at: '2026-11-12T18:40:02.000Z',
      },
      amount: -2_550,
      balance_after: 14_450,
    },
    {
      transfer: {
        id: '0196b0a0-0c00-7a00-8a00-000000000003',
        type: 'transfer',
        status: 'posted',
        amount: 700,
        currency: 'USD',
        description: 'Taxi, my half',
        metadata: {},
        from_wallet_id: exampleGraceWalletId,
        to_wallet_id: exampleWalletId,
        initiator_id: '0193a1e9-5d3c-7b21-8f0e-6a7b8c9d0e1f',
        from_name: 'Grace Hopper',
        from_handle: 'grace',
        to_name: 'Ada Lovelace',
        to_handle: 'ada',
        created_at: '2026-11-30T23:59:59.000Z',
      },
      amount: 700,
      balance_after: 15_150,
    },
  ],
};

/**
 * Documents to save: a wallet's statement (JSON, CSV or PDF) and PDF receipts of one
 * transaction and one invoice. The figures come from the ledger and billing as JSON; the
 * rendering happens here, at the edge, so that no service formats documents. Each reads
 * only what its JSON route would let the caller read: another user's wallet, transaction or
 * invoice is not found.
 */
export function documentRoutes(): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/v1/wallets/:id/statement',
      auth: 'user',
      summary: 'Download a statement of my wallet',
      description:
        'The main balance of one wallet over a calendar month in UTC (`month=2026-11`) or a period (`from` ' +
        'inclusive, `to` exclusive, at most 366 days): the opening balance (every movement before the period), ' +
        'each movement with the balance after it, money in and out, and the closing balance (the opening ' +
        'balance plus every movement). `format=json` (the default), `csv` (RFC 4180, UTF-8, amounts as exact ' +
        'decimals) or `pdf`; CSV and PDF come as an attachment, `moneypal-statement-2026-11.pdf`. At most ' +
        '10,000 movements: a busier period is asked for in parts.',
      tags: ['wallets'],
      params: idParams,
      query: statementQuery,
      responses: { 200: documentResponse(['text/csv', 'application/pdf'], statementSchema) },
      problems: ['wallet_not_found'],
      rateLimitPerUserPerMinute: documentsPerUserPerMinute,
      examples: {
        params: { id: exampleWalletId },
        query: { month: '2026-11', from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z', format: 'pdf' },
        responses: { 200: statementExample },
      },
      handler: async ({ user, params, query, call }) => {
        const statement = await call(ledgerRequests.getStatement, {
          actor: actorOf(user),
          wallet_id: params.id,
          ...statementPeriodOf(query),
        });
        if (query.format === 'json') return respond(200, statement);
        if (query.format === 'pdf' && statement.movements.length > maxPdfStatementMovements) {
          throw new AppError(
            'validation_failed',
            `A PDF statement shows at most ${maxPdfStatementMovements} movements; this period has ${statement.movements.length}. Download it as CSV, or ask for a shorter period.`,
            {
              errors: [
                { path: 'format', message: `pdf shows at most ${maxPdfStatementMovements} movements` },
              ],
            },
          );
        }
        const filename = statementFileNameOf(query, query.format);
        return query.format === 'csv'
          ? respondDocument(200, { mediaType: 'text/csv', filename, content: statementCsvOf(statement) })
          : respondDocument(200, {
              mediaType: 'application/pdf',
              filename,
              content: await statementPdfOf(statement),
            });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/transactions/:id/receipt',
      auth: 'user',
      summary: 'Download the receipt of a transaction',
      description:
        'A PDF: who paid whom, the amount, the date, the reference and the status. For a party to the ' +
        'transaction or an admin, as reading it.',
      tags: ['transfers'],
      params: idParams,
      responses: { 200: documentResponse(['application/pdf']) },
      problems: ['not_found'],
      rateLimitPerUserPerMinute: documentsPerUserPerMinute,
      examples: { params: { id: '0196b0a0-0c00-7a00-8a00-000000000002' }, responses: {} },
      handler: async ({ user, params, call }) => {
        const transfer = await call(ledgerRequests.getTransaction, {
          actor: actorOf(user),
          transfer_id: params.id,
        });
        // A user reads only the entries of their own wallets: they tell which side the reader is.
        const ownWallets = new Set((transfer.entries ?? []).map((entry) => entry.wallet_id));
        const paid = transfer.from_wallet_id !== null && ownWallets.has(transfer.from_wallet_id);
        const received = transfer.to_wallet_id !== null && ownWallets.has(transfer.to_wallet_id);
        const direction: Direction =
          paid && received ? (user.role === 'admin' ? 'out' : 'within') : received ? 'in' : 'out';
        return respondDocument(200, {
          mediaType: 'application/pdf',
          filename: `moneypal-receipt-${transfer.id}.pdf`,
          content: await transactionReceiptPdfOf(transfer, direction),
        });
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/v1/invoices/:id/receipt',
      auth: 'user',
      summary: 'Download the receipt of an invoice',
      description:
        'A PDF: the invoice number, who paid whom, the amount, its dates, references and status. For its ' +
        'payer, its payee or an admin, as reading it.',
      tags: ['billing'],
      params: idParams,
      responses: { 200: documentResponse(['application/pdf']) },
      problems: ['not_found'],
      rateLimitPerUserPerMinute: documentsPerUserPerMinute,
      examples: { params: { id: '0196b0a0-0e00-7a00-8a00-000000000001' }, responses: {} },
      handler: async ({ user, params, call }) => {
        const invoice = await call(billingRequests.getInvoice, {
          actor: actorOf(user),
          invoice_id: params.id,
        });
        return respondDocument(200, {
          mediaType: 'application/pdf',
          filename: `moneypal-invoice-${invoice.invoice_no}-receipt.pdf`,
          content: await invoiceReceiptPdfOf(invoice),
        });
      },
    }),
  ];
}
