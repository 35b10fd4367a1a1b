import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { printHubSchema } from './index.ts';

/** Where the SDL of the hub's API is committed, for integrators and the viewer's code generation. */
export const SDL_PATH = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** The SDL as committed: printed, sorted, and formatted like every other file of the repository. */
export async function committedSdl(): Promise<string> {
  const config = await resolveConfig(SDL_PATH);
  return format(printHubSchema(), { ...config, parser: 'graphql' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SDL_PATH, await committedSdl());
  console.log(`wrote ${SDL_PATH}`);
}
