import type { FactKey } from '@dvcwatch/core';
import { type From, type GatherContext, type Need, READS } from './gatherers/index.js';
import type { OwnPageGatherer } from './gatherers/types.js';
import type { HomeVisit, Write } from './home-visit.js';
import { once } from './schedule.js';

type PageGatherer = OwnPageGatherer<FactKey>;

/** Whether a need is read by the home visit (its links, or a read on its page): waiting for it waits for the visit. */
const fromHome = (n: Need) => n === 'homeLinks' || READS[n].where === 'home-visit';

/**
 * The pool's tasks for the page gatherers, after the home visit's: first those that need nothing from it, then
 * those that do (they wait for it, and do not start when it failed). Gatherers that share a visit of their own (the
 * search's) run together in one slot, in the registry's order; the visit is made once, by the first that needs it.
 */
export function pageTasks(
  ctx: GatherContext,
  pages: readonly PageGatherer[],
  visit: Pick<HomeVisit, 'home' | 'reads' | 'failed'>,
  write: Write,
): (() => Promise<void>)[] {
  const visits = new Map(
    Object.entries(READS).flatMap(([n, r]) => (r.where === 'own-page' ? [[n as Need, once(() => r.read(ctx))] as const] : [])),
  );
  const need = (n: Need): Promise<unknown> =>
    n === 'homeLinks' ? visit.home.then((h) => h?.links ?? null) : (visit.reads.get(n) ?? visits.get(n)!());
  const shared = (g: PageGatherer) => g.needs.find((n) => visits.has(n)) ?? g.fact;
  const groups = [...new Set(pages.map(shared))].map((key) => pages.filter((g) => shared(g) === key));
  const task = (group: PageGatherer[]) => async () => {
    for (const n of new Set(group.flatMap((g) => g.needs.filter(fromHome)))) await need(n);
    if (visit.failed.aborted) return;
    for (const g of group) {
      const from: Partial<Record<Need, unknown>> = {};
      for (const n of g.needs) from[n] = await need(n);
      write(g.fact, await g.run(ctx, from as From));
    }
  };
  const waits = (group: PageGatherer[]) => group.some((g) => g.needs.some(fromHome));
  return [...groups.filter((t) => !waits(t)).map(task), ...groups.filter(waits).map(task)];
}
