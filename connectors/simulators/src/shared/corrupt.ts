/**
 * Malformed copies of flat records, by the roles their fields play: the one place that knows what
 * "a non-numeric area", "an impossible date" or "a missing building code" does to a record. Each system
 * says which of its fields plays which role (office-space JSON keys, Chinese CSV headers, …).
 */
import { impossibleDate, toFullwidth, trailingSpaces, withUnit, type MalformedKind } from '../faults.ts';

type Value = string | number | null;

/** Field names of a record type, by role. */
export interface FieldRoles {
  /** A quantity: gets a unit (`18.5㎡`) or full-width digits. */
  measure: string;
  unit: string;
  /** A date or time text: gets an impossible day. */
  date: string;
  /** A reference to a building (or unit): emptied. */
  building: string;
  /** A text: gets trailing spaces. */
  text: string;
  /** The identifier: takes the previous record's. */
  id: string;
}

export function corruptRecord<T extends object>(
  record: T,
  kind: MalformedKind,
  previous: T | undefined,
  roles: FieldRoles,
): T {
  const out = { ...record } as Record<string, Value>;
  const get = (k: string) => out[k] ?? '';
  switch (kind) {
    case 'area-with-unit':
      out[roles.measure] = withUnit(get(roles.measure), roles.unit);
      break;
    case 'fullwidth-digits':
      out[roles.measure] = toFullwidth(get(roles.measure));
      break;
    case 'impossible-date':
      out[roles.date] = impossibleDate(String(get(roles.date)));
      break;
    case 'missing-building':
      out[roles.building] = '';
      break;
    case 'duplicate-id':
      if (previous) out[roles.id] = (previous as Record<string, Value>)[roles.id] ?? null;
      break;
    case 'trailing-spaces':
      out[roles.text] = trailingSpaces(String(get(roles.text)));
      break;
  }
  return out as T;
}
