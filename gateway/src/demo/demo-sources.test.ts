import { loadHubConfig } from '@district-hub/connectors';
import { describe, expect, it } from 'vitest';
import { demoVehicleDatabaseName } from './demo-sources.ts';

describe("the demo's simulated vehicle platform database", () => {
  it('is one per hub database, so two demo hubs on one server do not share it', () => {
    const server = 'postgres://postgres@127.0.0.1:5432';
    const first = demoVehicleDatabaseName(`${server}/hubtest_1764400000_a1b2c3d4e5`);
    const second = demoVehicleDatabaseName(`${server}/hubtest_1764400000_f6a7b8c9d0`);
    expect(first).toBe('hubtest_1764400000_a1b2c3d4e5_vehicle_platform');
    expect(second).not.toBe(first);
    expect(demoVehicleDatabaseName(`${server}/hub`)).toBe('hub_vehicle_platform');
  });

  it('stays within the 63 characters PostgreSQL allows a database name', () => {
    const name = demoVehicleDatabaseName(`postgres://127.0.0.1/${'d'.repeat(80)}`);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.endsWith('_vehicle_platform')).toBe(true);
  });

  it('reaches the vehicle-platform source through the placeholders of hub.config.yaml', () => {
    const url = `postgres://postgres@127.0.0.1:5432/${demoVehicleDatabaseName('postgres://h/hub')}`;
    const config = loadHubConfig(undefined, {
      VEHICLE_PLATFORM_DRIVER: 'postgres',
      VEHICLE_PLATFORM_URL: url,
    });
    const connector = config.sources['vehicle-platform']?.connectors[0] as unknown as {
      config: { connection: { driver: string; url: string } };
    };
    expect(connector.config.connection).toMatchObject({ driver: 'postgres', url });
  });
});
