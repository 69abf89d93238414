import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration files each create their own databases; two workers match the 2-core CI machines.
    maxWorkers: 2,
    pool: 'forks',
  },
});
