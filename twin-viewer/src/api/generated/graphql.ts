/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What happened to the alert: raised, repeated (a later report of the same incident, by its device or a rule), acknowledged or resolved. */
export type AlertChange =
  | 'ACKNOWLEDGED'
  | 'RAISED'
  | 'REPEATED'
  | 'RESOLVED';

export type AlertSeverity =
  | 'CRITICAL'
  | 'INFO'
  | 'MAJOR'
  | 'MINOR'
  | 'WARNING';

export type AlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type DeviceStatus =
  | 'FAULT'
  | 'MAINTENANCE'
  | 'OFFLINE'
  | 'ONLINE';

export type EnergyType =
  | 'BEV'
  | 'FCEV'
  | 'HEV'
  | 'ICE'
  | 'PHEV';

export type RoomCategory =
  | 'ANCILLARY'
  | 'EQUIPMENT'
  | 'OFFICE'
  | 'SERVICE';

export type RoomStatus =
  | 'IDLE'
  | 'IN_USE'
  | 'LENT_OUT'
  | 'RENOVATING';

/** A half-open interval [from, to). */
export type TimeRange = {
  from: string;
  to: string;
};

export type VehicleStatus =
  | 'AVAILABLE'
  | 'IN_USE'
  | 'MAINTENANCE'
  | 'RETIRED';

export type TwinDistrictQueryVariables = Exact<{ [key: string]: never; }>;


export type TwinDistrictQuery = { district: { code: string | null, name: string | null, centroidLon: number | null, centroidLat: number | null, outline: unknown } };

export type TwinBuildingsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type TwinBuildingsQuery = { buildings: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, name: string, footprint: unknown, centroidLon: number, centroidLat: number, floorsAbove: number, floorsBelow: number, height: number, grossArea: number | null } }> } };

export type TwinDevicesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type TwinDevicesQuery = { devices: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, code: string, name: string | null, type: string, status: DeviceStatus, x: number | null, y: number | null, z: number | null, building: { id: string } | null } }> } };

export type TwinVehiclesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type TwinVehiclesQuery = { vehicles: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, plate: string, energyType: EnergyType, status: VehicleStatus, latestPosition: { lon: number, lat: number, time: string } | null } }> } };

export type TwinActiveAlertsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type TwinActiveAlertsQuery = { alerts: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, severity: AlertSeverity, status: AlertStatus, kind: string, message: string, raisedAt: string, building: { id: string } | null, device: { id: string } | null } }> } };

export type TwinBuildingDetailQueryVariables = Exact<{
  code: string;
}>;


export type TwinBuildingDetailQuery = { building: { id: string, code: string, name: string, address: string | null, floorsAbove: number, floorsBelow: number, height: number, grossArea: number | null } | null };

export type TwinBuildingRoomsQueryVariables = Exact<{
  code: string;
  after?: string | null | undefined;
}>;


export type TwinBuildingRoomsQuery = { rooms: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, name: string | null, usableArea: number, category: RoomCategory, status: RoomStatus, floor: { level: number } | null, position: { x: number, y: number, z: number } | null, allocations: Array<{ agency: { code: string, name: string } }> } }> } };

export type TwinSpaceComplianceQueryVariables = Exact<{
  agency: string;
}>;


export type TwinSpaceComplianceQuery = { spaceCompliance: Array<{ allocatedOfficeArea: number, standardArea: number, excessArea: number, overStandard: boolean, agency: { code: string, name: string } }> };

export type TwinEnergyDaysQueryVariables = Exact<{
  building: string;
  range: TimeRange;
}>;


export type TwinEnergyDaysQuery = { energyDays: Array<{ date: string, electricityKwh: number }> };

export type TwinEnergyIntensityQueryVariables = Exact<{
  building: string;
  range: TimeRange;
}>;


export type TwinEnergyIntensityQuery = { energySummary: { standardCoalKgPerM2: number | null } };

export type TwinRoomsByNumberQueryVariables = Exact<{
  number: string;
}>;


export type TwinRoomsByNumberQuery = { rooms: { edges: Array<{ node: { number: string, name: string | null, building: { id: string, code: string } } }> } };

export type TwinIdleSpaceQueryVariables = Exact<{ [key: string]: never; }>;


export type TwinIdleSpaceQuery = { idleSpace: Array<{ idleShare: number, building: { id: string } }> };

export type TwinAcknowledgeAlertMutationVariables = Exact<{
  id: string | number;
}>;


export type TwinAcknowledgeAlertMutation = { acknowledgeAlert:
    | { __typename: 'Alert', id: string, status: AlertStatus }
    | { __typename: 'InvalidInputError', message: string, code: string }
    | { __typename: 'NotFoundError', message: string, code: string }
   };

export type TwinResolveAlertMutationVariables = Exact<{
  id: string | number;
}>;


export type TwinResolveAlertMutation = { resolveAlert:
    | { __typename: 'Alert', id: string, status: AlertStatus }
    | { __typename: 'InvalidInputError', message: string, code: string }
    | { __typename: 'NotFoundError', message: string, code: string }
   };

export type TwinAlertChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TwinAlertChangedSubscription = { alertChanged: { change: AlertChange, alert: { id: string, severity: AlertSeverity, status: AlertStatus, kind: string, message: string, raisedAt: string, building: { id: string } | null, device: { id: string } | null } | null } };

