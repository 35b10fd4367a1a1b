/**
 * GB/T 12407-2008 职务级别 codes, as the office-space system keeps staffing, to the rank codes of the
 * 2014 standard's 省级机关 column (发改投资〔2014〕2674号; Beijing's organs are provincial-level), which
 * `AgencyHeadcount.rank` and `SpaceStandard.rank` use. Several GB codes fold into 处级以下.
 */
export const GBT12407_TO_HUB_RANK: Record<string, string> = {
  '111': 'PROVINCIAL_PRINCIPAL',
  '112': 'PROVINCIAL_DEPUTY',
  '121': 'BUREAU_PRINCIPAL',
  '122': 'BUREAU_DEPUTY',
  '131': 'DIVISION_PRINCIPAL',
  '132': 'DIVISION_DEPUTY',
  '141': 'BELOW_DIVISION',
  '142': 'BELOW_DIVISION',
  '150': 'BELOW_DIVISION',
  '160': 'BELOW_DIVISION',
};

export const ADMIN_LEVEL: Record<string, 'CENTRAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY'> = {
  中央: 'CENTRAL',
  中央级: 'CENTRAL',
  省级: 'PROVINCIAL',
  市级: 'MUNICIPAL',
  县级: 'COUNTY',
};
