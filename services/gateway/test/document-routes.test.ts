import { randomUUID } from 'node:crypto';
import type { AccessClaims, Actor, Invoice, Statement, Transfer } from '@moneypal/contracts';
import { AppError, formatMinor } from '@moneypal/kit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, statementCsvColumns } from '../src/documents/statement-csv.js';
import { problemBody, startGateway, type TestGateway, transferOf } from './support.js';

/** Parses RFC 4180 CSV: quoted fields, doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index++;
    } else field += character;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

/** The text of every page of a PDF, as a maintained parser (PDF.js) reads it. */
async function pdfPagesOf(body: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(body), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return pages;
}

const walletId = randomUUID();
const graceWalletId = randomUUID();

function statementFor(ownerId: string, movementCount = 3): Statement {
  const movements: Statement['movements'] = [];
  let balance = 12_000;
  const notes = ['=HYPERLINK("http://evil.example","x")', 'Dinner, "the good one"\nthanks', '@SUM(A1)'];
  for (let index = 0; index < movementCount; index++) {
    const incoming = index % 2 === 1;
    const amount = incoming ? 700 : -2_550;
    balance += amount;
    movements.push({
      transfer: transferOf({
        amount: Math.abs(amount),
        description: notes[index % notes.length]!,
        from_wallet_id: incoming ? graceWalletId : walletId,
        to_wallet_id: incoming ? walletId : graceWalletId,
        from_name: incoming ? 'Grace Hopper' : 'Ada Lovelace',
        from_handle: incoming ? 'grace' : 'ada',
        to_name: incoming ? 'Ada Lovelace' : 'Grace Hopper',
        to_handle: incoming ? 'ada' : 'grace',
        created_at: new Date(Date.UTC(2026, 10, 1 + (index % 28), 12)).toISOString(),
      }),
      amount,
      balance_after: balance,
    });
  }
  const totalIn = movements.filter((m) => m.amount > 0).reduce((sum, m) => sum + m.amount, 0);
  const totalOut = -movements.filter((m) => m.amount < 0).reduce((sum, m) => sum + m.amount, 0);
  return {
    wallet: {
      id: walletId,
      type: 'personal',
      currency: 'USD',
      owner_id: ownerId,
      owner_name: 'Ada Lovelace',
      owner_handle: 'ada',
    },
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
    opening_balance: 12_000,
    closing_balance: balance,
    total_in: totalIn,
    total_out: totalOut,
    movements,
  };
}

