/**
 * The zone whose calendar days the district's daily figures are kept in: rollups sum readings per local
 * day into `EnergyDaily.date`, and reports turn a queried instant into that same local date. China keeps
 * UTC+8 all year, so one zone serves every district the hub is built for.
 */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';
