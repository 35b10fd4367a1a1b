import type { Compilable, CompiledQuery } from 'kysely';
import type { SqlExecutor } from './sql-db.ts';

/** Where a value of the call goes in a statement compiled once: it compiles to a `$n` parameter. */
class Slot {
  constructor(readonly name: string) {}
}

/** Gives `build` the call's value `name`, or, while the statement is being prepared, its slot. */
export type ValueOf<Values> = <Name extends keyof Values & string>(name: Name) => Values[Name];

export interface PreparedQuery<Shape, Values, Row> {
  /** The statement for `shape` with `values` in its parameters, compiled on the first call of a shape. */
  compile(db: SqlExecutor, shape: Shape, values: Values): CompiledQuery<Row>;
  execute(db: SqlExecutor, shape: Shape, values: Values): Promise<Row[]>;
  /** The same statement built for this call alone, as it would be without preparing (to compare). */
  query(db: SqlExecutor, shape: Shape, values: Values): Compilable<Row>;
}

/**
 * A statement compiled once per shape and run with each call's values, for the few statements so hot
 * that building and compiling them per call shows in the gateway's CPU (see README.md). `shapeKey`
 * names everything that changes the SQL text (which filters, which columns, which order); `build`
 * puts `value(name)` where each of the call's values goes and must not look at what it returns, which
 * may stand in for the value: hand it to Kysely as it is, and work out a LIKE pattern or an absolute
 * limit before the call. Called with a function that returns the values, `build` is the plain query.
 */
export function preparedQuery<Shape, Values extends object, Row>(
  shapeKey: (shape: Shape) => string,
  build: (db: SqlExecutor, shape: Shape, value: ValueOf<Values>) => Compilable<Row>,
): PreparedQuery<Shape, Values, Row> {
  const prepared = new Map<string, CompiledQuery<Row>>();
  const slot = ((name: string) => new Slot(name)) as ValueOf<Values>;
  const compile = (db: SqlExecutor, shape: Shape, values: Values): CompiledQuery<Row> => {
    const key = shapeKey(shape);
    let query = prepared.get(key);
    if (!query) prepared.set(key, (query = build(db, shape, slot).compile()));
    const parameters = query.parameters.map((parameter) =>
      parameter instanceof Slot ? values[parameter.name as keyof Values] : parameter,
    );
    return { ...query, parameters };
  };
  return {
    compile,
    execute: async (db, shape, values) => (await db.executeQuery(compile(db, shape, values))).rows,
    query: (db, shape, values) => build(db, shape, (name) => values[name]),
  };
}
