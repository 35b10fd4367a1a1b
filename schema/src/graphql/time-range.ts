import { InvalidInputError } from '../domain/domain-errors.ts';
import { builder } from './builder.ts';

export const TimeRange = builder.inputType('TimeRange', {
  description: 'A half-open interval [from, to).',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true }),
  }),
});

export interface Range {
  from: Date;
  to: Date;
}

export function checkRange(range: Range, field = 'range'): Range {
  if (range.to.getTime() <= range.from.getTime()) {
    throw new InvalidInputError(`${field}.to must be after ${field}.from`, field);
  }
  return range;
}
