import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at `path` below the field `info` resolves (e.g.
 * `['edges', 'node']` of a connection), through inline fragments and named ones, so a reader can fetch
 * in the same statement what the query will ask of every row. A field under @skip or @include counts as
 * selected: reading it when it is skipped costs a little, never a wrong answer.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, path: readonly string[]) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (path.length === 0) names.add(selection.name.value);
        else if (selection.name.value === path[0]) visit(selection.selectionSet, path.slice(1));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, path);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet, path);
      }
    }
  };
  for (const fieldNode of info.fieldNodes) visit(fieldNode.selectionSet, path);
  return names;
}
