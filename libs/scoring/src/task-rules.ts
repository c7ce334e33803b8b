import type { NormalizedFact } from './fact.normalizer.js';
import { ledgerKey } from './ledger-key.js';
import type { LedgerLine } from './ledger-line.types.js';
import { formatFactor, fromCents } from './points.js';
import { factorsPhrase, pointsPhrase, roleName, taskName } from './reason-text.js';
import type { ScoringScheme } from './scoring-scheme.types.js';
import { describeTask, EVENT_RULES, type HappeningContext } from './task-happening.js';
import { taskWorth, type Worth } from './task-worth.js';

export interface TaskRuleContext extends HappeningContext {
  scheme: ScoringScheme;
  /** Collects data problems that do not stop scoring (unknown category …). */
  warn: (message: string) => void;
}

/**
 * The raw (uncapped) ledger lines one task earns or costs one department: what happened to it
 * (describeTask) priced by the scheme (taskWorth), each line given its key, event and reason.
 */
export function taskLines(fact: NormalizedFact, context: TaskRuleContext): LedgerLine[] {
  const { scheme, asOf } = context;
  const { happening, effectiveDue, completion, seen } = describeTask(fact, context);
  if (happening.outcome === 'cancelled') return [];
  const worth = taskWorth(happening, {
    scheme,
    unknownCategory: (category) => context.warn(`任务 ${fact.taskId} 的类别“${category}”不在方案 ${scheme.id} 中，按系数1计`),
  });
  const lines: LedgerLine[] = [];
  const name = taskName(fact.title, fact.taskId);
  const line = (value: Worth, eventId: string, reason: string, date: string): void => {
    lines.push({
      key: ledgerKey(fact.departmentId, fact.taskId, eventId, value.rule),
      departmentId: fact.departmentId,
      taskId: fact.taskId,
      eventId,
      rule: value.rule,
      points: fromCents(value.cents) || 0,
      reason,
      role: fact.role,
      taskTitle: fact.title,
      date,
    });
  };
  const points = (value: Worth) => pointsPhrase(fromCents(value.cents));
  // The deadline as the engine counts it: rolled past a weekend or holiday when the policy says so.
  const deadline = effectiveDue === fact.dueDate ? `截止${fact.dueDate}` : `截止${fact.dueDate}，顺延至${effectiveDue}`;

  for (const value of worth.completion) {
    if (value.rule === 'missed') {
      line(
        value,
        `overdue:${fact.dueDate}`,
        `${name}逾期未完成（${deadline}，截至${asOf}未办结），${roleName(fact.role)}${points(value)}${factorsPhrase(value.factors)}`,
        fact.dueDate,
      );
      continue;
    }
    const done = `${deadline}，${completion!.date}办结`;
    if (value.rule === 'completedLate') {
      // The per-day rate is shown unrounded (0.225) so that rate × days visibly gives the total.
      const perDay = formatFactor(Math.abs(value.exact / happening.lateDays));
      line(
        value,
        completion!.eventId,
        `${name}逾期${happening.lateDays}个工作日完成（${done}），每逾期1个工作日扣${perDay}分，共${points(value)}${factorsPhrase(value.factors)}`,
        completion!.date,
      );
    } else if (value.rule === 'completedOnTime') {
      line(value, completion!.eventId, `${name}按期完成（${done}），${roleName(fact.role)}${points(value)}${factorsPhrase(value.factors)}`, completion!.date);
    } else {
      line(
        value,
        completion!.eventId,
        `${name}提前${happening.earlyDays}个工作日完成（${done}），${roleName(fact.role)}${points(value)}${factorsPhrase(value.factors)}`,
        completion!.date,
      );
    }
  }

  for (const event of seen) {
    const mapping = EVENT_RULES[event.type];
    const value = mapping && worth.perEvent[mapping.rule];
    if (!mapping || !value) continue;
    line(value, event.eventId, `${name}于${event.date}${mapping.verb}，${points(value)}${factorsPhrase(value.factors)}`, event.date);
  }
  return lines;
}

