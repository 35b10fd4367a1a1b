/**
 * GB/T 12407-2008 职务级别 codes, as the office-space system keeps staffing, to the hub's rank codes
 * (`AgencyHeadcount.rank`, `SpaceStandard.rank`). The hub keeps the national grade, not one level's
 * column: the same grade falls in a different row at each level of the 2014 standard (发改投资〔2014〕
 * 2674号), e.g. 乡科级正职 is 正科级 (18 m²) in a 县级 organ and 处级以下 (9 m²) in a 省级 one, so the
 * rows the migrations ship say, per level, which grade gets which area. Only 科员 and 办事员 fold into one.
 */
export const GBT12407_TO_HUB_RANK: Record<string, string> = {
  '111': 'PROVINCIAL_PRINCIPAL',
  '112': 'PROVINCIAL_DEPUTY',
  '121': 'BUREAU_PRINCIPAL',
  '122': 'BUREAU_DEPUTY',
  '131': 'DIVISION_PRINCIPAL',
  '132': 'DIVISION_DEPUTY',
  '141': 'SECTION_PRINCIPAL',
  '142': 'SECTION_DEPUTY',
  '150': 'BELOW_SECTION',
  '160': 'BELOW_SECTION',
};

export const ADMIN_LEVEL: Record<string, 'CENTRAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY'> = {
  中央: 'CENTRAL',
  中央级: 'CENTRAL',
  省级: 'PROVINCIAL',
  市级: 'MUNICIPAL',
  县级: 'COUNTY',
};
