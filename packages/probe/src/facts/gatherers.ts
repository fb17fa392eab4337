import { type CheckId, type FactKey, type Facts, findLink, LABELS, type LinkFact } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import { PageSessionError } from '../page-session.js';
import type { PageSession } from '../session.js';
import { gatherAxe } from './axe.js';
import { gatherContrast, gatherFontSize } from './controls.js';
import { collect, run, settle } from './dom.js';
import { lookupWithoutLink, type Reached } from './lookup.js';
import { gatherDossierLookup, gatherLogin, hrefOf } from './pages.js';
import { HTTP_SUBRESOURCES, MOBILE } from './scripts.js';
import { gatherSearch } from './search.js';
import { gatherThreeClicks, type WalkStart } from './three-clicks.js';

type Override = { url?: string; selector?: string; skip?: boolean };

/** What a gatherer is given: where the portal is, the checks' overrides, the page opener and the time left. */
export interface GatherContext {
  homeUrl: string;
  formUrl?: string;
  facts: Facts;
  override: (id: CheckId) => Override;
  open: <T>(
    url: string,
    fn: (page: Page, response: Response | null) => Promise<T>,
    opts?: { viewport?: { width: number; height: number } },
  ) => Promise<T>;
  session: PageSession;
  left: () => number;
  until: number;
  /** Links of the home page, read by the home visit. */
  links: readonly LinkFact[];
  /** The three-clicks walk's first step, read by the home visit (null when it could not be). */
  walkStart: WalkStart | null;
}

/**
 * Facts read on the home page during its one visit, in this order (controls are clicked last: they change the
 * page). `owner` is the check whose `url` override moves the gatherer to a page of its own.
 */
export const HOME_VISIT: readonly { fact: FactKey; owner: CheckId; run: (page: Page, c: GatherContext) => Promise<void> }[] = [
  {
    fact: 'mixedContent',
    owner: 'no-mixed-content',
    run: async (p, c) => {
      c.facts.mixedContent = await run<string[]>(p, HTTP_SUBRESOURCES);
    },
  },
  {
    fact: 'axe',
    owner: 'accessibility',
    run: async (p, c) => {
      c.facts.axe = await gatherAxe(p, Math.min(20_000, c.left()));
    },
  },
  {
    fact: 'fontSize',
    owner: 'font-size-controls',
    run: async (p, c) => {
      c.facts.fontSize = await gatherFontSize(p, c.override('font-size-controls').selector);
    },
  },
  {
    fact: 'contrast',
    owner: 'contrast-toggle',
    run: async (p, c) => {
      c.facts.contrast = await gatherContrast(p, c.override('contrast-toggle').selector);
    },
  },
];

/** A function's own page: opened by its link's address, or clicked from the home page; unknown when it won't open. */
async function functionPage(c: GatherContext, id: 'login-vneid' | 'dossier-lookup'): Promise<void> {
  const labels = id === 'login-vneid' ? LABELS.login : LABELS.dossierLookup;
  const link = findLink(c.links, labels);
  const url = c.override(id).url ?? hrefOf(link?.link);
  const gather = async (p: Page, reached: Reached) => {
    if (id === 'login-vneid') c.facts.login = await gatherLogin(p, reached);
    else c.facts.dossierLookup = await gatherDossierLookup(p, reached, c.override(id).selector);
  };
  if (!url && !link) {
    if (id === 'login-vneid') c.facts.login = { url: null, text: null, links: [] };
    else await lookupWithoutLink(c.facts, c.open, c.homeUrl, c.links, c.override(id).selector);
    return;
  }
  try {
    await c.open(url ?? c.homeUrl, (p, r) => gather(p, url !== null ? { status: r?.status() ?? null } : null));
  } catch (e) {
    // The function's page would not open (another host refused, a network error): unknown, with why.
    if (!(e instanceof PageSessionError) || !url) throw e;
    const error = e.pageError.code;
    if (id === 'login-vneid') c.facts.login = { url, text: null, links: [], error };
    else c.facts.dossierLookup = { url, codeFieldFound: false, evidence: null, error };
  }
}

/**
 * The search, then the procedure page it leads to (or the registry's, or the form page). The form page stands in
 * only when the search finished and led to no procedure: a search that did not finish leaves the procedure unread
 * (`unknown`), never judged from another page (issue 19).
 */
