/** Aliases of the seven days in TwinEnergyWeek, oldest first. */
export const WEEK = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'] as const;

/**
 * Every GraphQL operation the viewer sends, and nothing else sends any: the build turns this module
 * into the trusted-documents manifest the gateway registers (src/trusted-documents.ts), and
 * operations.test.ts checks each one against the hub's committed schema.
 * Names start with `Twin` so the hub's logs tell the viewer's traffic apart.
 */
export const operations = {
  TwinDistrict: /* GraphQL */ `
    query TwinDistrict {
      district {
        code
        name
        centroidLon
        centroidLat
        outline
      }
    }
  `,
  TwinBuildings: /* GraphQL */ `
    query TwinBuildings($after: String) {
      buildings(first: 500, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            code
            name
            footprint
            centroidLon
            centroidLat
            floorsAbove
            floorsBelow
            height
            grossArea
          }
        }
      }
    }
  `,
  TwinDevices: /* GraphQL */ `
    query TwinDevices($after: String) {
      devices(first: 500, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            code
            name
            type
            status
            x
            y
            z
            building {
              id
            }
          }
        }
      }
    }
  `,
  TwinVehicles: /* GraphQL */ `
    query TwinVehicles($after: String) {
      vehicles(first: 500, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            plate
            energyType
            status
            latestPosition {
              lon
              lat
              time
            }
          }
        }
      }
    }
  `,
  TwinActiveAlerts: /* GraphQL */ `
    query TwinActiveAlerts($after: String) {
      alerts(first: 500, after: $after, filter: { status: [OPEN, ACKNOWLEDGED] }) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            severity
            status
            kind
            message
            raisedAt
            building {
              id
            }
            device {
              id
            }
          }
        }
      }
    }
  `,
  TwinBuildingDetail: /* GraphQL */ `
    query TwinBuildingDetail($code: String!) {
      building(code: $code) {
        id
        code
        name
        address
        floorsAbove
        floorsBelow
        height
        grossArea
      }
    }
  `,
  TwinBuildingRooms: /* GraphQL */ `
    query TwinBuildingRooms($code: String!, $after: String) {
      rooms(first: 500, after: $after, filter: { building: $code }) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            number
            name
            usableArea
            category
            status
            floor {
              level
            }
            allocations {
              agency {
                code
                name
              }
            }
          }
        }
      }
    }
  `,
  TwinSpaceCompliance: /* GraphQL */ `
    query TwinSpaceCompliance($agency: String!) {
      spaceCompliance(agency: $agency) {
        agency {
          code
          name
        }
        allocatedOfficeArea
        standardArea
        excessArea
        overStandard
      }
    }
  `,
  /** Seven one-day ranges as aliases: the hub sums a range, and the chart needs a bar per day. */
  TwinEnergyWeek: /* GraphQL */ `
    query TwinEnergyWeek($building: String!, ${WEEK.map((d) => `$${d}: TimeRange!`).join(', ')}) {
      ${WEEK.map((d) => `${d}: energySummary(building: $building, range: $${d}) { electricityKwh }`).join('\n      ')}
    }
  `,
  TwinEnergyIntensity: /* GraphQL */ `
    query TwinEnergyIntensity($building: String!, $range: TimeRange!) {
      energySummary(building: $building, range: $range) {
        standardCoalKgPerM2
      }
    }
  `,
  TwinRoomsByNumber: /* GraphQL */ `
    query TwinRoomsByNumber($number: String!) {
      rooms(first: 20, filter: { number: $number }, orderBy: NUMBER) {
        edges {
          node {
            number
            name
            building {
              id
              code
            }
          }
        }
      }
    }
  `,
  TwinIdleSpace: /* GraphQL */ `
    query TwinIdleSpace {
      idleSpace {
        building {
          id
        }
        idleShare
      }
    }
  `,
  TwinAcknowledgeAlert: /* GraphQL */ `
    mutation TwinAcknowledgeAlert($id: ID!) {
      acknowledgeAlert(id: $id) {
        __typename
        ... on Alert {
          id
          status
        }
        ... on UserError {
          message
          code
        }
      }
    }
  `,
  TwinResolveAlert: /* GraphQL */ `
    mutation TwinResolveAlert($id: ID!) {
      resolveAlert(id: $id) {
        __typename
        ... on Alert {
          id
          status
        }
        ... on UserError {
          message
          code
        }
      }
    }
  `,
  TwinAlertChanged: /* GraphQL */ `
    subscription TwinAlertChanged {
      alertChanged {
        change
        alert {
          id
          severity
          status
          kind
          message
          raisedAt
          building {
            id
          }
          device {
            id
          }
        }
      }
    }
  `,
  TwinVehiclePositions: /* GraphQL */ `
    subscription TwinVehiclePositions {
      vehiclePositions {
        vehicle {
          id
        }
        position {
          lon
          lat
          time
        }
      }
    }
  `,
} as const;

export type OperationName = keyof typeof operations;
