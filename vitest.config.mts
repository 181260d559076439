import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/setup/tmpdir.ts'],
    testTimeout: 60_000,
    // One test file per core. Vitest's default in `run` mode is one fewer than the cores: a
    // single worker on CI's 2 cores, which left one core idle through the unit step.
    maxWorkers: availableParallelism(),
    // The CLI's parse cache stays off unless a test turns it on with a folder of its own.
    env: { LOADTEST_LENS_CACHE: 'off' },
  },
});
