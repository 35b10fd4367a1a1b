import { RecordRejectedError } from '@district-hub/schema';
import { describe, expect, it } from 'vitest';
import type { MapContext, MappedEntity } from '../../writer/mapping-types.ts';
import { officeSpaceRooms } from './rooms.ts';

const context: MapContext = {
  source: 'office-space',
  stream: 'rooms',
  timeZone: 'Asia/Shanghai',
  options: {},
};

/** A room as the office-space API sends it (connectors/src/simulators/README.md, `rooms`). */
const apiRoom = (position: unknown) => ({
  id: 100001,
  roomCode: 'FZX-A01-512',
  buildingCode: 'FZX-A01',
  floorNo: 5,
  roomNo: '512',
  category: '办公室',
  usage: '办公室',
  usableArea: 18.5,
  buildingArea: 24.42,
  status: '在用',
  position,
  updatedAt: '2026-11-20 09:30:00',
});

const fieldsOf = (record: Record<string, unknown>) =>
  (officeSpaceRooms.map(record, context) as MappedEntity).fields;

function rejectionOf(record: Record<string, unknown>): RecordRejectedError {
  try {
    officeSpaceRooms.map(record, context);
  } catch (error) {
    if (error instanceof RecordRejectedError) return error;
    throw error;
  }
  throw new Error('the record was not rejected');
}

describe('office-space rooms keep the position the source gives', () => {
  it('maps the position to metres from the building centroid, as given', () => {
    const fields = fieldsOf(apiRoom({ x: -21.35, y: 4.8, z: 16.2 }));
    expect(fields).toMatchObject({ x: -21.35, y: 4.8, z: 16.2 });
  });

  it('keeps a room the source does not place, with no position', () => {
    expect(fieldsOf(apiRoom(null))).toMatchObject({ number: '512', x: null, y: null, z: null });
    expect(fieldsOf(apiRoom({}))).toMatchObject({ x: null, y: null, z: null });
  });

  it('leaves the position alone for a record without the field (the ledger export)', () => {
    const { position: _position, ...ledgerRow } = apiRoom(null);
    const fields = fieldsOf(ledgerRow);
    expect(fields.number).toBe('512');
    expect(Object.keys(fields).filter((k) => ['x', 'y', 'z'].includes(k))).toEqual([]);
  });

  it('quarantines a half-given position, naming what is missing', () => {
    const error = rejectionOf(apiRoom({ x: 3.5, y: 7 }));
    expect(error.message).toBe('position: gives x, y without z; a position needs x, y and z');
    expect(error.details).toMatchObject({ field: 'position', value: { x: 3.5, y: 7 } });
  });

  it('quarantines a position outside any building, with the limits in the reason', () => {
    // Degrees instead of metres, measured from the district's origin: far outside the building.
    const error = rejectionOf(apiRoom({ x: 116403.87, y: 39915.12, z: 16.2 }));
    expect(error.message).toMatch(/^position: \(116403\.87, 39915\.12, 16\.2\) m is outside any building/);
    expect(error.message).toContain('at most 500 m');
    expect(rejectionOf(apiRoom({ x: 1, y: 1, z: -250 })).message).toMatch(/is outside any building/);
  });

  it('quarantines a coordinate that is not a number in metres', () => {
    expect(rejectionOf(apiRoom({ x: 'north wing', y: 1, z: 0 })).message).toBe(
      'position.x: "north wing" is not a number',
    );
    expect(rejectionOf(apiRoom([1, 2, 3])).message).toBe('position: [1,2,3] is not an object {x, y, z}');
  });
});
