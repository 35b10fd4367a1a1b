import { loadEnergyWeek } from '../api/building-detail.ts';
import type { GraphqlClient } from '../api/graphql-client.ts';
import { fetchAll } from '../api/load-twin.ts';
import type { BuildingModel } from '../model/district-model.ts';

/**
 * Values behind the heat colourings, per building id: electricity of the last 7 days per m² of gross
 * area, and the share of gross area standing idle. Fetched when the layer is first switched on.
 */
export async function energyIntensity(
  client: GraphqlClient,
  buildings: readonly BuildingModel[],
): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  const today = new Date();
  // A few requests at a time: a ×10 district has hundreds of buildings, and the hub limits each client.
  const queue = [...buildings];
  const worker = async () => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      const building = b;
      const days = await loadEnergyWeek(client, building.code, today).catch(() => []);
      const total = days.reduce((sum, d) => sum + d.quantity, 0);
      if (building.grossArea) values.set(building.id, total / building.grossArea);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return values;
}

export async function idleShare(
  client: GraphqlClient,
  buildings: readonly BuildingModel[],
): Promise<Map<string, number>> {
  const rooms = await fetchAll<{ usableArea: number; building: { id: string } }>(
    client,
    'TwinIdleRooms',
    'rooms',
  );
  const idle = new Map<string, number>();
  for (const room of rooms) idle.set(room.building.id, (idle.get(room.building.id) ?? 0) + room.usableArea);
  return new Map(buildings.map((b) => [b.id, b.grossArea ? (idle.get(b.id) ?? 0) / b.grossArea : 0]));
}
