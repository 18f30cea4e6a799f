import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSystem, systemLabel, type TestSystem } from '../support/system.js';
import {
  apiOf,
  checkScreen,
  checkScreenAtBothWidths,
  desktopWidth,
  ensureWebAppBuilt,
  expectWebAppServed,
  launchBrowser,
  logInThroughUi,
  navigateTo,
  newPerson,
  type OpenedPage,
  openPage,
  type Person,
  phoneWidth,
  registerThroughUi,
  startFunding,
} from './browser.js';

let system: TestSystem;
let browser: Browser;
let api: ReturnType<typeof apiOf>;
const openedPages: OpenedPage[] = [];

beforeAll(async () => {
  ensureWebAppBuilt();
  system = await startTestSystem();
  await expectWebAppServed(system.url);
  api = apiOf(system.url);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function pageAt(width: number): Promise<Page> {
  const opened = await openPage(browser, width);
  openedPages.push(opened);
  return opened.page;
}

/** No page the test opened threw an uncaught error or met a Content-Security-Policy violation. */
function expectNoPageErrors() {
  expect(openedPages.flatMap((opened) => opened.pageErrors)).toEqual([]);
  expect(openedPages.flatMap((opened) => opened.cspViolations)).toEqual([]);
}

/** The opened page of `page`, to read what it collected. */
function openedPageOf(page: Page): OpenedPage {
  const opened = openedPages.find((candidate) => candidate.page === page);
  if (opened === undefined) throw new Error('the page was not opened by pageAt');
  return opened;
}

/** The main balance the home screen shows for the person's wallet. */
function mainBalance(page: Page) {
  return page.locator('.wallet-card .balance-main dd').first();
}

/** The one-time code the identity service sent to `address` (it is on the bus for notifications). */
async function otpCodeSentTo(address: string): Promise<string> {
  const event = await eventually(() =>
    system.events
      .filter((candidate) => candidate.type === 'identity.otp.requested')
      .findLast((candidate) => (candidate.data as { to: string }).to === address),
  );
  return (event.data as { code: string }).code;
}

async function setUpPerson(firstName: string, depositMinor = 0): Promise<Person> {
  const person = newPerson(firstName);
  await api.register(person);
  if (depositMinor > 0) await api.deposit(system.admin, person, depositMinor);
  return person;
}

async function logInAs(page: Page, person: Person) {
  await logInThroughUi(page, system.url, person.userName, person.password);
  await page.getByRole('heading', { name: `Hello, ${person.firstName}` }).waitFor();
}

describe(`the web app in a browser (${systemLabel})`, () => {
  it('registers, logs in, adds money through the PayPal simulator, pays another user, and shows both balances, the history, the invoice and the report', async () => {
    const provider = await setUpPerson('Bruno');
    const ana = newPerson('Ana');
    const page = await pageAt(desktopWidth);

    await registerThroughUi(page, system.url, ana);
    await expect.poll(() => mainBalance(page).textContent()).toBe('$0.00');

    await startFunding(page, '25.50');
    await page.locator('[data-action="approve"]').click();
    await page.waitForURL(`${system.url}/pay/return?**`);
    await page.getByText('Payment complete: $25.50 was added to your wallet.').waitFor();
    await expect.poll(() => page.locator('.badge-sandbox').first().textContent()).toContain('Sandbox');
    await expect.poll(() => mainBalance(page).textContent()).toBe('$25.50');
    await checkScreenAtBothWidths(page, 'payment-return');

    await navigateTo(page, 'Pay');
    await page.getByLabel('Provider (user name or email)').fill(provider.userName);
    await page.getByLabel('Amount (USD)').fill('10');
    await page.getByLabel('Note').fill('Garden work');
    await page.getByRole('button', { name: 'Continue' }).click();
    const confirmation = page.getByRole('region', { name: 'Check and confirm' });
    await expect.poll(() => confirmation.textContent()).toContain(provider.userName);
    await expect.poll(() => confirmation.textContent()).toContain('$10.00');
    await checkScreenAtBothWidths(page, 'pay-confirm');
    await page.getByRole('button', { name: 'Confirm and pay' }).click();
    await page.getByText(`Paid $10.00 to ${provider.userName}.`).waitFor();

    await page.getByRole('link', { name: 'See the invoice' }).click();
    await page.getByRole('heading', { name: /Invoice no\. \d+/ }).waitFor();
    await expect.poll(() => page.locator('.summary-amount').textContent()).toBe('$10.00');
    await checkScreen(page, 'invoice');

    await navigateTo(page, 'Home');
    await expect.poll(() => mainBalance(page).textContent()).toBe('$15.50');

    await navigateTo(page, 'History');
    const history = page.locator('.item-list');
    await expect.poll(() => history.textContent()).toContain('Payment to a provider');
    await expect.poll(() => history.textContent()).toContain('-$10.00');
    await expect.poll(() => history.textContent()).toContain('+$25.50');
    await page.getByRole('link', { name: /Payment to a provider/ }).click();
    await page.locator('summary', { hasText: 'Details' }).click();
    await page.getByRole('table', { name: 'Ledger entries' }).waitFor();
    await checkScreen(page, 'transaction');

    await navigateTo(page, 'Reports');
    const totals = page.locator('.totals');
    await expect.poll(() => totals.textContent()).toContain('Payments made$10.00');
    await expect.poll(() => totals.textContent()).toContain('Money added$25.50');
    await page.getByRole('img', { name: /Payments made per day, USD: \$10\.00 in total/ }).waitFor();
    await page
      .getByRole('link', { name: /Invoice no\. \d+/ })
      .first()
      .waitFor();

    const providerPage = await pageAt(desktopWidth);
    await logInAs(providerPage, provider);
    await expect.poll(() => mainBalance(providerPage).textContent()).toBe('$10.00');
    await navigateTo(providerPage, 'Reports');
    await expect
      .poll(() => providerPage.locator('.totals').textContent())
      .toContain('Payments received$10.00');

    expect((await system.verifyLedger()).ok).toBe(true);
    expectNoPageErrors();
  }, 180_000);

  it('shows declined, pending and cancelled PayPal payments plainly, and adds no money for them', async () => {
    const person = await setUpPerson('Dora');
    const page = await pageAt(desktopWidth);
    await page.goto(`${system.url}/login`);
    await logInAs(page, person);

    await startFunding(page, '5');
    await page.locator('[data-action="approve_declined"]').click();
    await page.waitForURL(`${system.url}/pay/return?**`);
    await page
      .getByText('PayPal declined this payment of $5.00. No money was taken.', { exact: false })
      .waitFor();

    await startFunding(page, '6');
    await page.locator('[data-action="cancel"]').click();
    await page.waitForURL(`${system.url}/pay/cancel?**`);
    await page.getByText('You cancelled this payment of $6.00 at PayPal. No money was taken.').waitFor();

    await startFunding(page, '7');
    await page.locator('[data-action="approve_pending"]').click();
    await page.waitForURL(`${system.url}/pay/return?**`);
    await page
      .getByText('PayPal is still processing your payment of $7.00 (pending).', { exact: false })
      .waitFor();

    const wallet = await api.walletOf(await api.logIn(person.userName, person.password));
    expect(wallet.main).toBe(0);
    expectNoPageErrors();
  }, 120_000);

  it('pays a provider through PayPal when the wallet is short', async () => {
    const payer = await setUpPerson('Hana');
    const provider = await setUpPerson('Ivan');
    const page = await pageAt(desktopWidth);
    await page.goto(`${system.url}/login`);
    await logInAs(page, payer);

    await navigateTo(page, 'Pay');
    await page.getByLabel('Provider (user name or email)').fill(provider.email);
    await page.getByLabel('Amount (USD)').fill('12');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('which is not enough', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Pay with PayPal' }).click();
    await page.locator('[data-action="approve"]').click();
    await page.waitForURL(`${system.url}/pay/return?**`);
    await page
      .getByText('Payment complete: $12.00 went through your wallet to the provider.', { exact: false })
      .waitFor();
    await expect.poll(() => mainBalance(page).textContent()).toBe('$0.00');

    const providerToken = await api.logIn(provider.userName, provider.password);
    expect((await api.walletOf(providerToken)).main).toBe(1_200);
    const invoices = await api.http('/v1/invoices?role=payee', { token: providerToken });
    expect(
      invoices.body.data.map((invoice: { amount: number; status: string }) => [
        invoice.amount,
        invoice.status,
      ]),
    ).toEqual([[1_200, 'paid']]);
    expect((await system.verifyLedger()).ok).toBe(true);
    expectNoPageErrors();
  }, 120_000);

  it('chooses a savings plan, shows what it would put aside, and moves savings to main', async () => {
    const adminToken = await api.logIn(system.admin.email, system.admin.password);
    const planName = `Tenth ${Date.now().toString(36)}`;
    const plan = await api.http('/v1/savings-plans', {
      token: adminToken,
      body: { name: planName, kind: 'percentage', value: 1_000 },
    });
    expect(plan.status).toBe(201);
    const person = await setUpPerson('Vera');
    const page = await pageAt(phoneWidth);
    await page.goto(`${system.url}/login`);
    await logInAs(page, person);

    await navigateTo(page, 'Savings');
    await page.getByLabel(planName).check();
    await page.getByLabel('If you receive (USD)').fill('12.34');
    await page.getByText('$1.23 goes to savings and $11.11 to your main balance.').waitFor();
    await page.getByRole('button', { name: 'Save plan' }).click();
    await page.getByText('Your savings plan is saved.').waitFor();

    await api.deposit(system.admin, person, 10_000);
    await page.reload();
    await expect.poll(() => page.locator('.wallet-card').textContent()).toContain('Savings$10.00');
    await page.getByRole('button', { name: /Move all/ }).click();
    await page.getByRole('button', { name: 'Move to main' }).click();
    await page.getByText('Moved. Main: $100.00, savings: $0.00.').waitFor();
    await checkScreenAtBothWidths(page, 'savings-moved');
    expect((await system.verifyLedger()).ok).toBe(true);
    expectNoPageErrors();
  }, 120_000);

  it('opens for an admin like for anyone', async () => {
    const page = await pageAt(desktopWidth);
    await page.goto(`${system.url}/login`);
    await logInThroughUi(page, system.url, system.admin.email, system.admin.password);
    await page.getByRole('heading', { name: /^Hello, / }).waitFor();
    await page.getByText('(administrator)', { exact: false }).waitFor();
    await navigateTo(page, 'History');
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await navigateTo(page, 'Reports');
    await page.getByText('As an administrator, you see every user’s invoices here.').waitFor();
    expectNoPageErrors();
  }, 60_000);

  it('logs in with the one-time code once two-factor login is turned on', async () => {
    const person = await setUpPerson('Omar');
    const page = await pageAt(desktopWidth);
    await page.goto(`${system.url}/login`);
    await logInAs(page, person);

    await navigateTo(page, 'Profile');
    await page.getByLabel('Ask for a one-time code when I log in').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Two-factor login is on.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();

    await logInThroughUi(page, system.url, person.email, person.password);
    const codeField = page.getByLabel('One-time code');
    await codeField.waitFor();
    await checkScreenAtBothWidths(page, 'login-code');
    await codeField.fill(await otpCodeSentTo(person.email));
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: `Hello, ${person.firstName}` }).waitFor();
    expectNoPageErrors();
  }, 120_000);

  it('moves money once when the confirm button is clicked twice', async () => {
    const payer = await setUpPerson('Paula', 5_000);
    const payee = await setUpPerson('Quinn');
    const page = await pageAt(desktopWidth);
    await page.goto(`${system.url}/login`);
    await logInAs(page, payer);

    await navigateTo(page, 'Pay');
    await page.getByLabel('Provider (user name or email)').fill(payee.userName);
    await page.getByLabel('Amount (USD)').fill('7');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm and pay' }).dblclick();
    await page.getByText(`Paid $7.00 to ${payee.userName}.`).waitFor();

    await navigateTo(page, 'Send');
    await page.getByLabel('To (user name, email or phone)').fill(payee.email);
    await page.getByLabel('Amount (USD)').fill('3');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm and send' }).waitFor();
    // Two clicks in one task, before the page can re-render the button as disabled.
    await page.evaluate(`(() => {
      const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Confirm and send');
      button.click();
      button.click();
    })()`);
    await page.getByText(/^Sent \$3\.00 to/).waitFor();

    const token = await api.logIn(payer.userName, payer.password);
    const transfers = await api.http('/v1/transactions?direction=out', { token });
    expect(
      transfers.body.data.map((transfer: { type: string; amount: number }) => [
        transfer.type,
        transfer.amount,
      ]),
    ).toEqual([
      ['transfer', 300],
      ['payment', 700],
    ]);
    expect((await api.walletOf(token)).main).toBe(4_000);
    const invoices = await api.http('/v1/invoices?role=payer', { token });
    expect(invoices.body.data).toHaveLength(1);
    expect((await system.verifyLedger()).ok).toBe(true);
    expectNoPageErrors();
  }, 120_000);

  it('serves the web app and the API docs under a CSP they work with, and refuses to be framed', async () => {
    const page = await pageAt(desktopWidth);
    for (const path of ['/login', '/api/docs']) {
      const response = await page.goto(`${system.url}${path}`);
      const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
    }
    // The docs page renders the whole API, its styles applied, from the gateway's own files.
    await page
      .getByRole('heading', { name: /MoneyPal API/ })
      .first()
      .waitFor();
    // Every tag is open at first, listing its operations.
    await page.locator('.opblock-tag', { hasText: 'transfers' }).first().waitFor();
    await page.locator('.opblock-summary-path', { hasText: '/v1/transfers' }).first().waitFor();
    // Swagger UI's own stylesheet is applied (a blocked one would leave the wrapper unstyled).
    expect(
      await page.evaluate("getComputedStyle(document.querySelector('.swagger-ui .wrapper')).maxWidth"),
    ).not.toBe('none');

    // Another site framing the app gets an empty frame: the browser refuses it, and says why.
    const framing = openedPageOf(await pageAt(desktopWidth));
    await framing.page.setContent(`<iframe src="${system.url}/login" title="framed"></iframe>`);
    await expect.poll(() => framing.cspViolations.join('\n')).toContain("frame-ancestors 'none'");
    const frame = framing.page.frames().find((candidate) => candidate !== framing.page.mainFrame());
    expect(await frame?.locator('input').count()).toBe(0);
    // That refusal is the framing page's, as intended, not a violation of the app's own pages.
    framing.cspViolations.splice(0);
    expectNoPageErrors();
  }, 60_000);

  it('shows every screen at 375 px and at 1280 px, each passing axe without serious violations', async () => {
    const person = await setUpPerson('Rita', 12_345);
    const payee = await setUpPerson('Sam');
    const token = await api.logIn(person.userName, person.password);
    const bill = await api.http('/v1/bills', {
      token,
      body: { to_user: payee.userName, amount: 2_345, description: 'Piano lesson' },
      headers: { 'idempotency-key': `e2e-${person.userName}` },
    });
    expect(bill.status).toBe(201);

    for (const width of [phoneWidth, desktopWidth]) {
      const page = await pageAt(width);
      await page.goto(`${system.url}/register`);
      await page.getByLabel('First name').waitFor();
      await checkScreen(page, 'register');
      await page.goto(`${system.url}/login`);
      await checkScreen(page, 'login');
      await logInAs(page, person);
      await expect.poll(() => mainBalance(page).textContent()).toBe('$100.00');
      await page.getByRole('link', { name: /Payment to a provider/ }).waitFor();
      await checkScreen(page, 'home');

      await navigateTo(page, 'Add money');
      await page.getByLabel('Amount (USD)').waitFor();
      await checkScreen(page, 'fund');

      await navigateTo(page, 'Pay');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Enter their user name or email.').waitFor();
      await checkScreen(page, 'pay');

      await navigateTo(page, 'Send');
      await page.getByLabel('To (user name, email or phone)').waitFor();
      await checkScreen(page, 'transfer');

      await navigateTo(page, 'Savings');
      await page.getByLabel('If you receive (USD)').fill('12.34');
      await page.getByText('$0.00 goes to savings and $12.34 to your main balance.').waitFor();
      await checkScreen(page, 'savings');

      await navigateTo(page, 'History');
      await page.getByRole('link', { name: /Payment to a provider/ }).waitFor();
      await checkScreen(page, 'history');
      await page.getByRole('link', { name: /Payment to a provider/ }).click();
      await page.locator('summary', { hasText: 'Details' }).click();
      await page.getByRole('table', { name: 'Ledger entries' }).waitFor();
      await checkScreen(page, 'transaction');

      await navigateTo(page, 'Reports');
      await page.getByRole('img', { name: /Payments made per day/ }).waitFor();
      await page.getByRole('link', { name: /Invoice no\. \d+/ }).waitFor();
      await checkScreen(page, 'reports');
      await page.getByRole('link', { name: /Invoice no\. \d+/ }).click();
      await page.getByRole('heading', { name: /Invoice no\. \d+/ }).waitFor();
      await checkScreen(page, 'invoice');

      await navigateTo(page, 'Messages');
      await page.locator('main .item-list li').first().waitFor();
      await checkScreen(page, 'notifications');

      await navigateTo(page, 'Profile');
      await page.getByLabel('Ask for a one-time code when I log in').waitFor();
      await checkScreen(page, 'profile');

      await page.goto(`${system.url}/no-such-page`);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await checkScreen(page, 'not-found');
    }
    expectNoPageErrors();
  }, 240_000);
});
