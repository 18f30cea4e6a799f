import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, systemLabel } from '../support/system.js';
import {
  browserSuite,
  checkScreen,
  checkScreenAtBothWidths,
  desktopWidth,
  navigateTo,
  newPerson,
  phoneWidth,
  registerThroughUi,
} from './browser.js';

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;
/** A page of another site (another host name and port) that tries to use the session. */
let otherSite: Server;
let otherSiteUrl: string;

beforeAll(async () => {
  otherSite = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><title>Another site</title><h1>Another site</h1></html>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  // "localhost" is another site than "127.0.0.1" for the browser: SameSite and CORS apply.
  otherSiteUrl = `http://localhost:${(otherSite.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => otherSite?.close(resolve));
});

/** The error shown next to a field, read through the field's `aria-describedby`. */
async function fieldErrorOf(field: Locator): Promise<string | null> {
  const described = (await field.getAttribute('aria-describedby')) ?? '';
  const page = field.page();
  for (const id of described.split(' ')) {
    const element = page.locator(`[id="${id}"].field-error`);
    if ((await element.count()) > 0) return element.textContent();
  }
  return null;
}

/** The reset code of the newest reset email the test's SMTP server received for `address`. */
async function resetCodeEmailedTo(address: string, after: number): Promise<string> {
  const email = await eventually(() =>
    suite.system.emails
      .slice(after)
      .findLast(
        (candidate) => candidate.to.includes(address) && candidate.subject === 'Reset your MoneyPal password',
      ),
  );
  // Quoted-printable may break long lines ("=" at a line end): join them before reading.
  const text = email.raw.replace(/=\r?\n/g, '');
  const code = /reset code is (\d{6})/.exec(text)?.[1];
  if (code === undefined) throw new Error(`no reset code in the email: ${text}`);
  return code;
}

describe(`sessions and self-service in a browser (${systemLabel})`, () => {
  it('signs in on registering, keeps the refresh token in an HttpOnly cookie that a new tab uses, and lets no other site refresh', async () => {
    const ana = newPerson('Ana');
    const page = await pageAt(desktopWidth);
    await registerThroughUi(page, suite.system.url, ana);

    const cookies = await page.context().cookies(`${suite.system.url}/v1/auth/refresh`);
    const refreshCookie = cookies.find((cookie) => cookie.name === 'moneypal_refresh');
    expect(refreshCookie).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/v1/auth',
    });
    // The page's scripts cannot read it, and nothing else keeps a token.
    expect(await page.evaluate('document.cookie')).not.toContain('moneypal_refresh');
    expect(await page.evaluate('JSON.stringify({ ...sessionStorage, ...localStorage })')).toBe('{}');

    // A new tab of the same browser opens signed in: the Secure cookie works on http://127.0.0.1.
    const secondTab = await page.context().newPage();
    await secondTab.goto(`${suite.system.url}/profile`);
    await secondTab.getByRole('heading', { name: 'Profile' }).waitFor();
    await secondTab.close();

    // Another site, in the same browser, tries both ways a page can send a POST with the cookie.
    const refreshUrl = `${suite.system.url}/v1/auth/refresh`;
    const refreshCookieValue = async () =>
      (await page.context().cookies(refreshUrl)).find((cookie) => cookie.name === 'moneypal_refresh')?.value;
    // The second tab refreshed on opening: the cookie holds its token now.
    const cookieBefore = await refreshCookieValue();
    const attacker = await page.context().newPage();
    await attacker.goto(otherSiteUrl);
    const attempts = await attacker.evaluate(async (url) => {
      const attempt = async (init: RequestInit) => {
        try {
          const response = await fetch(url, { method: 'POST', credentials: 'include', body: '{}', ...init });
          return await response.text();
        } catch {
          return 'blocked';
        }
      };
      return [
        // A simple request: SameSite=Strict keeps the cookie off it, the header is missing (403),
        // and Cross-Origin-Resource-Policy keeps the answer from the page.
        await attempt({ mode: 'no-cors' }),
        // With the header the gateway requires, the browser first asks a CORS preflight, which fails.
        await attempt({ headers: { 'content-type': 'application/json', 'x-requested-with': 'fetch' } }),
      ];
    }, refreshUrl);
    expect(attempts).toEqual(['blocked', 'blocked']);
    await attacker.close();
    // Nothing was refreshed: the token did not rotate, and the session still opens on a reload
    // (a refresh by the other site would have replaced it, and reusing it would end the session).
    expect(await refreshCookieValue()).toBe(cookieBefore);

    // The session is untouched: a reload still opens it.
    await page.reload();
    await page.getByRole('heading', { name: `Hello, ${ana.firstName}` }).waitFor();
    expectNoPageErrors();
  });

  it('changes the password with the current one, logging out another device, and refuses a taken email next to its field', async () => {
    const bea = await setUpPerson('Bea');
    const other = await setUpPerson('Carl');
    const page = await pageAt(phoneWidth);
    const otherDevice = await pageAt(desktopWidth);
    await logInAs(page, bea);
    await logInAs(otherDevice, bea);

    await navigateTo(page, 'Profile');
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await checkScreenAtBothWidths(page, 'profile-account');

    await page.getByLabel('Current password', { exact: true }).first().fill('not my password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect
      .poll(() => fieldErrorOf(page.getByLabel('Current password', { exact: true }).first()))
      .toBe('The current password is wrong.');

    await page.getByLabel('Current password', { exact: true }).first().fill(bea.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    await checkScreen(page, 'profile-password-changed');

    // This device goes on (it logged in again with the new password); the other one is logged out.
    await page.reload();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    await otherDevice.reload();
    await otherDevice.getByRole('heading', { name: 'Log in' }).waitFor();
    await logInAs(otherDevice, bea, 'a brand new passphrase');

    await page.getByLabel('Email', { exact: true }).fill(other.email);
    await page.getByLabel('Current password', { exact: true }).nth(1).fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Update email and phone' }).click();
    await expect
      .poll(() => fieldErrorOf(page.getByLabel('Email', { exact: true })))
      .toBe('This email is already taken: choose another.');
    await checkScreen(page, 'profile-email-taken');
    expectNoPageErrors();
  });

  it('resets a forgotten password with the emailed code, and says the same for an email without an account', async () => {
    const dan = await setUpPerson('Dan');
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await checkScreenAtBothWidths(page, 'forgot-password');

    // An unknown email gets the same answer, and no email.
    const emailsBefore = suite.system.emails.length;
    await page.getByLabel('Email').fill('nobody.at.all@example.com');
    await page.getByRole('button', { name: 'Email me a code' }).click();
    const unknownAnswer = await page.getByRole('status').textContent();
    expect(unknownAnswer).toContain('If an account uses nobody.at.all@example.com, we have emailed it');
    await page.getByRole('button', { name: 'Send another code' }).click();

    await page.getByLabel('Email').fill(dan.email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await checkScreenAtBothWidths(page, 'forgot-password-code');
    const code = await resetCodeEmailedTo(dan.email, emailsBefore);
    expect(
      suite.system.emails
        .slice(emailsBefore)
        .filter((email) => email.to.includes('nobody.at.all@example.com')),
    ).toEqual([]);

    await page.getByLabel('Code from the email').fill(code === '000000' ? '000001' : '000000');
    await page.getByLabel('New password').fill('my new spring passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect
      .poll(() => fieldErrorOf(page.getByLabel('Code from the email')))
      .toBe('Is wrong, expired or already used.');
    await checkScreen(page, 'forgot-password-wrong-code');

    await page.getByLabel('Code from the email').fill(code);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password is changed. Log in with the new one.').waitFor();
    await logInAs(page, dan, 'my new spring passphrase');

    // The code works once.
    const again = await suite.api.http('/v1/auth/password-reset/confirm', {
      body: { email: dan.email, code, password: 'yet another passphrase' },
    });
    expect(again.status).toBe(400);
    expectNoPageErrors();
  });

  it('deletes the account with the password, after saying what happens to the wallets', async () => {
    const eve = await setUpPerson('Eve');
    const page = await pageAt(desktopWidth);
    await logInAs(page, eve);
    await navigateTo(page, 'Profile');
    const section = page.getByRole('region', { name: 'Delete your account' });
    await expect
      .poll(() => section.textContent())
      .toContain('Wallets with money in them are frozen with the money');

    await section.getByLabel('Password').fill('not my password');
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await expect
      .poll(() => fieldErrorOf(section.getByLabel('Password', { exact: true })))
      .toBe('The password is wrong.');
    await checkScreenAtBothWidths(page, 'profile-delete-refused');

    await section.getByLabel('Password').fill(eve.password);
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByText('Your account is deleted.').waitFor();
    await checkScreen(page, 'account-deleted');
    const login = await suite.api.http('/v1/auth/login', {
      body: { login: eve.userName, password: eve.password },
    });
    expect(login.status).toBe(401);
    // A new tab finds no session either.
    await page.goto(`${suite.system.url}/`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expectNoPageErrors();
  });
});
