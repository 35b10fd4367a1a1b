/** The edition of the per-person office standard used unless a report asks for another (发改投资〔2014〕2674号). */
export const DEFAULT_SPACE_STANDARD_EDITION = '2014';

export interface RankLine {
  rank: string;
  headcount: number;
  /** m² per person for this rank at the agency's admin level; null when the standard has no such rank. */
  areaPerPerson: number | null;
}

export interface ComplianceResult {
  standardArea: number;
  allocatedOfficeArea: number;
  overStandard: boolean;
  excessArea: number;
  /** Ranks in the headcount the standard does not list: the standard area is understated by them. */
  unmatchedRanks: string[];
}

/**
 * 超标 check: allocated office area against Σ(headcount by rank × standard area for the rank).
 * Over-standard means strictly more than the standard allows; the excess is never negative.
 */
export function spaceCompliance(ranks: RankLine[], allocatedOfficeArea: number): ComplianceResult {
  const standardArea = ranks.reduce((sum, line) => sum + line.headcount * (line.areaPerPerson ?? 0), 0);
  const excess = allocatedOfficeArea - standardArea;
  return {
    standardArea,
    allocatedOfficeArea,
    overStandard: excess > 1e-9,
    excessArea: Math.max(0, excess),
    unmatchedRanks: ranks.filter((line) => line.areaPerPerson === null).map((line) => line.rank),
  };
}
