import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Clears and, at the end, writes test-results/fixture-report.md (every recorded exchange, every field).
    globalSetup: ['test/global-setup.ts'],
    // e2e tests spawn child processes and local servers; give them room but keep CI bounded.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
