import { describe, expect, it } from '@jest/globals';
import { displayWidth, renderTable, truncate } from '../../apps/cli/src/commands/text-table.js';

describe('text table', () => {
  it('counts Chinese characters as two columns and ASCII as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('州教体局')).toBe(8);
    expect(displayWidth('2024-06-30（原2023-12-31）')).toBe(10 + 3 * 2 + 10);
  });

  it('truncates to a column budget with an ellipsis, never splitting a wide character', () => {
    const cut = truncate('增强学校基层党组织政治功能和组织功能', 11);
    expect(cut).toBe('增强学校基…');
    expect(displayWidth(cut)).toBeLessThanOrEqual(11);
    expect(truncate('短', 11)).toBe('短');
  });

  it('lines columns up when cells mix Chinese and ASCII', () => {
    const out = renderTable(
      [
        { header: '单位', cell: (r: { d: string; s: string }) => r.d },
        { header: 'status', cell: (r) => r.s },
      ],
      [{ d: '州教体局', s: 'ok' }, null, { d: 'abc', s: '已办结' }],
    );
    const lines = out.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('');
    // The second column starts at the same terminal column on every row.
    const start = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell)));
    expect(start(lines[0], 'status')).toBe(start(lines[2], 'ok'));
    expect(start(lines[2], 'ok')).toBe(start(lines[4], '已办结'));
  });
});
