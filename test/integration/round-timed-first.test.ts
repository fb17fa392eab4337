import { blankPage, type PageArtifacts, parseRegistry, type Result } from '@dvcwatch/core';
import type { Prober } from '@dvcwatch/probe';
import { type RunnerDeps, runRound } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startWorld, type World } from './helpers/world.js';

/**
 * Issue 19: the local round times every agency's pages first, then runs the catalogues, so no timed load waits for
 * gathering pages and no gathering page waits for a timed load. The browser is scripted (what a probe returns, and a
 * gathering page that fails after a few ms, so the facts are gaps), as in alerts-48-rounds: the order of the round is
 * what is tested, and it is the runner's; the round, the store (dynalite) and the mailer (SES emulator) are real. In
 * real Chromium the order is what `npm run bench:truth` and the rounds bench run.
 */
const AGENCIES = ['a', 'b', 'c', 'd', 'e', 'f'];
const registry = parseRegistry(
  stringify({
    version: 1,
    defaults: { probe: { accessibility: false } },
    operators: ['vanhanh@example.vn'],
    agencies: AGENCIES.map((id) => ({
      id,
      name: `UBND tỉnh ${id}`,
      kind: 'province',
      head: { name: 'Chủ tịch', email: `head.${id}@example.vn` },
      portal: { home: `https://${id}.example.vn/`, form: `https://${id}.example.vn/form` },
    })),
  }),
  'timed-first.yaml',
);

const loaded = (url: string): PageArtifacts => ({
  ...blankPage(url),
  finalUrl: url,
  httpStatus: 200,
  redirects: [url],
  ttfbMs: 80,
  fcpMs: 200,
  lcpMs: 300,
  ...(url.endsWith('/form') ? { readyMs: 250, readyKind: 'form' as const } : {}),
});

/** A prober whose page loads and gathering pages each take a few ms and are logged in the order they start. */
const loggingProber = (log: string[]): Prober => ({
  probePage: async (url, kind) => {
    log.push(`timed ${new URL(url).hostname.split('.')[0]} ${kind}`);
    await new Promise((r) => setTimeout(r, 5));
    return loaded(url);
  },
  session: {
    withPage: async (url: string) => {
      log.push(`gather ${new URL(url).hostname.split('.')[0]}`);
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('scripted: no page');
    },
  } as unknown as Prober['session'],
  guard: { local: false, allowedOrigins: [] },
  launches: () => 0,
  fromEgress: () => {
    throw new Error('one vantage');
  },
  close: async () => {},
});

let world: World;
let deps: RunnerDeps;

beforeAll(async () => {
  world = await startWorld({ table: 'timed-first' });
  deps = world.deps(registry);
}, 60_000);

afterAll(async () => {
  await world?.close();
});

const round = async (at: string, timedFirst?: boolean) => {
  const log: string[] = [];
  const results: Result[] = [];
  const started: string[] = [];
  await runRound(deps, {
    at,
    trigger: 'manual',
    concurrency: 2,
    spool: null,
    now: () => at,
    ...(timedFirst === undefined ? {} : { timedFirst }),
    probe: { prober: loggingProber(log), registry, evidence: null, facts: true },
    onStart: (id) => started.push(id),
    onResult: (r) => results.push(r),
  });
  return { log, results, started };
};

describe('the local round times every agency first, then gathers (issue 19)', () => {
  it('starts no gathering page before the last timed load, and times each agency once', async () => {
    // act
    const { log, results, started } = await round('2026-12-03T01:00:00.000Z');
    // assess: every timed load comes before every gathering page
    const lastTimed = log.findLastIndex((l) => l.startsWith('timed'));
    const firstGather = log.findIndex((l) => l.startsWith('gather'));
    expect(firstGather).toBeGreaterThan(lastTimed);
    expect(log.filter((l) => l.startsWith('timed'))).toHaveLength(2 * AGENCIES.length);
    // each agency's result carries the pages of the timed pass, and its catalogue ran after it
    expect(results.map((r) => r.agencyId).sort()).toEqual(AGENCIES);
    for (const r of results) expect([r.pages.home?.lcpMs, r.pages.form?.readyMs]).toEqual([300, 250]);
    expect(new Set(log.filter((l) => l.startsWith('gather')).map((l) => l.split(' ')[1]))).toEqual(new Set(AGENCIES));
    // one progress line per agency
    expect(started.sort()).toEqual(AGENCIES);
  });

  it('without the timed pass, an agency gathers before a later agency is timed (what the pass removes)', async () => {
    const { log } = await round('2026-12-03T02:00:00.000Z', false);
    const lastTimed = log.findLastIndex((l) => l.startsWith('timed'));
    const firstGather = log.findIndex((l) => l.startsWith('gather'));
    expect(firstGather).toBeLessThan(lastTimed);
  });

  it('keeps a result already stored for the round and does not time that agency again', async () => {
    // act: the same hour as the first test
    const { log } = await round('2026-12-03T01:00:00.000Z');
    // assess
    expect(log).toEqual([]);
  });
});
