import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The CLI's parse cache stays off unless a test turns it on with a folder of its own.
    env: { LOADTEST_LENS_CACHE: 'off' },
  },
});
