import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { systemLabel } from '../support/system.js';
import { browserSuite, checkScreenAtBothWidths, desktopWidth, phoneWidth } from './browser.js';

/*
 * The app in French and in the dark: the language chosen on the login screen carries through
 * every screen, money and dates written the French way, and survives a reload; the dark
 * theme, the system's by default or chosen in the profile, keeps every screen readable.
 */

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson } = suite;

/** A catalogue key shown instead of its text: a namespace, then a dot or colon and a key. */
const leakedKey =
  /\b(common|errors|forms|money|transactions|payments|savings|wallets|sendForm|chart|login|register|forgotPassword|home|fund|pay|paymentReturn|transfer|cashOut|holds|history|transaction|reports|invoices|notifications|profile|notFound)[.:][a-zA-Z]/;

/** A date as French writes it in short: "7 déc. 2026". */
const frenchDate = /\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}/;

/** What the page says, with no catalogue key among it. */
async function textOf(page: Page): Promise<string> {
  const text = await page.locator('body').innerText();
  expect(text, 'a catalogue key shows instead of its text').not.toMatch(leakedKey);
  return text;
}

/** Opens a screen through the main navigation in French (the menu button on a phone). */
async function openInFrench(page: Page, linkName: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page
    .getByRole('navigation', { name: 'Principale' })
    .getByRole('link', { name: linkName, exact: true })
    .click();
}

/** The page's background colour, as the browser paints it. */
const backgroundOf = (page: Page) =>
  page.evaluate('getComputedStyle(document.documentElement).backgroundColor') as Promise<string>;

describe(`the app in French and in the dark (${systemLabel})`, () => {
  it('speaks French from the login screen on, writes money and dates the French way, and remembers it', async () => {
    const person = await setUpPerson('Zoe', 5_000);
    const page = await pageAt(phoneWidth);
    await page.goto(`${suite.system.url}/login`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('fr');
    await textOf(page);
    await checkScreenAtBothWidths(page, 'login-fr');

    await page.getByLabel('Nom d’utilisateur ou e-mail').fill(person.userName);
    await page.getByLabel('Mot de passe').fill(person.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: `Bonjour, ${person.firstName}` }).waitFor();
    await page.getByRole('heading', { name: 'Vos portefeuilles' }).waitFor();
    // 50.00 USD, written the French way: decimal comma, the currency after.
    await page.locator('.wallet-card').getByText('50,00 $US').waitFor();
    await page.getByRole('heading', { name: 'Activité récente' }).waitFor();
    expect(await textOf(page)).toContain('Ajouter de l’argent');
    await checkScreenAtBothWidths(page, 'home-fr');

    await openInFrench(page, 'Historique');
    await page.getByRole('heading', { name: 'Historique', level: 1 }).waitFor();
    const row = page.getByRole('link', { name: /Argent ajouté/ });
    await row.getByText('+50,00 $US').waitFor();
    expect(await row.locator('time').innerText()).toMatch(frenchDate);
    await page.getByLabel('Sens').selectOption({ label: 'Entrées' });
    await textOf(page);
    await checkScreenAtBothWidths(page, 'history-fr');

    await openInFrench(page, 'Envoyer');
    await page.getByRole('heading', { name: 'Envoyer de l’argent' }).waitFor();
    const other = await setUpPerson('Yann');
    await page.getByLabel('À (nom d’utilisateur, e-mail ou téléphone)').fill(other.userName);
    await page.getByText(`Envoi à Yann Tester (@${other.userName})`).waitFor();
    // "1 000,50" is an amount in French: refused only for being more than the wallet holds.
    await page.getByLabel('Montant (USD)').fill('1 000,50');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByText('C’est plus que les 50,00 $US disponibles dans ce portefeuille.').waitFor();
    await textOf(page);
    await checkScreenAtBothWidths(page, 'send-fr');

    await openInFrench(page, 'Profil');
    await page.getByRole('heading', { name: 'Profil', level: 1 }).waitFor();
    expect(await page.getByLabel('Langue').inputValue()).toBe('fr');
    await textOf(page);
    await checkScreenAtBothWidths(page, 'profile-fr');

    await page.reload();
    await page.getByRole('heading', { name: 'Profil', level: 1 }).waitFor();
    expect(await page.title()).toBe('Profil · MoneyPal');

    // Back to English at once, from the profile.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expectNoPageErrors();
  }, 180_000);

  it('follows a dark system, and keeps the dark theme chosen in the profile readable on every width', async () => {
    const person = await setUpPerson('Ines', 5_000);
    const page = await pageAt(desktopWidth);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${suite.system.url}/login`);
    const lightBackground = await backgroundOf(page);
    expect(lightBackground).toBe('rgb(243, 245, 249)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await backgroundOf(page)).toBe('rgb(15, 23, 42)');
    await checkScreenAtBothWidths(page, 'login-dark');

    // A light system, and the dark theme chosen in the profile.
    await page.emulateMedia({ colorScheme: 'light' });
    await suite.logInAs(page, person);
    await page.goto(`${suite.system.url}/profile`);
    await page.getByRole('radio', { name: 'Dark' }).check();
    expect(await backgroundOf(page)).toBe('rgb(15, 23, 42)');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    const themeColors = await page.evaluate(
      `[...document.querySelectorAll('meta[name="theme-color"]')].map((meta) => meta.content)`,
    );
    expect(themeColors).toEqual(['#0b1a3f', '#0b1a3f']);
    await checkScreenAtBothWidths(page, 'profile-dark');

    await page.reload();
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await backgroundOf(page)).toBe('rgb(15, 23, 42)');
    expect(await page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);

    for (const [path, heading] of [
      ['/', `Hello, ${person.firstName}`],
      ['/history', 'History'],
      ['/reports', 'Reports'],
      ['/transfer', 'Send money'],
    ] as const) {
      await page.goto(`${suite.system.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await expect.poll(() => page.locator('.loading').count()).toBe(0);
      await checkScreenAtBothWidths(page, `${path === '/' ? 'home' : path.slice(1)}-dark`);
    }

    // The reports' chart with its numbers open, and field errors, in the dark.
    await page.goto(`${suite.system.url}/reports`);
    await page.getByText('Show the numbers').first().click();
    await checkScreenAtBothWidths(page, 'reports-numbers-dark');
    await page.goto(`${suite.system.url}/transfer`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Enter their user name or email.').waitFor();
    await checkScreenAtBothWidths(page, 'send-errors-dark');

    // Back to the system's choice: the light one here.
    await page.goto(`${suite.system.url}/profile`);
    await page.getByRole('radio', { name: 'As on this device' }).check();
    expect(await backgroundOf(page)).toBe(lightBackground);
    expectNoPageErrors();
  }, 180_000);
});
