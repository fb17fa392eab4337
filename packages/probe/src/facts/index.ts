import { CATALOGUE_DEADLINE_MS, emptyFacts, type Facts, findLink, LABELS } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import type { GuardOptions } from '../guard-policy.js';
import type { PageSession } from '../session.js';
import { gatherAxe } from './axe.js';
import { gatherContrast, gatherFontSize } from './controls.js';
import { collect, run, settle } from './dom.js';
import { gatherDossierLookup, gatherLogin, hrefOf } from './pages.js';
import { HTTP_SUBRESOURCES, MOBILE } from './scripts.js';
import { gatherSearch } from './search.js';
import { gatherThreeClicks } from './three-clicks.js';
import { gatherTls } from './tls.js';

export interface FactsInput {
  homeUrl: string;
  formUrl?: string;
  /** The agency's `checks` overrides: where to look (`url`), what to use (`selector`), or `skip`. */
  overrides?: Record<string, { url?: string; selector?: string; skip?: boolean }>;
  /** Run the axe-core audit (the slowest gatherer). */
  accessibility: boolean;
  /** Budget for all gatherers together; gatherers not started by then stay null. */
  deadlineMs?: number;
  /** Extra trusted CA for the TLS gatherer (tests with a private CA). */
  tlsCa?: string | Buffer;
  /** The request guard's policy, applied to the TLS gatherer's own connection (the browser's goes via the proxy). */
  guard?: GuardOptions;
  /** Called when a gatherer fails; its field stays null. */
  onError?: (gatherer: string, error: unknown) => void;
  /** Pages open at once after the home page (each in its own context); 1 for a single-process browser. */
  concurrency?: number;
  /** Called with each gatherer's wall time (benchmarks, logs). */
  onTiming?: (gatherer: string, ms: number) => void;
}

export { gatherTls } from './tls.js';

/**
 * Gathers the facts the check catalogue judges. Every gatherer is bounded and failure-isolated: one that fails
 * or runs out of time leaves its field null and the rest still run. Nothing is ever submitted.
 */
