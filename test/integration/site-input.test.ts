import { CHECKS, type DailyAggregate, vnDay } from '@dvcwatch/core';
import { collectSiteInput } from '@dvcwatch/runner';
import { buildSite, type SiteInput } from '@dvcwatch/site';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upResult } from './handlers/results.js';
import { testRegistry } from './helpers/registry.js';
import { startWorld, type World } from './helpers/world.js';

/**
 * The publisher keeps only what the site reads of 48 h of raw results and of daily aggregates (its memory bound at
 * 1,000 agencies): the site built from that is byte for byte the site built from the full records.
 */
let world: World;
const registry = testRegistry(['a', 'b', 'c'].map((id) => ({ id, home: `http://127.0.0.1:9/${id}/` })));
const HOUR = 3_600_000;
const end = Date.parse('2026-05-10T05:00:00.000Z');
const generatedAt = new Date(end).toISOString();

beforeAll(async () => {
  world = await startWorld({ dbDir: null });
  const failing = CHECKS[0]?.id ?? '';
  // Four days of hourly rounds; agency b fails a check for the last 30 hours, c has a replayed first day.
  for (let h = 96; h >= 0; h--) {
    const at = new Date(end - h * HOUR).toISOString();
    for (const id of ['a', 'b', 'c']) {
      const r = upResult(id, at, 1_000 + ((h * 37) % 900), 70 + (h % 25), id === 'b' && h < 30 ? [failing] : []);
      const stored = id === 'c' && h > 72 ? { ...r, replay: { recordedAt: generatedAt, scenario: 'default', events: [] } } : r;
      await world.store.putResult(stored);
      await world.store.addToDay(stored);
    }
  }
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('collectSiteInput', () => {
  it('builds the same site as the full records, from reduced ones', async () => {
    const o = { generatedAt, probeLocation: '127.0.0.1', profile: 'desktop' };
    const reduced = await collectSiteInput(world.store, registry, o);
    const since = new Date(end - 48 * HOUR).toISOString();
    const fromDay = vnDay(new Date(end - 90 * 86_400_000).toISOString());
    const full: SiteInput = {
      ...o,
      registry,
      latest: (await Promise.all(['a', 'b', 'c'].map((id) => world.store.latestResult(id)))).flatMap((r) => (r ? [r] : [])),
      recent: (await Promise.all(['a', 'b', 'c'].map((id) => world.store.results(id, since, generatedAt)))).flat(),
      daily: (await Promise.all(['a', 'b', 'c'].map((id) => world.store.days(id, fromDay, vnDay(generatedAt))))).flat(),
      incidents: [],
    };
    // Reduced indeed: no evidence text in recent results, round times only on the replayed days.
    expect(reduced.recent).toHaveLength(3 * 49);
    expect(JSON.stringify(reduced.recent)).not.toContain('tổng hợp');
    expect(reduced.daily.filter((d: DailyAggregate) => d.ats.length > 0).every((d) => (d.replayed ?? 0) > 0)).toBe(true);
    expect(reduced.daily.some((d) => d.ats.length > 0)).toBe(true);

    const a = buildSite(reduced);
    const b = buildSite(full);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, text] of b) expect(a.get(path), path).toBe(text);
  });
});
