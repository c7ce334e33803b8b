import { describe, expect, it } from '@jest/globals';
import { parentsFirst } from './registry-order.js';
import { parseRegistry } from './registry.validator.js';

describe('parentsFirst', () => {
  it('puts every parent before its children even when the file lists a child first', () => {
    const registry = parseRegistry({
      jurisdiction: 'demo',
      departments: [
        { code: 'demo.county.a.edu', name: '甲县教育局', kind: 'county_bureau', parentCode: 'demo.county.a', aliases: [] },
        { code: 'demo.edu', name: '示例市教育局', kind: 'bureau', parentCode: 'demo', aliases: [] },
        { code: 'demo.county.a', name: '甲县人民政府', kind: 'county', parentCode: 'demo', aliases: [] },
        { code: 'demo', name: '示例市人民政府', kind: 'government', parentCode: null, aliases: [] },
      ],
    });
    const order = parentsFirst(registry).map((d) => d.code);
    expect(order).toEqual(['demo', 'demo.edu', 'demo.county.a', 'demo.county.a.edu']);
  });
});
