import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { committedFieldRoles, committedSdl, ROLES_PATH, SDL_PATH } from './print-schema.ts';

describe('committed SDL', () => {
  it('matches the schema the code builds (regenerate: npm run graphql:print -w @district-hub/schema)', async () => {
    expect(readFileSync(SDL_PATH, 'utf8')).toBe(await committedSdl());
  });

  it('lists the role every type and field needs, so a field added without a scope shows up (same command)', () => {
    expect(readFileSync(ROLES_PATH, 'utf8')).toBe(committedFieldRoles());
  });
});
