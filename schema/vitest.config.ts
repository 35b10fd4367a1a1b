import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

// graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node, and so Pothos and Apollo, load the CJS
// one; Vite would give inlined sources the ESM one, and graphql refuses objects from "another realm".
// Pinning the bare import to Node's choice keeps one graphql in tests, as in production.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    name: 'schema',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
