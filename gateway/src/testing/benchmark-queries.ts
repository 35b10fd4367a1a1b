/** What the twin loads first: every building with its floors, room, device and active alert counts. */
export const DISTRICT_SNAPSHOT = `query DistrictSnapshot {
  district { name buildingCount activeAlertCount }
  buildings(first: 500) {
    edges { node { id code name height centroidLon centroidLat floors { level elevation height roomCount } roomCount deviceCount activeAlertCount } }
  }
}`;

/** A 100-row page of rooms, as an integrator's export loops over them. */
export const ROOMS_PAGE = `query RoomsPage {
  rooms(first: 100) {
    edges { cursor node { id number usableArea category status building { code } floor { level } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
