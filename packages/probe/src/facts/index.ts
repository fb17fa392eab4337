import {
  CATALOGUE_DEADLINE_MS,
  type CheckId,
  emptyFacts,
  type FactKey,
  type Facts,
  type GatheredFacts,
  neededFacts,
} from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import type { GuardOptions } from '../guard-policy.js';
import type { PageSession } from '../session.js';
import { GATHERERS, type GatherContext, type Gatherer, type Step } from './gatherers/index.js';
import type { OwnPageGatherer } from './gatherers/types.js';
import { planHomeVisit } from './home-visit.js';
import { pageTasks } from './page-tasks.js';
import { gapsOf, pool, reasonOf } from './schedule.js';

export interface FactsInput {
  homeUrl: string;
  formUrl?: string;
  /** The agency's `checks` overrides: where to look (`url`), what to use (`selector`), or `skip`. */
  overrides?: Partial<Record<string, { url?: string; selector?: string; skip?: boolean }>>;
  /** Run the axe-core audit (the slowest gatherer). */
  accessibility: boolean;
  /** Budget for all gatherers together; gatherers not started by then stay null. */
  deadlineMs?: number;
  /**
   * Longest wait for a page's document to answer (the registry's `probe.pageTimeoutMs`): a page that does not
   * answer in it has failed, as a timed load would have, instead of holding its slot to the deadline.
   */
  pageTimeoutMs?: number;
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
  /**
   * Gather only these facts (the gaps of stored ones, core/facts-refresh.ts `resumeGaps`); the home visit still
   * reads what the pages it leads to need. Default: every fact the active checks need.
   */
  only?: readonly FactKey[];
}

export { gatherTls } from './tls.js';

/**
 * Gathers the facts the check catalogue needs: a scheduler over the checks' declared needs (core's `neededFacts`)
 * and the gatherers' declarations (`gatherers/`), so a fact no active check needs is never gathered. Each gatherer
 * returns its fact and the scheduler writes it. Home-visit facts are read in one visit of the home page, page
 * gatherers get browser pages of their own, the certificate its own connection. What a page gatherer `needs` is a
 * promise it waits for: the home visit's links or a read on its page (the walk's start), or a visit shared with
 * other gatherers (the search's, read once, in one slot). One bounded pool runs the home visit first, then the page
 * gatherers that need nothing from it, then those that do; when the home visit fails, nothing more starts and the
 * page facts stay null. Every gatherer is bounded and failure-isolated: one that fails or runs out of time leaves
 * its field null (with the reason of its step) and the rest still run. Nothing is ever submitted.
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
  if (input.only) for (const fact of [...wanted]) if (!input.only.includes(fact)) wanted.delete(fact);
  const left = () => until - Date.now();
  // Why each step that did not finish did not (Vietnamese: it becomes the evidence of `unknown` checks).
  const unfinished = new Map<string, string>();
  const step: Step = async (name, fn) => {
    if (left() <= 500) {
      unfinished.set(name, `hết thời gian dành cho bộ tiêu chí trước bước "${name}"`);
      return null;
    }
    const t0 = performance.now();
    try {
      return await fn();
    } catch (e) {
      unfinished.set(name, `bước "${name}" không hoàn tất (${reasonOf(e)})`);
      input.onError?.(name, e);
      return null;
    } finally {
      input.onTiming?.(name, Math.round(performance.now() - t0));
    }
  };
  const open: GatherContext['open'] = <T>(
    url: string,
    fn: (page: Page, response: Response | null) => Promise<T>,
    opts: { viewport?: { width: number; height: number } } = {},
  ) =>
    session.withPage(url, fn, {
      ...opts,
      timeoutMs: Math.max(1_000, left()),
      ...(input.pageTimeoutMs ? { navigationTimeoutMs: input.pageTimeoutMs } : {}),
    });
  const { homeUrl, formUrl, tlsCa, guard } = input;
  const ctx: GatherContext = { homeUrl, formUrl, tlsCa, guard, override, open, step, session, left, until };
  // The registry guarantees each gatherer returns its own fact's type.
  const write = (fact: FactKey, value: unknown) => {
    (facts as Record<FactKey, unknown>)[fact] = value;
  };

  const all: readonly Gatherer[] = Object.values(GATHERERS);
  const active = all.filter((g) => wanted.has(g.fact));
  const pages = active.filter((g): g is OwnPageGatherer<FactKey> => g.where === 'own-page');

  // The connection gatherers start at once, beside the browser (no page, no slot of the pool).
  const connections = Promise.all(
    active.map(async (g) => {
      if (g.where !== 'connection') return;
      try {
        write(g.fact, await g.run(ctx));
      } catch (e) {
        unfinished.set(g.step, `bước "${g.step}" không hoàn tất (${reasonOf(e)})`);
        input.onError?.(g.step, e);
      }
    }),
  );
  // The home visit reads its own facts whether wanted or not (every visit collects the home page's text and links).
  const visit = planHomeVisit(
    ctx,
    all.filter((g) => wanted.has(g.fact) || g.owner === null),
    new Set(pages.flatMap((g) => g.needs)),
    write,
  );
  await pool([visit.run, ...pageTasks(ctx, pages, visit, write)], input.concurrency ?? 2);
  await connections;
  const out: Facts = visit.failed.aborted ? connectionFactsOnly(facts) : facts;
  const gaps = gapsOf(out, wanted, unfinished);
  return Object.keys(gaps).length > 0 ? { ...out, gaps } : out;
}

/** Empty facts but those read over a connection of their own (the certificate): a failed home visit's result. */
function connectionFactsOnly(facts: Facts): Facts {
  const out = emptyFacts();
  for (const g of Object.values(GATHERERS) as readonly Gatherer[])
    if (g.where === 'connection') (out as Record<FactKey, unknown>)[g.fact] = facts[g.fact];
  return out;
}
