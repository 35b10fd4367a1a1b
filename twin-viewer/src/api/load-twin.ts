import type { GraphqlClient } from './graphql-client.ts';
import type {
  WireAlert,
  WireBuilding,
  WireDevice,
  WireDistrict,
  WireTwin,
  WireVehicle,
} from './map-district.ts';
import type { OperationName } from './operations.ts';

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** Follows a Relay connection to its end: the hub caps `first` at 500, a ×10 district has more devices. */
export async function fetchAll<T>(
  client: GraphqlClient,
  name: OperationName,
  field: string,
  variables: Record<string, unknown> = {},
): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Page<T>> = await client.request(name, { ...variables, after });
    const page = data[field] as Page<T>;
    for (const edge of page.edges) nodes.push(edge.node);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}

export async function loadTwin(client: GraphqlClient): Promise<WireTwin> {
  const [district, buildings, devices, vehicles, alerts] = await Promise.all([
    client.request<{ district: WireDistrict | null }>('TwinDistrict'),
    fetchAll<WireBuilding>(client, 'TwinBuildings', 'buildings'),
    fetchAll<WireDevice>(client, 'TwinDevices', 'devices'),
    fetchAll<WireVehicle>(client, 'TwinVehicles', 'vehicles'),
    fetchAll<WireAlert>(client, 'TwinActiveAlerts', 'alerts'),
  ]);
  return { district: district.district, buildings, devices, vehicles, alerts };
}
