import { defineConfig } from 'vitest/config';

// Unit tests live beside their code (*.spec.ts); whole-app paths in tests/ (*.test.ts).
// Training and browser tests are slow on 2 cores, hence the generous timeouts.
export default defineConfig({
  test: {
    include: ['**/*.spec.ts', 'tests/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./tests/support/globalSetup.ts'],
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
