import {
  advanceHealth,
  answered,
  assessOutage,
  asVantageOutage,
  DEFAULT_OUTAGE,
  failedAtNetwork,
  initialHealth,
  type MonitorHealth,
  type Reason,
  type Result,
  type Status,
  verdictOf,
} from '@dvcwatch/core';
import { describe, expect, it } from 'vitest';
import { bareResult } from '../fixtures/results.js';

const AT = '2026-03-02T01:00:00.000Z';
const later = (h: number) => new Date(Date.parse(AT) + h * 3_600_000).toISOString();
const r = (agencyId: string, status: Status, reason: Reason | null = null, at = AT): Result =>
  bareResult(agencyId, at, status, reason);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
const healthy = (reachable: string[]): MonitorHealth => ({ ...initialHealth(), reachable, lastAt: later(-1), version: 1 });

describe('the monitor-side outage guard', () => {
  it('tells network-level failures from answers', () => {
    for (const reason of ['dns', 'refused', 'reset', 'timeout', 'network'] as const)
      expect(failedAtNetwork(r('a', 'down', reason))).toBe(true);
    for (const reason of ['http-5xx', 'tls', 'redirect-loop'] as const)
      expect(failedAtNetwork(r('a', 'down', reason))).toBe(false);
    expect(answered(r('a', 'blocked', 'http-403'))).toBe(true);
    expect(answered(r('a', 'consolidated', 'redirect-national'))).toBe(true);
    expect(answered(r('a', 'error', 'probe'))).toBe(false);
    expect(answered(r('a', 'down', 'timeout'))).toBe(false);
  });

  it('judges an outage when at least half of at least five agencies that answered before fail at the network level', () => {
    const h = healthy(ids(8));
    const four = ids(8).map((id, i) => (i < 4 ? r(id, 'down', 'timeout') : r(id, 'up')));
    const three = ids(8).map((id, i) => (i < 3 ? r(id, 'down', 'dns') : r(id, 'up')));
    expect(assessOutage(h, four, DEFAULT_OUTAGE)).toMatchObject({ outage: true, candidates: 8, failing: 4 });
    expect(assessOutage(h, three, DEFAULT_OUTAGE)).toMatchObject({ outage: false, failing: 3, affected: [] });
    // Four agencies are too few to tell the monitor's network from the agencies'.
    const small = healthy(ids(4));
    expect(
      assessOutage(
        small,
        ids(4).map((id) => r(id, 'down', 'reset')),
        DEFAULT_OUTAGE,
      ).outage,
    ).toBe(false);
    // HTTP answers (a 503 everywhere) are the portals' own, whatever their number.
    expect(
      assessOutage(
        h,
        ids(8).map((id) => r(id, 'down', 'http-5xx')),
        DEFAULT_OUTAGE,
      ).outage,
    ).toBe(false);
  });

  it('re-judges every network failure of an outage round, also of agencies that were already unreachable', () => {
    const h = healthy(ids(6));
    const round = [...ids(6).map((id) => r(id, 'down', 'timeout')), r('old-down', 'down', 'dns'), r('fine', 'up')];
    const a = assessOutage(h, round, DEFAULT_OUTAGE);
    expect(a.affected.sort()).toEqual([...ids(6), 'old-down'].sort());
    const judged = asVantageOutage(round[0]!);
    expect(judged).toMatchObject({ status: 'error', reason: 'vantage-outage', observed: { status: 'down', reason: 'timeout' } });
    expect(judged.breaches).toEqual([]);
    expect(verdictOf(judged)).toBe('neutral');
    expect(asVantageOutage(judged)).toBe(judged);
    // Re-judged rows still count as what the probe saw (a second finalizer of the round judges the same).
    expect(
      assessOutage(
        h,
        round.map((x) => (a.affected.includes(x.agencyId) ? asVantageOutage(x) : x)),
        DEFAULT_OUTAGE,
      ),
    ).toEqual(a);
  });

  it("counts what the round's own vantage saw when another vantage reached the portal (a cable cut abroad)", () => {
    const h = healthy(ids(6));
    const geo = (id: string): Result => ({
      ...r(id, 'blocked', 'geo'),
      breaches: [],
      breachDetails: [],
      vantages: [
        { id: 'sg', status: 'down', reason: 'timeout', at: AT },
        { id: 'vn', status: 'up', reason: null, at: AT },
      ],
      vantageVerdict: 'geo',
    });
    const round = ids(6).map(geo);
    const a = assessOutage(h, round, DEFAULT_OUTAGE);
    expect(a).toMatchObject({ outage: true, failing: 6 });
    expect(asVantageOutage(round[0]!)).toMatchObject({ status: 'error', observed: { status: 'down', reason: 'timeout' } });
    // One portal refusing foreign traffic, the others fine: no outage, and it never counted as reachable.
    expect(
      assessOutage(
        h,
        [
          geo('a0'),
          ...ids(6)
            .slice(1)
            .map((id) => r(id, 'up')),
        ],
        DEFAULT_OUTAGE,
      ).outage,
    ).toBe(false);
    expect(answered(geo('a0'))).toBe(false);
  });

  it('starts once, carries the reference through a long outage, and ends once', () => {
    const all = ids(8);
    const up = (at: string) => all.map((id) => r(id, 'up', null, at));
    const down = (at: string) => all.map((id) => r(id, 'down', 'timeout', at));
    let h = initialHealth();
    const events: string[] = [];
    for (const [i, round] of [up(AT), down(later(1)), down(later(2)), down(later(3)), up(later(4))].entries()) {
      const at = later(i);
      const a = assessOutage(h, round, DEFAULT_OUTAGE);
      const [next, event] = advanceHealth(h, a, round, at);
      if (event) events.push(`${event.kind}@${i}:${event.affected.length}`);
      h = next;
    }
    expect(events).toEqual(['start@1:8', 'end@4:8']);
    expect(h.outage).toBeNull();
    expect(h.reachable).toEqual(all);
    // A round at or before the last applied changes nothing.
    const [same, none] = advanceHealth(h, assessOutage(h, down(AT), DEFAULT_OUTAGE), down(AT), AT);
    expect(same).toBe(h);
    expect(none).toBeNull();
  });
});
