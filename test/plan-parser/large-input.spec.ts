import { describe, it, expect } from '@jest/globals';
import { parsePlanText } from '@duban/plan-parser';

/** Inputs up to the 10 MB limit must parse in linear time: one huge paragraph is the worst case. */
function repeat(head: string, unit: string, length: number): string {
  return head + unit.repeat(Math.ceil(length / unit.length));
}

describe('large inputs', () => {
  it.each([
    ['quantities', '新增学位10个,'],
    ['dates', '2025年底前完成,'],
    ['attributions', '建设学校(市教育局负责),'],
  ])('one 1 MB paragraph full of %s parses quickly', (_name, unit) => {
    const started = Date.now();
    const plan = parsePlanText(repeat('一、重点任务\n1.', unit, 1_000_000));
    expect(plan.items.map((i) => i.path)).toEqual(['一', '一.1']);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
