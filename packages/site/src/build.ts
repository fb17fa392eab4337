import { SITE_CSS } from './css.js';
import { buildModel } from './model.js';
import { agencyPage } from './pages/agency-page.js';
import { checkPage } from './pages/check-page.js';
import { dataFiles } from './pages/data-files.js';
import { editionPages } from './pages/editions-pages.js';
import { indexPages } from './pages/index-page.js';
import { matrixPages } from './pages/matrix-page.js';
import { methodologyPage } from './pages/methodology-page.js';
import type { SiteFiles, SiteInput } from './types.js';

/** Builds the whole site from data: path → UTF-8 text. Pure: no clock, no I/O; linear in the input size. */
export function buildSite(input: SiteInput): SiteFiles {
  return new Map(siteFiles(input));
}

/**
 * The same files one at a time, each built when asked for: a publisher hashes and uploads each and lets it go, so
 * memory holds the model and one page, not the whole site (1,000 agency pages at 1,000 agencies).
 */
export function* siteFiles(input: SiteInput): Generator<[path: string, text: string]> {
  const m = buildModel(input);
  yield ['assets/site.css', SITE_CSS];
  yield* indexPages(m);
  yield* matrixPages(m);
  yield ['methodology.html', methodologyPage(m)];
  for (const v of m.ranked) yield [`agency/${v.agency.id}.html`, agencyPage(m, v)];
  for (const c of m.checks) yield [`check/${encodeURIComponent(c.id)}.html`, checkPage(m, c)];
  yield* dataFiles(m);
  yield* editionPages(m);
}

/**
 * Which paths to upload and which to delete, given content hashes of the previous and the next site. Hashing is
 * left to the caller (the publisher has node:crypto; this package stays pure): pass any stable digest per path.
 */
export function changedFiles(
  previous: ReadonlyMap<string, string>,
  next: ReadonlyMap<string, string>,
): { changed: string[]; removed: string[] } {
  const changed = [...next].filter(([p, h]) => previous.get(p) !== h).map(([p]) => p);
  const removed = [...previous.keys()].filter((p) => !next.has(p));
  return { changed, removed };
}
