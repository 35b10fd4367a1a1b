import { defineConfig } from 'vite';

// The gateway serves the built files at /twin, so every asset URL is rooted there. `npm run build`
// (src/build/build-viewer.ts) generates the GraphQL types first and adds the trusted-documents manifest.
export default defineConfig({
  root: import.meta.dirname,
  base: '/twin/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // three.js alone is ~600 kB minified; one chunk is fine for a wall-screen app that loads once.
    chunkSizeWarningLimit: 1200,
    // Rolldown's PLUGIN_TIMINGS warning fires whenever a build on the busy shared cores takes over 3 s;
    // it names no fault of ours and would land in the middle of `npm start`'s output.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
