/**
 * The floor a door number names, by the usual Chinese numbering (门牌号): the last two digits count
 * rooms along the floor, the digits before them are the floor; a `B` prefix is a basement level.
 * `512` → 5, `1203` → 12, `B103` → −1. Null when the text is no room number (1–2 digits, letters).
 */
export function floorOfRoomNumber(text: string): number | null {
  const match = /^(B?)(\d{3,4})$/i.exec(text.trim());
  if (!match) return null;
  const floor = Math.floor(Number(match[2]) / 100);
  if (floor === 0) return null;
  return match[1] ? -floor : floor;
}
