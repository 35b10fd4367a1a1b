/**
 * The search text as a door number (门牌号) to ask the hub about, or null when it is none: digits with
 * an optional `B` (basement) before them, at least two so that a lone digit does not list a district's
 * worth of rooms. Door numbers carry the floor in their leading digits (`512` is on 5F, `B103` on B1),
 * so a beginning such as `51` already narrows the rooms to a few.
 */
export function roomNumberQuery(text: string): string | null {
  const query = text.trim().toUpperCase();
  return /^B?\d{2,5}$/.test(query) ? query : null;
}
