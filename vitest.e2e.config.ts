import { defineConfig } from 'vitest/config';

/**
 * End-to-end journeys in Debian's Chromium against the real platform, started
 * once as a child process by tests/e2e/support/global-setup.ts. Builds nothing:
 * run `npm run build` first (CI does). Files run one after another: the server,
 * its database and a browser already fill a 2-core machine.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 180_000,
    // expect.poll waits as long as a step may (STEP_TIMEOUT in support/browser.ts), not vitest's default second:
    // a query refetch on a loaded 2-core CI machine can take longer than that.
    expect: { poll: { timeout: 45_000, interval: 250 } },
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
    env: { LOG_LEVEL: 'silent' },
  },
});
