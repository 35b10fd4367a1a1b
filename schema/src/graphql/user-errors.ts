import { decodeGlobalID } from '@pothos/plugin-relay';
import { InvalidInputError, NotFoundError } from '../domain/domain-errors.ts';
import type { HubError } from '../errors/index.ts';
import { builder } from './builder.ts';

export { InvalidInputError, NotFoundError };

const UserError = builder.interfaceRef<HubError>('UserError').implement({
  description: 'A mutation input a client can correct; branch on `__typename` or `code`.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [UserError] });
builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [UserError],
  fields: (t) => ({ field: t.exposeString('field', { nullable: true }) }),
});

/** The error types every mutation of the hub can answer with. */
export const userErrorTypes = [NotFoundError, InvalidInputError];

/** The numeric id inside a global ID of `typename`, or an InvalidInputError naming the argument. */
export function decodeId(globalId: string, typename: string, field: string): number {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw new InvalidInputError(`${field} is not a global ID`, field, { value: globalId });
  }
  const id = Number(decoded.id);
  if (decoded.typename !== typename || !Number.isSafeInteger(id)) {
    throw new InvalidInputError(
      `${field} must be the ID of a ${typename}, got a ${decoded.typename} ID`,
      field,
      {
        value: globalId,
      },
    );
  }
  return id;
}
