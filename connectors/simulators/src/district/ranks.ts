/**
 * Ranks and per-person office areas.
 *
 * The office-space system holds staffing by 职务级别 in the national code set GB/T 12407-2008
 * (三位数字: 111 省部级正职 … 150 科员级, 160 办事员级). Entitlement is computed in the columns of the
 * 2014 construction standard (发改投资〔2014〕2674号); Beijing's municipal organs use the 省级机关 column
 * (shared/design/DOMAIN.md, "Office space"). `standardRank` maps one onto the other.
 */

export const STANDARD_EDITION = '2014';

/** The 省级机关 column of the 2014 standard: hub rank code, Chinese name, usable m² per person. */
export const PROVINCIAL_RANKS = [
  { code: 'PROVINCIAL_PRINCIPAL', name: '省级正职', areaPerPerson: 54 },
  { code: 'PROVINCIAL_DEPUTY', name: '省级副职', areaPerPerson: 42 },
  { code: 'BUREAU_PRINCIPAL', name: '正厅(局)级', areaPerPerson: 30 },
  { code: 'BUREAU_DEPUTY', name: '副厅(局)级', areaPerPerson: 24 },
  { code: 'DIVISION_PRINCIPAL', name: '正处级', areaPerPerson: 18 },
  { code: 'DIVISION_DEPUTY', name: '副处级', areaPerPerson: 12 },
  { code: 'BELOW_DIVISION', name: '处级以下', areaPerPerson: 9 },
] as const;

export type StandardRankCode = (typeof PROVINCIAL_RANKS)[number]['code'];

/** GB/T 12407-2008 职务级别代码 the office-space system uses, with the 2014 column each falls in. */
export const GBT12407_RANKS = [
  { code: '111', name: '省部级正职', standard: 'PROVINCIAL_PRINCIPAL' },
  { code: '112', name: '省部级副职', standard: 'PROVINCIAL_DEPUTY' },
  { code: '121', name: '厅局级正职', standard: 'BUREAU_PRINCIPAL' },
  { code: '122', name: '厅局级副职', standard: 'BUREAU_DEPUTY' },
  { code: '131', name: '县处级正职', standard: 'DIVISION_PRINCIPAL' },
  { code: '132', name: '县处级副职', standard: 'DIVISION_DEPUTY' },
  { code: '141', name: '乡科级正职', standard: 'BELOW_DIVISION' },
  { code: '142', name: '乡科级副职', standard: 'BELOW_DIVISION' },
  { code: '150', name: '科员级', standard: 'BELOW_DIVISION' },
  { code: '160', name: '办事员级', standard: 'BELOW_DIVISION' },
] as const satisfies readonly { code: string; name: string; standard: StandardRankCode }[];

export type GbRankCode = (typeof GBT12407_RANKS)[number]['code'];

const areaByStandard = new Map<string, number>(PROVINCIAL_RANKS.map((r) => [r.code, r.areaPerPerson]));
const standardByGb = new Map<string, StandardRankCode>(GBT12407_RANKS.map((r) => [r.code, r.standard]));

export function standardRank(gbCode: string): StandardRankCode {
  const s = standardByGb.get(gbCode);
  if (!s) throw new Error(`unknown GB/T 12407 rank code ${JSON.stringify(gbCode)}`);
  return s;
}

/** Office entitlement in m² of a staffing list (Σ headcount × 2014 省级 area per person). */
export function entitlement(staffing: readonly { rank: string; count: number }[]): number {
  let total = 0;
  for (const s of staffing) total += s.count * (areaByStandard.get(standardRank(s.rank)) ?? 0);
  return total;
}
