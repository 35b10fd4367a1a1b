import { describe, expect, it } from 'vitest';
import { floorOfRoomNumber } from './room-number.ts';

describe('the floor of a door number', () => {
  it('reads the floor from the digits before the last two', () => {
    expect(floorOfRoomNumber('512')).toBe(5);
    expect(floorOfRoomNumber('1203')).toBe(12);
    expect(floorOfRoomNumber(' 101 ')).toBe(1);
  });

  it('reads a basement number as a negative level', () => {
    expect(floorOfRoomNumber('B103')).toBe(-1);
    expect(floorOfRoomNumber('b215')).toBe(-2);
  });

  it('is not fooled by text that is no door number', () => {
    expect(floorOfRoomNumber('12')).toBeNull();
    expect(floorOfRoomNumber('A区1号楼')).toBeNull();
    expect(floorOfRoomNumber('京A12345')).toBeNull();
    expect(floorOfRoomNumber('012')).toBeNull();
  });
});
