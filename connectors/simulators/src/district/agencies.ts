/**
 * Agencies (单位): the city's organs first (市发展改革委 …), then directly-affiliated public institutions
 * (市教委信息中心 …) under them. Staffing by GB/T 12407 rank is drawn as an organ's pyramid, then scaled so
 * that the district's total office entitlement is `demandShare` of the office space left for allocation
 * (the idle rooms are set aside before): the agencies fill the district, and what stays idle is what the
 * generator meant to be idle.
 */
import { creditCode } from './codes.ts';
import { CITY, CITY_DISTRICTS, CITY_DIVISION_CODE, SUBORDINATE_SUFFIXES, TOP_AGENCIES } from './names.ts';
import type { Rng } from './prng.ts';
import { entitlement, type GbRankCode } from './ranks.ts';
import type { Agency } from './types.ts';

function staffingOf(rng: Rng, total: number, top: boolean, government: boolean): Agency['staffing'] {
  const counts: [GbRankCode, number][] = [];
  if (government) counts.push(['111', 1], ['112', rng.int(5, 7)]);
  if (top) counts.push(['121', 1], ['122', rng.int(3, 5)]);
  const leaders = counts.reduce((s, [, c]) => s + c, 0);
  const rest = Math.max(6, total - leaders);
  const divisionHeads = Math.max(1, Math.round(rest * rng.float(0.07, 0.1)));
  const divisionDeputies = Math.max(1, Math.round(rest * rng.float(0.07, 0.11)));
  const sectionHeads = Math.round(rest * rng.float(0.12, 0.18));
  const sectionDeputies = Math.round(rest * rng.float(0.12, 0.18));
  const clerks = Math.round(rest * rng.float(0.03, 0.06));
  const staff = Math.max(
    1,
    rest - divisionHeads - divisionDeputies - sectionHeads - sectionDeputies - clerks,
  );
  counts.push(
    ['131', divisionHeads],
    ['132', divisionDeputies],
    ['141', sectionHeads],
    ['142', sectionDeputies],
    ['150', staff],
    ['160', clerks],
  );
  return counts.filter(([, c]) => c > 0).map(([rank, count]) => ({ rank, count }));
}

/** Names the `n`-th subordinate institution: suffixes first, then district branches of them. */
function subordinateName(parent: string, n: number): string {
  const s = SUBORDINATE_SUFFIXES.length;
  if (n < s) return `${parent}${SUBORDINATE_SUFFIXES[n]}`;
  const k = n - s;
  const d = CITY_DISTRICTS[k % CITY_DISTRICTS.length] as string;
  return `${parent}${SUBORDINATE_SUFFIXES[Math.floor(k / CITY_DISTRICTS.length) % s]}${d}分中心${
    k >= s * CITY_DISTRICTS.length ? Math.floor(k / (s * CITY_DISTRICTS.length)) + 1 : ''
  }`;
}

export function generateAgencies(
  rng: Rng,
  count: number,
  officeSupplyM2: number,
  demandShare: number,
  referenceMs: number,
): Agency[] {
  const topCount = Math.min(TOP_AGENCIES.length, Math.max(1, Math.round(count * 0.85)));
  const agencies: Agency[] = [];
  const perParent = new Map<number, number>();
  for (let index = 0; index < count; index++) {
    const top = index < topCount;
    let name: string;
    let shortName: string;
    let kind: Agency['kind'];
    let parentIndex: number | null = null;
    if (top) {
      const [full, short, k] = TOP_AGENCIES[index] as (typeof TOP_AGENCIES)[number];
      name = full.startsWith('政协') ? `中国人民政治协商会议${CITY}委员会办公厅` : `${CITY}${full}`;
      shortName = short;
      kind = k === '3' ? '群团组织' : '机关';
    } else {
      parentIndex = (index - topCount) % topCount;
      const n = perParent.get(parentIndex) ?? 0;
      perParent.set(parentIndex, n + 1);
      const parent = agencies[parentIndex] as Agency;
      name = subordinateName(parent.name, n);
      shortName = subordinateName(parent.shortName, n);
      kind = '事业单位';
    }
    const approvedStaff = top ? rng.int(70, 240) : rng.int(25, 90);
    const actual = Math.round(approvedStaff * rng.float(0.84, 0.99));
    const kindCode = kind === '机关' ? '1' : kind === '事业单位' ? '2' : '3';
    agencies.push({
      index,
      creditCode: creditCode(kindCode, CITY_DIVISION_CODE, 31_000_000 + index * 37 + rng.int(0, 36)),
      name,
      shortName,
      kind,
      parentIndex,
      approvedStaff,
      staffing: staffingOf(rng, actual, top, index === 0),
      vehicleUnitCode: `DW${String(index + 1).padStart(4, '0')}`,
      spaceTarget: 'WITHIN',
      spaceFactor: 1,
      updatedAt: referenceMs - rng.int(1, 600) * 86_400_000 - rng.int(0, 86_399) * 1000,
    });
  }
  // Scale staff below the leadership so Σ entitlement is `demandShare` of the office supply.
  // Leaders are not scaled, so only the staff below them take the difference.
  const demand = agencies.reduce((s, a) => s + entitlement(a.staffing), 0);
  const leaders = agencies.reduce((s, a) => s + entitlement(a.staffing.filter((x) => x.rank < '131')), 0);
  const k = (demandShare * officeSupplyM2 - leaders) / (demand - leaders);
  for (const a of agencies) {
    for (const s of a.staffing) {
      if (s.rank >= '131') s.count = Math.max(1, Math.round(s.count * k));
    }
    const total = a.staffing.reduce((s, x) => s + x.count, 0);
    a.approvedStaff = Math.max(a.approvedStaff, Math.round(total * 1.06));
  }
  return agencies;
}
