import { describe, expect, it } from '@jest/globals';
import {
  describeTask,
  normalizeFacts,
  originRule,
  parseScoringScheme,
  scoreClasses,
  scoreFromBasis,
  scoreYear,
  weekdayCounter,
  type DepartmentScore,
  type FactClass,
  type FactEvent,
  type TaskFact,
  type TaskHappening,
} from '@duban/scoring';
import { schemeInput } from './scheme.fixture.js';

/**
 * The recompute scores departments from fact classes (counted in SQL); the ledger read scores the
 * same department fact by fact. These properties check, over many random years, that both give
 * exactly the same score, added, deducted, 加分 claim, counts and per-rule breakdown — with and
 * without the bonus quota biting.
 */

/** Small deterministic PRNG (mulberry32) so a failure is reproducible from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)],
    chance: (p: number) => next() < p,
  };
}

const DAY = 86_400_000;
const dateAt = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * DAY).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Rolls a Saturday/Sunday deadline to Monday, the way the deadline engine rolls non-working days. */
const rollWeekend = (date: string) => {
  let day = date;
  while (weekdayCounter(addDays(day, -1), day) === 0) day = addDays(day, 1);
  return day;
};

function randomScheme(r: ReturnType<typeof prng>) {
  const input = schemeInput() as { rules: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const maybe = (value: number) => (r.chance(0.4) ? value : undefined);
  for (const rule of Object.values(input.rules)) {
    rule.capPerTask = maybe(r.pick([0.3, 1, 2.5, 4]));
    rule.capPerYear = maybe(r.pick([1, 3.5, 8, 20]));
    rule.weighted = r.chance(0.6);
  }
  input.rules.completedOnTime.lead = r.pick([1, 1.15, 0.333]);
  input.rules.completedOnTime.support = r.pick([0.5, 0.005, 0]);
  input.rules.completedLate.lead = r.pick([-0.1, -0.225, -0.07]);
  input.rules.completedEarly.minWorkingDaysEarly = r.pick([1, 3, 5, 10]);
  input.rules.completedEarly.qualityRated = r.chance(0.5);
  input.rules.completedOnTime.quotaLimited = r.chance(0.3);
  input.rules.returned.lead = r.pick([-2, -0.15]);
  const categories = r.chance(0.7)
    ? [
        { id: 'quality', name: '教育教学管理及质量评价', weight: 0.45 },
        { id: 'safety', name: '校园安全', weight: 0.1 },
        { id: 'reform', name: '综合改革', weight: 0.15 },
        { id: 'party', name: '党建', weight: 0.3 },
      ]
    : [];
  const yearCaps = { maxAdded: maybe(r.pick([2, 5, 30])), maxDeducted: maybe(r.pick([3, 12, 40])) };
  return parseScoringScheme({ ...input, categories, yearCaps, quality: { 优: 1.2, 良: 1, 中: 0.8, 差: r.pick([0.5, 0]), unrated: 1 } });
}

function randomFacts(r: ReturnType<typeof prng>, count: number): TaskFact[] {
  const facts: TaskFact[] = [];
  for (let i = 0; i < count; i++) {
    const due = dateAt(r.int(0, 365));
    const status = r.pick(['open', 'in_progress', 'submitted', 'completed', 'completed', 'completed', 'cancelled'] as const);
    const events: FactEvent[] = [];
    const around = (spread: number) => addDays(due, r.int(-spread, spread));
    let completedAt: string | undefined;
    if (status === 'completed') {
      completedAt = around(30);
      if (r.chance(0.8)) events.push({ eventId: `c${i}a`, type: 'completed', at: completedAt, ...(r.chance(0.8) ? { rating: r.pick(['优', '良', '中', '差'] as const) } : {}) });
      if (r.chance(0.15)) events.push({ eventId: `c${i}b`, type: 'completed', at: around(40), rating: '良' }); // completed again (after a return)
    } else if (r.chance(0.1)) {
      events.push({ eventId: `c${i}x`, type: 'completed', at: around(20) }); // approved, then reopened
    }
    const returns = r.pick([0, 0, 0, 1, 2, 4]);
    for (let k = 0; k < returns; k++) events.push({ eventId: `r${i}-${k}`, type: 'returned', at: around(25) });
    for (const type of ['escalated_yellow', 'escalated_red', 'talk'] as const) {
      const times = r.pick([0, 0, 0, 1, 1, 2]);
      for (let k = 0; k < times; k++) events.push({ eventId: `${type}${i}-${k}`, type, at: addDays(due, r.int(1, 40)) });
    }
    if (r.chance(0.2)) events.push({ eventId: `x${i}`, type: 'extension_granted', at: around(10) });
    facts.push({
      taskId: `t${i}`,
      departmentId: 'd1',
      role: r.chance(0.3) ? 'lead' : 'support',
      title: `任务${i}`,
      category: r.chance(0.8) ? r.pick(['quality', 'safety', 'reform', 'party', 'unknown']) : undefined,
      dueDate: due,
      completedAt,
      status,
      events,
    });
  }
  return facts;
}

/** Groups facts into classes as the SQL does: by everything that prices a task, counted. */
function classesOf(facts: TaskFact[], asOf: string, effectiveDueDate?: (d: string) => string): FactClass[] {
  const byKey = new Map<string, FactClass>();
  for (const fact of normalizeFacts(facts, 2024).facts) {
    const { happening } = describeTask(fact, { asOf, workingDays: weekdayCounter, effectiveDueDate });
    const key = JSON.stringify(happening satisfies TaskHappening);
    const existing = byKey.get(key);
    if (existing) existing.count += 1;
    else byKey.set(key, { ...happening, count: 1 });
  }
  return [...byKey.values()];
}

/** Per-rule breakdown as the score table builds it from ledger lines. */
function breakdownOfLines(unit: DepartmentScore): Record<string, number> {
  const cents: Record<string, number> = {};
  for (const line of unit.lines) {
    const bucket = line.rule === 'base' ? 'base' : (originRule(line.rule) ?? 'cap.year');
    cents[bucket] = (cents[bucket] ?? 0) + Math.round(line.points * 100);
  }
  return Object.fromEntries(Object.entries(cents).filter(([bucket, value]) => value !== 0 || bucket === 'base').map(([k, v]) => [k, v / 100]));
}

const summary = (unit: DepartmentScore) => ({
  score: unit.score,
  added: unit.added,
  deducted: unit.deducted,
  bonusClaimed: unit.bonusClaimed,
  bonusDenied: unit.bonusDenied,
  counts: unit.counts,
  tally: unit.tally,
});

describe('fact classes score exactly like the facts they stand for', () => {
  it.each(Array.from({ length: 60 }, (_, seed) => seed + 1))('random year #%i', (seed) => {
    const r = prng(seed * 7919);
    const scheme = randomScheme(r);
    const facts = randomFacts(r, r.int(1, 120));
    const asOf = r.pick(['2024-12-31', '2024-09-30', '2024-06-14', '2025-03-01']);
    const roll = r.chance(0.5) ? rollWeekend : undefined;
    const cutoff = asOf > '2024-12-31' ? '2024-12-31' : asOf;

    const perFact = scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter, asOf, departmentIds: ['d1'], effectiveDueDate: roll }).departments[0];
    const classes = classesOf(facts, cutoff, roll);
    expect(classes.reduce((n, c) => n + c.count, 0)).toBe(normalizeFacts(facts, 2024).facts.length);
    const byClass = scoreClasses({ scheme, year: 2024, asOf, departmentId: 'd1', classes }).score;

    expect(summary(byClass)).toEqual(summary(perFact));
    expect(byClass.breakdown).toEqual(breakdownOfLines(perFact));
    expect(perFact.breakdown).toEqual(breakdownOfLines(perFact));

    // The bonus quota voids 加分 on both paths alike.
    const denial = '超出加分名额';
    const deniedFacts = scoreFromBasis({ ...perFact.basis, quotaDenial: denial }, scheme, { year: 2024, asOf: cutoff });
    const deniedClasses = scoreFromBasis({ ...byClass.basis, quotaDenial: denial }, scheme, { year: 2024, asOf: cutoff });
    expect(summary(deniedClasses)).toEqual(summary(deniedFacts));
    expect(deniedClasses.breakdown).toEqual(breakdownOfLines(deniedFacts));
  });

  it('hits the caps it is meant to test (the generator is not vacuous)', () => {
    let capped = 0;
    let denied = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = prng(seed * 7919);
      const scheme = randomScheme(r);
      const facts = randomFacts(r, r.int(1, 120));
      const unit = scoreYear({ scheme, year: 2024, facts, workingDays: weekdayCounter, departmentIds: ['d1'] }).departments[0];
      if (unit.lines.some((line) => line.rule.startsWith('cap.task:'))) capped += 1;
      if (unit.lines.some((line) => line.rule.startsWith('cap.year:'))) denied += 1;
    }
    expect(capped).toBeGreaterThan(5);
    expect(denied).toBeGreaterThan(5);
  });

  it('rejects a class without a positive whole count', () => {
    const scheme = parseScoringScheme(schemeInput());
    const happening: FactClass = { role: 'lead', outcome: 'missed', lateDays: 0, earlyDays: 0, events: { returned: 0, escalatedYellow: 0, escalatedRed: 0, talk: 0 }, count: 0 };
    expect(() => scoreClasses({ scheme, year: 2024, departmentId: 'd1', classes: [happening] })).toThrow('事实类的任务数应为正整数');
  });
});
