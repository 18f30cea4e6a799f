/*
 * MoneyPal's service worker: the app opens without a network. It keeps the app shell
 * (index.html), the built assets it loads, the manifest and the icons; a page navigation that
 * fails offline gets the kept shell, whose own offline state then says that MoneyPal cannot be
 * reached. API answers (/v1/…) are never kept: money data is never shown stale.
 */

const cacheName = 'moneypal-shell-v1';
const shellPath = '/index.html';
const staticFiles = [
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/icons/apple-touch-icon.png',
];
/** Paths the service worker leaves to the network alone: the API and the server's own pages. */
const networkOnlyPrefixes = ['/v1/', '/api/', '/problems', '/healthz', '/readyz', '/metrics'];

/** The built files a shell loads (hashed, so never changed in place). */
function assetsOf(html) {
  const found = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"?#]+)"/g)) found.add(match[1]);
  return [...found];
}

/** Keeps the shell as the network answered it, and the assets it names. */
async function keepShell(response) {
  const cache = await caches.open(cacheName);
  const html = await response.clone().text();
  await cache.put(shellPath, response);
  const missing = [];
  for (const asset of assetsOf(html)) {
    if ((await cache.match(asset)) === undefined) missing.push(asset);
  }
  await cache.addAll(missing);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.addAll(staticFiles);
      const shell = await fetch(shellPath, { cache: 'no-cache' });
      if (!shell.ok) throw new Error(`the app shell answered ${shell.status}`);
      await keepShell(shell);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== cacheName) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** A page: from the network (keeping the newest shell meanwhile), else the kept shell. */
async function answerNavigation(event) {
  try {
    const response = await fetch(event.request);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.startsWith('text/html')) {
      // Keeping it is no reason to fail the page: a full storage only loses the offline shell.
      event.waitUntil(keepShell(response.clone()).catch(() => {}));
    }
    return response;
  } catch (error) {
    const shell = await caches.match(shellPath);
    if (shell !== undefined) return shell;
    throw error;
  }
}

/** A built asset or icon: kept once fetched, since its content never changes under its name. */
async function answerStatic(request) {
  const kept = await caches.match(request);
  if (kept !== undefined) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (networkOnlyPrefixes.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === 'navigate') {
    event.respondWith(answerNavigation(event));
  } else if (url.pathname.startsWith('/assets/') || staticFiles.includes(url.pathname)) {
    event.respondWith(answerStatic(request));
  }
});
