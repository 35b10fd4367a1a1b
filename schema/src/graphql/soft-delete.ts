import { builder } from './builder.ts';

/** Soft-deleted rows (gone from their source) stay hidden unless a caller asks for them. */
export function visible(includeDeleted: boolean | null | undefined): { deletedAt?: null } {
  return includeDeleted ? {} : { deletedAt: null };
}

/** Spread into a field's args: `args: { ...includeDeletedArgs }`. */
export const includeDeletedArgs = builder.args((t) => ({
  includeDeleted: t.boolean({
    defaultValue: false,
    description: 'Also return rows their source no longer has (soft-deleted); default false.',
  }),
}));
