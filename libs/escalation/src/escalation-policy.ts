import { parseClockTime } from '@duban/calendar';

export type Colour = 'blue' | 'green' | 'yellow' | 'red';

/** Who a step speaks to; the engine resolves these to users. */
export type Audience = 'lead' | 'support' | 'coordinating-office' | 'leadership';

/** 催办 (urge the department), 督办 (the coordinating office supervises), escalate to leadership. */
export type LadderAction = 'urge' | 'supervise' | 'escalate';

export interface LadderRule {
  /** Working days after the due date at which this step fires. */
  workingDaysAfter: number;
  colour: 'yellow' | 'red';
  action: LadderAction;
  audience: Audience[];
  /** Flag the lead department's head for a talk (约谈). */
  flagInterview: boolean;
  /** Critical steps ignore quiet hours. */
  critical: boolean;
}

/**
 * The escalation rules as data: defaults from practice, overridable per plan (a plan may remind
 * T-10/T-5/T-1, or escalate faster). Everything time-of-day is Asia/Shanghai wall-clock time.
 */
export interface EscalationPolicy {
  reminders: {
    /** Working days before the due date; 0 is the due day itself. */
    workingDaysBefore: number[];
    audience: Audience[];
    /** 'HH:mm' on the step's day. */
    sendAt: string;
  };
  ladder: {
    rules: LadderRule[];
    sendAt: string;
  };
  trafficLight: {
    /** Points behind 序时进度 from which a task turns yellow (inclusive). */
    yellowBehind: number;
    /** Points behind above which it turns red (exclusive: exactly this many is still yellow). */
    redBehind: number;
    /** Points ahead from which it turns blue (inclusive). */
    blueAhead: number;
  };
  /** Non-critical messages inside [start, end) wait until `end`; null disables quiet hours. */
  quietHours: { start: string; end: string } | null;
  /** Statuses with no colour and no further steps. */
  closedStatuses: string[];
  /** Statuses where steps wait (e.g. submitted for closing: the office decides, nobody is reminded). */
  pausedStatuses: string[];
  /**
   * A deadline on a non-working day counts from the next working day (年底前 in a year whose
   * 12-31 is a Sunday is met on the first working day after it), unless the plan says otherwise.
   */
  rollDeadlineToWorkingDay: boolean;
}

/** Frozen all the way down: the defaults are shared by every plan and must never be mutated in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = deepFreeze({
  reminders: { workingDaysBefore: [7, 3, 1, 0], audience: ['lead', 'support'], sendAt: '09:00' },
  ladder: {
    rules: [
      { workingDaysAfter: 1, colour: 'yellow', action: 'urge', audience: ['lead', 'support'], flagInterview: false, critical: false },
      { workingDaysAfter: 5, colour: 'red', action: 'supervise', audience: ['coordinating-office', 'lead'], flagInterview: false, critical: false },
      { workingDaysAfter: 10, colour: 'red', action: 'escalate', audience: ['leadership', 'coordinating-office'], flagInterview: true, critical: true },
    ],
    sendAt: '09:00',
  },
  trafficLight: { yellowBehind: 10, redBehind: 30, blueAhead: 10 },
  quietHours: { start: '22:00', end: '07:00' },
  closedStatuses: ['completed', 'cancelled'],
  pausedStatuses: ['submitted'],
  rollDeadlineToWorkingDay: true,
} satisfies EscalationPolicy);

/**
 * A policy that makes no sense, naming the field (`reminders.workingDaysBefore`,
 * `ladder.rules[1].workingDaysAfter`, …). `reasonZh` is the same reason for officials, so the API
 * and the CLI can answer in Chinese without a second table of reasons.
 */
export class EscalationPolicyError extends Error {
  override readonly name = 'EscalationPolicyError';
  constructor(
    readonly field: string,
    reason: string,
    readonly reasonZh: string = reason,
  ) {
    super(`escalation policy ${field}: ${reason}`);
  }
}

/** What a plan may override; nested objects merge, arrays replace. */
export interface EscalationPolicyOverrides {
  reminders?: Partial<EscalationPolicy['reminders']>;
  ladder?: Partial<EscalationPolicy['ladder']>;
  trafficLight?: Partial<EscalationPolicy['trafficLight']>;
  quietHours?: EscalationPolicy['quietHours'];
  closedStatuses?: string[];
  pausedStatuses?: string[];
  rollDeadlineToWorkingDay?: boolean;
}

const AUDIENCES: readonly Audience[] = ['lead', 'support', 'coordinating-office', 'leadership'];

