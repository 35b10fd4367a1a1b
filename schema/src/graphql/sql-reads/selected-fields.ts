import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at `path` below the field `info` resolves (e.g.
 * `['edges', 'node']` of a connection), through inline fragments and named ones, so a reader can fetch
 * in the same statement what the query will ask of every row. A field under @skip or @include counts as
 * selected: reading it when it is skipped costs a little, never a wrong answer.
 * Each named fragment is expanded once per position in `path`: the names it adds there are the same
 * every time, so a document whose fragments spread the next one twice (2ⁿ paths through n fragments)
 * costs n expansions, not 2ⁿ.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const expanded = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, rest: readonly string[]) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (rest.length === 0) names.add(selection.name.value);
        else if (selection.name.value === rest[0]) visit(selection.selectionSet, rest.slice(1));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, rest);
      } else {
        const key = `${rest.length}:${selection.name.value}`;
        if (expanded.has(key)) continue;
        expanded.add(key);
        visit(info.fragments[selection.name.value]?.selectionSet, rest);
      }
    }
  };
  for (const fieldNode of info.fieldNodes) visit(fieldNode.selectionSet, path);
  return names;
}
