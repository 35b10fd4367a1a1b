import type { RoomModel } from '../model/district-model.ts';
import type { GraphqlClient } from './graphql-client.ts';
import { fetchAll } from './load-twin.ts';

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
  allocatedArea: number;
  standardArea: number;
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

export async function loadCompliance(
  client: GraphqlClient,
  agency: { code: string; name: string },
): Promise<Compliance> {
  const data = await client.request<{ spaceCompliance: Omit<Compliance, 'agency'> }>('TwinSpaceCompliance', {
    agency: agency.code,
  });
  return { agency, ...data.spaceCompliance };
}

/** The last 7 full days of electricity for a building, oldest first. */
export async function loadEnergyWeek(
  client: GraphqlClient,
  buildingCode: string,
  today: Date,
): Promise<{ date: string; quantity: number; unit: string }[]> {
  const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const data = await client.request<{
    energySummary: { days: { date: string; carrier: string; quantity: number; unit: string }[] };
  }>('TwinEnergy', { building: buildingCode, from: day(7), to: day(1) });
  return data.energySummary.days
    .filter((d) => d.carrier === 'ELECTRICITY')
    .sort((a, b) => a.date.localeCompare(b.date));
}
