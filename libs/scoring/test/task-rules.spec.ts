import { describe, expect, it } from '@jest/globals';
import { scoreYear, weekdayCounter } from '@duban/scoring';
import { completed, completedFact, event, fact } from './fact.factory.js';
import { linesOf, scoreOf } from './helpers.js';
import { testScheme } from './scheme.fixture.js';

const scheme = testScheme();
const rules = scheme.rules;

describe('task rules', () => {
  it('gives the base score to a department without tasks', () => {
    const result = scoreYear({ scheme, year: 2024, facts: [], workingDays: weekdayCounter, departmentIds: ['d9'] });
    expect(result.departments[0].score).toBe(scheme.baseScore);
    expect(result.departments[0].lines.map((line) => line.rule)).toEqual(['base']);
  });

  it('rewards on-time completion: lead and support values from the scheme', () => {
    const lead = scoreOf([completedFact('2024-06-14')], scheme);
    const support = scoreOf([completedFact('2024-06-13', { role: 'support' })], scheme);
    expect(lead.score).toBe(scheme.baseScore + rules.completedOnTime.lead);
    expect(support.score).toBe(scheme.baseScore + rules.completedOnTime.support);
    const [line] = linesOf(lead, 'completedOnTime');
    expect(line.eventId).toBe('done-2024-06-14');
    expect(line.reason).toContain('按期完成（截止2024-06-14，2024-06-14办结）');
    expect(line.reason).toContain('牵头单位加1分');
  });

  it('multiplies completion points by the coordinator quality rating', () => {
    for (const rating of ['优', '良', '中', '差'] as const) {
      const unit = scoreOf([completedFact('2024-06-14', {}, rating)], scheme);
      expect(linesOf(unit, 'completedOnTime')[0].points).toBeCloseTo(rules.completedOnTime.lead * scheme.quality[rating], 10);
    }
    const excellent = linesOf(scoreOf([completedFact('2024-06-14', {}, '优')], scheme), 'completedOnTime')[0];
    expect(excellent.reason).toContain('质量评价“优”，系数1.2');
  });

  it('adds the early bonus only from the configured number of working days before the deadline', () => {
    // 2024-06-07 is 5 working days before Friday 2024-06-14; 2024-06-10 only 4.
    const early = scoreOf([completedFact('2024-06-07')], scheme);
    const notEarly = scoreOf([completedFact('2024-06-10')], scheme);
    expect(linesOf(early, 'completedEarly').map((line) => line.points)).toEqual([rules.completedEarly.lead]);
    expect(linesOf(early, 'completedEarly')[0].reason).toContain('提前5个工作日完成');
    expect(linesOf(notEarly, 'completedEarly')).toEqual([]);
  });

  it('deducts per working day late, not per calendar day, and gives no completion points', () => {
    // Due Friday 06-14, done Tuesday 06-18: Mon + Tue = 2 working days late.
    const unit = scoreOf([completedFact('2024-06-18')], scheme);
    const [late] = linesOf(unit, 'completedLate');
    expect(late.points).toBeCloseTo(2 * rules.completedLate.lead, 10);
    expect(late.reason).toContain('逾期2个工作日完成');
    expect(linesOf(unit, 'completedOnTime')).toEqual([]);
    // Done on Saturday after a Friday deadline: no working day lost, counts as on time.
    const weekend = scoreOf([completedFact('2024-06-15')], scheme);
    expect(linesOf(weekend, 'completedLate')).toEqual([]);
    expect(linesOf(weekend, 'completedOnTime')).toHaveLength(1);
  });

  it('deducts a missed task by role, with the deadline in the reason', () => {
    const lead = scoreOf([fact({ dueDate: '2024-11-03', title: '建设智慧食堂' })], scheme);
    const support = scoreOf([fact({ role: 'support' })], scheme);
    const [line] = linesOf(lead, 'missed');
    expect(line.points).toBe(rules.missed.lead);
    expect(line.eventId).toBe('overdue:2024-11-03');
    expect(line.reason).toMatch(/^任务“建设智慧食堂”逾期未完成（截止2024-11-03，截至2024-12-31未办结），牵头单位扣5分$/);
    expect(support.score).toBe(scheme.baseScore + rules.missed.support);
  });

  it('treats a completion after the year end as missed for that year', () => {
    const unit = scoreOf([completedFact('2025-01-06', { dueDate: '2024-12-20' })], scheme);
    expect(linesOf(unit, 'missed')).toHaveLength(1);
    expect(linesOf(unit, 'completedLate')).toEqual([]);
  });

  it('deducts each return for rework, escalation and 约谈 once per event', () => {
    const unit = scoreOf(
      [
        completedFact('2024-06-12', {
          title: '开展专项整治',
          events: [
            event('returned', '2024-05-10', 'r1'),
            event('returned', '2024-05-20', 'r2'),
            event('escalated_yellow', '2024-05-21'),
            event('escalated_red', '2024-05-22'),
            event('talk', '2024-05-23'),
            event('reminded', '2024-05-24'),
            completed('2024-06-12'),
          ],
        }),
      ],
      scheme,
    );
    expect(linesOf(unit, 'returned').map((line) => line.points)).toEqual([rules.returned.lead, rules.returned.lead]);
    expect(linesOf(unit, 'returned')[0].reason).toBe('任务“开展专项整治”于2024-05-10被退回重办，扣2分');
    expect(linesOf(unit, 'talk')[0].reason).toBe('任务“开展专项整治”于2024-05-23被约谈，扣3分');
    expect(linesOf(unit, 'escalatedYellow').map((line) => line.points)).toEqual([rules.escalatedYellow.lead]);
    expect(linesOf(unit, 'escalatedRed').map((line) => line.points)).toEqual([rules.escalatedRed.lead]);
    expect(linesOf(unit, 'talk').map((line) => line.points)).toEqual([rules.talk.lead]);
    const expected = scheme.baseScore + rules.completedOnTime.lead + 2 * rules.returned.lead + rules.escalatedYellow.lead + rules.escalatedRed.lead + rules.talk.lead;
    expect(unit.score).toBeCloseTo(expected, 10);
  });

  it('applies category weights relative to an even split', () => {
    const weighted = testScheme({
      categories: [
        { id: 'quality', name: '教育教学管理及质量评价', weight: 0.45 },
        { id: 'party', name: '党的建设', weight: 0.15 },
        { id: 'health', name: '心理健康教育', weight: 0.1 },
        { id: 'teachers', name: '教师队伍建设', weight: 0.15 },
        { id: 'safety', name: '安全稳定', weight: 0.15 },
      ],
    });
    const heavy = scoreOf([completedFact('2024-06-14', { category: 'quality' })], weighted);
    const light = scoreOf([fact({ category: 'health' })], weighted);
    const [line] = linesOf(heavy, 'completedOnTime');
    expect(line.points).toBeCloseTo(rules.completedOnTime.lead * 0.45 * 5, 10);
    expect(line.reason).toContain('类别“教育教学管理及质量评价”权重45%，系数2.25');
    expect(linesOf(light, 'missed')[0].points).toBeCloseTo(rules.missed.lead * 0.1 * 5, 10);
    // Unweighted rules ignore the category.
    const returned = scoreOf([fact({ category: 'quality', status: 'in_progress', dueDate: '2024-12-31', events: [event('returned', '2024-05-10')] })], weighted, {
      asOf: '2024-06-30',
    });
    expect(linesOf(returned, 'returned')[0].points).toBe(rules.returned.lead);
  });

  it('warns about a category the scheme does not know and weighs it 1', () => {
    const weighted = testScheme({ categories: [{ id: 'quality', name: '质量', weight: 1 }] });
    const result = scoreYear({ scheme: weighted, year: 2024, facts: [completedFact('2024-06-14', { category: 'nope' })], workingDays: weekdayCounter });
    expect(result.departments[0].score).toBe(weighted.baseScore + rules.completedOnTime.lead);
    expect(result.warnings.join()).toContain('“nope”');
  });

  it('ignores cancelled tasks, tasks due in other years and events after asOf', () => {
    const unit = scoreOf(
      [
        fact({ status: 'cancelled', events: [event('talk', '2024-03-01')] }),
        fact({ dueDate: '2025-03-01', events: [event('talk', '2024-03-01')] }),
        fact({ dueDate: '2024-12-31', events: [event('talk', '2024-08-01')] }),
      ],
      scheme,
      { asOf: '2024-06-30' },
    );
    expect(unit.lines.map((line) => line.rule)).toEqual(['base']);
  });

  it('reads instants in Asia/Shanghai, not in the machine time zone', () => {
    // 2024-06-16T17:00Z is still Sunday in UTC but already Monday 06-17 01:00 in Shanghai: one working day late.
    const late = scoreOf([fact({ status: 'completed', events: [completed('2024-06-16T17:00:00Z')] })], scheme);
    expect(linesOf(late, 'completedLate')[0].date).toBe('2024-06-17');
    expect(linesOf(late, 'completedLate')[0].points).toBe(rules.completedLate.lead);
  });

  it('rejects a fact with a bad date, naming the task and the field', () => {
    expect(() => scoreOf([fact({ taskId: 'x1', dueDate: '2024-02-30' })], scheme)).toThrow(/任务 x1，字段 dueDate/);
    expect(() => scoreOf([fact({ taskId: 'x2', events: [event('talk', '2024-03-01T10:00:00')] })], scheme)).toThrow(/任务 x2，字段 events\[0\]\.at/);
  });

  it('rounds every line to hundredths and keeps the score the exact sum', () => {
    const thirds = testScheme({ categories: [{ id: 'a', name: '甲', weight: 0.333 }, { id: 'b', name: '乙', weight: 0.667 }] });
    const facts = Array.from({ length: 7 }, (_, i) => completedFact('2024-06-14', { role: 'support', category: i % 2 ? 'a' : 'b' }, '中'));
    const unit = scoreOf(facts, thirds);
    for (const line of unit.lines) expect(Math.round(line.points * 100) / 100).toBe(line.points);
    // 0.5 × 0.8 (中) × 0.333 × 2 = 0.2664 → 0.27
    expect(linesOf(unit, 'completedOnTime').filter((line) => line.points === 0.27)).toHaveLength(3);
  });
});

