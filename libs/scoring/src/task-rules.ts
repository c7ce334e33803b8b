import type { NormalizedEvent, NormalizedFact } from './fact.normalizer.js';
import { ledgerKey } from './ledger-key.js';
import type { LedgerLine } from './ledger-line.types.js';
import { formatFactor, roundPoints } from './points.js';
import { factorsPhrase, pointsPhrase, roleName, taskName, type Factors } from './reason-text.js';
import type { ScoringScheme, TaskRuleId } from './scoring-scheme.types.js';
import type { FactEventType } from './task-fact.types.js';
import type { WorkingDayCounter } from './working-days.js';

export interface TaskRuleContext {
  scheme: ScoringScheme;
  /** State at the end of this civil day; later events and completions are not seen. */
  asOf: string;
  workingDays: WorkingDayCounter;
  /** Collects data problems that do not stop scoring (unknown category …). */
  warn: (message: string) => void;
}

const EVENT_RULES: Partial<Record<FactEventType, { rule: TaskRuleId; verb: string }>> = {
  returned: { rule: 'returned', verb: '被退回重办' },
  escalated_yellow: { rule: 'escalatedYellow', verb: '亮黄灯督办' },
  escalated_red: { rule: 'escalatedRed', verb: '亮红灯督办' },
  talk: { rule: 'talk', verb: '被约谈' },
};

interface Completion {
  date: string;
  eventId: string;
  rating?: NormalizedEvent['rating'];
}

/** The raw (uncapped) ledger lines one task earns or costs one department. */
export function taskLines(fact: NormalizedFact, context: TaskRuleContext): LedgerLine[] {
  if (fact.status === 'cancelled') return [];
  const { scheme, asOf } = context;
  const seen = fact.events.filter((event) => event.date <= asOf);
  const lines: LedgerLine[] = [];
  const name = taskName(fact.title, fact.taskId);
  const category = categoryFactor(fact, context);

  const line = (rule: TaskRuleId, eventId: string, points: number, reason: string, date: string): void => {
    const rounded = roundPoints(points);
    if (rounded === 0) return; // a zero line explains nothing and would only clutter the page
    lines.push({
      key: ledgerKey(fact.departmentId, fact.taskId, eventId, rule),
      departmentId: fact.departmentId,
      taskId: fact.taskId,
      eventId,
      rule,
      points: rounded,
      reason,
      role: fact.role,
      taskTitle: fact.title,
      date,
    });
  };
  const base = (rule: TaskRuleId): number => {
    const config = scheme.rules[rule];
    return (fact.role === 'lead' ? config.lead : config.support) * (config.weighted ? category.factor : 1);
  };
  const categoryPart = (rule: TaskRuleId): Factors['category'] => (scheme.rules[rule].weighted ? category.detail : undefined);

  const completion = findCompletion(fact, seen, asOf);
  if (completion) {
    const done = `截止${fact.dueDate}，${completion.date}办结`;
    const lateDays = completion.date > fact.dueDate ? context.workingDays(fact.dueDate, completion.date) : 0;
    if (lateDays > 0) {
      const points = base('completedLate') * lateDays;
      // The per-day rate is shown unrounded (0.225) so that rate × days visibly gives the total.
      const perDay = formatFactor(Math.abs(base('completedLate')));
      line(
        'completedLate',
        completion.eventId,
        points,
        `${name}逾期${lateDays}个工作日完成（${done}），每逾期1个工作日扣${perDay}分，共${pointsPhrase(roundPoints(points))}${factorsPhrase({ category: categoryPart('completedLate') })}`,
        completion.date,
      );
    } else {
      const quality = qualityFactor(completion, context);
      const onTimeRule = scheme.rules.completedOnTime;
      const points = base('completedOnTime') * (onTimeRule.qualityRated ? quality.factor : 1);
      line(
        'completedOnTime',
        completion.eventId,
        points,
        `${name}按期完成（${done}），${roleName(fact.role)}${pointsPhrase(roundPoints(points))}${factorsPhrase({
          quality: onTimeRule.qualityRated ? quality : undefined,
          category: categoryPart('completedOnTime'),
        })}`,
        completion.date,
      );
      const early = scheme.rules.completedEarly;
      const earlyDays = completion.date < fact.dueDate ? context.workingDays(completion.date, fact.dueDate) : 0;
      if (early.minWorkingDaysEarly !== undefined && earlyDays >= early.minWorkingDaysEarly) {
        const bonus = base('completedEarly') * (early.qualityRated ? quality.factor : 1);
        line(
          'completedEarly',
          completion.eventId,
          bonus,
          `${name}提前${earlyDays}个工作日完成（${done}），${roleName(fact.role)}${pointsPhrase(roundPoints(bonus))}${factorsPhrase({
            quality: early.qualityRated ? quality : undefined,
            category: categoryPart('completedEarly'),
          })}`,
          completion.date,
        );
      }
    }
  } else if (fact.dueDate <= asOf) {
    const points = base('missed');
    line(
      'missed',
      `overdue:${fact.dueDate}`,
      points,
      `${name}逾期未完成（截止${fact.dueDate}，截至${asOf}未办结），${roleName(fact.role)}${pointsPhrase(roundPoints(points))}${factorsPhrase({ category: categoryPart('missed') })}`,
      fact.dueDate,
    );
  }

  for (const event of seen) {
    const mapping = EVENT_RULES[event.type];
    if (!mapping) continue;
    const points = base(mapping.rule);
    line(
      mapping.rule,
      event.eventId,
      points,
      `${name}于${event.date}${mapping.verb}，${pointsPhrase(roundPoints(points))}${factorsPhrase({ category: categoryPart(mapping.rule) })}`,
      event.date,
    );
  }
  return lines;
}

/** The last completion seen by asOf; a 'completed' event is authoritative over completedAt. */
function findCompletion(fact: NormalizedFact, seen: NormalizedEvent[], asOf: string): Completion | undefined {
  const events = seen.filter((event) => event.type === 'completed');
  const last = events[events.length - 1];
  if (last) return { date: last.date, eventId: last.eventId, rating: last.rating };
  if (fact.status === 'completed' && fact.completedAt !== undefined && fact.completedAt <= asOf) {
    return { date: fact.completedAt, eventId: `completed:${fact.completedAt}` };
  }
  return undefined;
}

function qualityFactor(completion: Completion, context: TaskRuleContext): { rating: string; factor: number } {
  const quality = context.scheme.quality;
  if (!completion.rating) return { rating: '未评', factor: quality.unrated };
  return { rating: completion.rating, factor: quality[completion.rating] };
}

interface CategoryResolution {
  factor: number;
  detail?: Factors['category'];
}

/**
 * A category's factor is its weight relative to an even split: with 5 areas an even share is 20%,
 * so the 45% teaching-quality area counts 2.25× and a 10% area 0.5×. The average task still
 * weighs 1, which keeps the rule point values meaningful across schemes with and without weights.
 */
function categoryFactor(fact: NormalizedFact, context: TaskRuleContext): CategoryResolution {
  const categories = context.scheme.categories;
  if (categories.length === 0 || fact.category === undefined) return { factor: 1 };
  const category = categories.find((candidate) => candidate.id === fact.category);
  if (!category) {
    context.warn(`任务 ${fact.taskId} 的类别“${fact.category}”不在方案 ${context.scheme.id} 中，按系数1计`);
    return { factor: 1 };
  }
  const factor = category.weight * categories.length;
  return { factor, detail: { name: category.name, weight: category.weight, factor } };
}
