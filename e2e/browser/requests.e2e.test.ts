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
 * Payment requests: one person asks another for money on the request screen; the other
 * answers it in one tap (Pay, then the same confirmation as sending; or Decline), and both
 * see the outcome in their requests and their history.
 */

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;

/** How the app names a person registered by `setUpPerson` (last name "Tester"). */
const labelOf = (person: Person) => `${person.firstName} Tester (@${person.userName})`;

const payerField = 'From (user name, email or phone)';

/** The error shown next to a field, as assistive technology reads it with the field. */
async function fieldErrorOf(page: Page, label: string): Promise<string | null> {
  const field = page.getByLabel(label);
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const errorId = (await field.getAttribute('aria-describedby'))
    ?.split(' ')
    .find((id) => id.endsWith('-error'));
  return errorId === undefined ? null : page.locator(`#${errorId}`).textContent();
}

async function mainBalanceOf(person: Person): Promise<number> {
  const token = await suite.api.logIn(person.userName, person.password);
  return (await suite.api.walletOf(token)).main;
}

/** The requester asks the payer for `amount` through the API; answers the request. */
async function requestThroughApi(requester: Person, payer: Person, amount: number, description: string) {
  const token = await suite.api.logIn(requester.userName, requester.password);
  const wallet = await suite.api.walletOf(token);
  const created = await suite.api.http('/v1/payment-requests', {
    token,
    body: { from_user: payer.userName, to_wallet_id: wallet.id, amount, description },
  });
  expect(created.status).toBe(201);
  return { token, request: created.body as { id: string; status: string } };
}

