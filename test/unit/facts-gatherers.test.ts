import type { Page, Response } from 'playwright-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { FACT_COSTS, type FactKey, type LinkFact } from '../../packages/core/src/index.js';
import { GATHERERS, type GathererRegistry, stepsOf } from '../../packages/probe/src/facts/gatherers/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import {
  CANDIDATES,
  COLLECT,
  FORM_FIELDS,
  HTTP_SUBRESOURCES,
  MOBILE,
  TEXT_LENGTH,
} from '../../packages/probe/src/facts/scripts.js';
import type { PageSession } from '../../packages/probe/src/session.js';

describe('the gatherers, declared one file each', () => {
  it('has exactly one gatherer per fact: a registry missing one, or with another fact’s, does not compile', () => {
    const { tls: _tls, ...withoutTls } = GATHERERS;
    // @ts-expect-error `tls` has no gatherer
    const missing: GathererRegistry = withoutTls;
    // @ts-expect-error the mobile gatherer does not read the certificate
    const wrong: GathererRegistry = { ...GATHERERS, tls: GATHERERS.mobile };
    // The two lines above are the check (`npm run typecheck` includes test/); the values are not used.
    void [missing, wrong];
    expectTypeOf<keyof typeof GATHERERS>().toEqualTypeOf<FactKey>();
    expect(Object.keys(GATHERERS).sort()).toEqual(Object.keys(FACT_COSTS).sort());
    for (const [key, g] of Object.entries(GATHERERS)) expect(g.fact).toBe(key);
  });

  it('gathers each fact where its cost says', () => {
    const where = { 'home-visit': 'home-visit', page: 'own-page', walk: 'own-page', connection: 'connection' } as const;
    for (const [fact, cost] of Object.entries(FACT_COSTS)) expect(GATHERERS[fact as FactKey].where, fact).toBe(where[cost]);
  });

  it('names the steps whose reasons explain a fact left null (in reasons and timings)', () => {
    const steps = Object.fromEntries(Object.entries(GATHERERS).map(([k, g]) => [k, stepsOf(g)]));
    expect(steps).toEqual({
      homeText: ['home'],
      homeLinks: ['home'],
      mixedContent: ['home', 'no-mixed-content'],
      axe: ['home', 'accessibility'],
      fontSize: ['home', 'font-size-controls'],
      contrast: ['home', 'contrast-toggle'],
      threeClicks: ['home', 'three-clicks-start', 'three-clicks'],
      search: ['search'],
      procedureText: ['search', 'procedure'],
      login: ['login-vneid'],
      dossierLookup: ['dossier-lookup'],
      mobile: ['mobile'],
      httpRedirect: ['http-redirect'],
      tls: ['tls'],
    });
  });
});

const HOME = 'http://dvc.example.vn/';
const LOGIN = 'http://dvc.example.vn/dang-nhap';
const link = (text: string, href: string): LinkFact => ({ text, href, ariaLabel: null, title: null });

/**
 * A page session without a browser: every page answers `status`, has `links` and no controls, and each step of the
 * gathering is logged (`open <url>`, `collect <url>`).
 */
function fakeSession(status: (url: string) => number, links: LinkFact[], log: string[]): PageSession {
  const page = (url: string) =>
    ({
      url: () => url,
      waitForLoadState: async () => undefined,
      evaluate: async (script: string) => {
        if (script.startsWith(`(${COLLECT})`)) {
          log.push(`collect ${url}`);
          return { text: 'Cổng dịch vụ công', links };
        }
        if (script.startsWith(`(${TEXT_LENGTH})`)) return 42;
        if (script.startsWith(`(${FORM_FIELDS})`)) return 0;
        if (script.startsWith(`(${MOBILE})`)) return { viewport: 'width=device-width', scrollWidth: 375, clientWidth: 375 };
        if (script.startsWith(`(${HTTP_SUBRESOURCES})`) || script.startsWith(`(${CANDIDATES})`)) return [];
        throw new Error(`unexpected script ${script.slice(0, 40)}`);
      },
    }) as unknown as Page;
  return {
    withPage: async (url, fn) => {
      log.push(`open ${url}`);
      return fn(page(url), { status: () => status(url) } as unknown as Response);
    },
  };
}

