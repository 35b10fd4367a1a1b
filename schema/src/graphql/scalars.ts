import { GraphQLError, Kind, type ValueNode } from 'graphql';

/** ISO-8601 timestamps in, Date objects inside, ISO-8601 (UTC, milliseconds) out. */
export function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO-8601 string, got ${JSON.stringify(value)}`);
  }
  return date;
}

export function serializeDateTime(value: unknown): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`not a DateTime: ${String(value)}`);
  return date.toISOString();
}

export function parseDateTimeLiteral(node: ValueNode): Date {
  if (node.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string literal');
  return parseDateTime(node.value);
}

/** Money and other exact decimals travel as strings so no client rounds them through a double. */
export function serializeDecimal(value: unknown): string {
  return String(value);
}
