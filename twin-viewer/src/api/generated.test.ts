import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedGraphqlFiles } from '../build/generated-graphql.ts';

describe('the generated GraphQL types and trusted documents', () => {
  it('are what codegen makes of the committed SDL and operations.graphql (run `npm run build`)', async () => {
    const files = await generatedGraphqlFiles();
    expect(files.size).toBeGreaterThan(0);
    for (const [path, content] of files) expect(readFileSync(path, 'utf8'), path).toBe(content);
  });
});