describe('effective due date', () => {
  // The deadline engine moves a deadline on a weekend or holiday to the next working day.
  const rollToMonday = (date: string) => (date === '2024-06-15' || date === '2024-06-16' ? '2024-06-17' : date);

  it('counts a task due on a Saturday and completed the following Monday as on time when the deadline rolls', () => {
    const saturday = { dueDate: '2024-06-15' };
    const rolled = scoreOf([completedFact('2024-06-17', saturday)], scheme, { effectiveDueDate: rollToMonday });
    expect(linesOf(rolled, 'completedLate')).toEqual([]);
    expect(linesOf(rolled, 'completedOnTime')[0].reason).toContain('截止2024-06-15，顺延至2024-06-17，2024-06-17办结');
    // Without rolling (the stored deadline counts) Monday is one working day late.
    const stored = scoreOf([completedFact('2024-06-17', saturday)], scheme);
    expect(linesOf(stored, 'completedLate')[0].reason).toContain('逾期1个工作日完成');
  });

  it('counts missed and early from the rolled deadline', () => {
    const open = fact({ dueDate: '2024-06-15' });
    expect(linesOf(scoreOf([open], scheme, { asOf: '2024-06-16', effectiveDueDate: rollToMonday }), 'missed')).toEqual([]);
    expect(linesOf(scoreOf([open], scheme, { asOf: '2024-06-17', effectiveDueDate: rollToMonday }), 'missed')[0].eventId).toBe('overdue:2024-06-15');
    // Done Monday 06-10: 4 working days before Friday 06-14, but 5 before the rolled Monday 06-17.
    const early = scoreOf([completedFact('2024-06-10', { dueDate: '2024-06-15' })], scheme, { effectiveDueDate: rollToMonday });
    expect(linesOf(early, 'completedEarly')[0].reason).toContain('提前5个工作日完成');
  });
});

describe('fact consistency', () => {
  it('refuses a completed task that has neither a completion date nor a completion event', () => {
    expect(() => scoreOf([fact({ taskId: 'z1', status: 'completed' })], testScheme())).toThrow(/任务 z1，字段 completedAt/);
  });

  it('falls back to completedAt when the completion event is not part of the fact', () => {
    const unit = scoreOf([fact({ taskId: 'z2', status: 'completed', completedAt: '2024-06-13' })], testScheme());
    expect(unit.lines.find((line) => line.rule === 'completedOnTime')?.eventId).toBe('completed:2024-06-13');
  });
});
