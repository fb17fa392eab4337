import { type Facts, findLink, LABELS, type LinkFact, matches } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import { PageSessionError } from '../page-session.js';
import { collect, findElement, run, settle } from './dom.js';
import { FORM_FIELDS } from './scripts.js';

const MAX_PAGES = 12;
const SKIP = /\.(pdf|docx?|xlsx?|zip|rar|jpe?g|png)(\?|$)|logout|dang-xuat/i;

type ThreeClicks = NonNullable<Facts['threeClicks']>;
type Open = <T>(url: string, fn: (page: Page, response: Response | null) => Promise<T>) => Promise<T>;
type Hop = { url: string; depth: number; path: string[] };

/** The walk's first step, the home page: a submission entry on it, or its links to walk. */
export interface WalkStart {
  /** The home page's address once loaded (redirects followed). */
  home: string;
  /** Label of the submission entry found on the home page, if any. */
  entry: string | null;
  links: readonly LinkFact[];
}

/**
 * Reads the walk's first step on the home page the home visit has open (its links already collected), so the walk
 * does not load the home page again.
 */
export async function walkStart(page: Page, links: readonly LinkFact[], selector?: string): Promise<WalkStart> {
  const entry = await findElement(page, LABELS.submit, { selector });
  return { home: page.url(), entry: entry?.label ?? null, links };
}

/**
 * Bounded breadth-first walk over same-site links from the home page, looking for a submission entry
 * ("Nộp hồ sơ", "Nộp trực tuyến") or a form with fields. Depth counts clicks from the home page
 * (Circular 32/2017/TT-BTTTT: the online service within three clicks). The home page is `start`; the pages after
 * it share one browser page, the first opened by `open`, the next by navigation.
 */
export async function gatherThreeClicks(
  open: Open,
  start: WalkStart,
  opts: { selector?: string; until: number },
): Promise<ThreeClicks> {
  if (start.entry) return { depth: 1, path: [start.entry], pagesVisited: 1 };
  const host = new URL(start.home).host;
  const queue: Hop[] = [];
  const seen = new Set([start.home.split('#')[0]]);
  const enqueue = (links: readonly LinkFact[], from: Hop) => {
    for (const link of prioritise(links)) {
      if (!link.href) continue;
      const url = link.href.split('#')[0]!;
      let same = false;
      try {
        same = new URL(url).host === host;
      } catch {}
      if (!same || seen.has(url) || SKIP.test(url)) continue;
      seen.add(url);
      queue.push({ url, depth: from.depth + 1, path: [...from.path, link.text || link.ariaLabel || url] });
    }
  };
  enqueue(start.links, { url: start.home, depth: 0, path: [] });
  let visited = 1;
  const more = () => queue.length > 0 && visited < MAX_PAGES && Date.now() < opts.until;

  /** Walks on from `first`, already loaded in `page`; null when the queue runs out. */
  const walk = async (page: Page, first: Hop): Promise<ThreeClicks | null> => {
    for (let at: Hop | undefined = first; at; at = more() ? queue.shift() : undefined) {
      if (at !== first) {
        const ok = await page
          .goto(at.url, { waitUntil: 'domcontentloaded', timeout: Math.max(1_000, Math.min(8_000, opts.until - Date.now())) })
          .then(() => true)
          .catch(() => false);
        if (!ok) continue;
      }
      await settle(page, 1_500);
      visited++;
      if ((await run<number>(page, FORM_FIELDS)) >= 2)
        return { depth: at.depth, path: [...at.path, 'biểu mẫu'], pagesVisited: visited };
      const entry = await findElement(page, LABELS.submit, { selector: opts.selector });
      if (entry && at.depth < 3) return { depth: at.depth + 1, path: [...at.path, entry.label], pagesVisited: visited };
      if (at.depth >= 2) continue;
      enqueue((await collect(page, 400, 0)).links, at);
    }
    return null;
  };

  while (more()) {
    const first = queue.shift()!;
    try {
      const found = await open(first.url, (page) => walk(page, first));
      if (found) return found;
    } catch (e) {
      // A page that would not open is skipped, as a failed navigation is.
      if (!(e instanceof PageSessionError)) throw e;
    }
  }
  // Out of time with pages left to look at: not "unreachable", only not known (issue 19: the check is `unknown`).
  if (queue.length > 0 && visited < MAX_PAGES)
    throw new Error(`hết thời gian khi còn ${queue.length} trang chưa xem (đã xem ${visited} trang)`);
  return { depth: null, path: [], pagesVisited: visited };
}

// Addresses that look like a procedure or its online service (VNPT iGate `/procedure/detail/`, national portal
// `dvc-tthc-thu-tuc-hanh-chinh-chi-tiet`, `ma_thu_tuc=`), seen in shared/DOMAIN.md.
const PROCEDURE_HREF = /thu-?tuc|thutuc|tthc|procedure|chi-tiet|detail|dich-?vu-?cong|nop-?ho-?so/i;

/** Submission-looking links first, then procedure-looking addresses, then navigation labels, then the rest. */
function prioritise(links: readonly LinkFact[]): LinkFact[] {
  const rank = (l: LinkFact): number =>
    findLink([l], LABELS.submit) ? 0 : l.href && PROCEDURE_HREF.test(l.href) ? 1 : matches(l.text, LABELS.navigation) ? 2 : 3;
  return links
    .map((l, i) => ({ l, i, r: rank(l) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.l);
}
