import { describe, expect, it } from '@jest/globals';
import { resolvePolicy } from '../src/escalation-policy.js';
import { type TrafficLightInput, assessTrafficLight, trafficLight } from '../src/traffic-light.js';
import { calendar, sh } from './cn-calendar.fixture.js';

// Mon 2024-03-04 .. Fri 2024-03-15: 10 working days. On Fri 03-08, 4 have elapsed: 序时进度 40%.
const march = (reportedPercent: number | undefined, over: Partial<TrafficLightInput> = {}): TrafficLightInput => ({
  now: sh('2024-03-08 10:00'),
  assignedAt: sh('2024-03-04 09:00'),
  dueDate: '2024-03-15',
  reportedPercent,
  status: 'in_progress',
  ...over,
});

describe('trafficLight', () => {
  it('computes 序时进度 from elapsed working days, today not yet counted', () => {
    expect(assessTrafficLight(march(40), calendar)).toMatchObject({
      expectedPercent: 40,
      elapsedWorkingDays: 4,
      totalWorkingDays: 10,
      pointsBehind: 0,
      overdue: false,
      colour: 'green',
    });
    expect(assessTrafficLight(march(0, { now: sh('2024-03-04 17:00') }), calendar)).toMatchObject({
      expectedPercent: 0,
      colour: 'green',
    });
  });

  it.each([
    [49, 'green'], // 9 ahead
    [50, 'blue'], // 10 ahead
    [31, 'green'], // 9 behind
    [30, 'yellow'], // 10 behind
    [10, 'yellow'], // 30 behind
    [9, 'red'], // 31 behind
    [undefined, 'red'], // nothing reported: 40 behind
  ])('reported %p%% against 40%% expected is %s', (reported, colour) => {
    expect(trafficLight(march(reported), calendar)).toBe(colour);
  });

  it('counts National Day holidays and make-up days in the schedule', () => {
    // Mon 09-23 .. Fri 10-18: 17 working days (incl. Sunday 09-29 and Saturday 10-12); by Wed 10-09, 8 elapsed
    const input: TrafficLightInput = {
      now: sh('2024-10-09 15:00'),
      assignedAt: '2024-09-23',
      dueDate: '2024-10-18',
      reportedPercent: 30,
      status: 'accepted',
    };
    const a = assessTrafficLight(input, calendar);
    expect(a.totalWorkingDays).toBe(17);
    expect(a.elapsedWorkingDays).toBe(8);
    expect(a.expectedPercent).toBeCloseTo((8 / 17) * 100, 10);
    expect(a.colour).toBe('yellow');
  });

  it('is red once overdue, whatever was reported', () => {
    expect(trafficLight(march(95, { now: sh('2024-03-16 00:00') }), calendar)).toBe('red');
    // on the due day 90% is expected (9 of 10 days elapsed), so 100% is still ahead
    expect(trafficLight(march(100, { now: sh('2024-03-15 23:59') }), calendar)).toBe('blue');
  });

  it('gives completed and cancelled tasks no colour', () => {
    expect(trafficLight(march(100, { status: 'completed' }), calendar)).toBeNull();
    expect(trafficLight(march(0, { status: 'cancelled', now: sh('2024-05-01 10:00') }), calendar)).toBeNull();
  });

  it('uses the plan policy thresholds', () => {
    const strict = resolvePolicy({ trafficLight: { yellowBehind: 5, redBehind: 15 } });
    expect(trafficLight(march(34), calendar, strict)).toBe('yellow');
    expect(trafficLight(march(24), calendar, strict)).toBe('red');
  });

  it('flags a schedule running into 2027 as provisional', () => {
    const a = assessTrafficLight(
      { now: sh('2026-12-30 10:00'), assignedAt: '2026-12-01', dueDate: '2027-01-29', reportedPercent: 50, status: 'in_progress' },
      calendar,
    );
    expect(a.provisional).toBe(true);
  });

  it('rejects impossible progress values', () => {
    expect(() => trafficLight(march(120), calendar)).toThrow(/reportedPercent must be between 0 and 100, got 120/);
  });
});
