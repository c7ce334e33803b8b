import { describe, expect, it } from '@jest/globals';
import { DEPARTMENT_KINDS as ENTITY_KINDS } from '@duban/persistence';
import { DEPARTMENT_KINDS } from '@duban/registry';

describe('department kinds', () => {
  // The pure lib keeps its own copy (it must not import TypeORM); the seeding stores kinds verbatim.
  it('match the departments entity', () => {
    expect([...DEPARTMENT_KINDS]).toEqual([...ENTITY_KINDS]);
  });
});
