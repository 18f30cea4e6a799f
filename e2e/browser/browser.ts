import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { httpClient } from '../support/http.js';
import { startTestSystem, type TestSystem } from '../support/system.js';

/*
 * The browser side of the whole-system tests: the built web app served by the gateway,
 * driven in Debian's Chromium through playwright-core, checked with axe-core.
 */

const require = createRequire(import.meta.url);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const webAppRoot = join(repositoryRoot, 'apps/web');
const screenshotDirectory = join(repositoryRoot, 'e2e/artifacts/screenshots');

/** The widths every screen is looked at: a small phone and a desktop. */
export const phoneWidth = 375;
export const desktopWidth = 1280;

/** The newest change under `path` (a file, or a folder walked recursively). */
function newestChangeMs(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChangeMs(join(path, name))),
    stats.mtimeMs,
  );
}

/**
 * Builds the web app into apps/web/dist, which the gateway serves, unless a build newer than
 * every source file is there already.
 */
export function ensureWebAppBuilt(): void {
  const builtPage = join(webAppRoot, 'dist/index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((name) => join(webAppRoot, name));
  if (existsSync(builtPage) && Math.max(...sources.map(newestChangeMs)) <= statSync(builtPage).mtimeMs)
    return;
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webAppRoot,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Fails plainly when the system under test does not serve the web app at `/`. */
export async function expectWebAppServed(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/login`, { headers: { accept: 'text/html' } });
  const page = await response.text();
  if (!page.includes('<div id="root">')) {
    throw new Error(
      `${baseUrl} does not serve the web app: the gateway needs WEB_ROOT=${join(webAppRoot, 'dist')}`,
    );
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Uncaught errors of the page's scripts; a test expects none. */
  pageErrors: string[];
  /** What the gateway's Content-Security-Policy blocked on the page; a test expects nothing. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** A fresh browser profile (no storage shared with other pages) at a viewport width. */
export async function openPage(browser: Browser, width: number): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Every violation fires `securitypolicyviolation`; Chromium also reports it on the console.
  const cspViolations: string[] = [];
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
    console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
      ' on ' + document.location.pathname));`);
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('CSP violation') || text.includes('Content Security Policy'))
      cspViolations.push(text);
  });
  return { page, pageErrors, cspViolations, close: () => context.close() };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeScript: string | undefined;
function axeSource(): string {
  axeScript ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeScript;
}

/** Runs axe-core on the page as it is and expects no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') {
    // Evaluated, not added as a <script>: the page's CSP rightly refuses inline scripts.
    await page.evaluate(axeSource());
  }
  const violations = (await page.evaluate(`
    window.axe.run(document, { resultTypes: ['violations'] }).then((result) =>
      result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      })),
    )
  `)) as AxeViolation[];
  const serious = violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(serious, `accessibility of the ${screen} screen`).toEqual([]);
}

/** Saves the whole page as e2e/artifacts/screenshots/<screen>-<width>.png. */
export async function saveScreenshot(page: Page, screen: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(screenshotDirectory, `${screen}-${width}.png`), fullPage: true });
}

