import type { RoomModel } from '../model/district-model.ts';
import type { GraphqlClient } from './graphql-client.ts';
import { lastLocalDays } from './local-days.ts';
import { fetchAll } from './load-twin.ts';
import { WEEK } from './operations.ts';

export interface BuildingDetail {
  id: string;
  code: string;
  name: string;
  address: string | null;
  floorsAbove: number;
  floorsBelow: number;
  grossArea: number | null;
  rooms: RoomModel[];
  agencies: { code: string; name: string }[];
}

export interface Compliance {
  agency: { code: string; name: string };
  allocatedOfficeArea: number;
  standardArea: number;
  excessArea: number;
  overStandard: boolean;
}

interface WireRoom {
  id: string;
  number: string;
  name: string | null;
  usableArea: number;
  category: string;
  status: string;
  floor: { level: number } | null;
  allocations: { agency: { code: string; name: string } }[];
}

export async function loadBuildingDetail(
  client: GraphqlClient,
  code: string,
): Promise<BuildingDetail | null> {
  const [data, wireRooms] = await Promise.all([
    client.request<{ building: Omit<BuildingDetail, 'rooms' | 'agencies'> | null }>('TwinBuildingDetail', {
      code,
    }),
    fetchAll<WireRoom>(client, 'TwinBuildingRooms', 'rooms', { code }),
  ]);
  if (!data.building) return null;
  const agencies = new Map<string, { code: string; name: string }>();
  const rooms = wireRooms.map((node) => {
    for (const allocation of node.allocations) agencies.set(allocation.agency.code, allocation.agency);
    return {
      id: node.id,
      number: node.number,
      name: node.name,
      category: node.category,
      status: node.status,
      usableArea: node.usableArea,
      floorLevel: node.floor?.level ?? 1,
    };
  });
  return { ...data.building, rooms, agencies: [...agencies.values()] };
}

/** The agency's office-space compliance (2014 standard); null when the hub has no staffing for it. */
export async function loadCompliance(client: GraphqlClient, agencyCode: string): Promise<Compliance | null> {
  const data = await client.request<{ spaceCompliance: Compliance[] }>('TwinSpaceCompliance', {
    agency: agencyCode,
  });
  return data.spaceCompliance[0] ?? null;
}

/** The last 7 full local days of electricity for a building, oldest first. */
export async function loadEnergyWeek(
  client: GraphqlClient,
  buildingCode: string,
  now: Date,
): Promise<{ date: string; quantity: number; unit: string }[]> {
  const days = lastLocalDays(now, WEEK.length);
  const variables: Record<string, unknown> = { building: buildingCode };
  WEEK.forEach((alias, i) => (variables[alias] = { from: days[i]?.from, to: days[i]?.to }));
  const data = await client.request<Record<string, { electricityKwh: number }>>('TwinEnergyWeek', variables);
  return days.map((day, i) => ({
    date: day.date,
    quantity: data[WEEK[i] as string]?.electricityKwh ?? 0,
    unit: 'kWh',
  }));
}
