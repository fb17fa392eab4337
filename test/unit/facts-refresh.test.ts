import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checksSlot,
  emptyFacts,
  factsConfig,
  gapKeys,
  homeSurface,
  INCOMPLETE_RETRY_HOURS,
  type LinkFact,
  parseRegistry,
  refreshReason,
  resumeGaps,
} from '../../packages/core/src/index.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const link = (text: string): LinkFact => ({ text, href: 'https://x.gov.vn/', ariaLabel: null, title: null });

/** The first hour at or after `from` that is (or is not) the agency's slot among `every` hours. */
const hourWhere = (id: string, every: number, from: number, isSlot: boolean): number => {
  for (let t = from; ; t += H) if ((Math.floor(t / H) % every === checksSlot(id, every)) === isSlot) return t;
};

describe('when the check catalogue runs again (core/facts-refresh)', () => {
  const config = factsConfig({ home: 'https://a.gov.vn/', accessibility: true });
  const surface = ['feedback', 'login', 'search'];
  const now = (at: number, o: Partial<Parameters<typeof refreshReason>[1]> = {}) => ({
    agencyId: 'tinh-a',
    at: iso(at),
    surface,
    config,
    everyHours: 6,
    ...o,
  });

  it('runs first, when forced, after a config change and when the home page surface changed', () => {
    const stored = { at: iso(T0), surface, config };
    const off = hourWhere('tinh-a', 6, T0 + H, false);
    expect(refreshReason(null, now(off))).toBe('first');
    expect(refreshReason(stored, now(off, { force: true }))).toBe('forced');
    expect(refreshReason(stored, now(off, { config: factsConfig({ home: 'https://a.gov.vn/', accessibility: false }) }))).toBe(
      'config',
    );
    expect(refreshReason(stored, now(off, { surface: ['login', 'search'] }))).toBe('surface');
    // An unread surface (the probe could not read links) is no evidence of change.
    expect(refreshReason(stored, now(off, { surface: null }))).toBeNull();
  });

  it('reuses stored facts off the slot, runs at the slot hour, and when overdue or from a later round', () => {
    const slotHour = hourWhere('tinh-a', 6, T0 + H, true);
    const offHour = hourWhere('tinh-a', 6, T0 + H, false);
    const stored = (at: number) => ({ at: iso(at), surface, config });
    expect(refreshReason(stored(offHour - H), now(offHour))).toBeNull();
    expect(refreshReason(stored(slotHour - H), now(slotHour))).toBe('schedule');
    // Gathered this very hour (a manual round, then the scheduled one): not again.
    expect(refreshReason(stored(slotHour), now(slotHour + 60_000))).toBeNull();
    expect(refreshReason(stored(offHour - 6 * H), now(offHour))).toBe('overdue');
    expect(refreshReason(stored(offHour + H), now(offHour))).toBe('overdue');
  });

  it('runs again three hours on when some facts could not be gathered (their checks are unknown), not every hour', () => {
    const offHour = hourWhere('tinh-a', 6, T0 + 4 * H, false);
    const facts = { ...emptyFacts(), gaps: { search: 'bước "search" không hoàn tất (timeout)' } };
    // offHour is not the agency's slot: one and two hours after an incomplete run, the stored facts stand.
    for (const ago of [1, 2])
      expect(refreshReason({ at: iso(offHour - ago * H), surface, config, facts }, now(offHour))).toBeNull();
    expect(refreshReason({ at: iso(offHour - INCOMPLETE_RETRY_HOURS * H), surface, config, facts }, now(offHour))).toBe(
      'incomplete',
    );
    expect(refreshReason({ at: iso(offHour - 3 * H), surface, config, facts: emptyFacts() }, now(offHour))).toBeNull();
    // Checked every hour, the retry comes within the hour of everyHours.
    expect(refreshReason({ at: iso(offHour - H), surface, config, facts }, now(offHour, { everyHours: 1 }))).toBe('overdue');
  });

  it('runs each agency exactly once in any six consecutive hourly rounds in steady state', () => {
    for (const id of ['tinh-a', 'bo-tai-chinh', 'ha-noi', 'quoc-gia']) {
      let stored: { at: string; surface: string[]; config: string } | null = { at: iso(T0 - H), surface, config };
      const runs: number[] = [];
      for (let h = 0; h < 24; h++) {
        const at = T0 + h * H;
        const reason = refreshReason(stored, now(at, { agencyId: id }));
        if (reason) {
          runs.push(h);
          stored = { at: iso(at), surface, config };
        }
      }
      const gaps = runs.slice(1).map((h, i) => h - runs[i]!);
      expect(
        gaps.every((g) => g === 6),
        `${id}: ${runs}`,
      ).toBe(true);
      expect(runs.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('spreads the 52 agencies of the Vietnam registry over the six hours', () => {
    const registry = parseRegistry(readFileSync('registry/vietnam.yaml', 'utf8'), 'registry/vietnam.yaml');
    const perSlot = new Array(6).fill(0) as number[];
    for (const a of registry.agencies) perSlot[checksSlot(a.id, 6)]!++;
    // Even would be 8.7 per hour; a round never carries more than twice that.
    expect(Math.min(...perSlot)).toBeGreaterThan(0);
    expect(Math.max(...perSlot)).toBeLessThanOrEqual(18);
  });

  it('reads the functions a home page offers from its links, folded and sorted', () => {
    expect(homeSurface([link('Tra cuu ho so'), link('Phản ánh, kiến nghị'), link('Đăng nhập'), link('Tin tức')])).toEqual([
      'dossierLookup',
      'feedback',
      'login',
    ]);
    expect(homeSurface([])).toEqual([]);
  });

  it('counts the next retry from the last one, the schedule still from the whole catalogue', () => {
    const offHour = hourWhere('tinh-a', 6, T0 + 4 * H, false);
    const facts = { ...emptyFacts(), gaps: { search: 'hết thời gian' } };
    const gathered = iso(offHour - 4 * H);
    expect(refreshReason({ at: gathered, surface, config, facts }, now(offHour))).toBe('incomplete');
    // Retried an hour ago: not again before three hours have passed since.
    expect(refreshReason({ at: gathered, retriedAt: iso(offHour - H), surface, config, facts }, now(offHour))).toBeNull();
    expect(refreshReason({ at: gathered, retriedAt: iso(offHour - 3 * H), surface, config, facts }, now(offHour))).toBe(
      'incomplete',
    );
    // A retry does not postpone the whole catalogue.
    expect(refreshReason({ at: iso(offHour - 6 * H), retriedAt: iso(offHour - H), surface, config, facts }, now(offHour))).toBe(
      'overdue',
    );
  });

  it('fills the gaps a retry gathered and keeps every other fact as the catalogue gathered it', () => {
    const at = iso(T0);
    const stored = {
      agencyId: 'tinh-a',
      at,
      surface,
      config,
      facts: {
        ...emptyFacts(),
        homeText: 'Cổng dịch vụ công',
        gaps: { search: 'hết thời gian trước bước "search"', login: 'bước "login-vneid" không hoàn tất (timeout)' },
      },
    };
    const fresh = {
      ...emptyFacts(),
      // read again by the retry's home visit: not taken, the catalogue's stands
      homeText: 'khác',
      login: { url: 'https://a.gov.vn/dang-nhap', text: 'VNeID', links: [] },
      gaps: { search: 'bước "search" không hoàn tất (HTTP 503)' },
    };
    const kept = resumeGaps(stored, fresh, iso(T0 + 3 * H));
    expect(kept.at).toBe(at);
    expect(kept.retriedAt).toBe(iso(T0 + 3 * H));
    expect(kept.facts.homeText).toBe('Cổng dịch vụ công');
    expect(kept.facts.login).toEqual(fresh.login);
    expect(kept.facts.gaps).toEqual({ search: 'bước "search" không hoàn tất (HTTP 503)' });
    expect(gapKeys(kept.facts)).toEqual(['search']);
    // every gap filled: no gaps left at all
    const full = resumeGaps(
      stored,
      { ...fresh, search: { inputFound: true, resultCount: 3 } as never, gaps: {} },
      iso(T0 + 3 * H),
    );
    expect(full.facts.gaps).toBeUndefined();
  });
});
