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

function ranked(facts: TaskFact[], kinds: Record<string, string> = {}, s = scheme, codes: Record<string, string> = {}): YearRanking {
  return rank(scoreYear({ scheme: s, year: 2024, facts, workingDays: weekdayCounter }), s, { departmentKinds: kinds, departmentCodes: codes });
}

const byId = (ranking: YearRanking, id: string): RankedDepartment =>
  ranking.groups.flatMap((group) => group.departments).find((entry) => entry.departmentId === id)!;

/** Grade bands without quotas, so the only notes are about ties. */
const unlimitedGrades = testScheme({ grades: [{ name: '优秀', minScore: 105 }, { name: '良好', minScore: 100 }, { name: '合格', minScore: 90 }, { name: '较差', minScore: 80 }, { name: '差' }] });

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
    const ranking = ranked(facts, {}, unlimitedGrades);
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
    const veto = byId(rank(appealed, scheme, { departmentKinds: {}, departmentCodes: {} }), 'veto');
    expect(veto.grade).toBe('优秀');
    expect(veto.notes).toEqual([]);
  });

  it('breaks ties deterministically: fewer deductions first, then the unit code', () => {
    // All at 101: 'p' by +6 −5, 'r' and 's' by +1 each, identical but for their codes.
    const facts = [...unit('p', { onTime: 6, missed: 1 }), ...unit('s', { onTime: 1 }), ...unit('r', { onTime: 1 })];
    const [group] = ranked(facts, {}, scheme, { p: 'unit.01', r: 'unit.03', s: 'unit.02' }).groups;
    expect(group.departments.map((entry) => [entry.departmentId, entry.score])).toEqual([
      ['s', 101],
      ['r', 101],
      ['p', 101],
    ]);
  });

  it('orders equal units by their code, whatever their ids', () => {
    // The same three units as two databases would hold them: codes fixed, ids generated.
    const codes = ['county.a', 'county.b', 'county.c'];
    const orderIn = (ids: string[]) => {
      const facts = ids.flatMap((id) => unit(id, { onTime: 1 }));
      const [group] = ranked(facts, {}, scheme, Object.fromEntries(ids.map((id, i) => [id, codes[i]]))).groups;
      return group.departments.map((entry) => codes[ids.indexOf(entry.departmentId)]);
    };
    expect(orderIn(['id-9', 'id-5', 'id-1'])).toEqual(codes);
    expect(orderIn(['id-1', 'id-5', 'id-9'])).toEqual(codes);
    expect(orderIn(['id-5', 'id-9', 'id-1'])).toEqual(codes);
  });

  it('puts a unit without a code after the coded ones, ordered by id', () => {
    const facts = ['a', 'b', 'c', 'd'].flatMap((id) => unit(id, { onTime: 1 }));
    const [group] = ranked(facts, {}, scheme, { d: 'x.1', c: 'x.2' }).groups;
    expect(group.departments.map((entry) => entry.departmentId)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('gives the grade quota among tied units by code, so another database grades them alike', () => {
    // 20 units all at 101 (≥ 100): 良好 ≤ 20% (4). Which four get it is decided by 单位编号顺序 alone.
    const codes = Array.from({ length: 20 }, (_, i) => `unit.${String(i + 1).padStart(2, '0')}`);
    const gradesIn = (idOf: (i: number) => string) => {
      const ids = codes.map((_, i) => idOf(i));
      const facts = ids.flatMap((id) => unit(id, { onTime: 1 }));
      const ranking = ranked(facts, {}, scheme, Object.fromEntries(ids.map((id, i) => [id, codes[i]])));
      return Object.fromEntries(codes.map((code, i) => [code, byId(ranking, ids[i]).grade]));
    };
    const first = gradesIn((i) => `db1-${String(i).padStart(2, '0')}`);
    const second = gradesIn((i) => `db2-${String(19 - i).padStart(2, '0')}`);
    expect(second).toEqual(first);
    expect(Object.entries(first).filter(([, grade]) => grade === '良好').map(([code]) => code)).toEqual(['unit.01', 'unit.02', 'unit.03', 'unit.04']);
  });

  it('notes which tie-breaker placed a unit among equal scores, and adds nothing where scores differ', () => {
    const facts = [...unit('p', { onTime: 6, missed: 1 }), ...unit('s', { onTime: 1 }), ...unit('r', { onTime: 1 }), ...unit('top', { onTime: 3 })];
    const ranking = ranked(facts, {}, unlimitedGrades, { p: 'unit.01', r: 'unit.03', s: 'unit.02', top: 'unit.04' });
    expect(byId(ranking, 'top').notes).toEqual([]);
    expect(byId(ranking, 's').notes).toEqual(['与第3名同为101分，按“单位编号顺序”排在其前']);
    expect(byId(ranking, 'r').notes).toEqual(['与第2名同为101分，按“单位编号顺序”排在其后', '与第4名同为101分，按“扣分少者在前”排在其前']);
    expect(byId(ranking, 'p').notes).toEqual(['与第3名同为101分，按“扣分少者在前”排在其后']);
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
    const again = rank(first.groups.flatMap((group) => group.departments.map((entry) => entry.result)), scheme, { departmentKinds: {}, departmentCodes: {} });
    expect(again).toEqual(first);
  });

  it('refuses to rank scores computed under another scheme version', () => {
    const scores = scoreYear({ scheme, year: 2024, facts: unit('a', { onTime: 1 }), workingDays: weekdayCounter });
    const other = testScheme({ version: 2 });
    expect(() => rank(scores, other, { departmentKinds: {}, departmentCodes: {} })).toThrow(/不能按 test v2 排名/);
  });
});
