import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, systemLabel } from '../support/system.js';
import {
  browserSuite,
  checkScreen,
  checkScreenAtBothWidths,
  desktopWidth,
  navigateTo,
  phoneWidth,
  startFunding,
} from './browser.js';

/*
 * Money out and money held: cashing out to PayPal, paying into escrow and settling it from
 * both sides, and reading what happened in plain words (history, details, invoices, messages).
 */

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;

/** A balance of the wallet card on the home screen: `Main`, `Savings` or `Held in escrow`. */
function balance(page: Page, name: string) {
  return page
    .locator('.wallet-card .balance')
    .filter({ has: page.getByText(name, { exact: true }) })
    .locator('dd');
}

/** The held payment titled `title` on the held payments screen. */
function heldPayment(page: Page, title: string) {
  return page.getByRole('listitem', { name: title });
}

/** A day `days` from today, as a date input takes it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe(`money out and escrow in a browser (${systemLabel})`, () => {
  it('cashes out to PayPal after a confirmation, follows the payout to paid, refuses more than the balance next to the amount, and gives a failed payout back', async () => {
    const person = await setUpPerson('Olga', 5000);
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, person);

    await navigateTo(page, 'Cash out');
    await page.getByLabel('PayPal email').waitFor();
    await checkScreenAtBothWidths(page, 'cash-out');

    await page.getByLabel('Amount (USD)').fill('80');
    await page.getByLabel('PayPal email').fill('not an email');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That is more than your wallet has available ($50.00).').waitFor();
    await page.getByText('Enter the email address of a PayPal account.').waitFor();
    expect(await page.getByLabel('Amount (USD)').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('amount');
    await checkScreen(page, 'cash-out-refused');

    await page.getByLabel('Amount (USD)').fill('20');
    await page.getByLabel('PayPal email').fill('olga.paypal@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirmation = page.getByRole('region', { name: 'Check and confirm' });
    await expect.poll(() => confirmation.textContent()).toContain('PayPal account olga.paypal@example.com');
    await expect.poll(() => confirmation.textContent()).toContain('$20.00');
    await checkScreenAtBothWidths(page, 'cash-out-confirm');
    await page.getByRole('button', { name: 'Confirm and cash out' }).click();
    await page.getByText('Cash out of $20.00 to olga.paypal@example.com', { exact: false }).waitFor();
    await page.getByText('PayPal paid it to olga.paypal@example.com.').first().waitFor({ timeout: 20_000 });
    const payouts = page.getByRole('region', { name: 'Your cash outs' });
    await expect.poll(() => payouts.textContent()).toContain('To olga.paypal@example.com');
    await expect.poll(() => payouts.locator('.badge').first().textContent()).toBe('Paid');
    await checkScreenAtBothWidths(page, 'cash-out-paid');

    await page.getByRole('button', { name: 'Cash out more' }).click();
    await page.getByLabel('Amount (USD)').fill('5');
    await page.getByLabel('PayPal email').fill('olga+failed@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm and cash out' }).click();
    await page
      .getByText('PayPal could not pay it. The money is back in your wallet.')
      .first()
      .waitFor({ timeout: 20_000 });
    await expect.poll(() => payouts.locator('.badge').first().textContent()).toBe('Failed');

    await navigateTo(page, 'Home');
    await expect.poll(() => balance(page, 'Main').textContent()).toBe('$30.00');
    await navigateTo(page, 'History');
    const history = page.locator('main .item-list');
    await expect.poll(() => history.textContent()).toContain('Cash out to PayPal');
    await expect.poll(() => history.textContent()).toContain('Money back');
    expect(await history.textContent()).not.toMatch(/payout [0-9a-f-]{36}/);
    expectNoPageErrors();
  }, 180_000);

  it('pays a provider into escrow, releases part of it as the payer, and lets the provider decline another', async () => {
    const payer = await setUpPerson('Bea', 10_000);
    const provider = await setUpPerson('Carl');
    const page = await pageAt(desktopWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, payer);

    const holdThroughPay = async (amount: string, note: string, returnDay: string | null) => {
      await page.getByLabel('Provider (user name or email)').fill(provider.userName);
      await page.getByLabel('Amount (USD)').fill(amount);
      await page.getByLabel('Note').fill(note);
      await page.getByLabel('Hold the money until the job is done').check();
      if (returnDay !== null) await page.getByLabel('Give it back to me on').fill(returnDay);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('region', { name: 'Check and confirm' }).waitFor();
    };

    await navigateTo(page, 'Pay');
    await holdThroughPay('40', 'Kitchen tiling', dayFromNow(30));
    await expect
      .poll(() => page.getByRole('region', { name: 'Check and confirm' }).textContent())
      .toContain('given back to you on');
    await checkScreenAtBothWidths(page, 'pay-escrow-confirm');
    await page.getByRole('button', { name: 'Confirm and hold' }).click();
    await page.getByText(`$40.00 is held for ${provider.userName} until you release it.`).waitFor();
    await checkScreenAtBothWidths(page, 'pay-escrow-held');

    await page.getByRole('button', { name: 'Pay someone else' }).click();
    await holdThroughPay('15', 'Window cleaning', null);
    await page.getByRole('button', { name: 'Confirm and hold' }).click();
    await page.getByText(`$15.00 is held for ${provider.userName} until you release it.`).waitFor();

    await navigateTo(page, 'Home');
    await expect.poll(() => balance(page, 'Main').textContent()).toBe('$45.00');
    await expect.poll(() => balance(page, 'Held in escrow').textContent()).toBe('$55.00');
    await checkScreen(page, 'home-with-held');

    await navigateTo(page, 'Held payments');
    const tiling = heldPayment(page, 'Kitchen tiling');
    await tiling.getByRole('button', { name: 'Release part' }).waitFor();
    await page.getByText('support settles disputes', { exact: false }).waitFor();
    await checkScreenAtBothWidths(page, 'holds-payer');
    await tiling.getByRole('button', { name: 'Release part' }).click();
    await tiling.getByLabel('Amount to release (USD)').fill('40');
    await tiling.getByRole('button', { name: 'Release this amount' }).click();
    await tiling.getByText('Enter less than $40.00, or release all of it.').waitFor();
    await tiling.getByLabel('Amount to release (USD)').fill('30');
    await tiling.getByRole('button', { name: 'Release this amount' }).click();
    await expect
      .poll(() => tiling.textContent())
      .toContain('$30.00 released to the provider, $10.00 back to the payer.');
    await expect.poll(() => tiling.locator('.badge').textContent()).toBe('Released');

    const providerPage = await pageAt(phoneWidth);
    await providerPage.goto(`${suite.system.url}/login`);
    await logInAs(providerPage, provider);
    await navigateTo(providerPage, 'Held payments');
    const cleaning = heldPayment(providerPage, 'Window cleaning');
    await cleaning.getByRole('button', { name: 'Decline the job' }).waitFor();
    // The provider cannot release money to themselves: only the payer's buttons do that.
    expect(await cleaning.getByRole('button', { name: 'Release all' }).count()).toBe(0);
    await checkScreenAtBothWidths(providerPage, 'holds-payee');
    await cleaning.getByRole('button', { name: 'Decline the job' }).click();
    await expect.poll(() => cleaning.locator('.badge').textContent()).toBe('Returned');
    await navigateTo(providerPage, 'Home');
    await expect.poll(() => balance(providerPage, 'Main').textContent()).toBe('$30.00');
    await navigateTo(providerPage, 'History');
    await providerPage.getByRole('link', { name: /Escrow released to you/ }).click();
    const received = providerPage.getByRole('article', { name: 'Escrow released to you' });
    await expect.poll(() => received.textContent()).toContain('Paid to the provider$30.00');
    await expect.poll(() => received.textContent()).toContain('Back to the payer$10.00');

    await navigateTo(page, 'Home');
    await expect.poll(() => balance(page, 'Main').textContent()).toBe('$70.00');
    await expect.poll(() => balance(page, 'Held in escrow').count()).toBe(0);
    await navigateTo(page, 'History');
    const history = page.locator('main .item-list');
    await expect.poll(() => history.textContent()).toContain('Escrow returned');
    await expect.poll(() => history.textContent()).toContain('Payment held in escrow');
    await page.getByRole('link', { name: /Escrow released/ }).click();
    const detail = page.getByRole('article', { name: 'Escrow released' });
    await expect.poll(() => detail.textContent()).toContain('Paid to the provider$30.00');
    await expect.poll(() => detail.textContent()).toContain('Back to the payer$10.00');
    await page.getByRole('link', { name: /See invoice no\. \d+/ }).click();
    await page.getByRole('heading', { name: /Invoice no\. \d+/ }).waitFor();
    await expect.poll(() => page.locator('.badges').textContent()).toBe('Paid');
    await expect.poll(() => page.locator('main').textContent()).toContain('$30.00 to the provider');
    await checkScreenAtBothWidths(page, 'invoice-escrow');

    expect((await suite.system.verifyLedger()).ok).toBe(true);
    expectNoPageErrors();
  }, 180_000);

  it('tells a top-up and a payment in plain words at 375 px, keeps the entries behind Details, links the invoice, and opens a message', async () => {
    const provider = await setUpPerson('Emil');
    const person = await setUpPerson('Dana');
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, person);

    await startFunding(page, '25');
    await page.locator('[data-action="approve"]').click();
    await page.waitForURL(`${suite.system.url}/pay/return?**`);
    await page.getByText('Payment complete: $25.00 was added to your wallet.').waitFor();

    await navigateTo(page, 'Pay');
    await page.getByLabel('Provider (user name or email)').fill(provider.userName);
    await page.getByLabel('Amount (USD)').fill('10');
    await page.getByLabel('Note').fill('Garden work');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page.getByText(`Paid $10.00 to ${provider.userName}.`).waitFor();

    await navigateTo(page, 'History');
    const history = page.locator('main .item-list');
    await expect.poll(() => history.textContent()).toContain('Top-up through PayPal');
    expect(await history.textContent()).not.toContain('paypal:');
    await page.getByRole('link', { name: /Top-up through PayPal/ }).click();
    const reference = page.locator('.summary .reference');
    await expect.poll(() => reference.textContent()).toMatch(/^[0-9A-F]{8}$/);
    expect(await page.locator('main').textContent()).not.toContain('paypal:');

    await navigateTo(page, 'History');
    await page.getByRole('link', { name: /Payment to a provider/ }).click();
    const entries = page.getByRole('table', { name: 'Ledger entries' });
    await page.getByRole('heading', { name: 'Payment to a provider' }).waitFor();
    expect(await entries.isVisible()).toBe(false);
    await checkScreen(page, 'transaction-plain');
    await page.locator('summary', { hasText: 'Details' }).click();
    await entries.waitFor();
    await checkScreenAtBothWidths(page, 'transaction-details');

    await page.getByRole('link', { name: /See invoice no\. \d+/ }).click();
    await page.getByRole('heading', { name: /Invoice no\. \d+/ }).waitFor();
    await expect.poll(() => page.locator('.summary-amount').textContent()).toBe('$10.00');

    await navigateTo(page, 'Invoices');
    await page.getByRole('link', { name: /Invoice no\. \d+/ }).waitFor();
    await checkScreenAtBothWidths(page, 'invoices');

    await eventually(() => suite.system.emails.find((email) => email.to.includes(person.email)), 15_000);
    await navigateTo(page, 'Messages');
    const message = page.locator('main details.message').first();
    await message.locator('summary').waitFor();
    expect(await message.getByText('Sent to').isVisible()).toBe(false);
    await message.locator('summary').click();
    await expect.poll(() => message.getByText(person.email).isVisible()).toBe(true);
    await checkScreenAtBothWidths(page, 'message-open');
    expectNoPageErrors();
  }, 180_000);
});
