import { describe, it, expect } from '@jest/globals';
import { findInlineRun, parseChineseNumber, readMarker } from '@duban/plan-parser';

describe('parseChineseNumber', () => {
  it.each([
    ['十', 10],
    ['十四', 14],
    ['二〇二五', 2025],
    ['一百五十', 150],
    ['两', 2],
    ['一半', 0.5],
    ['65', 65],
    ['6.5', 6.5],
  ])('%s → %d', (input, expected) => {
    expect(parseChineseNumber(input)).toBe(expected);
  });

  it('returns null for words that are not numbers', () => {
    expect(parseChineseNumber('县城')).toBeNull();
    expect(parseChineseNumber('')).toBeNull();
  });
});

describe('readMarker', () => {
  it.each([
    ['一、指导思想', 'cn-dun', '一', 1],
    ['(三)强化考核监督', 'cn-paren', '(三)', 3],
    ['12.实施办学条件达标工程', 'ar-dot', '12', 12],
    ['3、推进集团化办学', 'ar-dun', '3', 3],
    ['(2)问题导向深挖病根', 'ar-paren', '(2)', 2],
    ['②完善机制', 'circled', '②', 2],
    ['第二章 主要任务', 'chapter', '第二章', 2],
  ])('%s', (line, style, token, value) => {
    expect(readMarker(line)).toMatchObject({ style, token, value });
  });

  it('does not read numbers, years or bare markers as numbering', () => {
    expect(readMarker('1.5亿元用于改善办学条件')).toBeNull();
    expect(readMarker('2023年重点建机制')).toBeNull();
    expect(readMarker('(2023—2025年)')).toBeNull();
    expect(readMarker('一是观念短板')).toBeNull();
    expect(readMarker('1.')).toBeNull();
    expect(readMarker('1.2024年底前完成')).toMatchObject({ token: '1', length: 2 });
  });
});

describe('findInlineRun', () => {
  it('finds a 1..n run after sentence boundaries', () => {
    const line = '我市坚持三个导向。(1)责任导向整体推进。(2)问题导向深挖病根。(3)结果导向见实见效。';
    expect(findInlineRun(line, 1).map((m) => m.token)).toEqual(['(1)', '(2)', '(3)']);
  });

  it('splits an inline list of Chinese-numbered things', () => {
    const line = '一、设立专项资金;二、签订合作协议;三、开展贯通培养。';
    expect(findInlineRun(line).map((m) => m.token)).toEqual(['一', '二', '三']);
  });

  it('ignores a single marker or markers in the middle of a clause', () => {
    expect(findInlineRun('按照(1)号文件执行,并参照(2)号文件')).toEqual([]);
    expect(findInlineRun('完成任务。(1)只有一项')).toEqual([]);
  });
});
