import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { systemLabel } from '../support/system.js';
import {
  browserSuite,
  checkScreen,
  checkScreenAtBothWidths,
  desktopWidth,
  navigateTo,
  type Person,
  phoneWidth,
} from './browser.js';

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;

/** A PayPal payment through the API, approved at the simulator and captured by its webhook. */
async function payThroughPayPal(person: Person, amount: number, paidTo?: Person): Promise<void> {
  const token = await suite.api.logIn(person.userName, person.password);
  const wallet = await suite.api.walletOf(token);
  const created = await suite.api.http('/v1/payments', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { amount, currency: 'USD', wallet_id: wallet.id, ...(paidTo ? { paid_to: paidTo.userName } : {}) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  suite.system.paypal.approveOrder(created.body.paypal_order_id);
  await suite.system.paypal.flushWebhooks();
  await expect
    .poll(async () => (await suite.api.http(`/v1/payments/${created.body.id}`, { token })).body.status)
    .toBe('captured');
}

/**
 * What sticks out at the page's width: elements wider than the viewport or past its right
 * edge, and inputs that pass the right edge of the card they sit in.
 */
function overflowOf(page: Page): Promise<string[]> {
  // Evaluated as text: the e2e package has no DOM types.
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const named = (element) =>
      element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + '.' + [...element.classList].join('.');
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0) continue;
      if (element.scrollWidth > width || box.right > width + 0.5) found.push(named(element) + ' overflows the page');
      const card = element.matches('input, select, button') ? element.closest('.card') : null;
      if (card !== null && box.right > card.getBoundingClientRect().right + 0.5) {
        found.push(named(element) + ' overflows its card');
      }
    }
    return found;
  })()`) as Promise<string[]>;
}

/** The id, or else the text, of the element that has the focus. */
const focusedOf = (page: Page) =>
  page.evaluate('document.activeElement?.id || document.activeElement?.textContent') as Promise<string>;

describe(`amounts, layout and figures in the web app (${systemLabel})`, () => {
  it('takes "1,000" as an amount, shows the currency beside it, and asks to confirm a large top-up', async () => {
    const person = await setUpPerson('Lena', 200_000);
    const friend = await setUpPerson('Omar');
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, person);

    await navigateTo(page, 'Send');
    const amount = page.getByLabel('Amount (USD)');
    await expect.poll(() => page.locator('.input-affix').first().textContent()).toBe('$');
    await page.getByText('Such as 1,234.50.').waitFor();
    await page.getByLabel('To (user name, email or phone)').fill(friend.userName);
    await amount.fill('1,000');
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirmation = page.getByRole('region', { name: 'Check and confirm' });
    await expect.poll(() => confirmation.textContent()).toContain('$1,000.00');
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByText(`Sent $1,000.00 to`, { exact: false }).waitFor();
    const friendToken = await suite.api.logIn(friend.userName, friend.password);
    await expect.poll(async () => (await suite.api.walletOf(friendToken)).main).toBe(100_000);

    await navigateTo(page, 'Add money');
    await page.getByLabel('Amount (USD)').fill('1,00,0');
    await page.getByRole('button', { name: 'Continue to PayPal' }).click();
    await page.getByText('Group thousands in threes, or not at all, such as 1,234.50.').waitFor();
    await checkScreen(page, 'fund-amount-error');

    await page.getByLabel('Amount (USD)').fill('1,000,000');
    await page.getByRole('button', { name: 'Continue to PayPal' }).click();
    const question = page.getByRole('region', { name: 'Is this amount right?' });
    await expect.poll(() => question.textContent()).toContain('$1,000,000.00');
    await checkScreenAtBothWidths(page, 'fund-large-amount-confirm');
    await page.getByRole('button', { name: 'Change the amount' }).click();
    await expect.poll(() => focusedOf(page)).toBe('amount');
    await expect.poll(() => page.getByLabel('Amount (USD)').inputValue()).toBe('1,000,000');

    await page.getByRole('button', { name: 'Continue to PayPal' }).click();
    await page.getByRole('button', { name: 'Yes, add $1,000,000.00' }).click();
    await page.locator('[data-action="approve"]').waitFor();
    expectNoPageErrors();
  }, 120_000);

  it('fits history and reports, with their date fields, in a 375 px screen', async () => {
    const person = await setUpPerson('Mina', 5_000);
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, person);

    await page.goto(`${suite.system.url}/history?from=2026-01-01&to=2026-12-31`);
    await page.getByLabel('From').waitFor();
    await page.locator('.item-list').waitFor();
    expect(await overflowOf(page)).toEqual([]);
    await checkScreen(page, 'history-phone');

    await navigateTo(page, 'Reports');
    await page.getByLabel('From').waitFor();
    await expect.poll(() => page.locator('.totals').first().textContent()).toContain('Money added$50.00');
    expect(await overflowOf(page)).toEqual([]);
    await checkScreen(page, 'reports-phone');
    expectNoPageErrors();
  }, 60_000);

  it('has a tab bar on phones only, and closes the menu with Escape', async () => {
    const person = await setUpPerson('Nils');
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, person);

    const tabs = page.getByRole('navigation', { name: 'Tabs' });
    await expect
      .poll(() => tabs.getByRole('link').allTextContents())
      .toEqual(['Home', 'Send', 'Activity', 'Profile']);
    const box = await tabs.boundingBox();
    expect(box).toMatchObject({ x: 0, width: phoneWidth });
    expect(box!.y + box!.height).toBeCloseTo(900, 0);
    await tabs.getByRole('link', { name: 'Activity' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    expect(await tabs.getByRole('link', { name: 'Activity' }).getAttribute('aria-current')).toBe('page');
    await checkScreen(page, 'tab-bar-phone');

    const menu = page.getByRole('button', { name: 'Menu' });
    const mainNav = page.getByRole('navigation', { name: 'Main' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await mainNav.getByRole('link', { name: 'Reports', exact: true }).waitFor();
    await checkScreen(page, 'menu-open-phone');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await mainNav.getByRole('link', { name: 'Reports', exact: true }).isVisible()).toBe(false);
    await expect.poll(() => focusedOf(page)).toBe('Menu');

    await page.setViewportSize({ width: desktopWidth, height: 900 });
    expect(await tabs.isVisible()).toBe(false);
    expect(await mainNav.getByRole('link', { name: 'Reports', exact: true }).isVisible()).toBe(true);
    expectNoPageErrors();
  }, 60_000);

  it('shows a provider paid through PayPal as one row, and reports it as a payment, not money added', async () => {
    const payer = await setUpPerson('Ada');
    const provider = await setUpPerson('Tomas');
    await payThroughPayPal(payer, 10_000);
    await payThroughPayPal(payer, 5_000);
    await payThroughPayPal(payer, 30_000, provider);

    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await logInAs(page, payer);
    await navigateTo(page, 'History');
    const rows = page.locator('.item-list > li');
    await expect.poll(() => rows.count()).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('Payment to a provider through PayPal');
    expect(texts[0]).toContain('-$300.00');
    expect(texts.slice(1).every((text) => text.includes('Top-up through PayPal'))).toBe(true);
    expect(texts.join(' ')).not.toContain('+$300.00');
    await checkScreenAtBothWidths(page, 'history-paypal-payment');

    await navigateTo(page, 'Reports');
    const totals = page.locator('.totals').first();
    await expect.poll(() => totals.textContent()).toContain('Payments made$300.00');
    expect(await totals.textContent()).toContain('Money added$150.00');
    const report = await suite.api.http(
      `/v1/reports/summary?from=${new Date().toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
      { token: await suite.api.logIn(payer.userName, payer.password) },
    );
    expect(report.body.currencies[0].totals).toMatchObject({
      payments_made: { count: 1, amount: 30_000 },
      deposits: { count: 2, amount: 15_000 },
    });
    await checkScreen(page, 'reports-paypal-payment');
    expect((await suite.system.verifyLedger()).ok).toBe(true);
    expectNoPageErrors();
  }, 120_000);
});
