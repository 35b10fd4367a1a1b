import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { usccCheck, withVinCheck } from './codes.ts';
import { generateDistrict } from './district.ts';
import { entitlement } from './ranks.ts';
import type { District } from './types.ts';

/** Each building's idle area over the usable area of all its rooms, as the idle-space report defines it. */
function idleShares(d: District): number[] {
  return d.buildings.map((b) => {
    const rooms = d.rooms.filter((r) => r.buildingIndex === b.index);
    const idle = rooms.filter((r) => r.status === 'IDLE').reduce((sum, r) => sum + r.usableArea, 0);
    return idle / rooms.reduce((sum, r) => sum + r.usableArea, 0);
  });
}

/** Each agency's allocated office area over its entitlement. */
function officeRatios(d: District): Map<number, number> {
  const rooms = new Map(d.rooms.map((r) => [r.id, r]));
  const area = new Map<number, number>();
  for (const a of d.allocations) {
    const room = rooms.get(a.roomId)!;
    if (room.category === 'OFFICE') area.set(a.agencyIndex, (area.get(a.agencyIndex) ?? 0) + room.usableArea);
  }
  return new Map(d.agencies.map((a) => [a.index, (area.get(a.index) ?? 0) / entitlement(a.staffing)]));
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('district generator', () => {
  it('gives byte-identical output for the same seed and different output for another seed', () => {
    const a = generateDistrict({ seed: 'same' });
    const b = generateDistrict({ seed: 'same' });
    const c = generateDistrict({ seed: 'other' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(digest(c)).not.toBe(digest(a));
  });

  it('has the default size the issue asks for', () => {
    const d = generateDistrict();
    expect(d.buildings).toHaveLength(24);
    expect(d.agencies).toHaveLength(40);
    expect(d.vehicles).toHaveLength(400);
    expect(d.devices).toHaveLength(3000);
    expect(d.assets).toHaveLength(8000);
    expect(d.rooms.length).toBeGreaterThan(5000);
    expect(d.rooms.length).toBeLessThan(7000);
    for (const b of d.buildings) {
      expect(b.floorsAbove).toBeGreaterThanOrEqual(6);
      expect(b.floorsAbove).toBeLessThanOrEqual(16);
      expect(b.footprint[0]).toEqual(b.footprint[b.footprint.length - 1]);
      expect(Math.abs(b.centroid[0] - 116.727)).toBeLessThan(0.02);
    }
    const nev = d.vehicles.filter((v) => v.energy === 'BEV' || v.energy === 'PHEV' || v.energy === 'FCEV');
    expect(nev.length / d.vehicles.length).toBeGreaterThan(0.25);
    expect(nev.length / d.vehicles.length).toBeLessThan(0.5);
  });

  it('keeps identifiers valid and unique', () => {
    const d = generateDistrict();
    for (const a of d.agencies) expect(a.creditCode.slice(17)).toBe(usccCheck(a.creditCode.slice(0, 17)));
    for (const v of d.vehicles) expect(withVinCheck(v.vin)).toBe(v.vin);
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(d.agencies.map((a) => a.creditCode))).toBe(true);
    expect(unique(d.agencies.map((a) => a.name))).toBe(true);
    expect(unique(d.vehicles.map((v) => v.plate))).toBe(true);
    expect(unique(d.devices.map((x) => x.code))).toBe(true);
    expect(unique(d.assets.map((x) => x.tag))).toBe(true);
    expect(unique(d.rooms.map((r) => `${r.buildingIndex}:${r.number}`))).toBe(true);
  });

  it('allocates every agency near its entitlement, a few over standard, in rooms that exist', () => {
    const d = generateDistrict();
    const rooms = new Map(d.rooms.map((r) => [r.id, r]));
    const area = new Map<number, number>();
    for (const a of d.allocations) {
      const room = rooms.get(a.roomId);
      expect(room).toBeDefined();
      if (room?.category === 'OFFICE')
        area.set(a.agencyIndex, (area.get(a.agencyIndex) ?? 0) + room.usableArea);
    }
    let over = 0;
    for (const agency of d.agencies) {
      const ratio = (area.get(agency.index) ?? 0) / entitlement(agency.staffing);
      expect(ratio).toBeGreaterThan(0.8);
      if (ratio > 1.1) over += 1;
    }
    expect(over).toBeGreaterThan(0);
    expect(over).toBeLessThan(d.agencies.length / 3);
    const devicesPerBuilding = new Set(d.devices.map((x) => x.buildingIndex));
    expect(devicesPerBuilding.size).toBe(d.buildings.length);
  });

  it('leaves a few percent of each building idle, with the outlier buildings the reports should catch', () => {
    const d = generateDistrict();
    const shares = idleShares(d);
    const outliers = shares.filter((share) => share > 0.1);
    expect(outliers).toHaveLength(2);
    for (const share of shares.filter((x) => x <= 0.1)) {
      expect(share).toBeGreaterThan(0.005);
      expect(share).toBeLessThan(0.06);
    }
    for (const share of outliers) expect(share).toBeLessThan(0.35);
  });

  it('makes over standard exactly the agencies it meant to, a minority with some far over', () => {
    const d = generateDistrict();
    const ratios = officeRatios(d);
    const over = d.agencies.filter((a) => ratios.get(a.index)! > 1);
    expect(over.map((a) => a.index)).toEqual(
      d.agencies.filter((a) => a.spaceTarget !== 'WITHIN').map((a) => a.index),
    );
    expect(over.length).toBeLessThan(d.agencies.length / 4);
    expect(over.filter((a) => ratios.get(a.index)! > 1.45)).toHaveLength(2);
    for (const a of d.agencies) expect(ratios.get(a.index)).toBeGreaterThan(0.85);
  });

  it('leaves ownership unregistered for a few buildings only, and those have no certificate', () => {
    const d = generateDistrict();
    const missing = d.buildings.filter((b) => b.ownership !== 'REGISTERED');
    expect(missing).toHaveLength(3);
    for (const b of d.buildings) expect(b.certificateNo === null).toBe(b.ownership !== 'REGISTERED');
  });

  it('has knobs for the extreme cases: none idle, every agency far over, no title registered', () => {
    const d = generateDistrict({
      scale: 0.25,
      space: {
        idleOfficeShare: 0,
        idleOutlierShare: 0,
        overStandardShare: 0,
        farOverStandardShare: 1,
        unregisteredBuildingShare: 1,
      },
    });
    const ratios = officeRatios(d);
    expect(d.agencies.every((a) => a.spaceTarget === 'FAR_OVER')).toBe(true);
    expect(d.agencies.filter((a) => ratios.get(a.index)! > 1.45).length).toBeGreaterThan(0);
    expect(d.buildings.every((b) => b.ownership !== 'REGISTERED')).toBe(true);
    const within = generateDistrict({
      scale: 0.25,
      space: { overStandardShare: 0, farOverStandardShare: 0 },
    });
    const withinRatios = officeRatios(within);
    expect(within.agencies.every((a) => withinRatios.get(a.index)! <= 1)).toBe(true);
    expect(() => generateDistrict({ space: { idleOfficeShare: 2 } })).toThrow(/idleOfficeShare/);
  });

  it('scales every count', () => {
    const small = generateDistrict({ scale: 0.1 });
    expect(small.buildings).toHaveLength(2);
    expect(small.vehicles).toHaveLength(40);
    expect(small.devices).toHaveLength(300);
  });
});
