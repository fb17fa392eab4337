import { describe, expect, it } from 'vitest';
import {
  addLabRun,
  DEFAULT_PROBE,
  LAB_THRESHOLDS,
  type LabDay,
  type LabMetrics,
  type LabRun,
  labCauses,
  labDue,
  labHours,
  labRisks,
  labSummary,
  labVerdict,
  medianMetrics,
} from '../../packages/core/src/index.js';

const settings = {
  formFactor: 'mobile',
  throttlingMethod: 'simulate',
  rttMs: 150,
  throughputKbps: 1638.4,
  cpuSlowdownMultiplier: 4,
  screen: { width: 412, height: 823, deviceScaleFactor: 1.75 },
};
const m = (lcpMs: number, over: Partial<LabMetrics> = {}): LabMetrics => ({
  fcpMs: 1_000,
  lcpMs,
  speedIndexMs: 2_000,
  tbtMs: 100,
  cls: 0.01,
  score: 90,
  ...over,
});
const run = (page: 'home' | 'form', at: string, metrics: LabMetrics | null, error: string | null = null): LabRun => ({
  page,
  url: `https://x.gov.vn/${page}`,
  at,
  tool: 'lighthouse',
  version: '12.8.2',
  benchmarkIndex: 1_200,
  settings,
  metrics,
  error,
  durationMs: 12_000,
});
const day = (d: string, runs: LabRun[]): LabDay => ({ agencyId: 'a', day: d, runs });

describe('ministry profile: medians, verdicts, risk', () => {
  it('takes the per-metric median of the day and counts runs; a failed page is null with its reason', () => {
    // prepare: three home runs (LCP 3.0, 5.0, 4.2 s), one failed form run; a duplicate run is not added twice
    let d: LabDay | null = null;
    for (const r of [
      run('home', '2026-03-02T01:10:00Z', m(3_000)),
      run('home', '2026-03-02T04:10:00Z', m(5_000)),
      run('home', '2026-03-02T04:10:00Z', m(5_000)),
      run('home', '2026-03-02T07:10:00Z', m(4_200, { cls: 0.1234 })),
      run('form', '2026-03-02T07:11:00Z', null, 'ERRORED_DOCUMENT_REQUEST'),
    ])
      d = addLabRun(d, { agencyId: 'a', day: '2026-03-02' }, r);
    // act
    const s = labSummary(d);
    // assess
    expect(s).toMatchObject({ tool: 'lighthouse', version: '12.8.2', formFactor: 'mobile', runs: 3, at: '2026-03-02T07:11:00Z' });
    expect(s?.home).toEqual({ fcpMs: 1_000, lcpMs: 4_200, speedIndexMs: 2_000, tbtMs: 100, cls: 0.01, score: 90 });
    expect(s?.form).toBeNull();
    expect(s?.errors).toEqual({ home: null, form: 'ERRORED_DOCUMENT_REQUEST' });
    expect(medianMetrics([run('home', 'x', m(1_000)), run('home', 'y', m(2_000))])?.lcpMs).toBe(1_500);
  });

  it('judges each criterion strictly under the ministry threshold', () => {
    expect(LAB_THRESHOLDS).toEqual({ fcpMs: 3_000, lcpMs: 4_000, speedIndexMs: 5_800, tbtMs: 600 });
    expect(labVerdict(m(3_999, { tbtMs: 600, speedIndexMs: null }))).toEqual({
      fcpMs: 'pass',
      lcpMs: 'pass',
      speedIndexMs: 'unknown',
      tbtMs: 'fail',
    });
    expect(labVerdict(null).lcpMs).toBe('unknown');
  });

  it('flags a criterion at risk when its daily median fails on 3 of the last 7 days, not 2, not older days', () => {
    const fail = (d: string) => day(d, [run('home', `${d}T02:00:00Z`, m(4_500))]);
    const pass = (d: string) => day(d, [run('home', `${d}T02:00:00Z`, m(3_500))]);
    const two = [fail('2026-03-01'), fail('2026-03-03'), pass('2026-03-05'), fail('2026-02-20')];
    expect(labRisks(two, '2026-03-07')).toEqual([]);
    const three = [...two, fail('2026-03-07')];
    expect(labRisks(three, '2026-03-07')).toEqual([{ page: 'home', metric: 'lcpMs', failDays: 3, days: 4 }]);
  });
});

describe('ministry profile: schedule', () => {
  it('runs 3 times a day by default, one in each third of office hours (08:00–17:00 Vietnam), staggered by agency', () => {
    expect(DEFAULT_PROBE.labRunsPerDay).toBe(3);
    const ids = Array.from({ length: 60 }, (_, i) => `agency-${i}`);
    for (const id of ids) {
      const h = labHours(id, 3);
      expect(h).toHaveLength(3);
      expect(h[0]).toBeGreaterThanOrEqual(8);
      expect(h[0]).toBeLessThan(11);
      expect(h.map((x) => x - (h[0] ?? 0))).toEqual([0, 3, 6]);
    }
    // Staggered: every hour of the first part carries some agencies, none carries them all.
    const firsts = new Set(ids.map((id) => labHours(id, 3)[0]));
    expect([...firsts].sort()).toEqual([10, 8, 9].sort());
    expect(labHours('x', 0)).toEqual([]);
    expect(labHours('x', 9)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('is due on the agency’s Vietnamese hours only (rounds a few minutes early still count)', () => {
    const [first] = labHours('ha-tinh', 3);
    const utc = (vnHour: number, min = 0) => new Date(Date.UTC(2026, 2, 2, vnHour - 7, min)).toISOString();
    expect(labDue('ha-tinh', utc(first ?? 0), 3)).toBe(true);
    expect(labDue('ha-tinh', utc((first ?? 0) - 1, 57), 3)).toBe(true);
    expect(labDue('ha-tinh', utc((first ?? 0) + 1), 3)).toBe(false);
    expect(labDue('ha-tinh', utc(20), 3)).toBe(false);
  });
});

describe("ministry profile: Lighthouse's diagnostics in plain Vietnamese", () => {
  it('orders by time saved, words each kind with vi-VN numbers, and drops kinds it does not know', () => {
    const texts = labCauses([
      { id: 'unused-javascript', savingsMs: 450, savingsBytes: 812_000, value: null, url: 'https://x.gov.vn/js/vendor.js?v=3' },
      { id: 'server-response-time', savingsMs: null, savingsBytes: null, value: 2_340, url: null },
      {
        id: 'uses-optimized-images',
        savingsMs: 1_200,
        savingsBytes: 3_100_000,
        value: null,
        url: 'https://x.gov.vn/img/banner.jpg',
      },
      { id: 'bootup-time', savingsMs: 9_000, savingsBytes: null, value: null, url: null },
    ]);
    expect(texts).toEqual([
      'Máy chủ phản hồi tài liệu chính mất 2,3 s',
      'Ảnh chưa tối ưu, có thể nhanh hơn 1,2 s: /img/banner.jpg',
      'JavaScript không dùng đến, có thể nhanh hơn 0,5 s: /js/vendor.js?v=3',
    ]);
  });
});
