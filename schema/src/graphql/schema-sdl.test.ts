import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { committedSdl, SDL_PATH } from './print-schema.ts';

describe('committed SDL', () => {
  it('matches the schema the code builds (regenerate: npm run graphql:print -w @district-hub/schema)', async () => {
    expect(readFileSync(SDL_PATH, 'utf8')).toBe(await committedSdl());
  });
});
