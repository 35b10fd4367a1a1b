import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastLocalDays } from '../src/api/local-days.ts';
import { launchChromium } from '../tools/chromium.ts';
import type { DemoHub } from './demo-hub.ts';
import { graphql, publishAlarm, startDemoHub } from './demo-hub.ts';

/** What the page exposes as `window.twin` (src/main.ts), as far as these tests read it. */
interface TwinHandle {
  model: {
    buildings: { id: string; code: string; name: string; height: number }[];
    devices: { code: string; position: { east: number; north: number; up: number } }[];
  } | null;
  /** The energy bars the open building panel draws. */
  panelEnergy(): { date: string; quantity: number }[] | null;
  view: {
    twin: { controls: { target: { x: number; y: number; z: number } } };
    stats(): {
      buildings: number;
      beacons: number;
      rooms: number;
      placedRooms: number;
      shown: Record<'alerts' | 'devices' | 'vehicles', boolean>;
      shading: string;
      drawCalls: number;
      frames: number;
    };
    screenPointOf(id: string): { x: number; y: number } | null;
    buildingColourOf(id: string): number | null;
    pickAt(x: number, y: number): { kind: string; id: string } | null;
  };
}
declare const twin: TwinHandle;

/**
 * An alarm crosses MQTT, the logistics connector (followed live by the hub's worker), the alert rules and
 * a subscription before it shows: about a second; the rest is margin for two shared, busy cores.
 */
const ALARM_TIMEOUT_MS = 20_000;

const artifacts = join(import.meta.dirname, '..', '..', 'test-artifacts', 'twin-viewer');

