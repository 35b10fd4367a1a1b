/**
 * Documents an attacker sends, as the hostile-request suite sends them and the gateway benchmark
 * times their analysis (issue 16). Each is small to send and large to walk, nest or execute.
 */

/** Fragments that each spread the next one twice: 2ⁿ paths through n fragments of ~40 bytes each. */
export function fragmentDoubling(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i < levels - 1
      ? `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`
      : `fragment F${i} on Query { district { name } }`,
  );
  return `{ ...F0 }\n${fragments.join('\n')}`;
}

/** `count` aliases of `__typename`, which cost nothing to the old guard. */
export function typenameAliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;
}

/** `count` aliased `__typename` on every room of a 500-room page: millions of keys from one request. */
export function typenameFlood(count: number): string {
  const aliases = Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ');
  return `{ rooms(first: 500) { edges { node { ${aliases} } } } }`;
}

/** `__schema` nested `levels` fields deep through `fields { type { … } }`. */
export function deepIntrospection(levels: number): string {
  let selection = 'name';
  for (let level = 0; level < levels; level += 1) {
    selection = level % 2 === 0 ? `fields { ${selection} }` : `type { ${selection} }`;
  }
  return `{ __schema { types { ${selection} } } }`;
}

/** One field carrying `count` directives the schema does not know (a scanner's "directive overloading"). */
export function directiveOverload(count: number): string {
  const directives = Array.from({ length: count }, (_, i) => `@d${i}`).join(' ');
  return `{ district { name ${directives} } }`;
}
