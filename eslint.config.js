import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Which package may import which (ARCHITECTURE.md): each region of the tree lists the folders it must
// not import from. Imports are resolved to files first (workspace packages through their `exports`,
// relative paths as they are), so a boundary holds however an import is spelled.
const WORKSPACES = {
  schema: './schema',
  connectors: './connectors/src',
  simulators: './connectors/simulators',
  jobs: './jobs',
  gateway: './gateway',
  viewer: './twin-viewer',
};
/** Files that only tests, benches, the demo and test tooling use: they may reach the simulators. */
const SUPPORT = [
  '**/*.test.ts',
  '**/*.test-d.ts',
  '**/testing/**',
  '**/bench/**',
  '**/e2e/**',
  '**/tools/**',
];

/**
 * One region of the tree and the workspaces it must not import. `only` narrows the region to its
 * production files or to its support files (tests, benches, test tooling); a file falls in one region.
 */
const boundary = (folder, only, forbidden, why, alsoIgnore = []) => ({
  files: only === 'support' ? SUPPORT.map((glob) => [`${folder}/**`, glob]) : [`${folder}/**`],
  ignores: [...(only === 'production' ? SUPPORT : []), ...alsoIgnore],
  rules: {
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: forbidden.map((name) => ({ target: `./${folder}`, from: WORKSPACES[name], message: why })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '.data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Library code logs through the process's logger (`createLogger` in schema, a child per component).
    // Only what a person runs in a terminal prints: the command lines, `npm start`'s banner (main.ts),
    // the simulators' own command, benches, tools, tests and their helpers; and the viewer, whose browser
    // code has the browser's console and whose build runs as a command.
    ignores: [
      ...SUPPORT,
      'jobs/src/cli/**',
      'schema/src/migrate/cli.ts',
      'schema/src/graphql/print-schema.ts',
      'gateway/src/main.ts',
      'connectors/simulators/src/main.ts',
      'bench/**',
      'twin-viewer/**',
    ],
    rules: { 'no-console': 'error' },
  },
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })] },
    rules: {
      // Another package is reached through its name and `exports`, never a relative path into it.
      'import-x/no-relative-packages': 'error',
    },
  },
  boundary(
    'schema',
    'all',
    ['connectors', 'simulators', 'jobs', 'gateway', 'viewer'],
    'schema is the domain: it imports no other workspace.',
  ),
  boundary(
    'connectors/src',
    'production',
    ['simulators', 'jobs', 'gateway', 'viewer'],
    'connectors import only schema; the simulators are for the demo, tests and benches.',
  ),
  boundary(
    'connectors/src',
    'support',
    ['jobs', 'gateway', 'viewer'],
    "connectors' tests may use the simulators, never jobs or the gateway.",
  ),
  boundary(
    'connectors/bench',
    'all',
    ['jobs', 'gateway', 'viewer'],
    "connectors' benches may use the simulators, never jobs or the gateway.",
  ),
  boundary(
    'connectors/simulators',
    'all',
    ['connectors', 'jobs', 'gateway', 'viewer'],
    'the simulators stand in for outside systems: they import schema and nothing of production code.',
  ),
  boundary(
    'jobs',
    'production',
    ['simulators', 'gateway', 'viewer'],
    'jobs import schema and connectors; the simulators are for the demo, tests and benches.',
  ),
  boundary('jobs', 'support', ['gateway', 'viewer'], 'jobs never import the gateway or the viewer.'),
  boundary(
    'gateway/src',
    'production',
    ['simulators'],
    'only the demo (gateway/src/demo), tests and benches start the simulators.',
    ['gateway/src/demo/**'],
  ),
  boundary(
    'twin-viewer/src',
    'production',
    ['schema', 'connectors', 'simulators', 'jobs', 'gateway'],
    "the viewer's code reaches the hub only through the GraphQL API.",
  ),
);
