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
export { Faults, FAULT_DEFAULTS, MALFORMED_KINDS, type FaultKnobs, type MalformedKind } from './faults.ts';
export {
  startOfficeSpace,
  type OfficeSpaceOptions,
  type OfficeSpaceSimulator,
} from './office-space/office-space.ts';
export {
  startVehiclePlatform,
  type VehiclePlatformOptions,
  type VehiclePlatformSimulator,
} from './vehicle-platform/vehicle-platform.ts';
export { startLogistics, type LogisticsOptions, type LogisticsSimulator } from './logistics/logistics.ts';
export type { AnomalyKind } from './logistics/anomalies.ts';
export { meterHistory, type MeterDayRecord } from './logistics/meter-history.ts';
export { startWarehouse, type WarehouseOptions, type WarehouseSimulator } from './warehouse/warehouse.ts';
export { startSimulators, type SimulatorsOptions, type Simulators } from './simulators.ts';
export { ASSET_HEADERS, assetRow } from './warehouse/records.ts';