describe(`payment requests (${systemLabel})`, () => {
  it('lets Ada ask Grace for money, and Grace pay it in one tap, both seeing it in their history', async () => {
    const ada = await setUpPerson('Ada');
    const grace = await setUpPerson('Grace', 10_000);

    const adaPage = await pageAt(phoneWidth);
    await logInAs(adaPage, ada);
    await navigateTo(adaPage, 'Requests');
    await adaPage.getByRole('heading', { name: 'Payment requests' }).waitFor();
    await adaPage.getByRole('link', { name: 'Request money' }).click();
    await adaPage.getByLabel(payerField).fill(grace.userName);
    await adaPage
      .getByRole('status')
      .getByText(`Asks ${labelOf(grace)}`)
      .waitFor();
    await adaPage.getByLabel('Amount (USD)').fill('25');
    await adaPage.getByLabel('Note').fill('Dinner at Luigi’s');
    await checkScreenAtBothWidths(adaPage, 'request-money');
    await adaPage.getByRole('button', { name: 'Send the request' }).click();
    await adaPage
      .getByText(`Your request for $25.00 was sent to ${labelOf(grace)}.`, { exact: false })
      .waitFor();
    await checkScreenAtBothWidths(adaPage, 'request-money-sent');

    const gracePage = await pageAt(desktopWidth);
    await logInAs(gracePage, grace);
    await gracePage.getByText('1 person is asking you for money.').waitFor();
    await checkScreenAtBothWidths(gracePage, 'home-pending-requests');
    await gracePage.getByRole('link', { name: 'Pay or decline' }).click();
    const asked = gracePage.getByRole('listitem', { name: /Dinner at Luigi’s/ });
    await asked.getByText(`From ${labelOf(ada)}`).waitFor();
    await checkScreenAtBothWidths(gracePage, 'requests-incoming');

    await asked.getByRole('button', { name: 'Pay', exact: true }).click();
    const confirm = gracePage.getByRole('region', { name: 'Check and pay' });
    await confirm.getByText('$25.00').first().waitFor();
    await confirm.getByText(labelOf(ada)).waitFor();
    await checkScreenAtBothWidths(gracePage, 'requests-pay-confirm');
    // Nothing moved before the confirmation.
    expect(await mainBalanceOf(grace)).toBe(10_000);
    await confirm.getByRole('button', { name: 'Confirm and pay' }).click();
    await gracePage.getByText(`You paid $25.00 to ${labelOf(ada)}.`).waitFor();
    await asked.getByText('Paid', { exact: true }).waitFor();
    await checkScreenAtBothWidths(gracePage, 'requests-paid');

    expect(await mainBalanceOf(grace)).toBe(7_500);
    expect(await mainBalanceOf(ada)).toBe(2_500);

    await navigateTo(gracePage, 'History');
    await gracePage
      .getByRole('link', { name: /Payment request: Dinner at Luigi’s/ })
      .getByText(`Sent to ${labelOf(ada)}`)
      .waitFor();
    await navigateTo(adaPage, 'History');
    await adaPage
      .getByRole('link', { name: /Payment request: Dinner at Luigi’s/ })
      .getByText(`Received from ${labelOf(grace)}`)
      .waitFor();
    await navigateTo(adaPage, 'Requests');
    await adaPage
      .getByRole('listitem', { name: /Dinner at Luigi’s/ })
      .getByText('Paid', { exact: true })
      .waitFor();
    expectNoPageErrors();
  }, 120_000);

  it('lets Grace decline a request from its link, with a reason Ada reads, moving nothing', async () => {
    const ada = await setUpPerson('Ada');
    const grace = await setUpPerson('Grace', 5_000);
    const { token, request } = await requestThroughApi(ada, grace, 1_000, 'Taxi home');

    const gracePage = await pageAt(phoneWidth);
    await logInAs(gracePage, grace);
    await gracePage.goto(`${suite.system.url}/requests/${request.id}`);
    await gracePage.getByRole('heading', { name: 'Payment request' }).waitFor();
    await gracePage.getByText(`From ${labelOf(ada)}`).waitFor();
    await gracePage.getByRole('button', { name: 'Decline', exact: true }).click();
    await gracePage.getByText(`${labelOf(ada)} asks you for $10.00.`).waitFor();
    await gracePage.getByLabel('Reason').fill('I walked');
    await checkScreenAtBothWidths(gracePage, 'request-decline-confirm');
    await gracePage.getByRole('button', { name: 'Confirm and decline' }).click();
    await gracePage.getByText('You declined the request.').waitFor();
    await gracePage.getByText('Declined', { exact: true }).waitFor();
    await checkScreenAtBothWidths(gracePage, 'request-declined');

    const read = await suite.api.http(`/v1/payment-requests/${request.id}`, { token });
    expect(read.body).toMatchObject({ status: 'declined', decline_reason: 'I walked', transfer_id: null });
    expect(await mainBalanceOf(grace)).toBe(5_000);
    expect(await mainBalanceOf(ada)).toBe(0);

    const adaPage = await pageAt(desktopWidth);
    await logInAs(adaPage, ada);
    await navigateTo(adaPage, 'Requests');
    const declined = adaPage.getByRole('listitem', { name: /Taxi home/ });
    await declined.getByText('Declined', { exact: true }).waitFor();
    await declined.getByText('Their reason: I walked').waitFor();
    expectNoPageErrors();
  }, 120_000);

  it('refuses a request to nobody, and to yourself, with an error on the field', async () => {
    const ada = await setUpPerson('Ada');
    const page = await pageAt(phoneWidth);
    await logInAs(page, ada);
    await page.goto(`${suite.system.url}/request`);
    await page.getByLabel(payerField).fill(`${ada.userName}-nobody`);
    await page.getByText('No MoneyPal user has exactly that user name, email or phone.').waitFor();
    await page.getByLabel('Amount (USD)').fill('5');
    await page.getByRole('button', { name: 'Send the request' }).click();
    expect(await fieldErrorOf(page, payerField)).toBe(
      'Unknown user: no MoneyPal user has that user name, email or phone.',
    );
    await checkScreenAtBothWidths(page, 'request-money-unknown');

    await page.getByLabel(payerField).fill(ada.email);
    await page.getByRole('button', { name: 'Send the request' }).click();
    expect(await fieldErrorOf(page, payerField)).toBe(
      'That is you. Enter the user name, email or phone of someone else.',
    );
    const token = await suite.api.logIn(ada.userName, ada.password);
    const made = await suite.api.http('/v1/payment-requests?direction=outgoing', { token });
    expect(made.body.data).toEqual([]);
    expectNoPageErrors();
  }, 60_000);
});
