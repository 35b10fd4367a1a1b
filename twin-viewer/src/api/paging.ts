import type { TypedDocumentString } from './generated/graphql.ts';
import type { GraphqlClient } from './graphql-client.ts';

/** A page of a Relay connection, as every paged operation of the viewer selects it. */
export interface Page<N> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: N }[];
}

/** The node of a generated connection type: `NodeOf<TwinBuildingsQuery['buildings']>`. */
export type NodeOf<C> = C extends { edges: { node: infer N }[] } ? N : never;

/** Follows a Relay connection to its end: the hub caps `first` at 500, a ×10 district has more devices. */
export async function fetchAll<R, V extends { after?: string | null }, N>(
  client: GraphqlClient,
  document: TypedDocumentString<R, V>,
  pageOf: (data: R) => Page<N>,
  variables: Omit<V, 'after'>,
): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (;;) {
    const page = pageOf(await client.request(document, { ...variables, after } as V));
    for (const edge of page.edges) nodes.push(edge.node);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}
