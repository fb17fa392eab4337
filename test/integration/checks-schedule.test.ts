import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { checksSlot, emptyFacts, type RefreshReason, type Result } from '../../packages/core/src/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { measureAgency } from '../../packages/runner/src/index.js';
import { localProber } from '../fixtures/portals/prober.js';
import { VARIANTS } from '../fixtures/portals/variants.js';
import { testRegistry } from './helpers/registry.js';
import { startWorld, type World } from './helpers/world.js';

/**
 * The check catalogue on its schedule (core/facts-refresh.ts), in real Chromium against a fixture portal, with the
 * facts kept in dynalite: it runs in the first round, is reused off the agency's hour (checks judged again from the
 * stored facts, `checksAt` naming the round that gathered them), and runs again within the hour when the home page
 * loses a function or the registry's settings change.
 */
const H = 3_600_000;
const ID = 'tinh-lich';
const EVERY = 6;
/** Three consecutive hours, none of them the agency's slot, so only a change can make the catalogue run. */
const offSlotHours = (): [string, string, string, string] => {
  for (let t = Date.UTC(2026, 10, 2, 0); ; t += H) {
    const hs = [0, 1, 2, 3].map((i) => t + i * H);
    if (hs.every((h) => Math.floor(h / H) % EVERY !== checksSlot(ID, EVERY)))
      return hs.map((h) => new Date(h).toISOString()) as [string, string, string, string];
  }
};

let world: World;
let demo: DemoPortals;
let prober: Prober;
let port: number;

const startPortal = async (missing: string[]) => {
  demo = await startDemoPortals({ basePort: port, portals: [{ ...VARIANTS.tot, id: ID, missing } as typeof VARIANTS.tot] });
  return demo.portals[0]!;
};

beforeAll(async () => {
  world = await startWorld({ dbDir: null });
  const first = await startDemoPortals({ basePort: 0, portals: [{ ...VARIANTS.tot, id: ID }] });
  port = Number(new URL(first.portals[0]!.home).port);
  await first.close();
  await startPortal([]);
  prober = localProber([`http://127.0.0.1:${port}`]);
}, 60_000);

afterAll(async () => {
  await prober?.close();
  await demo?.close();
  await world?.close();
});

const round = async (at: string, accessibility = true): Promise<{ result: Result; reason: RefreshReason | null }> => {
  const portal = demo.portals[0]!;
  const registry = testRegistry([{ id: ID, home: portal.home, form: portal.form }], {
    probe: { confirmAttempts: 0, accessibility, checksEveryHours: EVERY },
  });
  let reason: RefreshReason | null | undefined;
  const result = await measureAgency(world.deps(registry), registry.agencies[0]!, at, {
    prober,
    registry,
    evidence: null,
    facts: true,
    factsStore: world.store,
    onFacts: (_, r) => {
      reason = r;
    },
  });
  if (reason === undefined) throw new Error('the facts decision was not reported');
  return { result, reason };
};

const statusOf = (r: Result, id: string) => r.checks.find((c) => c.id === id)?.status;

describe('check catalogue schedule (real Chromium, facts in dynalite)', () => {
  const [h0, h1, h2, h3] = offSlotHours();
  let r0: Awaited<ReturnType<typeof round>>;

  it('runs the whole catalogue in the first round and keeps the facts', async () => {
    r0 = await round(h0);
    expect(r0.reason).toBe('first');
    expect(r0.result.checksAt).toBe(h0);
    expect(statusOf(r0.result, 'feedback')).toBe('pass');
    const stored = await world.store.getFacts(ID);
    expect(stored?.at).toBe(h0);
    expect(stored?.surface).toContain('feedback');
    expect(stored?.facts.homeLinks?.length).toBeGreaterThan(5);
  }, 120_000);

  it('off its hour, judges the stored facts again: same verdicts, checksAt of the gathering round', async () => {
    const r1 = await round(h1);
    expect(r1.reason).toBeNull();
    expect(r1.result.at).toBe(h1);
    expect(r1.result.checksAt).toBe(h0);
    expect(r1.result.checks.map((c) => [c.id, c.status])).toEqual(r0.result.checks.map((c) => [c.id, c.status]));
    expect(r1.result.score).toBe(r0.result.score);
    // The timings are this round's own.
    expect(r1.result.pages.home?.lcpMs).not.toBeNull();
  }, 120_000);

  it('runs again within the hour when the home page loses a function', async () => {
    await demo.close();
    await startPortal(['feedback']);
    const r2 = await round(h2);
    expect(r2.reason).toBe('surface');
    expect(r2.result.checksAt).toBe(h2);
    expect(statusOf(r2.result, 'feedback')).toBe('fail');
    expect(r2.result.score!).toBeLessThan(r0.result.score!);
  }, 120_000);

  it('runs again when the registry changes what the catalogue does', async () => {
    const r3 = await round(h3, false);
    expect(r3.reason).toBe('config');
    expect(statusOf(r3.result, 'accessibility')).toBe('unknown');
  }, 120_000);

  it('three hours after a run that left gaps, gathers those facts alone and keeps the rest as gathered', async () => {
    // prepare: the last run (h3) left the search ungathered; a sentinel in a fact it did gather
    const stored = (await world.store.getFacts(ID))!;
    expect(stored.at).toBe(h3);
    const sentinel = { ...stored.facts.mobile!, scrollWidth: 4_321 };
    const gap = 'hết thời gian dành cho bộ tiêu chí trước bước "search"';
    await world.store.putFacts({ ...stored, facts: { ...stored.facts, search: null, mobile: sentinel, gaps: { search: gap } } });
    const later = new Date(Date.parse(h3) + 3 * H).toISOString();
    // act
    const r = await round(later, false);
    // assess: the search was gathered again and judged; the sentinel shows nothing else was
    expect(r.reason).toBe('incomplete');
    const kept = (await world.store.getFacts(ID))!;
    expect(kept.at).toBe(h3);
    expect(kept.retriedAt).toBe(later);
    expect(kept.facts.search).not.toBeNull();
    expect(kept.facts.gaps).toBeUndefined();
    expect(kept.facts.mobile).toEqual(sentinel);
    expect(r.result.checksAt).toBe(h3);
    expect(statusOf(r.result, 'search')).toBe(statusOf(r0.result, 'search'));
  }, 120_000);

  it('never replaces stored facts with those of an earlier round', async () => {
    const before = await world.store.getFacts(ID);
    const earlier = { agencyId: ID, at: h0, surface: [], config: 'x', facts: emptyFacts() };
    expect(await world.store.putFacts(earlier)).toBe(false);
    expect((await world.store.getFacts(ID))?.at).toBe(before?.at);
  });
});
