import { describe, expect, it } from '@jest/globals';
import { bigramDice, containment, editSimilarity, nameSimilarity } from './similarity.js';

describe('name similarity', () => {
  it('bigram Dice counts shared character pairs', () => {
    // 教育 育体 体育 育局 vs 教育 育局: 2 shared of 4 + 2 bigrams.
    expect(bigramDice('教育体育局', '教育局')).toBeCloseTo((2 * 2) / 6, 5);
    expect(bigramDice('财政局', '民政局')).toBeCloseTo(0.5, 5);
    expect(bigramDice('财', '财')).toBe(1);
    expect(bigramDice('财', '民')).toBe(0);
  });

  it('edit similarity tolerates one wrong character', () => {
    expect(editSimilarity('教育休育局', '教育体育局')).toBeCloseTo(0.8, 5);
    expect(editSimilarity('禄丰县教育局', '禄丰市教育局')).toBeCloseTo(5 / 6, 5);
    expect(editSimilarity('', '教育局')).toBe(0);
  });

  it('containment rewards a short form written inside a long one, never a single character', () => {
    expect(containment('财政', '财政局')).toBeCloseTo(0.6 + 0.4 * (2 / 3), 5);
    expect(containment('江门教育局', '教育局')).toBeCloseTo(0.6 + 0.4 * (3 / 5), 5);
    expect(containment('局', '财政局')).toBe(0);
    expect(containment('财政局', '民政局')).toBe(0);
  });

  it('takes the best of the three and keeps different bureaus apart', () => {
    expect(nameSimilarity('教育局', '教育局')).toBe(1);
    expect(nameSimilarity('教育休育局', '教育体育局')).toBeCloseTo(0.8, 5);
    expect(nameSimilarity('财政局', '民政局')).toBeLessThan(0.7);
    expect(nameSimilarity('商务局', '税务局')).toBeLessThan(0.7);
  });
});
