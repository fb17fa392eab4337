import {
  type AlertState,
  advance,
  DEFAULT_ALERTS,
  initialState,
  type Result,
  type Status,
  type Transition,
  verdictOf,
} from '@dvcwatch/core';
import { describe, expect, it } from 'vitest';

const policy = { ...DEFAULT_ALERTS, confirmRounds: 2, recoverRounds: 2, remindEveryHours: 24, escalateAfterHours: 72 };
const hour = (h: number) => new Date(Date.UTC(2026, 2, 2, h)).toISOString();
const result = (h: number, status: Status, maintenance = false): Result => ({
  agencyId: 'x',
  at: hour(h),
  status,
  reason: null,
  pages: { home: null, form: null },
  breaches: status === 'down' ? ['home.available'] : status === 'degraded' ? ['home.lcpMs'] : [],
  breachDetails: [],
  checks: [],
  groups: [],
  score: null,
  grade: null,
  profile: 'test',
  maintenance,
  probeMs: 0,
});

/** Plays statuses hour by hour; returns the transitions as `hour:kind`. */
function play(statuses: (Status | [Status, 'maintenance'])[], p = policy): string[] {
  let state: AlertState = initialState('x');
  const out: string[] = [];
  statuses.forEach((s, h) => {
    const [status, m] = Array.isArray(s) ? s : [s, null];
    let t: Transition | null;
    [state, t] = advance(state, result(h, status, m === 'maintenance'), p);
    if (t) out.push(`${h}:${t.step}`);
  });
  return out;
}

describe('alert policy', () => {
  it('never alerts on one observation', () => {
    expect(play(['up', 'down', 'up', 'up'])).toEqual([]);
  });

  it('opens after confirmRounds and resolves after recoverRounds, with the outage length', () => {
    expect(play(['up', 'down', 'down', 'down', 'up', 'up', 'up'])).toEqual(['2:open', '5:resolve']);
    let state = initialState('x');
    let last: Transition | null = null;
    for (const [h, s] of (['down', 'down', 'up', 'up'] as const).entries()) {
      [state, last] = advance(state, result(h, s), policy);
    }
    expect(last?.incident.since).toBe(hour(0));
    expect(last?.incident.recoveredAt).toBe(hour(2));
  });

  it('does not resolve on a single clean round', () => {
    expect(play(['down', 'down', 'up', 'down', 'up', 'up'])).toEqual(['1:open', '5:resolve']);
  });

  it('reminds every remindEveryHours and escalates once after escalateAfterHours', () => {
    const long = Array<Status>(80).fill('degraded');
    expect(play(long)).toEqual(['1:open', '25:remind-1', '49:remind-2', '73:escalate']);
  });

  it('ignores flapping every other round', () => {
    expect(play(Array.from({ length: 48 }, (_, h) => (h % 2 ? 'up' : 'down')))).toEqual([]);
  });

  it('treats blocked, consolidated and monitor errors as neutral', () => {
    expect(play(['blocked', 'blocked', 'consolidated', 'consolidated', 'error', 'error'])).toEqual([]);
    // Neutral rounds do not break a confirmed streak either way.
    expect(play(['down', 'error', 'down', 'up', 'blocked', 'up'])).toEqual(['2:open', '5:resolve']);
  });

  it('sends nothing during maintenance', () => {
    expect(play([['down', 'maintenance'], ['down', 'maintenance'], ['down', 'maintenance'], 'up'])).toEqual([]);
  });

  it('ignores a round it has already applied (retries, overlapping replays)', () => {
    let state = initialState('x');
    [state] = advance(state, result(0, 'down'), policy);
    const [again, t] = advance(state, result(0, 'down'), policy);
    expect(t).toBeNull();
    expect(again).toBe(state);
    const [, older] = advance(state, result(-1, 'down'), policy);
    expect(older).toBeNull();
  });

  it('classifies round verdicts', () => {
    expect(verdictOf({ status: 'degraded', maintenance: false })).toBe('breached');
    expect(verdictOf({ status: 'degraded', maintenance: true })).toBe('neutral');
    expect(verdictOf({ status: 'up', maintenance: false })).toBe('clean');
  });
});