describe('the twin viewer against a running demo hub', () => {
  let hub: DemoHub;
  let closeHub: () => Promise<void>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    ({ hub, close: closeHub } = await startDemoHub());
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await closeHub?.();
  });

  /** `beforeLoad` runs on the blank page, e.g. to watch its requests from the first one. */
  async function openTwin(beforeLoad?: (page: Page) => void): Promise<Page> {
    const page = await browser.context.newPage();
    beforeLoad?.(page);
    await page.goto(`${hub.viewerUrl}?key=${encodeURIComponent(hub.demoKey)}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
    await page.waitForFunction(() => twin.view.stats().frames > 0);
    // The key is taken out of the address bar at once (history, screenshots, shared links).
    expect(new URL(page.url()).searchParams.has('key')).toBe(false);
    return page;
  }

  /** A leak sensor of the demo district, with its building, to raise alarms on. */
  async function leakSensor(
    index: number,
  ): Promise<{ code: string; building: { code: string; name: string } }> {
    const data = await graphql<{
      devices: { edges: { node: { code: string; building: { code: string; name: string } } }[] };
    }>(
      hub,
      `
        query ($first: Int!) {
          devices(first: $first, filter: { type: "LEAK" }) {
            edges {
              node {
                code
                building {
                  code
                  name
                }
              }
            }
          }
        }
      `,
      { first: index + 1 },
    );
    const device = data.devices.edges[index]?.node;
    if (!device) throw new Error(`the demo district has fewer than ${index + 1} leak sensors`);
    return device;
  }

  async function openAlertOf(deviceCode: string): Promise<{ id: string; status: string } | undefined> {
    const data = await graphql<{
      alerts: { edges: { node: { id: string; status: string; device: { code: string } | null } }[] };
    }>(
      hub,
      `
        {
          alerts(first: 100, filter: { status: [OPEN, ACKNOWLEDGED] }) {
            edges {
              node {
                id
                status
                device {
                  code
                }
              }
            }
          }
        }
      `,
    );
    return data.alerts.edges.map((e) => e.node).find((a) => a.device?.code === deviceCode);
  }

  async function statusOf(alertId: string): Promise<string | undefined> {
    const data = await graphql<{ node: { status: string } | null }>(
      hub,
      'query($id: ID!) { node(id: $id) { ... on Alert { status } } }',
      { id: alertId },
    );
    return data.node?.status;
  }

  it('draws the district: the canvas is not blank', async () => {
    const page = await openTwin();
    await page.locator('#twin').screenshot({ path: join(artifacts, 'twin.png') });
    // Share of pixels that differ from the clear colour: ground, buildings and markers, not an empty frame.
    const drawnShare = await page.evaluate(() => {
      const source = document.querySelector('#twin') as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const context = copy.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(source, 0, 0);
      const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
      let drawn = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (
          Math.abs(pixels[i]! - 0x0d) + Math.abs(pixels[i + 1]! - 0x15) + Math.abs(pixels[i + 2]! - 0x20) >
          24
        )
          drawn++;
      }
      return drawn / (pixels.length / 4);
    });
    expect(drawnShare).toBeGreaterThan(0.05);
    await page.close();
  });

  it('draws as many buildings as the API has, in a bounded number of draw calls', async () => {
    const { buildings } = await graphql<{ buildings: { totalCount: number } }>(
      hub,
      '{ buildings { totalCount } }',
    );
    const page = await openTwin();
    const stats = await page.evaluate(() => twin.view.stats());
    expect(buildings.totalCount).toBeGreaterThan(0);
    expect(stats.buildings).toBe(buildings.totalCount);
    expect(stats.drawCalls).toBeLessThan(100);
    await page.close();
  });

  it('sends its queries as trusted documents: the hash alone, which the hub answers', async () => {
    const sent: { operationName?: string; query?: string; extensions?: unknown }[] = [];
    const page = await openTwin((blank) =>
      blank.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql')
          sent.push(request.postDataJSON() as (typeof sent)[number]);
      }),
    );
    expect(sent.map((body) => body.operationName)).toEqual(
      expect.arrayContaining(['TwinDistrict', 'TwinBuildings', 'TwinDevices', 'TwinActiveAlerts']),
    );
    // The bundle holds no query text at all (src/api/generated/graphql.ts): the hash is all it can send.
    for (const body of sent) {
      expect(body.query).toBeUndefined();
      expect(body.extensions).toMatchObject({ persistedQuery: { sha256Hash: expect.any(String) } });
    }
    await page.close();
  });

  it("opens a building's panel with its name when its projected centre is clicked", async () => {
    const page = await openTwin();
    // A building whose centre is not hidden behind a nearer one from the opening viewpoint.
    const target = await page.evaluate(() => {
      for (const building of twin.model?.buildings ?? []) {
        const point = twin.view.screenPointOf(building.id);
        const hit = point && twin.view.pickAt(point.x, point.y);
        if (point && hit?.kind === 'building' && hit.id === building.id)
          return { code: building.code, ...point };
      }
      return null;
    });
    expect(target).not.toBeNull();
    const { building } = await graphql<{ building: { name: string } }>(
      hub,
      'query($code: String!) { building(code: $code) { name } }',
      {
        code: target!.code,
      },
    );
    await page.mouse.click(target!.x, target!.y);
    await expect.poll(() => page.locator('#panel [data-field=name]').textContent()).toBe(building.name);
    await expect.poll(() => page.locator('#panel [data-field=code]').textContent()).toBe(target!.code);
    await page.close();
  });

  it('shows an alarm published on MQTT as a beacon and in the alert list, without a reload', async () => {
    const sensor = await leakSensor(0);
    const page = await openTwin();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const beaconsBefore = await page.evaluate(() => twin.view.stats().beacons);
    await publishAlarm(hub, sensor.code, 'e2e: water on the floor');
    await expect.poll(() => openAlertOf(sensor.code), { timeout: ALARM_TIMEOUT_MS }).toBeDefined();
    const alert = (await openAlertOf(sensor.code))!;
    await page.locator(`#alert-list li[data-alert-id="${alert.id}"]`).waitFor({ timeout: ALARM_TIMEOUT_MS });
    await expect.poll(() => page.evaluate(() => twin.view.stats().beacons)).toBeGreaterThan(beaconsBefore);
    await page.locator('#twin').screenshot({ path: join(artifacts, 'twin-alarm.png') });
    // Its building turns from the calm grey-blue (palette.ts) to the colour of an alerting building.
    const colour = await page.evaluate((code) => {
      const building = twin.model?.buildings.find((b) => b.code === code);
      return building ? twin.view.buildingColourOf(building.id) : null;
    }, sensor.building.code);
    expect([0xf0b429, 0xe5484d]).toContain(colour);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    // Clicking the alert in the list flies the camera to it: the view ends centred on the beacon over
    // the sensor, above the roof of its building.
    await page.locator(`#alert-list li[data-alert-id="${alert.id}"]`).click();
    const metresFromBeacon = () =>
      page.evaluate(
        ({ code, buildingCode }) => {
          const device = twin.model?.devices.find((d) => d.code === code);
          const building = twin.model?.buildings.find((b) => b.code === buildingCode);
          const aim = twin.view.twin.controls.target;
          if (!device || !building) return Infinity;
          const { east, north } = device.position;
          return Math.hypot(aim.x - east, aim.z + north) + Math.max(0, building.height - aim.y);
        },
        { code: sensor.code, buildingCode: sensor.building.code },
      );
    await expect.poll(metresFromBeacon).toBeLessThan(1);
    await page.close();
  });

  it('acknowledges an alert from the building panel, and the API shows it acknowledged', async () => {
    const sensor = await leakSensor(1);
    await publishAlarm(hub, sensor.code, 'e2e: acknowledge me');
    await expect.poll(() => openAlertOf(sensor.code), { timeout: ALARM_TIMEOUT_MS }).toBeDefined();
    const alert = (await openAlertOf(sensor.code))!;
    const page = await openTwin();
    await page.fill('#search-input', sensor.building.code);
    await page.locator(`#search-results li[data-kind=building]`).first().click();
    await expect
      .poll(() => page.locator('#panel [data-field=code]').textContent())
      .toBe(sensor.building.code);
    await page.locator(`#panel li[data-alert-id="${alert.id}"] button[data-action=acknowledge]`).click();
    await expect
      .poll(async () => (await openAlertOf(sensor.code))?.status, { timeout: 15_000 })
      .toBe('ACKNOWLEDGED');
    await page.locator(`#panel li[data-alert-id="${alert.id}"] button[data-action=resolve]`).click();
    await expect.poll(() => statusOf(alert.id), { timeout: 15_000 }).toBe('RESOLVED');
    await page.locator(`#alert-list li[data-alert-id="${alert.id}"]`).waitFor({ state: 'detached' });
    await page.close();
  });

  it('finds a room by its door number and a vehicle by its plate', async () => {
    const { rooms, vehicles } = await graphql<{
      rooms: { edges: { node: { number: string; building: { code: string } } }[] };
      vehicles: { edges: { node: { plate: string } }[] };
    }>(
      hub,
      `
        {
          rooms(first: 1, filter: { floor: 2 }, orderBy: NUMBER) {
            edges {
              node {
                number
                building {
                  code
                }
              }
            }
          }
          vehicles(first: 1) {
            edges {
              node {
                plate
              }
            }
          }
        }
      `,
    );
    const room = rooms.edges[0]!.node;
    const page = await openTwin();
    await page.fill('#search-input', room.number);
    await page
      .locator('#search-results li[data-kind=room]', { hasText: `${room.building.code} · ${room.number}` })
      .first()
      .click();
    await expect.poll(() => page.locator('#panel [data-field=code]').textContent()).toBe(room.building.code);
    const plate = vehicles.edges[0]!.node.plate;
    await page.fill('#search-input', plate);
    expect(await page.locator('#search-results li[data-kind=vehicle]').first().textContent()).toBe(plate);
    await page.close();
  });

  it('shows a live connection, and hides or recolours by layer', async () => {
    const page = await openTwin();
    await page.locator('#status[data-status=live]').waitFor();
    for (const layer of ['alerts', 'devices', 'vehicles'] as const) {
      await page.uncheck(`#layers input[name=${layer}]`);
      expect(await page.evaluate((name) => twin.view.stats().shown[name], layer)).toBe(false);
      await page.check(`#layers input[name=${layer}]`);
      expect(await page.evaluate((name) => twin.view.stats().shown[name], layer)).toBe(true);
    }
    await page.check('#layers input[name=energy]');
    await expect.poll(() => page.evaluate(() => twin.view.stats().shading)).toBe('energy');
    await page.check('#layers input[name=idle]');
    await expect.poll(() => page.evaluate(() => twin.view.stats().shading)).toBe('idle');
    expect(await page.isChecked('#layers input[name=energy]')).toBe(false);
    await page.uncheck('#layers input[name=idle]');
    await expect.poll(() => page.evaluate(() => twin.view.stats().shading)).toBe('state');
    await page.close();
  });

  it("opens a building into its floors' rooms, coloured by category or by idle status", async () => {
    const page = await openTwin();
    const code = await page.evaluate(() => twin.model!.buildings[0]!.code);
    const { rooms } = await graphql<{ rooms: { totalCount: number } }>(
      hub,
      'query($code: String!) { rooms(filter: { building: $code }) { totalCount } }',
      { code },
    );
    await page.fill('#search-input', code);
    await page.locator('#search-results li[data-kind=building]').first().click();
    // The demo's year of meter history: a week of bars on a fresh hub.
    await page.locator('#panel .chart canvas').first().waitFor();
    const week = lastLocalDays(new Date(), 7);
    const bars = await page.evaluate(() => twin.panelEnergy());
    expect(bars?.map((bar) => bar.date)).toEqual(week.map((day) => day.date));
    expect(bars?.filter((bar) => bar.quantity > 0)).toHaveLength(7);
    const { energyDays } = await graphql<{ energyDays: { date: string; electricityKwh: number }[] }>(
      hub,
      'query($b: String!, $r: TimeRange!) { energyDays(building: $b, range: $r) { date electricityKwh } }',
      { b: code, r: { from: week[0]!.from, to: week.at(-1)!.to } },
    );
    expect(bars).toEqual(energyDays.map((day) => ({ date: day.date, quantity: day.electricityKwh })));
    // And the month.
    await page.click('#panel [data-action=energy-30]');
    await expect.poll(() => page.evaluate(() => twin.panelEnergy()?.length)).toBe(30);
    await page.click('#panel [data-action=energy-7]');
    await expect.poll(() => page.evaluate(() => twin.panelEnergy()?.length)).toBe(7);
    await page.click('#panel [data-action=floors]');
    await expect.poll(() => page.evaluate(() => twin.view.stats().rooms)).toBe(rooms.totalCount);
    // The office-space system places every room it lists: none falls back to the grid.
    expect(await page.evaluate(() => twin.view.stats().placedRooms)).toBe(rooms.totalCount);
    await page.click('#panel [data-action=by-idle]');
    await page.click('#panel [data-action=by-category]');
    expect(await page.evaluate(() => twin.view.stats().rooms)).toBe(rooms.totalCount);
    await page.click('#panel [data-action=floors]');
    await expect.poll(() => page.evaluate(() => twin.view.stats().rooms)).toBe(0);
    await page.close();
  });

  it('charts the 7 local days before today, each from its own daily rollup', async () => {
    const page = await openTwin();
    const building = await page.evaluate(() => twin.model!.buildings[1]!);
    const days = lastLocalDays(new Date(), 7);
    const { id: buildingId } = await hub.prisma.building.findFirstOrThrow({ where: { code: building.code } });
    // Over the demo's history: a week of rollups, a different amount each day.
    for (const [i, day] of days.entries()) {
      const key = { buildingId, date: new Date(`${day.date}T00:00:00Z`), carrier: 'ELECTRICITY' as const };
      const quantity = (i + 1) * 1000;
      await hub.prisma.energyDaily.upsert({
        where: { buildingId_date_carrier: key },
        create: { ...key, quantity, unit: 'kWh' },
        update: { quantity },
      });
    }
    await page.fill('#search-input', building.code);
    await page.locator('#search-results li[data-kind=building]').first().click();
    await page.locator('#panel .chart canvas').first().waitFor();
    const bars = await page.evaluate(() => twin.panelEnergy());
    expect(bars).toEqual(days.map((day, i) => ({ date: day.date, quantity: (i + 1) * 1000 })));
    await page.close();
  });

  it('asks for the key in its login field, and asks again after a wrong one', async () => {
    // The tests before opened the printed URL, whose key the hub traded for a session cookie.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(hub.viewerUrl);
    await page.fill('#login-key', 'not-a-key');
    // The hub refuses it: the page forgets it and reloads to the empty login field.
    await Promise.all([page.waitForEvent('load'), page.click('#login button[type=submit]')]);
    await page.locator('#login:not([hidden])').waitFor();
    expect(await page.inputValue('#login-key')).toBe('');
    await page.fill('#login-key', hub.demoKey);
    await page.click('#login button[type=submit]');
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
    expect(await page.locator('#login').isHidden()).toBe(true);
    await page.close();
  });

  it('switches the interface to English and back', async () => {
    const page = await openTwin();
    const alertsLayer = page.locator('#layers [data-i18n="layer.alerts"]');
    expect(await alertsLayer.textContent()).toBe('告警');
    expect(await page.locator('h1').textContent()).toBe('集中办公区数字孪生');
    await page.click('#language');
    expect(await alertsLayer.textContent()).toBe('Alerts');
    expect(await page.locator('h1').textContent()).toBe('Office District Digital Twin');
    expect(await page.locator('#search-input').getAttribute('placeholder')).toBe(
      'Search building, room number or plate',
    );
    await page.click('#language');
    expect(await alertsLayer.textContent()).toBe('告警');
    await page.close();
  });
});
