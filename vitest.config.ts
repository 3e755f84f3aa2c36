/**
 * Test projects: `unit` (npm test: pure rules, HTTP and database tests on SQLite, and on
 * PostgreSQL too when TEST_DATABASE_URL is set), `pg` (npm run test:pg: the database tests on
 * PostgreSQL only) and `e2e` (npm run e2e: real Chromium against a real server).
 */
import { defineConfig } from 'vitest/config';

// .ci/run sets VITEST_JSON to collect a machine-readable result next to the usual report.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    reporters: json ? ['default', ['json', { outputFile: json }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pg',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          env: { TEST_DIALECT: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
