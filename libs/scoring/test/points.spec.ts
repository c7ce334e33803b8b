import { describe, expect, it } from '@jest/globals';
import { formatPoints, quotaCount, roundPoints, sumPoints, weekdayCounter } from '@duban/scoring';

describe('points, quotas and the reference working-day counter', () => {
  it('rounds half away from zero despite binary floating point', () => {
    expect(roundPoints(0.225)).toBe(0.23);
    expect(roundPoints(-0.225)).toBe(-0.23);
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(-0.004)).toBe(0);
    expect(Object.is(roundPoints(-0.004), -0)).toBe(false);
  });

  it('sums in hundredths so that many small lines add up exactly', () => {
    const lines = Array.from({ length: 10 }, () => 0.1);
    expect(lines.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(sumPoints(lines)).toBe(1);
    expect(formatPoints(-2.5)).toBe('2.5');
  });

  it('computes quotas without floating-point surprises', () => {
    expect(quotaCount(20, 0.15, 'floor')).toBe(3);
    expect(quotaCount(7, 0.15, 'floor')).toBe(1);
    expect(quotaCount(5, 0.1, 'floor')).toBe(0);
    expect(quotaCount(5, 0.1, 'round')).toBe(1);
    expect(quotaCount(11, 0.1, 'ceil')).toBe(2);
  });

  it('counts Monday to Friday in (from, to]', () => {
    expect(weekdayCounter('2024-06-14', '2024-06-17')).toBe(1); // Fri → Mon
    expect(weekdayCounter('2024-06-14', '2024-06-16')).toBe(0); // weekend only
    expect(weekdayCounter('2024-06-17', '2024-06-14')).toBe(0); // reversed
    expect(weekdayCounter('2024-12-31', '2025-01-07')).toBe(5);
  });
});
