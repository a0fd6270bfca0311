import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // Real servers (Temporal, PostgreSQL, SMTP, Chromium) are shared by the whole run; two cores
    // do not gain from more than two workers, and fewer workers keep Temporal's load honest.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
