import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the "source" export condition),
// so the test command needs no build step.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'apps/*/src/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
      'bench/src/**/*.test.ts',
    ],
    // Every suite runs on PostgreSQL: the embedded server that vitest.setup.ts starts for the
    // run, or TEST_DATABASE_URL's. The multi-process e2e needs NATS and runs only with
    // TEST_NATS_URL; suites that share counters through Redis (`*.redis.test.ts`) run only
    // with TEST_REDIS_URL. The browser suite needs Chromium: `npm run test:browser` runs it
    // (vitest.browser.config.ts).
    globalSetup: ['./vitest.setup.ts'],
    // Bus callers check their requests and replies against the contracts, as production does not.
    setupFiles: ['./vitest.workers.setup.ts'],
    exclude: [
      '**/node_modules/**',
      'e2e/browser/**',
      ...(process.env.TEST_NATS_URL ? [] : ['e2e/distributed.test.ts']),
      ...(process.env.TEST_REDIS_URL ? [] : ['**/*.redis.test.ts']),
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // In CI every test is listed, so the log shows which database and bus each suite ran on.
    reporters: process.env.CI ? ['verbose'] : ['default'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
