/**
 * How the district's systems name one building (see the simulators' README, "How the systems name the
 * same things"): office space `FZX-A01` / `A区1号楼`; logistics `1号楼` (topic `lou01`); the warehouse
 * `A区1号楼512室`. The office-space code is the hub's key; logistics' building name is registered as an
 * `ExternalRef` alias when office space's buildings are synced, and a logistics floor (`5F`) or room
 * (`512`) resolves within that building by level or door number (a scoped reference), so the
 * crosswalk holds one row per building, not one per room.
 *
 * Logistics numbers the buildings district-wide in zone order, `zoneSize` to a zone (six in this
 * district): zone A holds 1–6号楼, B 7–12号楼, … Zones are lettered A…Z, AA, AB, … (bijective base 26).
 * Both numbers are configuration (`mappingOptions.logistics` of office-space's streams): another
 * district may number differently, and then lists its aliases explicitly (`aliases: { FZX-A01: 1号楼 }`).
 */
export interface BuildingNumbering {
  /** Prefix of office-space building codes. Default `FZX-`. */
  codePrefix: string;
  /** Buildings per zone in the logistics numbering. Default 6. */
  zoneSize: number;
  /** Explicit office-space code → logistics name, overriding the rule. */
  aliases: Record<string, string>;
}

export const BUILDING_NUMBERING_DEFAULTS: BuildingNumbering = {
  codePrefix: 'FZX-',
  zoneSize: 6,
  aliases: {},
};

export function numberingFrom(options: Record<string, unknown>): BuildingNumbering {
  const o = (options.logistics ?? {}) as Partial<BuildingNumbering>;
  return { ...BUILDING_NUMBERING_DEFAULTS, ...o, aliases: { ...(o.aliases ?? {}) } };
}

/** `A` → 0, `Z` → 25, `AA` → 26 (bijective base 26). */
export function zoneIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parts of an office-space code: `FZX-B03` → zone B, 3. */
export function parseBuildingCode(
  code: string,
  prefix: string,
): { zone: string; inZone: number } | undefined {
  if (!code.startsWith(prefix)) return undefined;
  const m = /^([A-Z]+)(\d+)$/.exec(code.slice(prefix.length));
  return m ? { zone: m[1]!, inZone: Number(m[2]) } : undefined;
}

/** Logistics' name of an office-space building: `FZX-B03` → `9号楼` with zones of six. */
export function logisticsBuildingName(code: string, numbering: BuildingNumbering): string | undefined {
  const explicit = numbering.aliases[code];
  if (explicit) return explicit;
  const parts = parseBuildingCode(code, numbering.codePrefix);
  if (!parts) return undefined;
  return `${zoneIndex(parts.zone) * numbering.zoneSize + parts.inZone}号楼`;
}

/** Office-space code of a warehouse location's building: `A区1号楼` → `FZX-A01`. */
export function buildingCodeFromName(name: string, prefix: string): string | undefined {
  const m = /^([A-Z]+)区(\d+)号楼$/.exec(name);
  return m ? `${prefix}${m[1]}${m[2]!.padStart(2, '0')}` : undefined;
}

/** Logistics' floor label to a level: `5F` → 5, `B1` → -1; the roof (`RF`) is no floor of the ledger. */
export function levelOfLogisticsFloor(label: string): number | undefined {
  const m = /^(B?)(\d+)F?$/i.exec(label.trim());
  if (!m) return undefined;
  return m[1] ? -Number(m[2]) : Number(m[2]);
}