async function searchAndProcedure(c: GatherContext, wanted: ReadonlySet<FactKey>, step: Step): Promise<void> {
  let fromSearch: { href: string | null; page: { url: string; text: string } | null } | null = null;
  await step('search', () =>
    c.open(c.override('search').url ?? c.homeUrl, async (page) => {
      await settle(page);
      const { procedureHref, procedure, ...search } = await gatherSearch(page, c.override('search').selector);
      if (wanted.has('search')) c.facts.search = search;
      fromSearch = { href: procedureHref, page: procedure };
    }),
  );
  if (!wanted.has('procedureText')) return;
  const override = c.override('procedure-info').url;
  if (!override && fromSearch === null) return;
  fromSearch ??= { href: null, page: null };
  if (!override && fromSearch.page) {
    c.facts.procedureText = fromSearch.page.text;
    return;
  }
  const url = override ?? fromSearch.href ?? c.formUrl;
  if (url)
    await step('procedure', () =>
      c.open(url, async (page) => {
        await settle(page);
        c.facts.procedureText = (await collect(page, 0)).text;
      }),
    );
}

export type Step = (name: string, fn: () => Promise<unknown>) => Promise<void>;

/**
 * The gathering step that reads each fact (the `step` names above): when a fact stays null and its step did not
 * finish, the step's reason becomes the fact's gap. Every fact has one (checked at compile time).
 */
export const STEP_OF = {
  homeText: ['home'],
  homeLinks: ['home'],
  mixedContent: ['home', 'no-mixed-content'],
  axe: ['home', 'accessibility'],
  fontSize: ['home', 'font-size-controls'],
  contrast: ['home', 'contrast-toggle'],
  search: ['search'],
  procedureText: ['search', 'procedure'],
  login: ['login-vneid'],
  dossierLookup: ['dossier-lookup'],
  mobile: ['mobile'],
  httpRedirect: ['http-redirect'],
  threeClicks: ['home', 'three-clicks-start', 'three-clicks'],
  tls: ['tls'],
} as const satisfies Record<FactKey, readonly string[]>;

/**
 * Facts with a browser page of their own, keyed by the fact they fill. Several facts may share one task
 * (`search` and `procedureText`). The walk comes first: it is the longest. `needsHomeLinks`: the task starts from
 * what the home visit read (`GatherContext.links`, `walkStart`), so it waits for it.
 */
export const PAGE_TASKS: readonly {
  facts: readonly FactKey[];
  needsHomeLinks?: true;
  run: (c: GatherContext, wanted: ReadonlySet<FactKey>, step: Step) => Promise<void>;
}[] = [
  {
    facts: ['threeClicks'],
    needsHomeLinks: true,
    run: (c, _w, step) =>
      step('three-clicks', async () => {
        if (!c.walkStart) throw new Error('the home visit did not read where the walk starts');
        // Bounded on its own so that the gatherers after it still get time.
        const until = Math.min(c.until - 500, Date.now() + 20_000);
        c.facts.threeClicks = await gatherThreeClicks(c.open, c.walkStart, {
          selector: c.override('three-clicks').selector,
          until,
        });
      }),
  },
  { facts: ['search', 'procedureText'], run: (c, w, step) => searchAndProcedure(c, w, step) },
  { facts: ['login'], needsHomeLinks: true, run: (c, _w, step) => step('login-vneid', () => functionPage(c, 'login-vneid')) },
  {
    facts: ['dossierLookup'],
    needsHomeLinks: true,
    run: (c, _w, step) => step('dossier-lookup', () => functionPage(c, 'dossier-lookup')),
  },
  {
    facts: ['mobile'],
    run: (c, _w, step) =>
      step('mobile', () =>
        c.open(
          c.override('mobile').url ?? c.homeUrl,
          async (page) => {
            await settle(page, 2_000);
            c.facts.mobile = await run(page, MOBILE);
          },
          { viewport: { width: 375, height: 800 } },
        ),
      ),
  },
  {
    facts: ['httpRedirect'],
    run: async (c, _w, step) => {
      if (c.homeUrl.startsWith('https:')) await step('http-redirect', () => gatherHttpRedirect(c));
    },
  },
];

/** Opens the `http://` version of the home page and records where it ended (or why it failed). */
async function gatherHttpRedirect(c: GatherContext): Promise<void> {
  const url = c.homeUrl.replace(/^https:/i, 'http:');
  try {
    const finalUrl = await c.session.withPage(url, async (page) => page.url(), {
      timeoutMs: Math.max(1_000, Math.min(15_000, c.left())),
    });
    // Chromium shows its own error page when nothing loaded.
    c.facts.httpRedirect = finalUrl.startsWith('chrome-error:')
      ? { url, finalUrl: null, error: 'no response' }
      : { url, finalUrl, error: null };
  } catch (e) {
    c.facts.httpRedirect = { url, finalUrl: null, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}
