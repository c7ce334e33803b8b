import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ESCALATION_POLICY, EscalationPolicyError } from '../src/escalation-policy.js';
import { overriddenFields, parsePolicyOverrides } from '../src/policy-overrides.js';

function errorOf(raw: unknown): EscalationPolicyError {
  try {
    parsePolicyOverrides(raw);
  } catch (e) {
    if (e instanceof EscalationPolicyError) return e;
    throw e;
  }
  throw new Error('expected an EscalationPolicyError');
}

describe('parsePolicyOverrides', () => {
  it('keeps what a plan sets, fills the optional ladder flags and lists the overridden fields', () => {
    const o = parsePolicyOverrides({
      reminders: { workingDaysBefore: [10, 5, 1] },
      ladder: { rules: [{ workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'] }] },
      quietHours: null,
    });
    expect(o).toEqual({
      reminders: { workingDaysBefore: [10, 5, 1] },
      ladder: { rules: [{ workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'], flagInterview: false, critical: false }] },
      quietHours: null,
    });
    expect(overriddenFields(o)).toEqual(['reminders.workingDaysBefore', 'ladder.rules', 'quietHours']);
    expect(parsePolicyOverrides(null)).toEqual({});
    expect(overriddenFields({})).toEqual([]);
  });

  it.each([
    [{ reminders: { workingDaysBefore: [3, 3] } }, 'reminders.workingDaysBefore', '提醒日有重复'],
    [{ reminders: { audience: ['mayor'] } }, 'reminders.audience', '未知的通知对象 "mayor"'],
    [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours', '免打扰开始时间与结束时间相同'],
    [{ quietHours: { start: '22:00' } }, 'quietHours.end', 'HH:mm'],
    [{ reminders: { days: [1] } }, 'reminders.days', '未知字段'],
    [{ pausedStatuses: [] }, 'pausedStatuses', '由任务状态决定'],
    [{ ladder: { rules: [{ workingDaysAfter: 2, colour: 'yellow', action: 'urge' }] } }, 'ladder.rules[0].audience', '不能为空'],
    [{ ladder: { rules: [{ workingDaysAfter: 2, colour: 'yellow', action: 'urge', audience: ['lead'], critical: 'yes' }] } }, 'ladder.rules[0].critical', 'true 或 false'],
    [{ trafficLight: { redBehind: '30' } }, 'trafficLight.redBehind', '必须是数字'],
    [{ rollDeadlineToWorkingDay: 1 }, 'rollDeadlineToWorkingDay', 'true 或 false'],
    [[1], '', 'JSON 对象'],
  ])('rejects %j naming %s in Chinese', (raw, field, zh) => {
    const e = errorOf(raw);
    expect(e.field).toBe(field);
    expect(e.reasonZh).toContain(zh);
  });

  it('checks the result against the base it will be resolved over', () => {
    expect(() => parsePolicyOverrides({ trafficLight: { yellowBehind: 40 } })).toThrow(/trafficLight.yellowBehind/);
    expect(parsePolicyOverrides({ trafficLight: { yellowBehind: 40 } }, { ...DEFAULT_ESCALATION_POLICY, trafficLight: { yellowBehind: 10, redBehind: 50, blueAhead: 10 } })).toEqual({
      trafficLight: { yellowBehind: 40 },
    });
  });
});
