import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operations } from './operations.ts';

// The hub's committed SDL (schema/schema.graphql): the contract the gateway serves and CI keeps current.
const schema = buildSchema(readFileSync(join(import.meta.dirname, '../../../schema/schema.graphql'), 'utf8'));

describe('the operations the viewer sends', () => {
  for (const [name, body] of Object.entries(operations)) {
    it(`${name} is valid against the hub's schema`, () => {
      const document = parse(body);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    });
  }
});