describe('gatherFacts as a scheduler over the declared needs (no browser)', () => {
  it('starts what needs nothing from the home visit at once, and what needs its links after them', async () => {
    // prepare
    const log: string[] = [];
    const session = fakeSession(() => 200, [link('Đăng nhập', LOGIN)], log);
    // act
    const facts = await gatherFacts(session, { homeUrl: HOME, accessibility: false, concurrency: 2 });
    // assess: the search opened the home page beside the visit, before the visit read its links
    expect(log.slice(0, 3)).toEqual([`open ${HOME}`, `open ${HOME}`, `collect ${HOME}`]);
    expect(log.indexOf(`open ${LOGIN}`)).toBeGreaterThan(log.indexOf(`collect ${HOME}`));
    // every gatherer's returned fact is written
    expect(facts.homeLinks).toEqual([link('Đăng nhập', LOGIN)]);
    expect(facts.login).toEqual({ url: LOGIN, text: 'Cổng dịch vụ công', links: [link('Đăng nhập', LOGIN)] });
    expect(facts.search).toMatchObject({ inputFound: false, resultCount: 0 });
    expect(facts.search).not.toHaveProperty('procedureHref');
    // the walk looked at the one page the home page links to
    expect(facts.threeClicks).toEqual({ depth: null, path: [], pagesVisited: 2 });
    expect(facts.dossierLookup).toEqual({ url: null, codeFieldFound: false, evidence: null });
    expect(facts.mobile).toMatchObject({ scrollWidth: 375 });
    expect(facts.mixedContent).toEqual([]);
    expect(facts.fontSize).toEqual({ control: null, beforePx: null, afterPx: null });
    expect(facts.axe).toBeNull();
    expect(facts.gaps).toBeUndefined();
  }, 20_000);

  it('reads a home-visit fact on the page its `url` override names, after the visit, and skips what is skipped', async () => {
    // prepare
    const log: string[] = [];
    const session = fakeSession(() => 200, [], log);
    const mixed = 'http://dvc.example.vn/mixed';
    // act
    const facts = await gatherFacts(session, {
      homeUrl: HOME,
      accessibility: false,
      concurrency: 1,
      overrides: { 'no-mixed-content': { url: mixed }, mobile: { skip: true } },
    });
    // assess: one slot, so the visit, then its moved fact, then the page gatherers in the registry's order
    expect(log.slice(0, 3)).toEqual([`open ${HOME}`, `collect ${HOME}`, `open ${mixed}`]);
    expect(facts.mixedContent).toEqual([]);
    expect(facts.mobile).toBeNull();
    expect(facts.gaps).toBeUndefined();
  }, 20_000);

  it('starts nothing more when the home visit fails twice, and records why its facts stay null', async () => {
    // prepare
    const log: string[] = [];
    const session = fakeSession(() => 500, [link('Đăng nhập', LOGIN)], log);
    // act
    const facts = await gatherFacts(session, { homeUrl: HOME, accessibility: true, concurrency: 1 });
    // assess: the visit and its second look (a 5xx may be a blip), nothing else
    expect(log).toEqual([`open ${HOME}`, `open ${HOME}`]);
    const reason = 'bước "home" không hoàn tất (home page answered HTTP 500)';
    expect(facts.gaps).toEqual({
      homeText: reason,
      homeLinks: reason,
      mixedContent: reason,
      axe: reason,
      fontSize: reason,
      contrast: reason,
      threeClicks: reason,
    });
    expect(Object.values({ ...facts, gaps: null }).every((v) => v === null)).toBe(true);
  });

  it('never starts what needs the home links when the visit fails, while the rest started beside it', async () => {
    // prepare: the search's page fails on its own as the home page answers an error
    const log: string[] = [];
    let opened = 0;
    const session = fakeSession(() => (++opened === 1 ? 500 : 502), [], log);
    // act
    const facts = await gatherFacts(session, { homeUrl: HOME, accessibility: false, concurrency: 2 });
    // assess: the home visit, the search page (it started beside the visit) and the visit's second look; nothing
    // started after the failure, so neither the phone-sized page nor the walk, login and lookup that wait for the links
    expect(log).toEqual([`open ${HOME}`, `open ${HOME}`, `open ${HOME}`]);
    expect(facts.search).toBeNull();
    expect(facts.gaps?.threeClicks).toMatch(/bước "home" không hoàn tất/);
    expect(facts.gaps?.login).toBeUndefined();
  });

  it('gathers only the facts it is told (the gaps of an incomplete run), the home visit still leading to them', async () => {
    // prepare
    const log: string[] = [];
    const session = fakeSession(() => 200, [link('Đăng nhập', LOGIN)], log);
    // act: the login page and the phone-sized page were the gaps
    const facts = await gatherFacts(session, { homeUrl: HOME, accessibility: true, concurrency: 1, only: ['login', 'mobile'] });
    // assess: the home visit (the login link comes from it), the phone-sized home page and the login page; no search,
    // walk, lookup, redirect or audit
    expect(log.filter((l) => l.startsWith('open')).sort()).toEqual([`open ${HOME}`, `open ${HOME}`, `open ${LOGIN}`]);
    expect(facts.login).toMatchObject({ url: LOGIN });
    expect(facts.mobile).toMatchObject({ scrollWidth: 375 });
    expect([facts.search, facts.threeClicks, facts.dossierLookup, facts.axe, facts.httpRedirect]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    // what was not asked for is no gap
    expect(facts.gaps).toBeUndefined();
  }, 20_000);

  it('looks at a home page that answered HTTP 503 once more, and at one that answered 404 no more', async () => {
    // prepare: the first look at the home page hits a blip, the second finds it
    const log: string[] = [];
    let homeLooks = 0;
    const blip = fakeSession((url) => (url === HOME && ++homeLooks === 1 ? 503 : 200), [link('Đăng nhập', LOGIN)], log);
    // act
    const facts = await gatherFacts(blip, { homeUrl: HOME, accessibility: false, concurrency: 1, only: ['homeLinks'] });
    // assess
    expect(facts.homeLinks).toEqual([link('Đăng nhập', LOGIN)]);
    expect(facts.gaps).toBeUndefined();
    // a refusal does not change within seconds: one look
    const refusedLog: string[] = [];
    const refused = await gatherFacts(
      fakeSession(() => 404, [], refusedLog),
      {
        homeUrl: HOME,
        accessibility: false,
        concurrency: 1,
        only: ['homeLinks'],
      },
    );
    expect(refusedLog).toEqual([`open ${HOME}`]);
    expect(refused.gaps?.homeLinks).toMatch(/HTTP 404/);
  });
});
