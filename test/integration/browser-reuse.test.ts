import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES_PER_BROWSER } from '../../packages/probe/src/browser-host.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { makeTestCerts, type TestCerts } from '../fixtures/portals/certs.js';
import { localProber } from '../fixtures/portals/prober.js';
import { startStylePortals } from '../fixtures/styles/server.js';

/**
 * The Lambda model's single-process browsers serve several pages one after another (probe/browser-host.ts), each in
 * a fresh context, with every connection through the page's own guard (probe/proxy-relay.ts). Real Chromium on the
 * iGate-style fixture portal, whose home page renders its menus from an API call (a fetch after the document).
 */
let certs: TestCerts;
let portals: Awaited<ReturnType<typeof startStylePortals>>;
let prober: Prober;
let origins: string[];

beforeAll(async () => {
  certs = makeTestCerts();
  portals = await startStylePortals(certs);
  origins = [portals.sso, ...portals.portals.map((p) => p.origin)];
  prober = localProber(origins, true, 'lambda');
}, 60_000);

afterAll(async () => {
  await prober?.close();
  await portals?.close();
  certs?.cleanup();
});

describe('single-process browsers serving one page after another (Lambda model)', () => {
  it("gives every page its own guard, its fetches included: an SPA's menus render on a reused browser too", async () => {
    // prepare
    const igate = portals.portals.find((p) => p.style === 'igate' && p.variant === 'pass')!;
    let pages = 0;
    const session: typeof prober.session = {
      withPage: (url, fn, opts) => {
        pages += 1;
        return prober.session.withPage(url, fn, opts);
      },
    };
    const gather = () =>
      gatherFacts(session, {
        homeUrl: igate.home,
        formUrl: igate.form,
        accessibility: false,
        tlsCa: certs.ca,
        guard: { local: true, allowedOrigins: origins },
      });
    // act: the second gathering's pages open in browsers the first one's pages freed
    const first = await gather();
    const second = await gather();
    // assess: the API call of each home page reached the portal (with the first context's proxy it failed)
    expect(first.homeLinks?.length).toBeGreaterThan(5);
    expect(second.homeLinks).toEqual(first.homeLinks);
    expect(second.search).toEqual(first.search);
    // far fewer launches than pages: a browser served up to PAGES_PER_BROWSER of them
    expect(PAGES_PER_BROWSER).toBeGreaterThan(1);
    expect(pages).toBeGreaterThan(8);
    expect(prober.launches()).toBeLessThanOrEqual(Math.ceil(pages / 2));
  }, 120_000);

  it('measures each timed load on a reused browser as on a fresh one', async () => {
    const igate = portals.portals.find((p) => p.style === 'igate' && p.variant === 'pass')!;
    const before = prober.launches();
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await prober.probePage(igate.home, 'home'));
    for (const p of pages) {
      expect(p.error).toBeNull();
      expect(p.httpStatus).toBe(200);
      expect(p.fcpMs).not.toBeNull();
      expect(p.lcpMs).not.toBeNull();
      expect(p.bytes).toBeGreaterThan(0);
    }
    // the three loads one after another: at most one new browser (the pool may hold one from before)
    expect(prober.launches() - before).toBeLessThanOrEqual(1);
  }, 60_000);
});
