import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Creates the run folder where the helpers keep the template databases and the compiled command.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each create their own databases; two workers match the 2-core CI machines.
    maxWorkers: 2,
    pool: 'forks',
  },
});
