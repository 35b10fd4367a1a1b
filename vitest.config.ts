import { defineConfig } from 'vitest/config';

// One project per workspace; each test isolates itself (own database, queue prefix, topic root),
// so files run in parallel across the two cores.
export default defineConfig({
  test: {
    projects: ['schema', 'connectors', 'connectors/simulators', 'jobs', 'gateway', 'twin-viewer'],
  },
});
