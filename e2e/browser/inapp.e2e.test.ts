import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { systemLabel } from '../support/system.js';
import {
  browserSuite,
  checkScreenAtBothWidths,
  desktopWidth,
  logInThroughUi,
  navigateTo,
  type Person,
  phoneWidth,
} from './browser.js';

/*
 * Inside the app: the bell counts unread messages and the inbox reads them; the app installs
 * (manifest, icons, service worker) and opens its shell offline; a payment link and its QR code
 * open the send screen filled in, still waiting for the payer's confirmation.
 */

const suite = browserSuite();
const { pageAt, expectNoPageErrors, setUpPerson, logInAs } = suite;

const labelOf = (person: Person) => `${person.firstName} Tester (@${person.userName})`;

/** The payer sends `amount` to the payee through the API. */
async function sendThroughApi(payer: Person, payee: Person, amount: number, key: string) {
  const token = await suite.api.logIn(payer.userName, payer.password);
  const wallet = await suite.api.walletOf(token);
  const transfer = await suite.api.http('/v1/transfers', {
    token,
    body: { from_wallet_id: wallet.id, to_user: payee.userName, amount },
    headers: { 'idempotency-key': key },
  });
  expect(transfer.status).toBe(201);
}

/** Waits until the person's unread count, through the API, is `count`. */
async function expectUnreadCount(token: string, count: number) {
  await expect
    .poll(async () => (await suite.api.http('/v1/notifications/unread-count', { token })).body.count, {
      timeout: 10_000,
    })
    .toBe(count);
}

