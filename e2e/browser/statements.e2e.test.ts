import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { systemLabel } from '../support/system.js';
import {
  browserSuite,
  checkScreenAtBothWidths,
  desktopWidth,
  navigateTo,
  type Person,
  phoneWidth,
} from './browser.js';

/*
 * History searched by person and by amount, a month's statement downloaded as CSV (its
 * figures checked) and as PDF, and receipts of a transaction and of an invoice: each file
 * fetched with the session's token and saved by the browser.
 */

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;

/** How the app names a person registered by `setUpPerson` (last name "Tester"). */
const labelOf = (person: Person) => `${person.firstName} Tester (@${person.userName})`;

/** The month the system's clock is in, as statements name it. */
const thisMonth = () => new Date().toISOString().slice(0, 7);

async function sendThroughApi(
  token: string,
  payee: Person,
  amount: number,
  description: string,
  key: string,
) {
  const wallet = await suite.api.walletOf(token);
  const transfer = await suite.api.http('/v1/transfers', {
    token,
    body: { from_wallet_id: wallet.id, to_user: payee.userName, amount, description },
    headers: { 'idempotency-key': key },
  });
  expect(transfer.status).toBe(201);
  return transfer.body.transfer as { id: string };
}

/** Clicks `button` and answers the download it starts, with the answer of the request behind it. */
async function downloadBy(page: Page, buttonName: string, path: RegExp) {
  const [download, response] = await Promise.all([
    page.waitForEvent('download'),
    page.waitForResponse((candidate) => path.test(new URL(candidate.url()).pathname)),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const content = await readFile((await (download as Download).path())!);
  return { download: download as Download, response, content };
}

/** RFC 4180 records of a CSV without quoted line breaks (as this scenario's notes have none). */
function csvRecordsOf(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

describe(`history search, statements and receipts (${systemLabel})`, () => {
  it('finds movements by person and by amount, and downloads the month as CSV and PDF', async () => {
    const payer = await setUpPerson('Sofia', 10_000);
    const tomas = await setUpPerson('Tomas');
    const uma = await setUpPerson('Uma');
    const token = await suite.api.logIn(payer.userName, payer.password);
    await sendThroughApi(token, tomas, 2_550, 'Concert tickets', `statements-1-${payer.userName}`);
    await sendThroughApi(token, uma, 700, 'Taxi home', `statements-2-${payer.userName}`);

    const page = await pageAt(phoneWidth);
    await logInAs(page, payer);
    await navigateTo(page, 'History');
    await page.getByRole('link', { name: /Taxi home/ }).waitFor();

    await page.getByLabel('Person').fill('tomas');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page
      .getByRole('link', { name: /Concert tickets/ })
      .getByText(`Sent to ${labelOf(tomas)}`)
      .waitFor();
    await expect.poll(() => page.getByRole('link', { name: /Taxi home/ }).count()).toBe(0);
    await checkScreenAtBothWidths(page, 'history-search-person');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Min amount (USD)').fill('5');
    await page.getByLabel('Max amount (USD)').fill('10');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: /Taxi home/ }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /Concert tickets/ }).count()).toBe(0);
    await checkScreenAtBothWidths(page, 'history-search-amount');

    await page.getByLabel('Max amount (USD)').fill('1');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('The min amount must not be above the max amount.').waitFor();

    const month = thisMonth();
    await page.getByLabel('Month').fill(month);
    await page.getByLabel('Format').selectOption('csv');
    const csv = await downloadBy(page, 'Download statement', /\/statement$/);
    expect(csv.download.suggestedFilename()).toBe(`moneypal-statement-${month}.csv`);
    expect(csv.response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csvRecordsOf(csv.content.toString('utf8'));
    expect(header).toEqual([
      'date',
      'description',
      'counterparty',
      'note',
      'reference',
      'amount',
      'balance',
      'currency',
    ]);
    expect(rows.map((row) => [row[1], row[5], row[6]])).toEqual([
      ['Opening balance', '', '0.00'],
      ['Money added', '100.00', '100.00'],
      ['Money sent', '-25.50', '74.50'],
      ['Money sent', '-7.00', '67.50'],
      ['Closing balance', '', '67.50'],
    ]);
    expect(rows[2]?.[2]).toBe(`Sent to ${labelOf(tomas)}`);
    // The closing balance is the balance the wallet answers.
    expect((await suite.api.walletOf(token)).main).toBe(6_750);
    await page.getByText(`Your statement was saved as moneypal-statement-${month}.csv.`).waitFor();

    await page.getByLabel('Format').selectOption('pdf');
    const pdf = await downloadBy(page, 'Download statement', /\/statement$/);
    expect(pdf.download.suggestedFilename()).toBe(`moneypal-statement-${month}.pdf`);
    expect(pdf.response.headers()['content-type']).toBe('application/pdf');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.content.subarray(-6).toString()).toContain('%%EOF');
    await checkScreenAtBothWidths(page, 'history-statement-downloaded');
    expectNoPageErrors();
  }, 180_000);

  it('downloads the receipt of a transaction and of an invoice as PDF', async () => {
    const payer = await setUpPerson('Vera', 5_000);
    const provider = await setUpPerson('Wim');
    const token = await suite.api.logIn(payer.userName, payer.password);
    const transfer = await sendThroughApi(
      token,
      provider,
      1_200,
      'Bike repair',
      `receipts-${payer.userName}`,
    );

    const page = await pageAt(desktopWidth);
    await logInAs(page, payer);
    await page.goto(`${suite.system.url}/history/${transfer.id}`);
    await page.getByRole('heading', { name: 'Money sent' }).waitFor();
    const receipt = await downloadBy(page, 'Download receipt', /\/receipt$/);
    expect(receipt.download.suggestedFilename()).toBe(`moneypal-receipt-${transfer.id}.pdf`);
    expect(receipt.response.headers()['content-type']).toBe('application/pdf');
    expect(receipt.content.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByText(`Your receipt was saved as moneypal-receipt-${transfer.id}.pdf.`).waitFor();
    await checkScreenAtBothWidths(page, 'transaction-receipt');

    const bill = await suite.api.http('/v1/bills', {
      token,
      body: { to_user: provider.userName, amount: 900, description: 'Guitar lesson' },
      headers: { 'idempotency-key': `receipts-bill-${payer.userName}` },
    });
    expect(bill.status).toBe(201);
    const invoice = bill.body.invoice as { id: string; invoice_no: number };
    await page.goto(`${suite.system.url}/invoices/${invoice.id}`);
    await page.getByRole('heading', { name: `Invoice no. ${invoice.invoice_no}` }).waitFor();
    const invoiceReceipt = await downloadBy(page, 'Download receipt', /\/receipt$/);
    expect(invoiceReceipt.download.suggestedFilename()).toBe(
      `moneypal-invoice-${invoice.invoice_no}-receipt.pdf`,
    );
    expect(invoiceReceipt.content.subarray(0, 5).toString()).toBe('%PDF-');
    await checkScreenAtBothWidths(page, 'invoice-receipt');

    // Another person's receipt is not found, for the transaction and the invoice alike.
    const stranger = await setUpPerson('Xena');
    const strangerToken = await suite.api.logIn(stranger.userName, stranger.password);
    expect(
      (await suite.api.http(`/v1/transactions/${transfer.id}/receipt`, { token: strangerToken })).status,
    ).toBe(404);
    expect(
      (await suite.api.http(`/v1/invoices/${invoice.id}/receipt`, { token: strangerToken })).status,
    ).toBe(404);
    const wallet = await suite.api.walletOf(token);
    expect(
      (
        await suite.api.http(`/v1/wallets/${wallet.id}/statement?month=${thisMonth()}`, {
          token: strangerToken,
        })
      ).status,
    ).toBe(404);
    expectNoPageErrors();
  }, 180_000);
});
