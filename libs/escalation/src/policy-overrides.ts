import {
  type Audience,
  type EscalationPolicy,
  type EscalationPolicyOverrides,
  type LadderRule,
  DEFAULT_ESCALATION_POLICY,
  EscalationPolicyError,
  resolvePolicy,
} from './escalation-policy.js';

/**
 * What a plan may set. The status lists are not among them: which statuses are closed or paused
 * follows from the task state machine (a submitted or declined task gets no next_action_at at all),
 * so a plan changing them would promise reminders the engine never looks for.
 */
const SECTIONS: Record<string, readonly string[] | 'leaf'> = {
  reminders: ['workingDaysBefore', 'audience', 'sendAt'],
  ladder: ['rules', 'sendAt'],
  trafficLight: ['yellowBehind', 'redBehind', 'blueAhead'],
  quietHours: 'leaf',
  rollDeadlineToWorkingDay: 'leaf',
};
const RULE_KEYS = ['workingDaysAfter', 'colour', 'action', 'audience', 'flagInterview', 'critical'];

function fail(field: string, reason: string, reasonZh: string): never {
  throw new EscalationPolicyError(field, reason, reasonZh);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(field: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) {
      const path = field ? `${field}.${k}` : k;
      if (k === 'closedStatuses' || k === 'pausedStatuses') {
        fail(path, 'follows from the task state machine and cannot be set per plan', '由任务状态决定，不能按计划设置');
      }
      fail(path, `unknown field (use ${allowed.join(', ')})`, `未知字段（可设置：${allowed.join('、')}）`);
    }
  }
}

function ladderRule(field: string, raw: unknown): LadderRule {
  if (!isPlainObject(raw)) fail(field, 'must be an object', '必须是对象');
  onlyKeys(field, raw, RULE_KEYS);
  for (const k of ['workingDaysAfter', 'colour', 'action', 'audience']) {
    if (raw[k] === undefined) fail(`${field}.${k}`, 'is required', '不能为空');
  }
  for (const k of ['flagInterview', 'critical']) {
    if (raw[k] !== undefined && typeof raw[k] !== 'boolean') fail(`${field}.${k}`, 'must be true or false', '必须是 true 或 false');
  }
  return {
    workingDaysAfter: raw.workingDaysAfter as number,
    colour: raw.colour as LadderRule['colour'],
    action: raw.action as LadderRule['action'],
    audience: raw.audience as Audience[],
    flagInterview: (raw.flagInterview as boolean | undefined) ?? false,
    critical: (raw.critical as boolean | undefined) ?? false,
  };
}

/**
 * A plan's overrides from untrusted JSON (an API body, a file, a stored column): unknown or
 * misshapen fields are rejected naming them, ladder rules get their optional flags filled in, and
 * the result is checked by resolving it over `base`, so what comes back is safe to store.
 * Nested sections merge field by field; arrays (reminder days, ladder rules) replace whole.
 */
export function parsePolicyOverrides(raw: unknown, base: EscalationPolicy = DEFAULT_ESCALATION_POLICY): EscalationPolicyOverrides {
  if (raw === null || raw === undefined) return {};
  if (!isPlainObject(raw)) fail('', 'must be an object', '必须是 JSON 对象');
  onlyKeys('', raw, Object.keys(SECTIONS));
  const out: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const keys = SECTIONS[section]!;
    if (section === 'quietHours') {
      if (value !== null) {
        if (!isPlainObject(value)) fail(section, 'must be {start, end} or null', '必须是 {start, end}，或 null 表示不设免打扰');
        onlyKeys(section, value, ['start', 'end']);
        for (const k of ['start', 'end']) {
          if (typeof value[k] !== 'string') fail(`${section}.${k}`, 'must be a time HH:mm', '时间格式应为 HH:mm');
        }
      }
      out[section] = value;
      continue;
    }
    if (section === 'rollDeadlineToWorkingDay') {
      if (typeof value !== 'boolean') fail(section, 'must be true or false', '必须是 true 或 false');
      out[section] = value;
      continue;
    }
    if (!isPlainObject(value)) fail(section, 'must be an object', '必须是对象');
    onlyKeys(section, value, keys as readonly string[]);
    const part: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const field = `${section}.${k}`;
      if (k === 'rules') {
        if (!Array.isArray(v)) fail(field, 'must be a list', '必须是列表');
        part[k] = v.map((r, i) => ladderRule(`${field}[${i}]`, r));
      } else if (k === 'workingDaysBefore' || k === 'audience') {
        if (!Array.isArray(v)) fail(field, 'must be a list', '必须是列表');
        part[k] = [...v];
      } else if (k === 'sendAt') {
        if (typeof v !== 'string') fail(field, 'must be a time HH:mm', '时间格式应为 HH:mm');
        part[k] = v;
      } else {
        if (typeof v !== 'number') fail(field, 'must be a number', '必须是数字');
        part[k] = v;
      }
    }
    if (Object.keys(part).length) out[section] = part;
  }
  const overrides = out as EscalationPolicyOverrides;
  resolvePolicy(overrides, base);
  return overrides;
}

/** The fields a plan sets itself ('reminders.workingDaysBefore', 'ladder.rules', 'quietHours', …), in policy order. */
export function overriddenFields(overrides: EscalationPolicyOverrides): string[] {
  const out: string[] = [];
  for (const [section, keys] of Object.entries(SECTIONS)) {
    const value = (overrides as Record<string, unknown>)[section];
    if (value === undefined) continue;
    if (keys === 'leaf') out.push(section);
    else for (const k of keys) if ((value as Record<string, unknown>)[k] !== undefined) out.push(`${section}.${k}`);
  }
  return out;
}
