import { type Facts, findLink, LABELS, type LinkFact, matches } from '@dvcwatch/core';
import type { Page } from 'playwright-core';
import { collect, findElement, run, settle } from './dom.js';
import { FORM_FIELDS } from './scripts.js';

const MAX_PAGES = 12;
const SKIP = /\.(pdf|docx?|xlsx?|zip|rar|jpe?g|png)(\?|$)|logout|dang-xuat/i;

/**
 * Bounded breadth-first walk over same-site links from the home page, looking for a submission entry
 * ("Nộp hồ sơ", "Nộp trực tuyến") or a form with fields. Depth counts clicks from the home page
 * (Circular 32/2017/TT-BTTTT: the online service within three clicks).
 */
export async function gatherThreeClicks(
  page: Page,
  opts: { selector?: string; until: number },
): Promise<NonNullable<Facts['threeClicks']>> {
  const home = page.url();
  const host = new URL(home).host;
  const queue: { url: string; depth: number; path: string[] }[] = [{ url: home, depth: 0, path: [] }];
  const seen = new Set([home.split('#')[0]]);
  let visited = 0;
  while (queue.length > 0 && visited < MAX_PAGES && Date.now() < opts.until) {
    const at = queue.shift()!;
    if (at.depth > 0) {
      const ok = await page
        .goto(at.url, { waitUntil: 'domcontentloaded', timeout: Math.max(1_000, Math.min(8_000, opts.until - Date.now())) })
        .then(() => true)
        .catch(() => false);
      if (!ok) continue;
    }
    await settle(page, 1_500);
    visited++;
    if (at.depth > 0 && (await run<number>(page, FORM_FIELDS)) >= 2)
      return { depth: at.depth, path: [...at.path, 'biểu mẫu'], pagesVisited: visited };
    const entry = await findElement(page, LABELS.submit, { selector: opts.selector });
    if (entry && at.depth < 3) return { depth: at.depth + 1, path: [...at.path, entry.label], pagesVisited: visited };
    if (at.depth >= 2) continue;
    const { links } = await collect(page, 400, 0);
    for (const link of prioritise(links)) {
      if (!link.href) continue;
      const url = link.href.split('#')[0]!;
      let same = false;
      try {
        same = new URL(url).host === host;
      } catch {}
      if (!same || seen.has(url) || SKIP.test(url)) continue;
      seen.add(url);
      queue.push({ url, depth: at.depth + 1, path: [...at.path, link.text || link.ariaLabel || url] });
    }
  }
  return { depth: null, path: [], pagesVisited: visited };
}

// Addresses that look like a procedure or its online service (VNPT iGate `/procedure/detail/`, national portal
// `dvc-tthc-thu-tuc-hanh-chinh-chi-tiet`, `ma_thu_tuc=`), seen in shared/DOMAIN.md.
const PROCEDURE_HREF = /thu-?tuc|thutuc|tthc|procedure|chi-tiet|detail|dich-?vu-?cong|nop-?ho-?so/i;

/** Submission-looking links first, then procedure-looking addresses, then navigation labels, then the rest. */
function prioritise(links: LinkFact[]): LinkFact[] {
  const rank = (l: LinkFact): number =>
    findLink([l], LABELS.submit) ? 0 : l.href && PROCEDURE_HREF.test(l.href) ? 1 : matches(l.text, LABELS.navigation) ? 2 : 3;
  return links
    .map((l, i) => ({ l, i, r: rank(l) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.l);
}
