import { describe, expect, it } from 'vitest';
import { drawFate, PAGE_TIMES } from '../../bench/page-fate.js';

const PATHS = ['/', '/nop-ho-so/1.000001', '/thu-tuc/1.000001', '/dang-nhap', '/tim-kiem', '/chi-so-766'];

describe('bench:cost page fates (bench/page-fate.ts)', () => {
  const draws = Array.from({ length: 40 }, (_, a) => `cham-${a}`).flatMap((agency) =>
    PATHS.flatMap((path) =>
      Array.from({ length: 10 }, (_, i) => ({ agency, path, n: i + 1, fate: drawFate('s', agency, path, i + 1) })),
    ),
  );
  const share = (kind: string) => draws.filter((d) => d.fate.kind === kind).length / draws.length;

  it('draws the stated distribution: 6 % timeouts, 4 % 503s, 90 % pages in 3–10 s with mean 6.5 s', () => {
    expect(draws.length).toBe(2_400);
    expect(share('timeout')).toBeGreaterThan(0.045);
    expect(share('timeout')).toBeLessThan(0.075);
    expect(share('fail')).toBeGreaterThan(0.028);
    expect(share('fail')).toBeLessThan(0.052);
    const pages = draws.filter((d) => d.fate.kind === 'page').map((d) => d.fate.afterMs);
    expect(Math.min(...pages)).toBeGreaterThanOrEqual(PAGE_TIMES.minMs);
    expect(Math.max(...pages)).toBeLessThan(PAGE_TIMES.maxMs);
    const mean = pages.reduce((s, v) => s + v, 0) / pages.length;
    expect(Math.abs(mean - 6_500)).toBeLessThan(250);
  });

  it('draws each request of one page anew: repeated loads of one path do not share one fate', () => {
    // The earlier hash (FNV-1a, no final mix) gave the n-th request of a path nearly the number of the first:
    // a page that answered once answered always, and the run priced almost no timeouts or failures.
    let pathsWithMixedFates = 0;
    let closeDelays = 0;
    for (const agency of ['cham-01', 'cham-02', 'cham-03', 'cham-04'])
      for (const path of PATHS) {
        const fates = Array.from({ length: 30 }, (_, i) => drawFate('s', agency, path, i + 1));
        if (new Set(fates.map((f) => f.kind)).size > 1) pathsWithMixedFates += 1;
        for (let i = 1; i < fates.length; i++) if (Math.abs(fates[i]!.afterMs - fates[i - 1]!.afterMs) < 200) closeDelays += 1;
      }
    // With 10 % non-page fates, 30 draws of one path are all pages with probability 0.9^30 ≈ 4 %.
    expect(pathsWithMixedFates).toBeGreaterThanOrEqual(20);
    // Independent uniform delays over 7 s land within 200 ms of the previous one ≈ 5 % of the time.
    expect(closeDelays / (24 * 29)).toBeLessThan(0.12);
  });

  it('is repeatable and scales every time', () => {
    expect(drawFate('s', 'cham-01', '/', 3)).toEqual(drawFate('s', 'cham-01', '/', 3));
    const f = drawFate('s', 'cham-01', '/', 3, 0.5);
    expect(f.afterMs).toBeCloseTo(drawFate('s', 'cham-01', '/', 3).afterMs * 0.5);
  });
});
