import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHubConfig, runSync } from '@district-hub/connectors';
import { createTestDatabase, type TestDatabase } from '@district-hub/schema/testing';
import {
  entitlement,
  generateDistrict,
  startOfficeSpace,
  type OfficeSpaceSimulator,
} from '@district-hub/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryData } from '../testing/graphql-clients.ts';
import { startTestGateway, type TestGateway } from '../testing/test-gateway.ts';

/*
 * The space reports against the simulated district's own records (issue 18, point 6): the district is
 * synced through the real office-space connector, and each answer is computed again here from the
 * generator's objects by plain arithmetic (not the report's SQL) and compared to the hundredth of a m².
 * The standard here is the simulator's own table (PROVINCIAL_RANKS); the report's is the migration's.
 */
const district = generateDistrict({ seed: 'cross-check', scale: 0.25 });
let sim: OfficeSpaceSimulator;
let db: TestDatabase;
let gateway: TestGateway;
let inbox: string;

const hundredths = (m2: number) => Math.round(m2 * 100);

beforeAll(async () => {
  inbox = await mkdtemp(join(tmpdir(), 'hub-cross-check-'));
  sim = await startOfficeSpace({ district });
  db = await createTestDatabase();
  const config = loadHubConfig(undefined, { OFFICE_SPACE_URL: sim.url, OFFICE_SPACE_INBOX: inbox });
  await runSync({
    databaseUrl: db.url,
    config,
    source: 'office-space',
    streams: ['buildings', 'floors', 'rooms', 'agencies', 'allocations'],
    trigger: 'test',
  });
  gateway = await startTestGateway({ databaseUrl: db.url });
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await sim?.stop();
  await db?.drop();
  await rm(inbox, { recursive: true, force: true });
});

const query = <T>(text: string) => queryData<T>(gateway.url, gateway.keys.INTEGRATOR, text);

describe('space reports, cross-checked against the generated district', () => {
  it('spaceCompliance: standard, allocated and excess area of every agency to the hundredth, over standard exactly as generated', async () => {
    const rooms = new Map(district.rooms.map((room) => [room.id, room]));
    const allocated = new Map<number, number>();
    for (const allocation of district.allocations) {
      const room = rooms.get(allocation.roomId)!;
      if (room.category !== 'OFFICE') continue;
      allocated.set(
        allocation.agencyIndex,
        (allocated.get(allocation.agencyIndex) ?? 0) + hundredths(room.usableArea),
      );
    }
    const expected = district.agencies
      .map((agency) => {
        const standard = hundredths(entitlement(agency.staffing));
        const held = allocated.get(agency.index) ?? 0;
        return {
          agency: { code: agency.creditCode },
          standardArea: standard / 100,
          allocatedOfficeArea: held / 100,
          overStandard: held > standard,
          excessArea: Math.max(0, held - standard) / 100,
          unmatchedRanks: [],
        };
      })
      .sort((a, b) => a.agency.code.localeCompare(b.agency.code));
    const data = await query<{ spaceCompliance: unknown[] }>(
      '{ spaceCompliance { agency { code } standardArea allocatedOfficeArea overStandard excessArea unmatchedRanks } }',
    );
    expect(data.spaceCompliance).toEqual(expected);
    const over = expected
      .filter((row) => row.overStandard)
      .map((row) => row.agency.code)
      .sort();
    const meant = district.agencies
      .filter((a) => a.spaceTarget !== 'WITHIN')
      .map((a) => a.creditCode)
      .sort();
    expect(over).toEqual(meant);
    expect(expected.every((row) => row.standardArea > 0)).toBe(true);
  });

  it('idleSpace: idle rooms, idle and total area of every building to the hundredth', async () => {
    const expected = district.buildings
      .map((building) => {
        const rooms = district.rooms.filter((room) => room.buildingIndex === building.index);
        const idle = rooms.filter((room) => room.status === 'IDLE');
        const idleArea = idle.reduce((sum, room) => sum + hundredths(room.usableArea), 0);
        const totalArea = rooms.reduce((sum, room) => sum + hundredths(room.usableArea), 0);
        return {
          building: { code: building.code },
          idleRooms: idle.length,
          idleArea: idleArea / 100,
          totalArea: totalArea / 100,
          idleShare: Math.round((idleArea / totalArea) * 10_000) / 10_000,
        };
      })
      .filter((row) => row.idleRooms > 0)
      .sort((a, b) => b.idleArea - a.idleArea || a.building.code.localeCompare(b.building.code));
    const data = await query<{ idleSpace: unknown[] }>(
      '{ idleSpace { building { code } idleRooms idleArea totalArea idleShare } }',
    );
    expect(data.idleSpace).toEqual(expected);
  });
});
