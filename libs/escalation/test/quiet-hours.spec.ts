import { describe, expect, it } from '@jest/globals';
import { resolvePolicy } from '../src/escalation-policy.js';
import { deliverAt, digestKey } from '../src/quiet-hours.js';
import { sh } from './cn-calendar.fixture.js';

describe('deliverAt (quiet hours 22:00–07:00 Shanghai)', () => {
  it.each([
    ['2024-10-08 21:59', '2024-10-08 21:59'],
    ['2024-10-08 22:00', '2024-10-09 07:00'],
    ['2024-10-08 23:45', '2024-10-09 07:00'],
    ['2024-10-09 00:00', '2024-10-09 07:00'],
    ['2024-10-09 06:59', '2024-10-09 07:00'],
    ['2024-10-09 07:00', '2024-10-09 07:00'],
    ['2024-10-09 12:00', '2024-10-09 12:00'],
  ])('a non-critical message at %s goes out at %s', (at, expected) => {
    expect(deliverAt(sh(at), { critical: false })).toEqual(sh(expected));
  });

  it('holds a message to 21:59:59 no longer than needed', () => {
    const t = new Date(sh('2024-10-08 21:59').getTime() + 59_999);
    expect(deliverAt(t, { critical: false })).toEqual(t);
  });

  it('lets critical messages through at night', () => {
    expect(deliverAt(sh('2024-10-08 23:00'), { critical: true })).toEqual(sh('2024-10-08 23:00'));
  });

  it('follows the plan policy: other hours, or none', () => {
    const lunch = resolvePolicy({ quietHours: { start: '12:00', end: '14:00' } });
    expect(deliverAt(sh('2024-10-08 12:30'), { critical: false }, lunch)).toEqual(sh('2024-10-08 14:00'));
    expect(deliverAt(sh('2024-10-08 23:00'), { critical: false }, lunch)).toEqual(sh('2024-10-08 23:00'));
    const none = resolvePolicy({ quietHours: null });
    expect(deliverAt(sh('2024-10-08 23:00'), { critical: false }, none)).toEqual(sh('2024-10-08 23:00'));
  });
});

describe('digestKey', () => {
  it('groups by recipient and Shanghai day', () => {
    expect(digestKey('user-7', sh('2024-10-08 23:59'))).toBe('user-7|2024-10-08');
    expect(digestKey('user-7', sh('2024-10-09 00:00'))).toBe('user-7|2024-10-09');
    expect(digestKey('user-7', sh('2024-10-09 07:00'))).toBe(digestKey('user-7', sh('2024-10-09 18:00')));
  });

  it('puts a message held overnight into the next morning digest', () => {
    expect(digestKey('user-7', deliverAt(sh('2024-10-08 22:30'), { critical: false }))).toBe('user-7|2024-10-09');
  });

  it('rejects an empty recipient', () => {
    expect(() => digestKey('', sh('2024-10-08 10:00'))).toThrow(/recipient/);
  });
});
