/** Public surface of the source-system simulators (issue 3); see README.md beside this file. */
export {
  generateDistrict,
  DISTRICT_DEFAULTS,
  BASE_COUNTS,
  type DistrictOptions,
} from './district/district.ts';
export type * from './district/types.ts';
export {
  PROVINCIAL_RANKS,
  GBT12407_RANKS,
  STANDARD_EDITION,
  standardRank,
  entitlement,
  type StandardRankCode,
  type GbRankCode,
} from './district/ranks.ts';
