import { unnestRows, type SqlExecutor } from '@district-hub/schema/database';
import type { ReadingEvent, VehiclePositionEvent } from '@district-hub/schema';
import type { StagedItem } from './batch-upsert.ts';

/** The newest changed reading per device and metric of a batch, for live subscribers. */
export function latestReadings(staged: StagedItem[], changed: Set<string>): ReadingEvent[] {
  const latest = new Map<string, Record<string, unknown>>();
  for (const { row } of staged) {
    if (!changed.has(row.key)) continue;
    const v = row.values;
    const key = `${String(v.deviceId)}\u0000${String(v.metric)}`;
    const prev = latest.get(key);
    if (!prev || (prev.time as Date) < (v.time as Date)) latest.set(key, v);
  }
  return [...latest.values()].map((v) => ({
    deviceId: v.deviceId as number,
    metric: v.metric as string,
    value: v.value as number,
    unit: (v.unit as string | undefined) ?? null,
    time: (v.time as Date).toISOString(),
  }));
}

/** Telemetry is a sign of life: `Device.lastSeenAt` moves forward to the newest reading (heartbeat rules read it). */
export async function touchDevices(db: SqlExecutor, latest: ReadingEvent[]): Promise<void> {
  const newest = new Map<number, string>();
  for (const r of latest) if ((newest.get(r.deviceId) ?? '') < r.time) newest.set(r.deviceId, r.time);
  if (newest.size === 0) return;
  const heard = unnestRows<'u', { id: number; time: Date }>('u', {
    id: { values: [...newest.keys()], type: 'int' },
    time: { values: [...newest.values()].map((time) => new Date(time)), type: 'timestamptz' },
  });
  await db
    .updateTable('Device')
    .from(heard)
    .set((eb) => ({ lastSeenAt: eb.ref('u.time') }))
    .whereRef('Device.id', '=', 'u.id')
    .where((eb) =>
      eb.or([eb('Device.lastSeenAt', 'is', null), eb('Device.lastSeenAt', '<', eb.ref('u.time'))]),
    )
    .execute();
}

/** The newest changed fix per vehicle of a batch, with the vehicle's agency, for live subscribers. */
export async function latestPositions(
  db: SqlExecutor,
  staged: StagedItem[],
  changed: Set<string>,
): Promise<VehiclePositionEvent[]> {
  const latest = new Map<number, Record<string, unknown>>();
  for (const { row } of staged) {
    if (!changed.has(row.key)) continue;
    const v = row.values;
    const prev = latest.get(v.vehicleId as number);
    if (!prev || (prev.time as Date) < (v.time as Date)) latest.set(v.vehicleId as number, v);
  }
  if (latest.size === 0) return [];
  const agencies = await db
    .selectFrom('Vehicle')
    .select(['Vehicle.id', 'Vehicle.agencyId'])
    .where('Vehicle.id', '=', (eb) => eb.fn.any(eb.val([...latest.keys()])))
    .execute();
  const agencyOf = new Map(agencies.map((r) => [r.id, r.agencyId]));
  return [...latest.values()].map((v) => ({
    vehicleId: v.vehicleId as number,
    agencyId: agencyOf.get(v.vehicleId as number) ?? null,
    time: (v.time as Date).toISOString(),
    lon: v.lon as number,
    lat: v.lat as number,
    speedKmh: (v.speedKmh as number | undefined) ?? null,
    heading: (v.heading as number | undefined) ?? null,
  }));
}
