import { describe, expect, it } from '@jest/globals';
import { compareRankings, computeYear, SchemeRegistry, SchemeRegistryError, weekdayCounter } from '@duban/scoring';
import { completedFact, event, fact } from './fact.factory.js';
import { schemeInput } from './scheme.fixture.js';

describe('scheme registry', () => {
  it('revises into a new version and leaves the original untouched', () => {
    const registry = new SchemeRegistry();
    const v1 = registry.register(schemeInput());
    const v2 = registry.revise(v1, { rules: { missed: { lead: -8 } }, yearCaps: { maxDeducted: 30 } });
    expect(v2.version).toBe(2);
    expect(v2.rules.missed.lead).toBe(-8);
    expect(v2.rules.missed.support).toBe(v1.rules.missed.support);
    expect(v1.rules.missed.lead).toBe(-5);
    expect(registry.versions('test')).toEqual([1, 2]);
    expect(registry.latest('test')).toBe(v2);
  });

  it('refuses to amend a version used by a finalized year, but still revises it', () => {
    const registry = new SchemeRegistry();
    const v1 = registry.register(schemeInput());
    expect(registry.amend(v1, { name: '草稿改名' }).name).toBe('草稿改名');
    registry.markUsedByFinalizedYear('test', 1);
    const frozen = registry.get('test', 1);
    expect(() => registry.amend(frozen, { baseScore: 90 })).toThrow(SchemeRegistryError);
    expect(() => registry.amend(frozen, { baseScore: 90 })).toThrow(/已用于定稿年度，不能修改/);
    expect(registry.get('test', 1).baseScore).toBe(100);
    expect(() => {
      (frozen as { baseScore: number }).baseScore = 90;
    }).toThrow(TypeError);
    expect(registry.revise(frozen, { baseScore: 90 }).version).toBe(2);
  });

  it('refuses different content under an existing version and validates revisions', () => {
    const registry = new SchemeRegistry();
    const v1 = registry.register(schemeInput());
    expect(registry.register(schemeInput())).toBe(v1);
    expect(() => registry.register(schemeInput({ baseScore: 90 }))).toThrow(/第1版已存在且内容不同/);
    expect(() => registry.revise(v1, { rules: { talk: { lead: 3 } } })).toThrow(/rules\.talk\.lead/);
    expect(registry.versions('test')).toEqual([1]);
    expect(() => registry.get('test', 7)).toThrow(/找不到考核方案 test 第7版/);
  });

  it('evaluates another version over the same facts without touching the published one (what-if)', () => {
    const registry = new SchemeRegistry();
    const published = registry.register(schemeInput());
    const draft = registry.revise(published, { rules: { missed: { lead: -10 }, talk: { lead: -1, support: -1 } } });
    const facts = [
      completedFact('2024-06-14', { departmentId: 'a' }),
      fact({ departmentId: 'b', events: [event('talk', '2024-04-01')] }),
    ];
    const common = { year: 2024, facts, workingDays: weekdayCounter, departmentKinds: {}, departmentCodes: {} };
    const current = computeYear({ ...common, scheme: published });
    const alternative = computeYear({ ...common, scheme: draft });
    const rows = compareRankings(current.ranking, alternative.ranking);
    expect(rows.map((row) => [row.departmentId, row.delta])).toEqual([
      ['a', 0],
      ['b', -5 + 2],
    ]);
    expect(rows[1].alternative?.score).toBe(100 - 10 - 1);
    expect(alternative.scores.schemeVersion).toBe(2);
    // The published result is recomputed unchanged after the what-if.
    expect(computeYear({ ...common, scheme: registry.get('test', 1) })).toEqual(current);
  });
});