function nonNegativeInt(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function checkAudience(field: string, list: unknown): void {
  if (!Array.isArray(list) || list.length === 0) throw new EscalationPolicyError(field, 'must be a non-empty list', '不能为空');
  for (const a of list) {
    if (!AUDIENCES.includes(a as Audience)) {
      throw new EscalationPolicyError(
        field,
        `unknown audience ${JSON.stringify(a)} (use ${AUDIENCES.join(', ')})`,
        `未知的通知对象 ${JSON.stringify(a)}（可选：${AUDIENCES.join('、')}）`,
      );
    }
  }
}

function checkClock(field: string, value: string): void {
  try {
    parseClockTime(value, field);
  } catch (e) {
    throw new EscalationPolicyError(field, (e as Error).message, `时间格式应为 HH:mm（00:00–23:59），当前为 ${JSON.stringify(value)}`);
  }
}

/** Throws EscalationPolicyError naming the first field that makes no sense. */
export function validatePolicy(p: EscalationPolicy): EscalationPolicy {
  const before = p.reminders.workingDaysBefore;
  if (!Array.isArray(before) || !before.every(nonNegativeInt)) {
    throw new EscalationPolicyError('reminders.workingDaysBefore', 'must be whole numbers ≥ 0', '提醒日必须是不小于 0 的整数（0 为到期当日）');
  }
  if (new Set(before).size !== before.length) {
    throw new EscalationPolicyError('reminders.workingDaysBefore', 'has duplicates', '提醒日有重复');
  }
  checkAudience('reminders.audience', p.reminders.audience);
  checkClock('reminders.sendAt', p.reminders.sendAt);
  checkClock('ladder.sendAt', p.ladder.sendAt);
  let previous = 0;
  p.ladder.rules.forEach((rule, i) => {
    const field = `ladder.rules[${i}]`;
    if (!nonNegativeInt(rule.workingDaysAfter) || rule.workingDaysAfter <= previous) {
      throw new EscalationPolicyError(`${field}.workingDaysAfter`, 'must be whole numbers ≥ 1, strictly increasing', '逾期工作日数必须是不小于 1 的整数，且逐级递增');
    }
    previous = rule.workingDaysAfter;
    if (!['urge', 'supervise', 'escalate'].includes(rule.action)) {
      throw new EscalationPolicyError(`${field}.action`, `unknown action ${JSON.stringify(rule.action)}`, `未知的动作 ${JSON.stringify(rule.action)}（可选：urge、supervise、escalate）`);
    }
    if (rule.colour !== 'yellow' && rule.colour !== 'red') {
      throw new EscalationPolicyError(`${field}.colour`, 'must be yellow or red', '颜色只能是 yellow 或 red');
    }
    checkAudience(`${field}.audience`, rule.audience);
  });
  const { yellowBehind, redBehind } = p.trafficLight;
  for (const [k, v] of Object.entries(p.trafficLight)) {
    if (typeof v !== 'number' || !(v > 0) || v > 100) {
      throw new EscalationPolicyError(`trafficLight.${k}`, `must be a number of points in (0, 100], got ${v}`, `必须是大于 0、不超过 100 的分值，当前为 ${v}`);
    }
  }
  if (yellowBehind > redBehind) {
    throw new EscalationPolicyError('trafficLight.yellowBehind', `${yellowBehind} is above redBehind ${redBehind}`, `黄灯阈值 ${yellowBehind} 高于红灯阈值 ${redBehind}`);
  }
  if (p.quietHours) {
    checkClock('quietHours.start', p.quietHours.start);
    checkClock('quietHours.end', p.quietHours.end);
    if (p.quietHours.start === p.quietHours.end) throw new EscalationPolicyError('quietHours', 'start equals end', '免打扰开始时间与结束时间相同');
  }
  return p;
}

/** The defaults with a plan's overrides applied, validated. */
export function resolvePolicy(
  overrides: EscalationPolicyOverrides = {},
  base: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): EscalationPolicy {
  return validatePolicy({
    reminders: { ...base.reminders, ...overrides.reminders },
    ladder: { ...base.ladder, ...overrides.ladder },
    trafficLight: { ...base.trafficLight, ...overrides.trafficLight },
    quietHours: overrides.quietHours === undefined ? base.quietHours : overrides.quietHours,
    closedStatuses: overrides.closedStatuses ?? base.closedStatuses,
    pausedStatuses: overrides.pausedStatuses ?? base.pausedStatuses,
    rollDeadlineToWorkingDay: overrides.rollDeadlineToWorkingDay ?? base.rollDeadlineToWorkingDay,
  });
}
