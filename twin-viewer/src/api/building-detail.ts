import type { BuildingModel, RoomModel } from '../model/district-model.ts';
import {
  TwinBuildingDetailDocument,
  TwinBuildingRoomsDocument,
  TwinEnergyWeekDocument,
  TwinSpaceComplianceDocument,
} from './generated/graphql.ts';
import type {
  TwinBuildingDetailQuery,
  TwinBuildingRoomsQuery,
  TwinEnergyWeekQuery,
  TwinSpaceComplianceQuery,
} from './generated/graphql.ts';
import type { GraphqlClient } from './graphql-client.ts';
import { lastLocalDays } from './local-days.ts';
import { fetchAll, type NodeOf } from './paging.ts';

/** Aliases of the seven days in TwinEnergyWeek (operations.graphql), oldest first. */
const WEEK = [
  'd1',
  'd2',
  'd3',
  'd4',
  'd5',
  'd6',
  'd7',
] as const satisfies readonly (keyof TwinEnergyWeekQuery)[];

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

/** The last 7 full local days of electricity for a building, oldest first. */
export async function loadEnergyWeek(
  client: GraphqlClient,
  buildingCode: string,
  now: Date,
): Promise<{ date: string; quantity: number; unit: string }[]> {
  const days = lastLocalDays(now, WEEK.length);
  const range = (i: number) => ({ from: days[i]!.from, to: days[i]!.to });
  const data = await client.request(TwinEnergyWeekDocument, {
    building: buildingCode,
    d1: range(0),
    d2: range(1),
    d3: range(2),
    d4: range(3),
    d5: range(4),
    d6: range(5),
    d7: range(6),
  });
  return days.map((day, i) => ({ date: day.date, quantity: data[WEEK[i]!].electricityKwh, unit: 'kWh' }));
}
