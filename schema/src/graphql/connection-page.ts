import { InvalidInputError } from '../domain/domain-errors.ts';

/** Connection page sizes: `first`/`last` default to 50 and may be at most 500 on every list. */
export const CONNECTION_DEFAULT_SIZE = 50;
export const CONNECTION_MAX_SIZE = 500;

export interface PageSizeArgs {
  first?: number | null;
  last?: number | null;
}

/**
 * How many rows a connection page holds, computed the one way every connection of the hub computes
 * it: `first`, else `last`, else 50. The Prisma plugin pages by `first ?? last` and only takes its
 * direction from `last`, so both together would page by one and be costed by the other: they are
 * refused. A size outside 0–500 is refused with the limit named, as GitHub's API does, rather than
 * clamped: a client asking for 1,000 rows should learn that it gets 500, not find out from a short page.
 * The gateway's cost guard calls this with the coerced arguments before anything runs; the
 * connections call it again through the builder's `maxConnectionSize` (see builder.ts).
 */
export function connectionPageSize(args: PageSizeArgs, connection = 'this connection'): number {
  const { first, last } = args;
  if (first != null && last != null) {
    throw new InvalidInputError(
      `\`first\` and \`last\` cannot be used together on ${connection}: page forward with first/after or backward with last/before`,
      'first',
      { limit: 'first', connection },
    );
  }
  const [argument, size] = first != null ? ['first', first] : ['last', last];
  if (size == null) return CONNECTION_DEFAULT_SIZE;
  if (size < 0 || size > CONNECTION_MAX_SIZE) {
    throw new InvalidInputError(
      `requesting ${size} records on ${connection} exceeds the \`${argument}\` limit of 0 to ${CONNECTION_MAX_SIZE} records`,
      argument,
      { limit: argument, min: 0, max: CONNECTION_MAX_SIZE, actual: size, connection },
    );
  }
  return size;
}
