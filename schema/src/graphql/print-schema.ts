import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { getSchema, printHubSchema } from './index.ts';
import { printFieldRoles } from './field-roles.ts';

/** Where the SDL of the hub's API is committed, for integrators and the viewer's code generation. */
export const SDL_PATH = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** Where the role each type and field needs is committed (see field-roles.ts). */
export const ROLES_PATH = fileURLToPath(new URL('../../field-roles.txt', import.meta.url));

/** The committed role listing. */
export function committedFieldRoles(): string {
  return printFieldRoles(getSchema());
}

/** The SDL as committed: printed, sorted, and formatted like every other file of the repository. */
export async function committedSdl(): Promise<string> {
  const config = await resolveConfig(SDL_PATH);
  return format(printHubSchema(), { ...config, parser: 'graphql' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SDL_PATH, await committedSdl());
  writeFileSync(ROLES_PATH, committedFieldRoles());
  console.log(`wrote ${SDL_PATH} and ${ROLES_PATH}`);
}
