import { describe, expect, it } from 'vitest';
import { roomNumberQuery } from './room-number.ts';

describe('search text as a door number', () => {
  it('takes a door number or its beginning, trimmed', () => {
    expect(roomNumberQuery('512')).toBe('512');
    expect(roomNumberQuery(' 1203 ')).toBe('1203');
    expect(roomNumberQuery('51')).toBe('51');
  });

  it('takes a basement number in either case', () => {
    expect(roomNumberQuery('B103')).toBe('B103');
    expect(roomNumberQuery('b21')).toBe('B21');
  });

  it('leaves building names, plates and single digits to the in-memory search', () => {
    expect(roomNumberQuery('5')).toBeNull();
    expect(roomNumberQuery('A区1号楼')).toBeNull();
    expect(roomNumberQuery('京A12345')).toBeNull();
    expect(roomNumberQuery('FZX-01')).toBeNull();
  });
});
