/** `@district-hub/jobs/testing`: helpers for tests of the jobs and of the packages above them. */
export { BACKENDS, createJobTestContext, type JobTestContext } from './job-test-context.ts';
export { runHubCli } from './run-hub-cli.ts';
export { startOwnRedis } from './redis-server.ts';
