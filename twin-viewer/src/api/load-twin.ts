import {
  TwinActiveAlertsDocument,
  TwinBuildingsDocument,
  TwinDevicesDocument,
  TwinDistrictDocument,
  TwinVehiclesDocument,
} from './generated/graphql.ts';
import type { GraphqlClient } from './graphql-client.ts';
import type { WireTwin } from './map-district.ts';
import { fetchAll } from './paging.ts';

export async function loadTwin(client: GraphqlClient): Promise<WireTwin> {
  const [district, buildings, devices, vehicles, alerts] = await Promise.all([
    client.request(TwinDistrictDocument, {}),
    fetchAll(client, TwinBuildingsDocument, (data) => data.buildings, {}),
    fetchAll(client, TwinDevicesDocument, (data) => data.devices, {}),
    fetchAll(client, TwinVehiclesDocument, (data) => data.vehicles, {}),
    fetchAll(client, TwinActiveAlertsDocument, (data) => data.alerts, {}),
  ]);
  return { district: district.district, buildings, devices, vehicles, alerts };
}
