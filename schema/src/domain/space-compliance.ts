import { fromHundredths, toHundredths } from './exact-figures.ts';

/** The edition of the per-person office standard used unless a report asks for another (发改投资〔2014〕2674号). */
export const DEFAULT_SPACE_STANDARD_EDITION = '2014';

/** One row of a standard's column: the area a person of that rank may have at that level. */
export interface StandardRow {
  rankName: string;
  /** m² per person, as the database keeps it (two decimals). */
  areaPerPerson: string | number;
}

export interface RankLine {
  rank: string;
  headcount: number;
  /** The standard's row for this rank at the agency's level; null when that column has no such rank. */
  standard: StandardRow | null;
}

export interface ComplianceResult {
  /** m², exact to the hundredth. */
  standardArea: number;
  allocatedOfficeArea: number;
  overStandard: boolean;
  /** m² above the standard; 0 when within it. */
  excessArea: number;
  /** m² the agency may still be given before it reaches the standard; 0 when at or over it. */
  shortfallArea: number;
  /** Ranks in the headcount the standard does not list: the standard area is understated by them. */
  unmatchedRanks: string[];
}

/**
 * 超标 check: allocated office area against Σ(headcount by rank × standard area for the rank), both in
 * whole hundredths of a m². Over-standard means strictly more than the standard allows.
 */
export function spaceCompliance(ranks: RankLine[], allocatedOfficeArea: string | number): ComplianceResult {
  const standard = ranks.reduce(
    (sum, line) => sum + line.headcount * (line.standard ? toHundredths(line.standard.areaPerPerson) : 0),
    0,
  );
  const allocated = toHundredths(allocatedOfficeArea);
  return {
    standardArea: fromHundredths(standard),
    allocatedOfficeArea: fromHundredths(allocated),
    overStandard: allocated > standard,
    excessArea: fromHundredths(Math.max(0, allocated - standard)),
    shortfallArea: fromHundredths(Math.max(0, standard - allocated)),
    unmatchedRanks: ranks.filter((line) => line.standard === null).map((line) => line.rank),
  };
}
