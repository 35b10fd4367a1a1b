import { Role } from '../generated/prisma/enums.ts';

/** Each role may do everything the roles before it may: integrator reads, operator acts, admin runs the hub. */
const ORDER: readonly Role[] = [Role.INTEGRATOR, Role.OPERATOR, Role.ADMIN];

export function roleAtLeast(actual: Role, needed: Role): boolean {
  return ORDER.indexOf(actual) >= ORDER.indexOf(needed);
}
