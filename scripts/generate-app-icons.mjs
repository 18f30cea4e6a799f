// Renders the web app's icons (apps/web/public/icons/*.png) from their SVG sources, in the
// system's Chromium through playwright-core. Run once after changing an SVG, and commit the
// PNGs: `node scripts/generate-app-icons.mjs` (CHROMIUM_PATH if Chromium is elsewhere).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const icons = join(root, 'apps/web/public/icons');

/** Each PNG: its SVG source and its width and height in pixels. */
const renditions = [
  { source: 'icon.svg', target: 'icon-192.png', size: 192 },
  { source: 'icon.svg', target: 'icon-512.png', size: 512 },
  { source: 'icon-maskable.svg', target: 'icon-maskable-512.png', size: 512 },
  // iOS rounds the corners itself and shows transparency as black: the full-bleed source.
  { source: 'icon-maskable.svg', target: 'apple-touch-icon.png', size: 180 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const { source, target, size } of renditions) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = readFileSync(join(icons, source), 'utf8');
    await page.setContent(
      `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({
      path: join(icons, target),
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await page.close();
    console.log(`${target} (${size}×${size}) from ${source}`);
  }
} finally {
  await browser.close();
}
