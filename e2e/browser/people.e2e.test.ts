import type { Page } from 'playwright-core';
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
 * The other person, named: the send screen says who will receive the money before it is
 * sent, refuses nobody, yourself and more than the wallet holds on the form, and history
 * and transaction details name the other party by display name and handle.
 */

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;

/** How the app names a person registered by `setUpPerson` (last name "Tester"). */
const labelOf = (person: Person) => `${person.firstName} Tester (@${person.userName})`;

const recipientField = (page: Page) => page.getByLabel('To (user name, email or phone)');

/** The error shown next to a field, as assistive technology reads it with the field. */
async function fieldErrorOf(page: Page, label: string): Promise<string | null> {
  const field = page.getByLabel(label);
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const errorId = (await field.getAttribute('aria-describedby'))
    ?.split(' ')
    .find((id) => id.endsWith('-error'));
  return errorId === undefined ? null : page.locator(`#${errorId}`).textContent();
}

/** The payer sends `amount` to the payee through the API, with a note; answers the payer's access token. */
async function sendThroughApi(payer: Person, payee: Person, amount: number, description: string) {
  const token = await suite.api.logIn(payer.userName, payer.password);
  const wallet = await suite.api.walletOf(token);
  const transfer = await suite.api.http('/v1/transfers', {
    token,
    body: { from_wallet_id: wallet.id, to_user: payee.userName, amount, description },
    headers: { 'idempotency-key': `people-${payer.userName}` },
  });
  expect(transfer.status).toBe(201);
  return token;
}

describe(`the other person, named (${systemLabel})`, () => {
  it('refuses nobody, yourself and too much on the form, and names the recipient before sending', async () => {
    const payer = await setUpPerson('Nadia', 5_000);
    const payee = await setUpPerson('Omar');
    const page = await pageAt(phoneWidth);
    await logInAs(page, payer);
    await navigateTo(page, 'Send');

    await recipientField(page).fill(`${payee.userName}x`);
    await page.getByText('No MoneyPal user has exactly that user name, email or phone.').waitFor();
    await page.getByLabel('Amount (USD)').fill('1');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await fieldErrorOf(page, 'To (user name, email or phone)')).toBe(
      'Unknown user: no MoneyPal user has that user name, email or phone.',
    );
    await checkScreenAtBothWidths(page, 'send-unknown-recipient');

    await recipientField(page).fill(payer.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await fieldErrorOf(page, 'To (user name, email or phone)')).toBe(
      'That is you. Enter the user name, email or phone of someone else.',
    );

    await recipientField(page).fill(payee.email);
    await page
      .getByRole('status')
      .getByText(`Sends to ${labelOf(payee)}`)
      .waitFor();
    await page.getByLabel('Amount (USD)').fill('50.01');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await fieldErrorOf(page, 'Amount (USD)')).toBe(
      'That is more than the $50.00 available in this wallet.',
    );
    await checkScreenAtBothWidths(page, 'send-too-much');
    expect(await page.getByRole('heading', { name: 'Check and confirm' }).count()).toBe(0);

    await page.getByLabel('Amount (USD)').fill('12.50');
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('region', { name: 'Check and confirm' });
    await confirm.getByText(labelOf(payee)).waitFor();
    await checkScreenAtBothWidths(page, 'send-confirm-named');
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByText(`Sent $12.50 to ${labelOf(payee)}.`).waitFor();

    // Nothing moved before the confirmation: the one transfer is the one confirmed.
    const token = await suite.api.logIn(payer.userName, payer.password);
    const sent = await suite.api.http('/v1/transactions?direction=out', { token });
    expect(sent.body.data.map((transfer: { amount: number }) => transfer.amount)).toEqual([1_250]);

    // The next send offers the person just paid: one tap fills the recipient.
    await page.reload();
    await page.getByRole('button', { name: labelOf(payee) }).click();
    expect(await page.getByLabel('To (user name, email or phone)').inputValue()).toBe(payee.userName);
    await page.getByText(`Sends to ${labelOf(payee)}`).waitFor();
    await checkScreenAtBothWidths(page, 'send-recent-recipients');
    expectNoPageErrors();
  }, 120_000);

  it('names the other person in both people’s activity, transaction details and invoices, and a renamed one by the new name', async () => {
    const payer = await setUpPerson('Petra', 5_000);
    const payee = await setUpPerson('Ravi');
    const payerToken = await sendThroughApi(payer, payee, 700, 'Concert tickets');

    const payerPage = await pageAt(desktopWidth);
    await logInAs(payerPage, payer);
    await navigateTo(payerPage, 'History');
    const sentRow = payerPage.getByRole('link', { name: /Concert tickets/ });
    await sentRow.getByText(`Sent to ${labelOf(payee)}`).waitFor();
    await checkScreenAtBothWidths(payerPage, 'history-named');
    await sentRow.click();
    await payerPage.getByRole('heading', { name: 'Money sent' }).waitFor();
    const details = payerPage.locator('dl.summary');
    await details.getByText(`Your wallet (${labelOf(payer)})`).waitFor();
    await details.getByText(labelOf(payee)).waitFor();
    await checkScreenAtBothWidths(payerPage, 'transaction-named');

    const payeePage = await pageAt(phoneWidth);
    await logInAs(payeePage, payee);
    await navigateTo(payeePage, 'History');
    await payeePage
      .getByRole('link', { name: /Concert tickets/ })
      .getByText(`Received from ${labelOf(payer)}`)
      .waitFor();

    const bill = await suite.api.http('/v1/bills', {
      token: payerToken,
      body: { to_user: payee.userName, amount: 900, description: 'Guitar lesson' },
      headers: { 'idempotency-key': `people-bill-${payer.userName}` },
    });
    expect(bill.status).toBe(201);
    await payeePage.goto(`${suite.system.url}/invoices/${bill.body.invoice.id}`);
    await payeePage.getByRole('heading', { name: /Invoice no\. \d+/ }).waitFor();
    const invoice = payeePage.locator('dl.summary');
    await invoice.getByText(labelOf(payer)).waitFor();
    await invoice.getByText('You', { exact: true }).waitFor();
    await checkScreenAtBothWidths(payeePage, 'invoice-named');

    // Identity's user update reaches the ledger over the bus; history shows the new name.
    const renamed = await suite.api.http('/v1/users/me', {
      method: 'PATCH',
      token: await suite.api.logIn(payee.userName, payee.password),
      body: { first_name: 'Ravindra' },
    });
    expect(renamed.status).toBe(200);
    await expect
      .poll(
        async () => {
          await payerPage.reload();
          return payerPage.locator('dl.summary').textContent();
        },
        { timeout: 10_000 },
      )
      .toContain(`Ravindra Tester (@${payee.userName})`);
    expectNoPageErrors();
  }, 120_000);

  it('names a deleted user "Deleted user" in the history of the people who paid them', async () => {
    const payer = await setUpPerson('Sofia', 5_000);
    const payee = await setUpPerson('Tomas');
    await sendThroughApi(payer, payee, 300, 'Bike repair');
    const deleted = await suite.api.http('/v1/users/me', {
      method: 'DELETE',
      token: await suite.api.logIn(payee.userName, payee.password),
      body: { password: payee.password },
    });
    expect(deleted.status).toBe(204);

    const page = await pageAt(phoneWidth);
    await logInAs(page, payer);
    await navigateTo(page, 'History');
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole('link', { name: /Bike repair/ }).textContent();
        },
        { timeout: 10_000 },
      )
      .toContain('Sent to Deleted user');
    expectNoPageErrors();
  }, 120_000);
});
