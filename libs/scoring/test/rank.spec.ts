import { describe, expect, it } from '@jest/globals';
import { rank, scoreYear, weekdayCounter, type RankedDepartment, type TaskFact, type YearRanking } from '@duban/scoring';
import { completedFact, fact } from './fact.factory.js';
import { expectExplained } from './helpers.js';
import { testScheme } from './scheme.fixture.js';

const scheme = testScheme();

/** `onTime` lead tasks done on the deadline, `early` of them done ten working days ahead, `missed` lead tasks open. */
function unit(departmentId: string, counts: { onTime?: number; early?: number; missed?: number }): TaskFact[] {
  const facts: TaskFact[] = [];
  for (let i = 0; i < (counts.onTime ?? 0); i += 1) facts.push(completedFact('2024-06-14', { departmentId, taskId: `${departmentId}-ok${i}`, title: 'x' }));
  for (let i = 0; i < (counts.early ?? 0); i += 1) facts.push(completedFact('2024-05-31', { departmentId, taskId: `${departmentId}-early${i}`, title: 'x' }));
  for (let i = 0; i < (counts.missed ?? 0); i += 1) facts.push(fact({ departmentId, taskId: `${departmentId}-miss${i}`, title: 'x' }));
  return facts;
}

function ranked(facts: TaskFact[], kinds: Record<string, string> = {}, s = scheme): YearRanking {
  return rank(scoreYear({ scheme: s, year: 2024, facts, workingDays: weekdayCounter }), s, { departmentKinds: kinds });
}

const byId = (ranking: YearRanking, id: string): RankedDepartment =>
  ranking.groups.flatMap((group) => group.departments).find((entry) => entry.departmentId === id)!;

const pad = (n: number) => `d${String(n).padStart(2, '0')}`;

