import { classifyError, type FactKey, REPROBED_REASONS } from '@dvcwatch/core';
import { PageSessionError } from '../page-session.js';
import { collect, settle } from './dom.js';
import { type GatherContext, type Gatherer, type HomeRead, type Need, READS } from './gatherers/index.js';
import { pending } from './schedule.js';

/** Least time left in the catalogue's budget for a second look at a home page that failed. */
const HOME_RETRY_MIN_MS = 15_000;

/** The home page answered an error status: an error page is not the portal. */
class HomeStatusError extends Error {
  constructor(readonly status: number) {
    super(`home page answered HTTP ${status}`);
  }
}

/**
 * Whether a second look may not see the failure again: the reasons the probe re-probes a failed page for within the
 * round (core/confirmation-policy.ts `REPROBED_REASONS`: no answer, a lost connection, HTTP 5xx). Refusals (the guard,
 * a certificate, HTTP 4xx, a download, a page too large) would not change.
 */
const transient = (e: unknown): boolean => {
  if (e instanceof HomeStatusError) return REPROBED_REASONS.has(e.status >= 500 ? 'http-5xx' : 'http-4xx');
  return e instanceof PageSessionError && REPROBED_REASONS.has(classifyError(e.pageError.code).reason);
};

/** Writes a gatherer's fact (the registry guarantees it is of the fact's type). */
export type Write = (fact: FactKey, value: unknown) => void;

/** The home visit, and the needs it resolves for the page gatherers. */
export interface HomeVisit {
  /** Runs the visit (first in the pool). */
  run: () => Promise<void>;
  /** What the visit collected, once it has (null when it failed). */
  home: Promise<HomeRead | null>;
  /** The reads on its page that page gatherers need, each once it is read (null when it could not be). */
  reads: ReadonlyMap<Need, Promise<unknown>>;
  /** Aborted when the visit failed: nothing more starts. */
  failed: AbortSignal;
}

/**
 * One visit of the home page: its text and links (every visit reads them: the `owner: null` gatherers), the reads
 * on its page some page gatherer needs (`needed`), then the wanted home-visit facts in the registry's order
 * (controls last: they change the page); those a `url` override moves are read on their own pages after it.
 */
export function planHomeVisit(
  ctx: GatherContext,
  gatherers: readonly Gatherer[],
  needed: ReadonlySet<Need>,
  write: Write,
): HomeVisit {
  const home = pending<HomeRead | null>();
  const failed = new AbortController();
  const onPage = Object.entries(READS).flatMap(([n, r]) =>
    r.where === 'home-visit' && needed.has(n as Need) ? [{ need: n as Need, read: r, value: pending<unknown>() }] : [],
  );
  const visiting = gatherers.flatMap((g) => (g.where === 'home-visit' ? [g] : []));
  const own = visiting.filter((g) => g.owner === null);
  const onHome = visiting.filter((g) => g.owner !== null && !ctx.override(g.owner).url);
  const elsewhere = visiting.filter((g) => g.owner !== null && ctx.override(g.owner).url);
  const run = async () => {
    let read: HomeRead | null = null;
    const visit = () =>
      ctx.open(ctx.homeUrl, async (page, response) => {
        // An error page is not the portal: its checks stay unknown (the status says the portal is down).
        const code = response?.status() ?? 0;
        if (code >= 400) throw new HomeStatusError(code);
        await settle(page);
        const collected = await collect(page);
        for (const g of own) write(g.fact, await g.run(page, ctx, collected));
        read = collected;
        for (const r of onPage) r.value.resolve(await ctx.step(r.read.step, () => r.read.read(page, collected.links, ctx)));
        // Released after the walk's start is read, as before: pages that need the links do not open beside it.
        home.resolve(collected);
        for (const g of onHome) write(g.fact, await ctx.step(g.step, () => g.run(page, ctx, collected)));
      });
    // Every fact of the catalogue hangs on this visit: a blip before anything was read gets one more look.
    await ctx.step('home', () =>
      visit().catch((e: unknown) => {
        if (read !== null || !transient(e) || ctx.left() < HOME_RETRY_MIN_MS) throw e;
        return visit();
      }),
    );
    // The home visit failed: nothing more is started, and what was gathered meanwhile is dropped.
    if (read === null) failed.abort();
    home.resolve(read);
    for (const r of onPage) r.value.resolve(null);
    const collected: HomeRead | null = read;
    if (collected === null) return;
    for (const g of elsewhere) {
      const url = ctx.override(g.owner!).url!;
      const value = await ctx.step(g.step, () =>
        ctx.open(url, async (p) => {
          await settle(p);
          return g.run(p, ctx, collected);
        }),
      );
      write(g.fact, value);
    }
  };
  return { run, home: home.promise, reads: new Map(onPage.map((r) => [r.need, r.value.promise])), failed: failed.signal };
}
