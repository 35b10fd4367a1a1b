import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'twin-viewer',
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    // The e2e hook starts a whole demo hub (database, simulators, first sync) and a browser.
    hookTimeout: 300_000,
  },
});
