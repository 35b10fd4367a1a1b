import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { Role } from '../generated/prisma/enums.ts';
import { roleAtLeast } from './roles.ts';

/** The role a type or field declares with `authScopes: { role }`; every key may read what declares none. */
function declaredRole(extensions: unknown): Role {
  const scopes = (extensions as { pothosOptions?: { authScopes?: { role?: Role } } } | null | undefined)
    ?.pothosOptions?.authScopes;
  return scopes?.role ?? Role.INTEGRATOR;
}

const higher = (a: Role, b: Role): Role => (roleAtLeast(a, b) ? a : b);

function typeRole(type: GraphQLNamedType): Role {
  return isObjectType(type) || isInterfaceType(type) ? declaredRole(type.extensions) : Role.INTEGRATOR;
}

/**
 * Every object type and field of the schema with the least role that can read it: the field's own
 * scope, its parent type's, and its result type's (a type's scope applies wherever an object of it is
 * returned, `node(id:)` included). Committed as `schema/field-roles.txt` beside the SDL, so a review
 * sees the role of every new field, and a test fails until the listing is printed again.
 */
export function printFieldRoles(schema: GraphQLSchema): string {
  const lines: string[] = [];
  const types = Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const parent = typeRole(type);
    lines.push(`${type.name} ${parent}`);
    for (const field of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      const role = [declaredRole(field.extensions), typeRole(getNamedType(field.type))].reduce(
        higher,
        parent,
      );
      lines.push(`${type.name}.${field.name} ${role}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
