import {
  CONNECTION_MAX_SIZE,
  connectionPageSize,
  declaredListSize,
  type PageSizeArgs,
} from '@district-hub/schema/graphql';
import {
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

/**
 * The factor a field multiplies the cost of its selection by: a connection's page size, a plain list's
 * size, or 1. `args` coerces the field's arguments (variables and defaults applied) only when a size
 * depends on them. Throws the schema's `InvalidInputError` for arguments the field refuses (a page
 * outside 0–500, `first` with `last`, more than 100 ids, a range of more than 5,000 buckets).
 */
export type ListSizer = (
  parent: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  args: () => Record<string, unknown>,
) => number;

const isConnection = (field: GraphQLField<unknown, unknown>) =>
  field.args.some((arg) => arg.name === 'first') && field.args.some((arg) => arg.name === 'last');

/**
 * The introspection lists' real maxima in this schema: `__schema { types }` returns every type,
 * `__Type.fields` at most the widest type's fields, and so on. Introspection costs like data, so a
 * `__schema` query nested 30 deep costs what it would return, not nothing.
 */
function introspectionSizes(schema: GraphQLSchema): Map<string, number> {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  const most = (values: number[]) => Math.max(0, ...values);
  const outputs = types.filter((type) => isObjectType(type) || isInterfaceType(type));
  const fields = outputs.flatMap((type) => Object.values(type.getFields()));
  return new Map([
    ['__Schema.types', types.length],
    ['__Schema.directives', directives.length],
    ['__Type.fields', most(outputs.map((type) => Object.keys(type.getFields()).length))],
    ['__Type.interfaces', most(outputs.map((type) => type.getInterfaces().length))],
    [
      '__Type.possibleTypes',
      most(types.filter(isAbstractType).map((type) => schema.getPossibleTypes(type).length)),
    ],
    ['__Type.enumValues', most(types.filter(isEnumType).map((type) => type.getValues().length))],
    [
      '__Type.inputFields',
      most(types.filter(isInputObjectType).map((type) => Object.keys(type.getFields()).length)),
    ],
    ['__Field.args', most(fields.map((field) => field.args.length))],
    ['__Directive.args', most(directives.map((directive) => directive.args.length))],
  ]);
}

/**
 * Sizes lists the way the hub's resolvers size them: a connection by `connectionPageSize` (the function
 * its resolvers page with), a plain list by the size its schema field declares (`listSize` in
 * `@district-hub/schema/graphql`), an introspection list by this schema's real maximum. The `edges`
 * of a connection are the page its field was already multiplied by. A list declaring no size is
 * costed like the largest page; a schema test makes every list declare one.
 */
export function createListSizer(schema: GraphQLSchema): ListSizer {
  const introspection = introspectionSizes(schema);
  return (parent, field, args) => {
    if (isConnection(field))
      return connectionPageSize(args() as PageSizeArgs, `${parent.name}.${field.name}`);
    if (!isListType(getNullableType(field.type)) || parent.name.endsWith('Connection')) return 1;
    const declared = declaredListSize(field);
    if (typeof declared === 'number') return declared;
    if (declared) return declared(args());
    return introspection.get(`${parent.name}.${field.name}`) ?? CONNECTION_MAX_SIZE;
  };
}
