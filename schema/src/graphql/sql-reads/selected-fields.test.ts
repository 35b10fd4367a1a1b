import {
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from './selected-fields.ts';

/** The resolve info of the operation's first root field, with fragment look-ups counted. */
function infoOf(query: string): { info: GraphQLResolveInfo; lookups: () => number } {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  let lookups = 0;
  const counted = new Proxy(fragments, {
    get: (target, name: string) => {
      lookups += 1;
      return target[name];
    },
  });
  const field = operation.selectionSet.selections[0]!;
  const info = { fieldNodes: [field], fragments: counted } as unknown as GraphQLResolveInfo;
  return { info, lookups: () => lookups };
}

describe('selectedFields', () => {
  it('reads the fields at a path through inline and named fragments', () => {
    const { info } = infoOf(`{ rooms { edges { node { number ...Place ... on Room { name } } } } }
      fragment Place on Room { building { code } floor { level } }`);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual([
      'building',
      'floor',
      'name',
      'number',
    ]);
    expect([...selectedFields(info, ['edges', 'node', 'building'])]).toEqual(['code']);
  });

  it('expands each fragment once per path position, so fragments that spread the next one twice stay linear', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i < levels - 1
        ? `fragment F${i} on RoomConnection { ...F${i + 1} ...F${i + 1} }`
        : `fragment F${i} on RoomConnection { edges { node { number } } }`,
    );
    const { info, lookups } = infoOf(`{ rooms { ...F0 } }\n${fragments.join('\n')}`);
    expect([...selectedFields(info, ['edges', 'node'])]).toEqual(['number']);
    // One look-up per fragment at the connection's level: 2^40 paths, 40 expansions.
    expect(lookups()).toBe(levels);
  });
});