/** A PNG's width and height, from its header. */
function pngSizeOf(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The path of the dark modules of a QR code, drawn as the receive screen draws it. */
function darkModulesPathOf(modules: boolean[][]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x += 1;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

describe(`in-app notifications, install and payment links (${systemLabel})`, () => {
  it('counts a transfer’s message on the bell, and reading it clears the count', async () => {
    const payer = await setUpPerson('Sofia', 5_000);
    const payee = await setUpPerson('Tomas');
    const payeeToken = await suite.api.logIn(payee.userName, payee.password);
    // The welcome message is read: the transfer's is then the one unread message.
    await expectUnreadCount(payeeToken, 1);
    expect((await suite.api.http('/v1/notifications/read', { token: payeeToken, body: {} })).status).toBe(
      200,
    );
    await sendThroughApi(payer, payee, 1_250, `inapp-${payee.userName}-1`);
    await expectUnreadCount(payeeToken, 1);

    const page = await pageAt(phoneWidth);
    await logInAs(page, payee);
    const bell = page.getByRole('link', { name: 'Notifications, 1 unread' });
    await bell.waitFor();
    expect(await page.getByTestId('unread-count').textContent()).toBe('1');
    await checkScreenAtBothWidths(page, 'bell-unread');

    await bell.click();
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    await page.getByText('You have 1 unread message.').waitFor();
    const received = page.locator('details.message-unread');
    expect(await received.count()).toBe(1);
    await checkScreenAtBothWidths(page, 'inbox-unread');
    await received.locator('summary').click();
    await page
      .getByText(/You received USD 12\.50 from/)
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
    await page.getByText('All your messages are read.').waitFor();
    expect(await page.locator('details.message-unread').count()).toBe(0);
    await expectUnreadCount(payeeToken, 0);
    await checkScreenAtBothWidths(page, 'inbox-read');

    // Two more: "Mark all as read" reads both at once.
    await sendThroughApi(payer, payee, 300, `inapp-${payee.userName}-2`);
    await sendThroughApi(payer, payee, 200, `inapp-${payee.userName}-3`);
    await expectUnreadCount(payeeToken, 2);
    await page.reload();
    await page.getByRole('link', { name: 'Notifications, 2 unread' }).waitFor();
    await page.getByText('You have 2 unread messages.').waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
    expect(await page.locator('details.message-unread').count()).toBe(0);
    await expectUnreadCount(payeeToken, 0);
    expectNoPageErrors();
  }, 120_000);

  it('serves a valid manifest with its icons, and names it on the page', async () => {
    const base = suite.system.url;
    const response = await fetch(`${base}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      background_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({
      name: 'MoneyPal',
      short_name: 'MoneyPal',
      start_url: '/',
      display: 'standalone',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    });
    const purposes = manifest.icons.map((icon) => `${icon.sizes} ${icon.type} ${icon.purpose}`);
    expect(purposes).toEqual(
      expect.arrayContaining([
        '192x192 image/png any',
        '512x512 image/png any',
        '512x512 image/png maskable',
        'any image/svg+xml any',
      ]),
    );
    for (const icon of manifest.icons) {
      const image = await fetch(new URL(icon.src, base));
      expect(image.status, icon.src).toBe(200);
      expect(image.headers.get('content-type'), icon.src).toContain(icon.type);
      if (icon.type === 'image/png') {
        const [width, height] = icon.sizes.split('x').map(Number);
        expect(pngSizeOf(Buffer.from(await image.arrayBuffer())), icon.src).toEqual({ width, height });
      }
    }

    const page = await pageAt(desktopWidth);
    await page.goto(`${base}/login`);
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    // The light theme's bar colour is the manifest's; the dark theme has its own.
    const lightBar = page.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]');
    expect(await lightBar.getAttribute('content')).toBe(manifest.theme_color);
    const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect((await fetch(new URL(touchIcon!, base))).status).toBe(200);
  });

  it('registers the service worker, which opens the kept shell offline and keeps no API answer', async () => {
    const person = await setUpPerson('Ulla');
    const page = await pageAt(phoneWidth);
    await logInAs(page, person);
    // Evaluated as text: these tests compile without the DOM's types.
    const scope = await page.evaluate(
      'navigator.serviceWorker.ready.then((registration) => registration.scope)',
    );
    expect(scope).toBe(`${suite.system.url}/`);
    // Controlled from the first load on (the worker claims its clients).
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    const worker = await fetch(`${suite.system.url}/sw.js`);
    expect(worker.headers.get('service-worker-allowed')).toBe('/');
    expect(worker.headers.get('cache-control')).toBe('no-cache');

    await page.context().setOffline(true);
    const offline = await page.reload();
    expect(offline?.fromServiceWorker()).toBe(true);
    await page
      .getByText('We could not reach MoneyPal to open your session. Check your connection.')
      .waitFor();
    await checkScreenAtBothWidths(page, 'offline-shell');
    const kept = (await page.evaluate(`(async () => {
      const paths = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
      }
      return paths;
    })()`)) as string[];
    expect(kept).toContain('/index.html');
    expect(kept.some((path) => path.startsWith('/assets/'))).toBe(true);
    expect(kept.filter((path) => path.startsWith('/v1/'))).toEqual([]);

    await page.context().setOffline(false);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: `Hello, ${person.firstName}` }).waitFor();
    expectNoPageErrors();
  }, 120_000);

  it('shows my payment link and its QR code on the receive screen, and copies the link', async () => {
    const person = await setUpPerson('Vera');
    const page = await pageAt(phoneWidth);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.system.url });
    await logInAs(page, person);
    await navigateTo(page, 'Receive');
    await page.getByRole('heading', { name: 'Receive money' }).waitFor();
    const linkField = page.getByRole('textbox', { name: 'Payment link', exact: true });
    expect(await linkField.inputValue()).toBe(`${suite.system.url}/send?to=${person.userName}`);

    await page.getByLabel('Amount to ask for (USD)').fill('12.5');
    await page.getByLabel('Note').fill('Lunch & coffee');
    const link = `${suite.system.url}/send?to=${person.userName}&amount=12.50&note=Lunch+%26+coffee`;
    await expect.poll(() => linkField.inputValue()).toBe(link);
    const qr = page.getByRole('img', { name: 'QR code of your payment link' });
    await qr.waitFor();
    // The code drawn is the code of the link shown.
    const encoded = encode(link, { ecc: 'M', border: 4 });
    expect(await qr.locator('path').getAttribute('d')).toBe(darkModulesPathOf(encoded.data));
    await checkScreenAtBothWidths(page, 'receive');

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);

    // An amount that is not one leaves the link without it.
    await page.getByLabel('Amount to ask for (USD)').fill('12.345');
    await expect
      .poll(() => linkField.inputValue())
      .toBe(`${suite.system.url}/send?to=${person.userName}&note=Lunch+%26+coffee`);
    expectNoPageErrors();
  }, 120_000);

  it('opens a payment link through the login on the send screen, filled in, and sends only when confirmed', async () => {
    const payee = await setUpPerson('Wendy');
    const payer = await setUpPerson('Xavier', 5_000);
    const page = await pageAt(desktopWidth);
    await page.goto(`${suite.system.url}/send?to=${payee.userName}&amount=12.50&note=Lunch`);
    await page.waitForURL(/\/login\?next=/);
    await logInThroughUi(page, suite.system.url, payer.userName, payer.password);
    await page.waitForURL(/\/send\?to=/);
    await page.getByRole('heading', { name: 'Send money' }).waitFor();
    await page.getByText('The details below come from a payment link.', { exact: false }).waitFor();
    expect(await page.getByLabel('To (user name, email or phone)').inputValue()).toBe(payee.userName);
    expect(await page.getByLabel('Amount (USD)').inputValue()).toBe('12.50');
    expect(await page.getByLabel('Note').inputValue()).toBe('Lunch');
    await page.getByText(`Sends to ${labelOf(payee)}`).waitFor();
    await checkScreenAtBothWidths(page, 'send-from-link');

    // Nothing is sent before the payer confirms.
    const token = await suite.api.logIn(payer.userName, payer.password);
    expect((await suite.api.http('/v1/transactions?direction=out', { token })).body.data).toEqual([]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('region', { name: 'Check and confirm' }).getByText(labelOf(payee)).waitFor();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await page.getByText(`Sent $12.50 to ${labelOf(payee)}.`).waitFor();
    const sent = await suite.api.http('/v1/transactions?direction=out', { token });
    expect(sent.body.data.map((transfer: { amount: number }) => transfer.amount)).toEqual([1_250]);

    // A link with values that are not valid leaves them out, and says so.
    await page.goto(`${suite.system.url}/send?to=${payee.userName}&amount=-5&note=Rent`);
    await page.getByText('One value in the link was not valid and was left out: the amount.').waitFor();
    expect(await page.getByLabel('Amount (USD)').inputValue()).toBe('');
    expect(await page.getByLabel('Note').inputValue()).toBe('Rent');
    expectNoPageErrors();
  }, 120_000);
});
