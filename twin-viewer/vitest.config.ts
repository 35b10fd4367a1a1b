import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

// The e2e tests run the whole hub in this process. graphql 16 ships CJS and ESM builds: Node (and so
// Apollo) loads the CJS one, Vite would hand inlined sources the ESM one, and graphql refuses objects
// from "another realm". Pinning the bare import to Node's choice keeps one graphql, as in production.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    name: 'twin-viewer',
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    // The e2e hook starts a whole demo hub (database, simulators, first sync) and a browser.
    hookTimeout: 300_000,
  },
});
