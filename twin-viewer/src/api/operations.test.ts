import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from './generated/graphql.ts';
import manifest from './generated/persisted-documents.json' with { type: 'json' };

// The hub's committed SDL (schema/schema.graphql): the contract the gateway serves and CI keeps current.
const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../../schema/schema.graphql'), 'utf8'));
const documents: Record<string, string> = manifest;

describe('the operations the viewer sends', () => {
  for (const [hash, text] of Object.entries(documents)) {
    const name = getOperationAST(parse(text))?.name?.value ?? hash;
    it(`${name} is valid against the hub's schema, under the SHA-256 of its text`, () => {
      expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
      // The gateway refuses a manifest whose hash is not that of its text (trusted-documents.ts).
      expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
    });
  }

  it('are the ones the bundle knows, by name and by hash', () => {
    // What the generated documents hold at run time: a name and a hash (codegen.ts), no class instance.
    const bundled = (Object.values(generated) as unknown[])
      .filter((value): value is { __meta__: { operationName: string; hash: string } } =>
        Boolean(value && typeof value === 'object' && '__meta__' in value),
      )
      .map(({ __meta__ }) => [__meta__.hash, __meta__.operationName]);
    const named = Object.entries(documents).map(([hash, text]) => [
      hash,
      getOperationAST(parse(text))?.name?.value,
    ]);
    expect(bundled.sort()).toEqual(named.sort());
    expect(bundled.length).toBeGreaterThan(10);
  });
});
