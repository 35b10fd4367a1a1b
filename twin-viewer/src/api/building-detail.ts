import type { BuildingModel, RoomModel } from '../model/district-model.ts';
import {
  TwinBuildingDetailDocument,
  TwinBuildingRoomsDocument,
  TwinEnergyDaysDocument,
  TwinSpaceComplianceDocument,
} from './generated/graphql.ts';
import type {
  TwinBuildingDetailQuery,
  TwinBuildingRoomsQuery,
  TwinSpaceComplianceQuery,
} from './generated/graphql.ts';
import type { GraphqlClient } from './graphql-client.ts';
import { lastLocalDays } from './local-days.ts';
import { fetchAll, type NodeOf } from './paging.ts';

export type BuildingDetail = NonNullable<TwinBuildingDetailQuery['building']> & {
  rooms: RoomModel[];
  agencies: { code: string; name: string }[];
};

export type Compliance = TwinSpaceComplianceQuery['spaceCompliance'][number];

export type WireRoom = NodeOf<TwinBuildingRoomsQuery['rooms']>;

/** A room in the scene's frame: the source places it in metres from its building's centroid. */
export function mapRoom(room: WireRoom, building: BuildingModel): RoomModel {
  const { centroid } = building;
  return {
    id: room.id,
    number: room.number,
    name: room.name,
    category: room.category,
    status: room.status,
    usableArea: room.usableArea,
    floorLevel: room.floor?.level ?? 1,
    position: room.position && {
      east: centroid.east + room.position.x,
      north: centroid.north + room.position.y,
      up: room.position.z,
    },
  };
}

export async function loadBuildingDetail(
  client: GraphqlClient,
  building: BuildingModel,
): Promise<BuildingDetail | null> {
  const { code } = building;
  const [data, wireRooms] = await Promise.all([
    client.request(TwinBuildingDetailDocument, { code }),
    fetchAll(client, TwinBuildingRoomsDocument, (page) => page.rooms, { code }),
  ]);
  if (!data.building) return null;
  const agencies = new Map<string, { code: string; name: string }>();
  for (const room of wireRooms)
    for (const allocation of room.allocations) agencies.set(allocation.agency.code, allocation.agency);
  return {
    ...data.building,
    rooms: wireRooms.map((room) => mapRoom(room, building)),
    agencies: [...agencies.values()],
  };
}

/** The agency's office-space compliance (2014 standard); null when the hub has no staffing for it. */
export async function loadCompliance(client: GraphqlClient, agencyCode: string): Promise<Compliance | null> {
  const data = await client.request(TwinSpaceComplianceDocument, { agency: agencyCode });
  return data.spaceCompliance[0] ?? null;
}

/** Days the panel can chart: the last 7 and the last 30 full local days. */
export const ENERGY_SPANS = [7, 30] as const;
export type EnergySpan = (typeof ENERGY_SPANS)[number];

/**
 * The last 30 full local days of electricity for a building, oldest first, in one request; a day the
 * hub has no rollup for is 0.
 */
export async function loadEnergyDays(
  client: GraphqlClient,
  buildingCode: string,
  now: Date,
): Promise<{ date: string; quantity: number; unit: string }[]> {
  const days = lastLocalDays(now, Math.max(...ENERGY_SPANS));
  const data = await client.request(TwinEnergyDaysDocument, {
    building: buildingCode,
    range: { from: days[0]!.from, to: days.at(-1)!.to },
  });
  const byDate = new Map(data.energyDays.map((day) => [day.date, day.electricityKwh]));
  return days.map((day) => ({ date: day.date, quantity: byDate.get(day.date) ?? 0, unit: 'kWh' }));
}