describe('rank', () => {
  it('lets at most 10% of a peer group keep 加分 and voids the rest with a line saying why', () => {
    // 20 units → 2 may keep 加分. d01..d04 claim bonuses of 4, 3, 2, 1 early tasks.
    const facts = Array.from({ length: 20 }, (_, i) => unit(pad(i + 1), { early: Math.max(0, 4 - i), onTime: 1 })).flat();
    const ranking = ranked(facts);
    expect(ranking.groups[0].bonusQuota).toBe(2);
    const kept = ['d01', 'd02'].map((id) => byId(ranking, id));
    const denied = ['d03', 'd04'].map((id) => byId(ranking, id));
    for (const entry of kept) {
      expect(entry.result.bonusDenied).toBe(false);
      expect(entry.result.lines.some((line) => line.rule.startsWith('quota:'))).toBe(false);
    }
    for (const entry of denied) {
      expect(entry.result.bonusDenied).toBe(true);
      const voids = entry.result.lines.filter((line) => line.rule === 'quota:completedEarly');
      expect(voids.length).toBe(entry.result.counts.completedEarly.lead);
      expect(voids[0].reason).toContain('获加分单位不超过10%（2个）');
      expect(entry.notes.join()).toContain('超出名额');
      expectExplained(entry.result);
    }
    // Without its bonus d03 has exactly the completion points, no more.
    const d03 = byId(ranking, 'd03');
    expect(d03.score).toBe(scheme.baseScore + 3 * scheme.rules.completedOnTime.lead);
  });

  it('hands out grade bands within their quotas, best first', () => {
    // 20 units all scoring ≥ 105: 优秀 ≤ 15% (3), 良好 ≤ 20% (4), the rest fall to 合格.
    const facts = Array.from({ length: 20 }, (_, i) => unit(pad(i + 1), { onTime: 30 - i })).flat();
    const [group] = ranked(facts).groups;
    expect(group.gradeQuotas).toEqual({ 优秀: 3, 良好: 4, 合格: null, 较差: null, 差: null });
    expect(group.distribution).toEqual({ 优秀: 3, 良好: 4, 合格: 13, 较差: 0, 差: 0 });
    expect(group.departments.slice(0, 3).map((entry) => entry.departmentId)).toEqual(['d01', 'd02', 'd03']);
    expect(group.departments.map((entry) => entry.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(group.departments[3].notes.join()).toContain('“优秀”名额（20个单位的15%，即3个）已满');
  });

  it('grades by score thresholds when quotas do not bind', () => {
    const facts = [...unit('a', { onTime: 6 }), ...unit('b', { onTime: 1 }), ...unit('c', { missed: 2 }), ...unit('d', { missed: 3 }), ...unit('e', { missed: 5 })];
    const ranking = ranked(facts, {}, testScheme({ grades: [{ name: '优秀', minScore: 105 }, { name: '良好', minScore: 100 }, { name: '合格', minScore: 90 }, { name: '较差', minScore: 80 }, { name: '差' }] }));
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => byId(ranking, id).grade)).toEqual(['优秀', '良好', '合格', '较差', '差']);
  });

  it('bars a department with two missed lead tasks from 优秀 (一票否决)', () => {
    const facts = [...unit('veto', { onTime: 30, missed: 2 }), ...unit('one', { onTime: 20, missed: 1 }), ...Array.from({ length: 18 }, (_, i) => unit(pad(i), { onTime: 1 })).flat()];
    const ranking = ranked(facts);
    const veto = byId(ranking, 'veto');
    expect(veto.rank).toBe(1);
    expect(veto.score).toBeGreaterThanOrEqual(105);
    expect(veto.grade).toBe('良好');
    expect(veto.notes.join()).toContain('一票否决：牵头任务“逾期未完成”2项（达到2项），不得评为优秀');
    expect(byId(ranking, 'one').grade).toBe('优秀');
  });

  it('lifts the veto when an appeal voids one of the missed lead tasks', () => {
    const facts = [...unit('veto', { onTime: 30, missed: 2 }), ...Array.from({ length: 19 }, (_, i) => unit(pad(i), { onTime: 1 })).flat()];
    const scores = scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter });
    const missedLine = scores.departments.find((entry) => entry.departmentId === 'veto')!.lines.find((line) => line.rule === 'missed')!;
    const appealed = scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter, voidedLineKeys: [missedLine.key] });
    const veto = byId(rank(appealed, scheme, { departmentKinds: {} }), 'veto');
    expect(veto.grade).toBe('优秀');
    expect(veto.notes).toEqual([]);
  });

  it('breaks ties deterministically: fewer deductions first, then department id', () => {
    // Both at 101: 'p' by +6 −5, 'q' by +1; 'r' and 's' identical at 101.
    const facts = [...unit('p', { onTime: 6, missed: 1 }), ...unit('s', { onTime: 1 }), ...unit('r', { onTime: 1 })];
    const [group] = ranked(facts).groups;
    expect(group.departments.map((entry) => [entry.departmentId, entry.score])).toEqual([
      ['r', 101],
      ['s', 101],
      ['p', 101],
    ]);
  });

  it('ranks each peer group on its own and names a department no group takes', () => {
    const grouped = testScheme({
      peerGroups: [
        { id: 'counties', name: '县区', departmentKinds: ['county'] },
        { id: 'bureaus', name: '市直部门', departmentKinds: ['bureau'] },
      ],
    });
    const facts = [...unit('c1', { onTime: 2 }), ...unit('c2', { onTime: 1 }), ...unit('b1', { missed: 1 })];
    const ranking = ranked(facts, { c1: 'county', c2: 'county', b1: 'bureau' }, grouped);
    expect(ranking.groups.map((group) => [group.peerGroupId, group.departments.map((entry) => entry.departmentId)])).toEqual([
      ['counties', ['c1', 'c2']],
      ['bureaus', ['b1']],
    ]);
    expect(byId(ranking, 'b1').rank).toBe(1);
    expect(() => ranked(facts, { c1: 'county', c2: 'county', b1: 'school' }, grouped)).toThrow(/单位 b1 的类型“school”不属于方案 test 的任何考核组/);
  });

  it('gives the same ranking when its own output is ranked again', () => {
    const facts = Array.from({ length: 12 }, (_, i) => unit(pad(i), { early: i % 3, onTime: i })).flat();
    const first = ranked(facts);
    const again = rank(first.groups.flatMap((group) => group.departments.map((entry) => entry.result)), scheme, { departmentKinds: {} });
    expect(again).toEqual(first);
  });

  it('refuses to rank scores computed under another scheme version', () => {
    const scores = scoreYear({ scheme, year: 2024, facts: unit('a', { onTime: 1 }), workingDays: weekdayCounter });
    const other = testScheme({ version: 2 });
    expect(() => rank(scores, other, { departmentKinds: {} })).toThrow(/不能按 test v2 排名/);
  });
});
