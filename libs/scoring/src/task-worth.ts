import { toCents } from './points.js';
import type { Factors } from './reason-text.js';
import type { ScoringScheme, TaskRuleId } from './scoring-scheme.types.js';
import { EVENT_RULE_IDS, type EventRuleId, type TaskHappening } from './task-happening.js';

/** One priced line before it gets its key and reason: the rule, its rounded value and why. */
export interface Worth {
  rule: TaskRuleId;
  /** Rounded once, in hundredths (see points.ts); never 0 — a zero line is not written. */
  cents: number;
  /** The unrounded value (late lines show the per-day rate × days). */
  exact: number;
  factors: Factors;
}

/** What one task is worth to one department under a scheme: the single place points are decided. */
export interface TaskWorth {
  /** The completion lines (late, or on time [+ early]) or the missed line, in ledger order. */
  completion: Worth[];
  /** The value of one occurrence of each event rule (absent when it rounds to 0). */
  perEvent: Partial<Record<EventRuleId, Worth>>;
}

export interface WorthContext {
  scheme: ScoringScheme;
  /** Called when the task's category is not in the scheme (it then weighs 1). */
  unknownCategory: (category: string) => void;
}

export function taskWorth(happening: TaskHappening, context: WorthContext): TaskWorth {
  const worth: TaskWorth = { completion: [], perEvent: {} };
  if (happening.outcome === 'cancelled') return worth;
  const { scheme } = context;
  const category = categoryFactor(happening.category, context);
  const base = (rule: TaskRuleId): number => {
    const config = scheme.rules[rule];
    return (happening.role === 'lead' ? config.lead : config.support) * (config.weighted ? category.factor : 1);
  };
  const categoryPart = (rule: TaskRuleId): Factors['category'] => (scheme.rules[rule].weighted ? category.detail : undefined);
  const priced = (rule: TaskRuleId, exact: number, factors: Factors): Worth | undefined => {
    const cents = toCents(exact);
    return cents === 0 ? undefined : { rule, cents, exact, factors };
  };
  const push = (value: Worth | undefined) => {
    if (value) worth.completion.push(value);
  };

  switch (happening.outcome) {
    case 'late':
      push(priced('completedLate', base('completedLate') * happening.lateDays, { category: categoryPart('completedLate') }));
      break;
    case 'onTime': {
      const quality = qualityFactor(happening, scheme);
      const onTime = scheme.rules.completedOnTime;
      push(
        priced('completedOnTime', base('completedOnTime') * (onTime.qualityRated ? quality.factor : 1), {
          quality: onTime.qualityRated ? quality : undefined,
          category: categoryPart('completedOnTime'),
        }),
      );
      const early = scheme.rules.completedEarly;
      if (early.minWorkingDaysEarly !== undefined && happening.earlyDays >= early.minWorkingDaysEarly) {
        push(
          priced('completedEarly', base('completedEarly') * (early.qualityRated ? quality.factor : 1), {
            quality: early.qualityRated ? quality : undefined,
            category: categoryPart('completedEarly'),
          }),
        );
      }
      break;
    }
    case 'missed':
      push(priced('missed', base('missed'), { category: categoryPart('missed') }));
      break;
    case 'notDue':
      break;
  }
  for (const rule of EVENT_RULE_IDS) {
    if (happening.events[rule] === 0) continue;
    const value = priced(rule, base(rule), { category: categoryPart(rule) });
    if (value) worth.perEvent[rule] = value;
  }
  return worth;
}

function qualityFactor(happening: TaskHappening, scheme: ScoringScheme): { rating: string; factor: number } {
  if (!happening.rating) return { rating: '未评', factor: scheme.quality.unrated };
  return { rating: happening.rating, factor: scheme.quality[happening.rating] };
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
function categoryFactor(id: string | undefined, context: WorthContext): CategoryResolution {
  const categories = context.scheme.categories;
  if (categories.length === 0 || id === undefined) return { factor: 1 };
  const category = categories.find((candidate) => candidate.id === id);
  if (!category) {
    context.unknownCategory(id);
    return { factor: 1 };
  }
  const factor = category.weight * categories.length;
  return { factor, detail: { name: category.name, weight: category.weight, factor } };
}
