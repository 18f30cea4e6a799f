import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The web app in a real Chromium (/usr/bin/chromium) against the whole system: `npm run test:browser`.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['e2e/browser/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    maxWorkers: 1,
  },
});
