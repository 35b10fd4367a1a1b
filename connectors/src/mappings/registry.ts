import type { EntityMapping } from '../writer/mapping-types.ts';
import { logisticsAlarms } from './logistics/alarms.ts';
import { logisticsDevices } from './logistics/devices.ts';
import { logisticsMeterDaily } from './logistics/meter-daily.ts';
import { logisticsTelemetry } from './logistics/telemetry.ts';
import { logisticsWorkOrders } from './logistics/work-orders.ts';
import { officeSpaceAgencies } from './office-space/agencies.ts';
import { officeSpaceAllocations } from './office-space/allocations.ts';
import { officeSpaceBuildings } from './office-space/buildings.ts';
import { officeSpaceFloors } from './office-space/floors.ts';
import { officeSpaceRooms } from './office-space/rooms.ts';
import { vehiclePlatformMaintenance } from './vehicle-platform/maintenance.ts';
import { vehiclePlatformPositions } from './vehicle-platform/positions.ts';
import { vehiclePlatformTrips } from './vehicle-platform/trips.ts';
import { vehiclePlatformUnits } from './vehicle-platform/units.ts';
import { vehiclePlatformVehicles } from './vehicle-platform/vehicles.ts';
import { warehouseAssets } from './warehouse/assets.ts';
import { warehouseTransfers } from './warehouse/transfers.ts';

/**
 * Mapping modules by the name hub.config.yaml uses (`mapping: office-space/rooms`). A new source adds
 * its folder under `mappings/` and its lines here.
 */
const MAPPINGS: Record<string, EntityMapping> = {
  'office-space/buildings': officeSpaceBuildings,
  'office-space/floors': officeSpaceFloors,
  'office-space/rooms': officeSpaceRooms,
  'office-space/agencies': officeSpaceAgencies,
  'office-space/allocations': officeSpaceAllocations,
  'vehicle-platform/units': vehiclePlatformUnits,
  'vehicle-platform/vehicles': vehiclePlatformVehicles,
  'vehicle-platform/trips': vehiclePlatformTrips,
  'vehicle-platform/positions': vehiclePlatformPositions,
  'vehicle-platform/maintenance': vehiclePlatformMaintenance,
  'logistics/devices': logisticsDevices,
  'logistics/telemetry': logisticsTelemetry,
  'logistics/alarms': logisticsAlarms,
  'logistics/work-orders': logisticsWorkOrders,
  'logistics/meter-daily': logisticsMeterDaily,
  'warehouse/assets': warehouseAssets,
  'warehouse/transfers': warehouseTransfers,
};

/** Tests and embedders may add mappings of their own. */
export function registerMapping(name: string, mapping: EntityMapping): void {
  MAPPINGS[name] = mapping;
}

export function findMapping(name: string): EntityMapping | undefined {
  return MAPPINGS[name];
}

export function mappingNames(): string[] {
  return Object.keys(MAPPINGS);
}
