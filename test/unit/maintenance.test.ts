import { describe, expect, it } from 'vitest';
import { inMaintenance } from '../../packages/core/src/maintenance.js';

// Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving): 22:00 there is 15:00Z.
// 2026-03-01 is a Sunday (weekday 0) in Vietnam from 2026-02-28T17:00Z to 2026-03-01T17:00Z.
describe('inMaintenance', () => {
  it('is false with no windows', () => {
    expect(inMaintenance([], '2026-03-01T03:00:00Z')).toBe(false);
  });

  it('covers a one-off window [from, to)', () => {
    const w = [{ from: '2026-03-02T01:00:00+07:00', to: '2026-03-02T03:00:00+07:00' }];
    expect(inMaintenance(w, '2026-03-01T17:59:59Z')).toBe(false);
    expect(inMaintenance(w, '2026-03-01T18:00:00Z')).toBe(true);
    expect(inMaintenance(w, '2026-03-01T19:59:59Z')).toBe(true);
    expect(inMaintenance(w, '2026-03-01T20:00:00Z')).toBe(false);
  });

  it('covers a weekly window within one Vietnamese day, on the listed days only', () => {
    // Saturdays 08:00–12:00 in Vietnam = 01:00–05:00Z.
    const w = [{ weekly: [6], start: '08:00', end: '12:00' }];
    expect(inMaintenance(w, '2026-02-28T00:59:00Z')).toBe(false);
    expect(inMaintenance(w, '2026-02-28T01:00:00Z')).toBe(true);
    expect(inMaintenance(w, '2026-02-28T04:59:00Z')).toBe(true);
    expect(inMaintenance(w, '2026-02-28T05:00:00Z')).toBe(false);
    // The same hours on Sunday are not in it.
    expect(inMaintenance(w, '2026-03-01T02:00:00Z')).toBe(false);
  });

  it('judges the weekday in Vietnam, not in UTC', () => {
    // Monday 06:00 in Vietnam is still Sunday 23:00Z: a Monday window applies, a Sunday one does not.
    const at = '2026-03-01T23:00:00Z';
    expect(inMaintenance([{ weekly: [1], start: '05:00', end: '07:00' }], at)).toBe(true);
    expect(inMaintenance([{ weekly: [0], start: '05:00', end: '07:00' }], at)).toBe(false);
  });

  describe('a weekly window crossing midnight in Asia/Ho_Chi_Minh (Sunday 22:00 → Monday 02:00)', () => {
    const w = [{ weekly: [0], start: '22:00', end: '02:00' }];
    it.each([
      ['Sunday 21:59', '2026-03-01T14:59:00Z', false],
      ['Sunday 22:00', '2026-03-01T15:00:00Z', true],
      ['Sunday 23:59', '2026-03-01T16:59:00Z', true],
      ['Monday 00:00', '2026-03-01T17:00:00Z', true],
      ['Monday 01:59', '2026-03-01T18:59:00Z', true],
      ['Monday 02:00', '2026-03-01T19:00:00Z', false],
      // The part after midnight belongs to the day the window started: not Sunday 00:00–02:00.
      ['Sunday 01:00', '2026-02-28T18:00:00Z', false],
      ['Saturday 23:00', '2026-02-28T16:00:00Z', false],
      ['Monday 22:30', '2026-03-02T15:30:00Z', false],
    ])('%s → %s', (_label, at, expected) => {
      expect(inMaintenance(w, at)).toBe(expected);
    });
  });

  it('wraps Saturday night into Sunday morning (weekday 6 → 0)', () => {
    const w = [{ weekly: [6], start: '23:00', end: '01:30' }];
    expect(inMaintenance(w, '2026-02-28T16:30:00Z')).toBe(true); // Saturday 23:30
    expect(inMaintenance(w, '2026-02-28T18:00:00Z')).toBe(true); // Sunday 01:00
    expect(inMaintenance(w, '2026-02-28T18:30:00Z')).toBe(false); // Sunday 01:30
  });

  it('is in maintenance when any of several windows covers the time', () => {
    const w = [
      { weekly: [3], start: '12:00', end: '13:00' },
      { from: '2026-03-01T00:00:00Z', to: '2026-03-01T01:00:00Z' },
    ];
    expect(inMaintenance(w, '2026-03-01T00:30:00Z')).toBe(true);
    expect(inMaintenance(w, '2026-03-04T05:30:00Z')).toBe(true); // Wednesday 12:30
    expect(inMaintenance(w, '2026-03-04T06:00:00Z')).toBe(false);
  });
});
