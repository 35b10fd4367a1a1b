import { getNullableType, isInterfaceType, isListType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { getSchema } from './index.ts';
import { declaredListSize } from './list-size.ts';

describe('plain list sizes', () => {
  it('are declared by every list field outside a connection, so the gateway costs none by a guess', () => {
    const undeclared: string[] = [];
    let lists = 0;
    for (const type of Object.values(getSchema().getTypeMap())) {
      if (type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        lists += 1;
        if (declaredListSize(field) === undefined) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(lists).toBeGreaterThan(0);
    expect(undeclared).toEqual([]);
  });
});
