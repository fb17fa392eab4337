import type { Result, Status } from '@dvcwatch/core';
import { createProber, type Prober } from '@dvcwatch/probe';
import { runRound } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { localOrigins } from '../../packages/cli/src/registry-file.js';
import { type HostileFixtures, startHostileFixtures } from '../fixtures/hostile/server.js';
import { testRegistry } from './helpers/registry.js';
import { startWorld, type World } from './helpers/world.js';

// Issue "dvcwatch under hostile portals, faults and bad input": one round over every hostile fixture at once.
let fx: HostileFixtures;
let demo: DemoPortals;
let world: World;
let prober: Prober;

beforeAll(async () => {
  fx = await startHostileFixtures();
  demo = await startDemoPortals({
    basePort: 0,
    portals: [{ id: 'tot', name: 'Tỉnh Tốt', kind: 'province', securityHeaders: true }],
  });
  world = await startWorld();
});
afterAll(async () => {
  await prober?.close();
  await world?.close();
  await demo?.close();
  await fx?.close();
});

/** Each hostile agency and what its one result must say (status, reason; `loaded` = up or degraded). */
type UrlKey = {
  [K in keyof HostileFixtures['urls']]: HostileFixtures['urls'][K] extends string ? K : never;
}[keyof HostileFixtures['urls']];
const EXPECTED: [string, UrlKey, Status | 'loaded', string | null][] = [
  ['tu-choi', 'refused', 'down', 'refused'],
  ['im-lang', 'neverAnswers', 'down', 'timeout'],
  ['nho-giot', 'slowBytes', 'down', 'timeout'],
  ['loi-503', 'unavailable', 'down', 'http-5xx'],
  ['vong-lap', 'redirectLoop', 'down', 'redirect-loop'],
  ['trang-20mb', 'huge', 'down', 'too-large'],
  ['treo-js', 'busy', 'down', 'timeout'],
  ['hop-thoai', 'dialogs', 'loaded', null],
  ['tai-tep', 'download', 'down', 'download'],
  ['bat-cua-so', 'popups', 'loaded', null],
  ['captcha', 'captcha', 'blocked', 'captcha'],
  ['tu-ky', 'selfSigned', 'down', 'tls'],
  ['het-han', 'expired', 'down', 'tls'],
  ['cookie', 'cookies', 'loaded', null],
  ['doc-cookie', 'echoSameOrigin', 'loaded', null],
  ['tieu-de-xss', 'xss', 'loaded', null],
  ['tieu-de-crlf', 'crlf', 'loaded', null],
  ['sang-metadata', 'toMetadata', 'down', 'guard'],
  ['sang-cong-cam', 'toForbiddenPort', 'down', 'guard'],
];

describe('one round over every hostile portal at once', () => {
  let summary: Awaited<ReturnType<typeof runRound>>;
  const stored = new Map<string, Result[]>();
  const at = '2025-09-01T03:00:00.000Z';

  beforeAll(async () => {
    // prepare
    const normal = demo.portals[0];
    if (!normal) throw new Error('demo portal missing');
    const registry = testRegistry(
      [
        ...EXPECTED.map(([id, key]) => ({ id, home: fx.urls[key] })),
        { id: 'tot', home: normal.home, form: normal.form, name: 'Tỉnh Tốt' },
      ],
      { probe: { pageTimeoutMs: 4_000, confirmAttempts: 0, accessibility: false } },
    );
    // As the CLI does: the guard allows exactly the loopback origins the registry names.
    prober = createProber({ local: true, allowedOrigins: localOrigins(registry) });
    const started = performance.now();
    // act
    summary = await runRound(world.deps(registry), {
      at,
      trigger: 'manual',
      concurrency: 4,
      spool: null,
      now: () => new Date().toISOString(),
      probe: { prober, registry, evidence: null, facts: false },
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (const a of registry.agencies) stored.set(a.id, await world.store.results(a.id));
    const complete = [...stored.values()].filter((rs) => rs.length === 1).length;
    console.log(`[resilience] hostile round: ${complete}/${registry.agencies.length} results stored in ${seconds} s`);
  }, 110_000);

  it('completes with exactly one stored result per agency (N/N) and finishes the round', async () => {
    const n = EXPECTED.length + 1;
    expect(summary).toMatchObject({ expected: n, results: n, missing: [], finished: true, spooled: 0 });
    expect([...stored.values()].map((rs) => rs.length)).toEqual(Array(n).fill(1));
    expect((await world.store.getRound(at))?.done).toHaveLength(n);
  });

  it.each(EXPECTED.map(([id, , status, reason]) => [id, status, reason] as const))('%s is %s (%s)', (id, status, reason) => {
    const r = stored.get(id)?.[0];
    expect(r?.agencyId).toBe(id);
    if (status === 'loaded') expect(['up', 'degraded']).toContain(r?.status);
    else expect(r?.status).toBe(status);
    expect(r?.reason).toBe(reason);
  });

  it('never blames the monitor: no agency is `error`', () => {
    expect([...stored.values()].flat().filter((r) => r.status === 'error')).toEqual([]);
  });

  it('measures the normal portal as usual beside them', () => {
    const r = stored.get('tot')?.[0];
    expect(r?.status).toBe('up');
    expect(r?.pages.home).toMatchObject({ httpStatus: 200, error: null, title: expect.any(String) });
    expect(r?.pages.home?.lcpMs).toBeGreaterThan(0);
    expect(r?.pages.form).toMatchObject({ httpStatus: 200, error: null });
    expect(r?.pages.form?.readyMs).toBeGreaterThan(0);
  });

  it('stores payload titles verbatim (escaping happens at output)', () => {
    expect(stored.get('tieu-de-xss')?.[0]?.pages.home?.title).toBe('<script>alert(1)</script>');
    expect(stored.get('tieu-de-crlf')?.[0]?.pages.home?.title).toBe('Cổng Bcc: victim@example.invalid');
  });

  it('leaks nothing: no request reached the forbidden port, no cookie or storage crossed pages', () => {
    expect(fx.forbiddenHits()).toBe(0);
    expect(stored.get('doc-cookie')?.[0]?.pages.home?.title).toBe('cookie=;js=;ls=');
  });
});