export async function gatherFacts(session: PageSession, input: FactsInput): Promise<Facts> {
  const facts = emptyFacts();
  const until = Date.now() + (input.deadlineMs ?? CATALOGUE_DEADLINE_MS);
  const o = (id: string) => input.overrides?.[id] ?? {};
  const on = (id: string) => !o(id).skip;
  const left = () => until - Date.now();
  const step = async (name: string, fn: () => Promise<void>): Promise<void> => {
    if (left() <= 500) return;
    const t0 = performance.now();
    try {
      await fn();
    } catch (e) {
      input.onError?.(name, e);
    } finally {
      input.onTiming?.(name, Math.round(performance.now() - t0));
    }
  };
  const open = <T>(
    url: string,
    fn: (page: Page, response: Response | null) => Promise<T>,
    opts: { viewport?: { width: number; height: number } } = {},
  ) => session.withPage(url, fn, { ...opts, timeoutMs: Math.max(1_000, left()) });

  const tls = on('tls-valid')
    ? gatherTls(input.homeUrl, { guard: input.guard ?? { local: false, allowedOrigins: [] }, ca: input.tlsCa }).then(
        (t) => {
          facts.tls = t;
        },
        (e) => input.onError?.('tls', e),
      )
    : Promise.resolve();

  let firstResult: string | null = null;
  // One visit of the home page for everything read without leaving it; controls are clicked after the audit.
  await step('home', () =>
    open(input.homeUrl, async (page, response) => {
      // An error page is not the portal: its checks stay unknown (the status says the portal is down).
      const code = response?.status() ?? 0;
      if (code >= 400) throw new Error(`home page answered HTTP ${code}`);
      await settle(page);
      const { text, links } = await collect(page);
      facts.homeText = text;
      facts.homeLinks = links;
      await step('mixed-content', async () => {
        facts.mixedContent = on('no-mixed-content') ? await run<string[]>(page, HTTP_SUBRESOURCES) : null;
      });
      if (input.accessibility && on('accessibility') && !o('accessibility').url)
        await step('axe', async () => {
          facts.axe = await gatherAxe(page, Math.min(20_000, left()));
        });
      if (on('font-size-controls') && !o('font-size-controls').url)
        await step('font-size', async () => {
          facts.fontSize = await gatherFontSize(page, o('font-size-controls').selector);
        });
      if (on('contrast-toggle') && !o('contrast-toggle').url)
        await step('contrast', async () => {
          facts.contrast = await gatherContrast(page, o('contrast-toggle').selector);
        });
    }),
  );
  const links = facts.homeLinks;
  if (links === null) {
    await tls;
    return facts;
  }
  // Checks moved elsewhere by an override get their own visit of that page.
  for (const [id, gather] of [
    [
      'accessibility',
      async (p: Page) => {
        facts.axe = input.accessibility ? await gatherAxe(p, Math.min(20_000, left())) : null;
      },
    ],
    [
      'font-size-controls',
      async (p: Page) => {
        facts.fontSize = await gatherFontSize(p, o('font-size-controls').selector);
      },
    ],
    [
      'contrast-toggle',
      async (p: Page) => {
        facts.contrast = await gatherContrast(p, o('contrast-toggle').selector);
      },
    ],
  ] as const) {
    const url = o(id).url;
    if (url && on(id))
      await step(id, () =>
        open(url, async (p) => {
          await settle(p);
          await gather(p);
        }),
      );
  }
  const tasks: (() => Promise<void>)[] = [];
  // Search, then the first result's page as the procedure page (unless the registry names one).
  tasks.push(async () => {
    if (on('search'))
      await step('search', () =>
        open(o('search').url ?? input.homeUrl, async (page) => {
          await settle(page);
          const { firstResultHref, ...search } = await gatherSearch(page, o('search').selector);
          facts.search = search;
          firstResult = firstResultHref;
        }),
      );
    const procedureUrl = o('procedure-info').url ?? firstResult ?? input.formUrl;
    if (on('procedure-info') && procedureUrl)
      await step('procedure', () =>
        open(procedureUrl, async (page) => {
          await settle(page);
          facts.procedureText = (await collect(page, 0)).text;
        }),
      );
  });
  // Login and dossier lookup: open the linked page directly when it has an address, else click from home.
  for (const [id, labels, gather] of [
    [
      'login-vneid',
      LABELS.login,
      async (p: Page, onTarget: boolean) => {
        facts.login = await gatherLogin(p, onTarget);
      },
    ],
    [
      'dossier-lookup',
      LABELS.dossierLookup,
      async (p: Page, onTarget: boolean) => {
        facts.dossierLookup = await gatherDossierLookup(p, onTarget, o('dossier-lookup').selector);
      },
    ],
  ] as const) {
    if (!on(id)) continue;
    const link = findLink(links, labels);
    const url = o(id).url ?? hrefOf(link?.link);
    if (url || link) tasks.push(() => step(id, () => open(url ?? input.homeUrl, (p) => gather(p, url !== null))));
    else if (id === 'login-vneid') facts.login = { url: null, text: null, links: [] };
    else facts.dossierLookup = { url: null, codeFieldFound: false, evidence: null };
  }
  // The longest task starts first.
  if (on('three-clicks'))
    tasks.unshift(() =>
      step('three-clicks', () =>
        open(input.homeUrl, async (page) => {
          // Bounded on its own so that the gatherers after it still get time.
          const stop = Math.min(until - 500, Date.now() + 20_000);
          facts.threeClicks = await gatherThreeClicks(page, { selector: o('three-clicks').selector, until: stop });
        }),
      ),
    );
  if (on('mobile'))
    tasks.push(() =>
      step('mobile', () =>
        open(
          o('mobile').url ?? input.homeUrl,
          async (page) => {
            await settle(page, 2_000);
            facts.mobile = await run(page, MOBILE);
          },
          { viewport: { width: 375, height: 800 } },
        ),
      ),
    );
  if (on('https') && input.homeUrl.startsWith('https:'))
    tasks.push(() => step('http-redirect', () => gatherHttpRedirect(session, input.homeUrl, facts, left)));
  await pool(tasks, input.concurrency ?? 2);
  await tls;
  return facts;
}

/** Opens the `http://` version of the home page and records where it ended (or why it failed). */
async function gatherHttpRedirect(session: PageSession, homeUrl: string, facts: Facts, left: () => number): Promise<void> {
  const url = homeUrl.replace(/^https:/i, 'http:');
  try {
    const finalUrl = await session.withPage(url, async (page) => page.url(), {
      timeoutMs: Math.max(1_000, Math.min(15_000, left())),
    });
    // Chromium shows its own error page when nothing loaded.
    facts.httpRedirect = finalUrl.startsWith('chrome-error:')
      ? { url, finalUrl: null, error: 'no response' }
      : { url, finalUrl, error: null };
  } catch (e) {
    facts.httpRedirect = { url, finalUrl: null, error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
}

/** Runs tasks with at most `n` at a time; tasks handle their own errors. */
async function pool(tasks: (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, tasks.length)) }, worker));
}
