import { TwinEnergyIntensityDocument, TwinIdleSpaceDocument } from '../api/generated/graphql.ts';
import type { GraphqlClient } from '../api/graphql-client.ts';
import { lastLocalDays } from '../api/local-days.ts';
import type { BuildingModel } from '../model/district-model.ts';

/**
 * Values behind the heat colourings, per building id, fetched when a layer is first switched on:
 * energy intensity as the 公共机构 indicator (kgce per m² over the last 7 days), and idle share of area.
 */
export async function energyIntensity(
  client: GraphqlClient,
  buildings: readonly BuildingModel[],
): Promise<Map<string, number>> {
  const week = lastLocalDays(new Date(), 7);
  const range = { from: week[0]!.from, to: week.at(-1)!.to };
  const values = new Map<string, number>();
  // A few requests at a time: a ×10 district has hundreds of buildings, and the hub rate-limits each key.
  const queue = [...buildings];
  const worker = async () => {
    for (let building = queue.shift(); building; building = queue.shift()) {
      const { code, id } = building;
      const data = await client
        .request(TwinEnergyIntensityDocument, { building: code, range })
        .catch(() => null);
      values.set(id, data?.energySummary.standardCoalKgPerM2 ?? 0);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return values;
}

export async function idleShare(client: GraphqlClient): Promise<Map<string, number>> {
  const data = await client.request(TwinIdleSpaceDocument, {});
  return new Map(data.idleSpace.map((row) => [row.building.id, row.idleShare]));
}