export type TwinVehiclePositionsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TwinVehiclePositionsSubscription = { vehiclePositions: { vehicle: { id: string } | null, position: { lon: number, lat: number, time: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const TwinDistrictDocument = {"__meta__":{"operationName":"TwinDistrict","hash":"b02945e38bf55cc2dc9ab2efa547a3cb49ac13cfaa7007c0159d230f1fb08b56"}} as unknown as TypedDocumentString<TwinDistrictQuery, TwinDistrictQueryVariables>;
export const TwinBuildingsDocument = {"__meta__":{"operationName":"TwinBuildings","hash":"8a7f4490109997cbbd005ddd83b3f55f1840cf35c68d2bec75b6e42c876bb9f5"}} as unknown as TypedDocumentString<TwinBuildingsQuery, TwinBuildingsQueryVariables>;
export const TwinDevicesDocument = {"__meta__":{"operationName":"TwinDevices","hash":"dc6d3b1596e9f2790257139bfc3f3f28d70d72e6fba05631fceb7b822202eadb"}} as unknown as TypedDocumentString<TwinDevicesQuery, TwinDevicesQueryVariables>;
export const TwinVehiclesDocument = {"__meta__":{"operationName":"TwinVehicles","hash":"ebee36c89bffaa210eceb42010314195b95bbbb21bc36ae3c548d1012cb50116"}} as unknown as TypedDocumentString<TwinVehiclesQuery, TwinVehiclesQueryVariables>;
export const TwinActiveAlertsDocument = {"__meta__":{"operationName":"TwinActiveAlerts","hash":"341487b2356ce85ea16f9a614c0681d3e12e12de6cafef971a89ab1c54fed0b6"}} as unknown as TypedDocumentString<TwinActiveAlertsQuery, TwinActiveAlertsQueryVariables>;
export const TwinBuildingDetailDocument = {"__meta__":{"operationName":"TwinBuildingDetail","hash":"1bdfe49931f7d02e430322b0c3349259c263458a1e0fec28c0a24d918b9d7758"}} as unknown as TypedDocumentString<TwinBuildingDetailQuery, TwinBuildingDetailQueryVariables>;
export const TwinBuildingRoomsDocument = {"__meta__":{"operationName":"TwinBuildingRooms","hash":"d16e7e346dcd4148a7011d0edb945faed310fb88df7883aa667212bee4537025"}} as unknown as TypedDocumentString<TwinBuildingRoomsQuery, TwinBuildingRoomsQueryVariables>;
export const TwinSpaceComplianceDocument = {"__meta__":{"operationName":"TwinSpaceCompliance","hash":"9796c0a57a0ea4a829dd7e75135338c04e0bb16914dd4d7d70270a444b68d6b7"}} as unknown as TypedDocumentString<TwinSpaceComplianceQuery, TwinSpaceComplianceQueryVariables>;
export const TwinEnergyDaysDocument = {"__meta__":{"operationName":"TwinEnergyDays","hash":"a11ab6839c9800b6c7a461bd170785693f04b46d1ed62ea8cb95454f399d0ba7"}} as unknown as TypedDocumentString<TwinEnergyDaysQuery, TwinEnergyDaysQueryVariables>;
export const TwinEnergyIntensityDocument = {"__meta__":{"operationName":"TwinEnergyIntensity","hash":"26cba36d4fb90bb70efdf4db80bb5262acee6083ccd08ab4c2f1f9008afbff85"}} as unknown as TypedDocumentString<TwinEnergyIntensityQuery, TwinEnergyIntensityQueryVariables>;
export const TwinRoomsByNumberDocument = {"__meta__":{"operationName":"TwinRoomsByNumber","hash":"b1aab6aa31258d06bcbcc7c102c6a9504f335cd38ab1c8233a6d407eb2ae69b1"}} as unknown as TypedDocumentString<TwinRoomsByNumberQuery, TwinRoomsByNumberQueryVariables>;
export const TwinIdleSpaceDocument = {"__meta__":{"operationName":"TwinIdleSpace","hash":"b8f159be6f0c03bc2cea2a6352bd4bb08f7e5c9e0e4bbf397cb0097ba8f60880"}} as unknown as TypedDocumentString<TwinIdleSpaceQuery, TwinIdleSpaceQueryVariables>;
export const TwinAcknowledgeAlertDocument = {"__meta__":{"operationName":"TwinAcknowledgeAlert","hash":"31bf21b1106b88e35b3af2b34d9e490e3de1da0498c771ac50e7c264f9696e8b"}} as unknown as TypedDocumentString<TwinAcknowledgeAlertMutation, TwinAcknowledgeAlertMutationVariables>;
export const TwinResolveAlertDocument = {"__meta__":{"operationName":"TwinResolveAlert","hash":"228e4d0c43e5d9b7d7cc9e6bd00707201da2975bf71ea170d87292938ed7f827"}} as unknown as TypedDocumentString<TwinResolveAlertMutation, TwinResolveAlertMutationVariables>;
export const TwinAlertChangedDocument = {"__meta__":{"operationName":"TwinAlertChanged","hash":"54809cd544dbe005317d6ae75e0bce9a3534f71fe557221014cc213a340db8ac"}} as unknown as TypedDocumentString<TwinAlertChangedSubscription, TwinAlertChangedSubscriptionVariables>;
export const TwinVehiclePositionsDocument = {"__meta__":{"operationName":"TwinVehiclePositions","hash":"f92dbdc02cadb7e01cb1a8e7490242bcf4734349b4631b6635d65e55245a7473"}} as unknown as TypedDocumentString<TwinVehiclePositionsSubscription, TwinVehiclePositionsSubscriptionVariables>;