describe('statement and receipt routes', () => {
  let gateway: TestGateway;
  let ada: { authorization: string; claims: AccessClaims };
  let mallory: { authorization: string; claims: AccessClaims };
  let statementAsked: { actor: Actor; wallet_id: string; from: string; to: string }[];
  let movementCount: number;

  beforeEach(async () => {
    gateway = await startGateway();
    ada = await gateway.bearer('user');
    mallory = await gateway.bearer('user');
    statementAsked = [];
    movementCount = 3;
    // The ledger answers the owner and no one else, as it does (`wallet_not_found` for another's wallet).
    await gateway.respond('ledger.wallet.statement', async (payload) => {
      const request = payload as (typeof statementAsked)[number];
      statementAsked.push(request);
      if ('user_id' in request.actor && request.actor.user_id !== ada.claims.sub) {
        throw new AppError('wallet_not_found', 'no such wallet');
      }
      return statementFor(ada.claims.sub, movementCount);
    });
  });
  afterEach(async () => {
    await gateway.close();
  });

  const get = (as: { authorization: string }, url: string) =>
    gateway.app.inject({ method: 'GET', url, headers: { authorization: as.authorization } });

  it('asks the ledger for the UTC month and answers the statement as JSON by default', async () => {
    const response = await get(ada, `/v1/wallets/${walletId}/statement?month=2026-11`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toMatchObject({
      opening_balance: 12_000,
      closing_balance: 12_000 - 2_550 + 700 - 2_550,
    });
    expect(statementAsked).toEqual([
      {
        actor: { user_id: ada.claims.sub, role: 'user' },
        wallet_id: walletId,
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
      },
    ]);
    // December runs into the next year.
    await get(ada, `/v1/wallets/${walletId}/statement?month=2026-12&format=json`);
    expect(statementAsked[1]).toMatchObject({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
  });

  it('answers a CSV that parses back to the statement’s figures, exact decimals, formulas defused', async () => {
    const response = await get(ada, `/v1/wallets/${walletId}/statement?month=2026-11&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="moneypal-statement-2026-11.csv"',
    );
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(response.body.slice(1));
    expect(header).toEqual([...statementCsvColumns]);
    const column = (name: (typeof statementCsvColumns)[number]) => statementCsvColumns.indexOf(name);
    expect(
      rows.map((row) => [row[column('description')], row[column('amount')], row[column('balance')]]),
    ).toEqual([
      ['Opening balance', '', '120.00'],
      ['Money sent', '-25.50', '94.50'],
      ['Money received', '7.00', '101.50'],
      ['Money sent', '-25.50', '76.00'],
      ['Closing balance', '', '76.00'],
    ]);
    expect(rows[1]?.[column('counterparty')]).toBe('Sent to Grace Hopper (@grace)');
    expect(rows[2]?.[column('counterparty')]).toBe('Received from Grace Hopper (@grace)');
    // Text a spreadsheet would run as a formula is prefixed; quotes, commas and line breaks survive.
    expect(rows[1]?.[column('note')]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(rows[2]?.[column('note')]).toBe('Dinner, "the good one"\nthanks');
    expect(rows[3]?.[column('note')]).toBe("'@SUM(A1)");
    expect(rows.every((row) => row[column('currency')] === 'USD')).toBe(true);
  });

  it('defuses every formula opener in a CSV field and leaves plain numbers as they are', () => {
    expect(['=1+2', '+1', '-1+1', '@x', '\tcmd', '\rcmd'].map(csvField)).toEqual([
      "'=1+2",
      "'+1",
      "'-1+1",
      "'@x",
      "'\tcmd",
      `"'\rcmd"`,
    ]);
    expect(['-25.50', '7.00', '-3', 'Ada'].map(csvField)).toEqual(['-25.50', '7.00', '-3', 'Ada']);
  });

  it('answers a PDF with the wallet, owner, period, balances and movements, over numbered pages', async () => {
    movementCount = 150;
    const response = await get(
      ada,
      `/v1/wallets/${walletId}/statement?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&format=pdf`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="moneypal-statement-2026-11-01-to-2026-11-30.pdf"',
    );
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPagesOf(response.rawPayload);
    expect(pages.length).toBeGreaterThan(2);
    const first = pages[0]!;
    for (const text of ['Statement', 'Ada Lovelace (@ada)', walletId, '1 Nov 2026 to 30 Nov 2026 (UTC)']) {
      expect(first).toContain(text);
    }
    expect(first).toContain('Opening balance');
    expect(first).toContain('120.00 USD');
    expect(first).toContain('Sent to Grace Hopper (@grace)');
    expect(first).toContain('-25.50 USD');
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length}`);
      // The table's header is repeated on every page.
      expect(page).toContain('Balance');
    });
    const statement = statementFor(ada.claims.sub, 150);
    expect(first).toContain(`${formatMinor(BigInt(statement.closing_balance), 'USD')} USD`);
    expect(pages.join(' ').match(/Money (sent|received)/g)).toHaveLength(150);
  });

  it('refuses a PDF of more movements than it shows, naming the format, and answers the same period as CSV', async () => {
    movementCount = 2_001;
    const url = `/v1/wallets/${walletId}/statement?month=2026-11&format=`;
    const pdf = await get(ada, `${url}pdf`);
    expect(pdf.statusCode).toBe(400);
    expect(problemBody(pdf).errors?.map((error) => error.path)).toEqual(['format']);
    const csv = await get(ada, `${url}csv`);
    expect(csv.statusCode).toBe(200);
    expect(parseCsv(csv.body.slice(1))).toHaveLength(1 + 2_001 + 2);
  });

  it('keeps answering other requests while a long PDF is laid out', async () => {
    movementCount = 1_500;
    // Laid out in one go, 1,500 rows would hold the event loop for seconds, and a timer would
    // not run meanwhile; laid out in batches, it runs between them.
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    const response = await get(ada, `/v1/wallets/${walletId}/statement?month=2026-11&format=pdf`);
    clearInterval(timer);
    expect(response.statusCode).toBe(200);
    expect(ticks).toBeGreaterThan(20);
    expect((await pdfPagesOf(response.rawPayload)).length).toBeGreaterThan(40);
  }, 60_000);

  it("answers 404 for another user's wallet in every format, as the ledger refuses it", async () => {
    for (const format of ['json', 'csv', 'pdf']) {
      const response = await get(mallory, `/v1/wallets/${walletId}/statement?month=2026-11&format=${format}`);
      expect(response.statusCode, format).toBe(404);
      expect(problemBody(response).code).toBe('wallet_not_found');
      expect(response.headers['content-disposition']).toBeUndefined();
    }
  });

  it('refuses a bad period or format with a 400 naming the field, and asks no service', async () => {
    const url = `/v1/wallets/${walletId}/statement`;
    for (const [query, path] of [
      ['', 'month'],
      ['month=2026-13', 'month'],
      ['month=2026-1', 'month'],
      ['month=2026-11&from=2026-11-01T00:00:00Z', 'month'],
      ['from=2026-11-01T00:00:00Z', 'to'],
      ['to=2026-11-01T00:00:00Z', 'from'],
      ['from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', 'to'],
      ['from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z', 'to'],
      ['from=yesterday&to=2026-11-01T00:00:00Z', 'from'],
      ['month=2026-11&format=xlsx', 'format'],
      ['month=2026-11&extra=1', ''],
    ] as const) {
      const response = await get(ada, `${url}?${query}`);
      expect(response.statusCode, query).toBe(400);
      const paths = problemBody(response).errors?.map((error) => error.path) ?? [];
      if (path !== '') expect(paths, query).toContain(path);
    }
    const badId = await get(ada, '/v1/wallets/not-a-uuid/statement?month=2026-11');
    expect(badId.statusCode).toBe(400);
    expect(statementAsked).toEqual([]);
  });

  describe('receipts', () => {
    const transfer: Transfer = transferOf({
      amount: 2_550,
      description: 'Concert tickets',
      from_wallet_id: walletId,
      to_wallet_id: graceWalletId,
      from_name: 'Ada Lovelace',
      from_handle: 'ada',
      to_name: 'Grace Hopper',
      to_handle: 'grace',
      created_at: '2026-11-12T18:40:02.000Z',
      entries: [],
    });
    const invoice: Invoice = {
      id: randomUUID(),
      invoice_no: 1042,
      payer_id: randomUUID(),
      payee_id: randomUUID(),
      payer_name: 'Ada Lovelace',
      payer_handle: 'ada',
      payee_name: 'Grace Hopper',
      payee_handle: 'grace',
      amount: 4_999,
      currency: 'EUR',
      description: 'Logo design',
      status: 'paid',
      payment_id: null,
      transfer_id: transfer.id,
      issued_at: '2026-11-20T10:00:00.000Z',
      paid_at: '2026-11-20T10:00:01.000Z',
      refunded_at: null,
      refunded_amount: 0,
      updated_at: '2026-11-20T10:00:01.000Z',
      hold_id: null,
      amount_paid: 4_999,
    };

    beforeEach(async () => {
      await gateway.respond('ledger.transaction.get', async (payload) => {
        const { actor } = payload as { actor: Actor };
        if ('user_id' in actor && actor.user_id !== ada.claims.sub)
          throw new AppError('not_found', 'no such transfer');
        return {
          ...transfer,
          entries: [
            {
              id: randomUUID(),
              account_id: randomUUID(),
              wallet_id: walletId,
              account: 'main',
              amount: -2_550,
              balance_after: 9_450,
            },
          ],
        };
      });
      await gateway.respond('billing.invoice.get', async (payload) => {
        const { actor } = payload as { actor: Actor };
        if ('user_id' in actor && actor.user_id !== ada.claims.sub)
          throw new AppError('not_found', 'no such invoice');
        return invoice;
      });
    });

    it('renders a transaction receipt: who paid whom, amount, date, reference, status', async () => {
      const response = await get(ada, `/v1/transactions/${transfer.id}/receipt`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="moneypal-receipt-${transfer.id}.pdf"`,
      );
      const [page, ...more] = await pdfPagesOf(response.rawPayload);
      expect(more).toEqual([]);
      for (const text of [
        'Transaction receipt',
        'Money sent',
        'Ada Lovelace (@ada)',
        'Grace Hopper (@grace)',
        '25.50 USD',
        '12 Nov 2026, 18:40 UTC',
        'Completed',
        transfer.id,
        'Concert tickets',
        'Page 1 of 1',
      ]) {
        expect(page).toContain(text);
      }
    });

    it('renders an invoice receipt with its number, parties, amount, dates and status', async () => {
      const response = await get(ada, `/v1/invoices/${invoice.id}/receipt`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="moneypal-invoice-1042-receipt.pdf"',
      );
      const [page] = await pdfPagesOf(response.rawPayload);
      for (const text of [
        'Invoice 1042 receipt',
        'Ada Lovelace (@ada)',
        'Grace Hopper (@grace)',
        '49.99 EUR',
        'Paid',
        invoice.id,
      ]) {
        expect(page).toContain(text);
      }
    });

    it("answers 404 for another user's transaction or invoice, and 400 for a bad id", async () => {
      expect((await get(mallory, `/v1/transactions/${transfer.id}/receipt`)).statusCode).toBe(404);
      expect((await get(mallory, `/v1/invoices/${invoice.id}/receipt`)).statusCode).toBe(404);
      expect((await get(ada, '/v1/transactions/42/receipt')).statusCode).toBe(400);
      expect((await get(ada, '/v1/invoices/42/receipt')).statusCode).toBe(400);
      const anonymous = await gateway.app.inject({
        method: 'GET',
        url: `/v1/invoices/${invoice.id}/receipt`,
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  it('documents the statement as JSON, CSV or PDF, and receipts as PDF, with their attachment header', async () => {
    const document = (await gateway.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const statement = document.paths['/v1/wallets/{id}/statement'].get.responses['200'];
    expect(Object.keys(statement.content)).toEqual(['application/json', 'text/csv', 'application/pdf']);
    expect(statement.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Statement' });
    expect(statement.content['application/json'].example.closing_balance).toBe(15_150);
    expect(statement.content['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(statement.headers).toHaveProperty('Content-Disposition');
    for (const path of ['/v1/transactions/{id}/receipt', '/v1/invoices/{id}/receipt']) {
      const receipt = document.paths[path].get.responses;
      expect(Object.keys(receipt['200'].content), path).toEqual(['application/pdf']);
      expect(receipt).toHaveProperty('404');
    }
    const parameters = document.paths['/v1/wallets/{id}/statement'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(parameters).toEqual(['id', 'month', 'from', 'to', 'format']);
  });
});