/** A screen is checked the same way everywhere: it fits the width, passes axe, and is photographed. */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const contentWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(contentWidth, `the ${screen} screen scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
  await expectAccessible(page, screen);
  await saveScreenshot(page, screen);
}

/** `checkScreen` at the page's width and at the other of the two widths, leaving the page as it was. */
export async function checkScreenAtBothWidths(page: Page, screen: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: desktopWidth, height: 900 };
  await checkScreen(page, screen);
  await page.setViewportSize({
    ...viewport,
    width: viewport.width === phoneWidth ? desktopWidth : phoneWidth,
  });
  await checkScreen(page, screen);
  await page.setViewportSize(viewport);
}

/** A person to register: unique names per call. */
export interface Person {
  firstName: string;
  userName: string;
  email: string;
  password: string;
}

let people = 0;

export function newPerson(firstName: string): Person {
  people += 1;
  const tag = `${Date.now().toString(36)}${people}`;
  const name = firstName.toLowerCase();
  return {
    firstName,
    userName: `${name}_${tag}`,
    email: `${name}.${tag}@example.com`,
    password: 'a long enough password',
  };
}

/** Calls to the API for what a test sets up rather than checks through the browser. */
export function apiOf(baseUrl: string) {
  const http = httpClient(baseUrl);

  const logIn = async (login: string, password: string): Promise<string> => {
    const answer = await http('/v1/auth/login', { body: { login, password } });
    expect(answer.status, 'log in through the API').toBe(200);
    return answer.body.access_token as string;
  };

  /** The user's default wallet, once the ledger has opened it after registration. */
  const walletOf = async (token: string) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const answer = await http('/v1/wallets', { token });
      const wallet = answer.body?.data?.find((candidate: { is_default: boolean }) => candidate.is_default);
      if (wallet !== undefined)
        return wallet as { id: string; main: number; savings: number; currency: string };
      if (Date.now() > deadline) throw new Error('the default wallet was not opened in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    http,
    logIn,
    walletOf,
    /** Registers `person` and answers their id. */
    register: async (person: Person): Promise<string> => {
      const answer = await http('/v1/auth/register', {
        body: {
          first_name: person.firstName,
          last_name: 'Tester',
          user_name: person.userName,
          email: person.email,
          password: person.password,
        },
      });
      expect(answer.status, 'register through the API').toBe(201);
      return answer.body.id as string;
    },
    /** Credits the person's default wallet from the back office, as an admin does. */
    deposit: async (admin: { email: string; password: string }, person: Person, amountMinor: number) => {
      const wallet = await walletOf(await logIn(person.userName, person.password));
      const answer = await http(`/v1/wallets/${wallet.id}/deposits`, {
        token: await logIn(admin.email, admin.password),
        body: { amount: amountMinor, reference: 'e2e funding' },
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(answer.status, 'back-office deposit').toBe(201);
    },
  };
}

/** Registers on the registration screen, which signs the person in and opens home. */
export async function registerThroughUi(page: Page, baseUrl: string, person: Person): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('First name').fill(person.firstName);
  await page.getByLabel('Last name').fill('Tester');
  await page.getByLabel('User name').fill(person.userName);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: `Hello, ${person.firstName}` }).waitFor();
}

/** Logs in on the login screen (already open, or opened here); stops at the code step if one comes. */
export async function logInThroughUi(
  page: Page,
  baseUrl: string,
  login: string,
  password: string,
): Promise<void> {
  if (!page.url().startsWith(`${baseUrl}/login`)) await page.goto(`${baseUrl}/login`);
  await page.getByLabel('User name or email').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Opens a screen through the main navigation, as a person would (the menu button on a phone). */
export async function navigateTo(page: Page, linkName: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: linkName, exact: true })
    .click();
}

/** Fills the add-money form and goes to the PayPal simulator's approval page. */
export async function startFunding(page: Page, amount: string): Promise<void> {
  await navigateTo(page, 'Add money');
  await page.getByLabel('Amount (USD)').fill(amount);
  await page.getByRole('button', { name: 'Continue to PayPal' }).click();
  await page.locator('[data-action="approve"]').waitFor();
}

/** One browser suite's system, API client and Chromium, and the helpers its tests share. */
export interface BrowserSuite {
  readonly system: TestSystem;
  readonly api: ReturnType<typeof apiOf>;
  readonly browser: Browser;
  /** A new page at `width`, whose errors and CSP violations `expectNoPageErrors` checks. */
  pageAt(width: number): Promise<Page>;
  /** No page of the suite threw an uncaught error or met a Content-Security-Policy violation. */
  expectNoPageErrors(): void;
  /** A new user registered through the API, with `depositMinor` deposited by the back office. */
  setUpPerson(firstName: string, depositMinor?: number): Promise<Person>;
  /** Logs in through the login screen and waits for the home screen's greeting. */
  logInAs(page: Page, person: Person, password?: string): Promise<void>;
}

/**
 * Starts the whole system with the built web app, and Chromium, before the file's tests,
 * and stops both after them.
 */
export function browserSuite(): BrowserSuite {
  let system: TestSystem | undefined;
  let browser: Browser | undefined;
  let api: ReturnType<typeof apiOf> | undefined;
  const openedPages: OpenedPage[] = [];
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started');
    return value;
  };
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
  const suite: BrowserSuite = {
    get system() {
      return started(system);
    },
    get api() {
      return started(api);
    },
    get browser() {
      return started(browser);
    },
    async pageAt(width) {
      const opened = await openPage(suite.browser, width);
      openedPages.push(opened);
      return opened.page;
    },
    expectNoPageErrors() {
      expect(openedPages.flatMap((opened) => opened.pageErrors)).toEqual([]);
      expect(openedPages.flatMap((opened) => opened.cspViolations)).toEqual([]);
    },
    async setUpPerson(firstName, depositMinor = 0) {
      const person = newPerson(firstName);
      await suite.api.register(person);
      if (depositMinor > 0) await suite.api.deposit(suite.system.admin, person, depositMinor);
      return person;
    },
    async logInAs(page, person, password = person.password) {
      await logInThroughUi(page, suite.system.url, person.userName, password);
      await page.getByRole('heading', { name: `Hello, ${person.firstName}` }).waitFor();
    },
  };
  return suite;
}
