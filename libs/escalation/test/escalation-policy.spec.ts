import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ESCALATION_POLICY, EscalationPolicyError, resolvePolicy } from '../src/escalation-policy.js';
import { manualUrgeKey, parseStepKey, stepKey } from '../src/step-key.js';

describe('EscalationPolicy', () => {
  it('has the defaults from practice', () => {
    expect(DEFAULT_ESCALATION_POLICY.reminders.workingDaysBefore).toEqual([7, 3, 1, 0]);
    expect(DEFAULT_ESCALATION_POLICY.ladder.rules.map((r) => [r.workingDaysAfter, r.colour, r.action])).toEqual([
      [1, 'yellow', 'urge'],
      [5, 'red', 'supervise'],
      [10, 'red', 'escalate'],
    ]);
    expect(DEFAULT_ESCALATION_POLICY.trafficLight).toEqual({ yellowBehind: 10, redBehind: 30, blueAhead: 10 });
    expect(DEFAULT_ESCALATION_POLICY.quietHours).toEqual({ start: '22:00', end: '07:00' });
  });

  it('cannot be mutated in place by one plan for all others', () => {
    expect(() => {
      (DEFAULT_ESCALATION_POLICY.reminders.workingDaysBefore as number[]).push(14);
    }).toThrow(TypeError);
    expect(() => {
      (DEFAULT_ESCALATION_POLICY.trafficLight as { redBehind: number }).redBehind = 50;
    }).toThrow(TypeError);
  });

  it('merges a plan override over the defaults', () => {
    const p = resolvePolicy({ trafficLight: { redBehind: 40 }, reminders: { workingDaysBefore: [5, 0] } });
    expect(p.trafficLight).toEqual({ yellowBehind: 10, redBehind: 40, blueAhead: 10 });
    expect(p.reminders).toEqual({ workingDaysBefore: [5, 0], audience: ['lead', 'support'], sendAt: '09:00' });
    expect(p.ladder).toEqual(DEFAULT_ESCALATION_POLICY.ladder);
  });

  it.each([
    [{ reminders: { workingDaysBefore: [3, 3] } }, /reminders.workingDaysBefore: has duplicates/],
    [{ reminders: { workingDaysBefore: [-1] } }, /reminders.workingDaysBefore/],
    [{ reminders: { audience: ['mayor'] } }, /unknown audience "mayor"/],
    [{ reminders: { sendAt: '9am' } }, /reminders.sendAt/],
    [{ trafficLight: { yellowBehind: 40 } }, /trafficLight.yellowBehind: 40 is above redBehind 30/],
    [{ trafficLight: { blueAhead: 0 } }, /trafficLight.blueAhead/],
    [{ quietHours: { start: '22:00', end: '22:00' } }, /quietHours: start equals end/],
  ])('rejects %j naming the field', (override, message) => {
    expect(() => resolvePolicy(override as never)).toThrow(EscalationPolicyError);
    expect(() => resolvePolicy(override as never)).toThrow(message);
  });

  it('rejects a ladder that is not strictly increasing', () => {
    const [a, b] = DEFAULT_ESCALATION_POLICY.ladder.rules;
    expect(() => resolvePolicy({ ladder: { rules: [b!, a!] } })).toThrow(/ladder.rules\[1\].workingDaysAfter/);
  });
});

describe('step keys', () => {
  it('are deterministic in (task, rule, step, deadline version) and round-trip', () => {
    const key = stepKey({ taskId: 'a1b2', rule: 'ladder', step: '+5', deadlineVersion: 3 });
    expect(key).toBe('a1b2|ladder|+5|v3');
    expect(parseStepKey(key)).toEqual({ taskId: 'a1b2', rule: 'ladder', step: '+5', deadlineVersion: 3 });
    expect(stepKey({ taskId: 'a1b2', rule: 'ladder', step: '+5', deadlineVersion: 4 })).not.toBe(key);
    expect(manualUrgeKey('a1b2', 3, 'req-9')).toBe('a1b2|manual|urge-req-9|v3');
  });

  it('reject ambiguous parts', () => {
    expect(() => stepKey({ taskId: 'a|b', rule: 'reminder', step: 'T-1', deadlineVersion: 1 })).toThrow(/taskId/);
    expect(() => stepKey({ taskId: 'a', rule: 'reminder', step: 'T-1', deadlineVersion: 0 })).toThrow(/deadlineVersion/);
    expect(() => parseStepKey('nonsense')).toThrow(/not a step key/);
  });
});
