/** `@district-hub/schema/testing`: helpers for tests of every package (never imported by production code). */
export { createTestDatabase, databaseUrl, TEST_ADMIN_URL, type TestDatabase } from './test-database.ts';
export { terminateOnceReady, useScratchDir, type ChildExit } from './child-script.ts';
export { captureLogs, type LogLine } from './captured-logs.ts';
