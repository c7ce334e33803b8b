import { describe, expect, it } from '@jest/globals';
import { basisFromLines, rowToLine, tallyOf, type LineRow, type StoredScore } from '@duban/assessment';
import { computeYear, parseScoringScheme, scoreFromBasis, weekdayCounter, type LedgerLine, type TaskFact } from '@duban/scoring';
import { seedScheme } from './assessment-world.js';

/** What a ledger line looks like after a trip through `ledger_lines` (points as numeric text). */
function stored(line: LedgerLine): LineRow {
  return {
    department_id: line.departmentId,
    line_key: line.key,
    rule: line.rule,
    points: line.points.toFixed(2),
    reason: line.reason,
    role: line.role ?? null,
    task_id: line.taskId === '-' ? null : line.taskId,
    event_ref: line.eventId,
    line_date: line.date ?? null,
    adjusts: line.adjusts ?? null,
    task_title: line.taskTitle ?? null,
  };
}

const comparable = (lines: LedgerLine[]) => lines.map((l) => ({ key: l.key, points: l.points, reason: l.reason, adjusts: l.adjusts, rule: l.rule }));

function facts(department: string, count: number): TaskFact[] {
  return Array.from({ length: count }, (_, i) => ({
    taskId: `${department}-t${i}`,
    departmentId: department,
    role: i % 2 ? 'support' : 'lead',
    title: `任务${i}`,
    dueDate: '2024-06-28',
    status: 'completed',
    completedAt: i % 3 === 0 ? '2024-05-06' : '2024-07-10',
    events: i % 4 === 0 ? [{ eventId: `${department}-r${i}`, type: 'returned', at: '2024-06-01' }] : [],
  }));
}

describe('ledger store', () => {
  const scheme = parseScoringScheme(seedScheme('default'));
  const all = ['d1', 'd2', 'd3', 'd4'].flatMap((d, i) => facts(d, 6 + i));
  const { ranking } = computeYear({ scheme, year: 2024, facts: all, workingDays: weekdayCounter, asOf: '2024-12-31', departmentKinds: {}, departmentCodes: {} });
  const units = ranking.groups.flatMap((g) => g.departments);

  it('rebuilds from stored lines the ledger a full computation produced, quota lines included', () => {
    const denied = units.filter((u) => u.result.bonusDenied);
    expect(denied.length).toBeGreaterThan(0); // 4 units, 10% quota: every claimant loses its 加分
    for (const unit of units) {
      const lines = unit.result.lines.map(stored).map(rowToLine);
      const basis = basisFromLines(unit.departmentId, lines);
      expect(basis.rawLines.every((l) => !l.rule.includes(':') && l.rule !== 'base')).toBe(true);
      const rebuilt = scoreFromBasis({ ...basis, quotaDenial: unit.result.basis.quotaDenial }, scheme, { year: 2024, asOf: '2024-12-31' });
      expect(comparable(rebuilt.lines)).toEqual(comparable(unit.result.lines));
      expect(rebuilt.score).toBe(unit.score);
    }
  });

  it('ranks a clean department again from its stored tally exactly as from its lines', () => {
    for (const unit of units) {
      const result = unit.result;
      const row: StoredScore = {
        departmentId: unit.departmentId,
        score: result.score,
        added: result.added,
        deducted: result.deducted,
        bonusClaimed: result.bonusClaimed,
        counts: JSON.parse(JSON.stringify(result.counts)),
        ruleCents: JSON.parse(JSON.stringify(result.tally.ruleCents)),
        quotaDenial: result.basis.quotaDenial ?? null,
        asOf: '2024-12-31',
        rank: unit.rank,
        grade: unit.grade,
        notes: unit.notes,
      };
      for (const quotaDenial of [undefined, '超出名额']) {
        const fromTally = scoreFromBasis({ departmentId: unit.departmentId, rawLines: [], appealVoided: [], tally: tallyOf(row)!, quotaDenial }, scheme, { year: 2024, asOf: '2024-12-31' });
        const fromLines = scoreFromBasis({ ...result.basis, quotaDenial }, scheme, { year: 2024, asOf: '2024-12-31' });
        expect([fromTally.score, fromTally.added, fromTally.deducted, fromTally.bonusClaimed, fromTally.counts, fromTally.breakdown]).toEqual([
          fromLines.score, fromLines.added, fromLines.deducted, fromLines.bonusClaimed, fromLines.counts, fromLines.breakdown,
        ]);
      }
    }
    expect(tallyOf({ ...({} as StoredScore), ruleCents: null })).toBeUndefined();
  });
});
