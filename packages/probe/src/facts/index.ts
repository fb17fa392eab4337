import {
  CATALOGUE_DEADLINE_MS,
  type CheckId,
  emptyFacts,
  type FactGaps,
  type FactKey,
  type Facts,
  type GatheredFacts,
  neededFacts,
} from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import type { GuardOptions } from '../guard-policy.js';
import type { PageSession } from '../session.js';
import { collect, settle } from './dom.js';
import { type GatherContext, HOME_VISIT, PAGE_TASKS, STEP_OF, type Step } from './gatherers.js';
import { walkStart } from './three-clicks.js';
import { gatherTls } from './tls.js';

export interface FactsInput {
  homeUrl: string;
  formUrl?: string;
  /** The agency's `checks` overrides: where to look (`url`), what to use (`selector`), or `skip`. */
  overrides?: Partial<Record<string, { url?: string; selector?: string; skip?: boolean }>>;
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
  /** Pages open at once, the home visit's included (each in its own context); 1 for a single-process browser. */
  concurrency?: number;
  /** Called with each gatherer's wall time (benchmarks, logs). */
  onTiming?: (gatherer: string, ms: number) => void;
}

export { gatherTls } from './tls.js';

/**
 * Gathers the facts the check catalogue needs: a scheduler over the checks' declared needs (core's `neededFacts`),
 * so a fact no active check needs is never gathered. Home-visit facts are read in one visit of the home page, page
 * facts get a browser page each, the certificate its own connection. One bounded pool runs the home visit first,
 * then the page tasks that need nothing from it, then those that start from its links (the walk first; they wait
 * for them); when the home visit fails, nothing more starts and the page facts stay null. Every gatherer
 * is bounded and failure-isolated: one that fails or runs out of time leaves its field null and the rest still run.
 * Nothing is ever submitted.
 */
export async function gatherFacts(session: PageSession, input: FactsInput): Promise<GatheredFacts> {
  const facts = emptyFacts();
  const until = Date.now() + (input.deadlineMs ?? CATALOGUE_DEADLINE_MS);
  const override = (id: CheckId) => input.overrides?.[id] ?? {};
  const skipped = Object.entries(input.overrides ?? {})
    .filter(([, o]) => o?.skip)
    .map(([id]) => id);
  const wanted = neededFacts(skipped);
  if (!input.accessibility) wanted.delete('axe');
  const left = () => until - Date.now();
  // Why each step that did not finish did not (Vietnamese: it becomes the evidence of `unknown` checks).
  const unfinished = new Map<string, string>();
  const step: Step = async (name, fn) => {
    if (left() <= 500) {
      unfinished.set(name, `hết thời gian dành cho bộ tiêu chí trước bước "${name}"`);
      return;
    }
    const t0 = performance.now();
    try {
      await fn();
    } catch (e) {
      unfinished.set(name, `bước "${name}" không hoàn tất (${reasonOf(e)})`);
      input.onError?.(name, e);
    } finally {
      input.onTiming?.(name, Math.round(performance.now() - t0));
    }
  };
  const open: GatherContext['open'] = <T>(
    url: string,
    fn: (page: Page, response: Response | null) => Promise<T>,
    opts: { viewport?: { width: number; height: number } } = {},
  ) => session.withPage(url, fn, { ...opts, timeoutMs: Math.max(1_000, left()) });
  const ctx: GatherContext = { ...input, facts, override, open, session, left, until, links: [], walkStart: null };

  const tls = wanted.has('tls')
    ? gatherTls(input.homeUrl, { guard: input.guard ?? { local: false, allowedOrigins: [] }, ca: input.tlsCa }).then(
        (t) => {
          facts.tls = t;
        },
        (e) => {
          unfinished.set('tls', `bước "tls" không hoàn tất (${reasonOf(e)})`);
          input.onError?.('tls', e);
        },
      )
    : Promise.resolve();

  // Home-visit facts a `url` override sends to a page of their own.
  const onHome = HOME_VISIT.filter((g) => wanted.has(g.fact) && !override(g.owner).url);
  const elsewhere = HOME_VISIT.filter((g) => wanted.has(g.fact) && override(g.owner).url);
  let linksRead: () => void = () => {};
  const links = new Promise<void>((r) => {
    linksRead = r;
  });
  let homeDone = false;
  // The home visit failed: nothing more is started, and what was gathered meanwhile is dropped.
  const homeFailed = () => homeDone && facts.homeLinks === null;
  // One visit of the home page: its text and links (every function is found from them) and the home-visit facts.
  const homeVisit = async () => {
    await step('home', () =>
      open(input.homeUrl, async (page, response) => {
        // An error page is not the portal: its checks stay unknown (the status says the portal is down).
        const code = response?.status() ?? 0;
        if (code >= 400) throw new Error(`home page answered HTTP ${code}`);
        await settle(page);
        const { text, links } = await collect(page);
        facts.homeText = text;
        facts.homeLinks = links;
        ctx.links = links;
        if (wanted.has('threeClicks'))
          await step('three-clicks-start', async () => {
            ctx.walkStart = await walkStart(page, links, override('three-clicks').selector);
          });
        linksRead();
        for (const g of onHome) await step(g.owner, () => g.run(page, ctx));
      }),
    );
    homeDone = true;
    linksRead();
    for (const g of elsewhere)
      if (!homeFailed())
        await step(g.owner, () =>
          open(override(g.owner).url!, async (p) => {
            await settle(p);
            await g.run(p, ctx);
          }),
        );
  };
  // Tasks that do not need the home page's links share the pool with the home visit; the others wait for its links.
  const active = PAGE_TASKS.filter((t) => t.facts.some((f) => wanted.has(f)));
  const task = (t: (typeof active)[number]) => async () => {
    if (t.needsHomeLinks) await links;
    if (!homeFailed()) await t.run(ctx, wanted, step);
  };
  await pool(
    [homeVisit, ...active.filter((t) => !t.needsHomeLinks).map(task), ...active.filter((t) => t.needsHomeLinks).map(task)],
    input.concurrency ?? 2,
  );
  await tls;
  const out: GatheredFacts = homeFailed() ? { ...emptyFacts(), tls: facts.tls } : facts;
  const gaps = gapsOf(out, wanted, unfinished);
  return Object.keys(gaps).length > 0 ? { ...out, gaps } : out;
}

/** A thrown error in a few words: its first line, bounded. */
const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);

/** For each wanted fact left null, the reason of the first of its steps that did not finish. */
function gapsOf(facts: Facts, wanted: ReadonlySet<FactKey>, unfinished: ReadonlyMap<string, string>): FactGaps {
  const gaps: FactGaps = {};
  for (const fact of wanted) {
    if (facts[fact] !== null) continue;
    const reason = STEP_OF[fact].map((s) => unfinished.get(s)).find((r) => r !== undefined);
    if (reason) gaps[fact] = reason;
  }
  return gaps;
}

/** Runs tasks in order with at most `n` at a time; tasks handle their own errors. */
async function pool(tasks: (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, tasks.length)) }, worker));
}
