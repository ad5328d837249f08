import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Clears and, at the end, writes test-results/fixture-report.md (every recorded exchange, every field).
    globalSetup: ['test/global-setup.ts'],
    // The in-memory SDK of test/helpers/in-memory-sdk.ts: reset before each test, shut down after each file.
    setupFiles: ['test/setup/in-memory-sdk.ts'],
    // e2e tests spawn child processes and local servers; give them room but keep CI bounded.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
