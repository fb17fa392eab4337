import { type Facts, fold, LABELS, matches, SEARCH_INPUT_HINTS } from '@dvcwatch/core';
import type { Page } from 'playwright-core';
import { type Candidate, clickElement, collect, findElement, INPUT_QUERY, run, settle } from './dom.js';
import { pickProcedure, type ResultItem, SEARCH_RESULTS } from './search-results.js';

/** What the search gatherer found, plus the procedure page it leads to (reused for `procedure-info`). */
export type SearchFacts = NonNullable<Facts['search']> & {
  /** Address of the procedure result, when it is a plain link. */
  procedureHref: string | null;
  /** Text of the procedure page when it could only be reached by clicking (ASP.NET `__doPostBack`, SPA routes). */
  procedure: { url: string; text: string } | null;
};

const inputFields = (c: Candidate) => [c.placeholder, c.ariaLabel, c.title, c.label, c.name, c.id, c.context];

// A marker on the window: gone after searching when the search replaced the document (a form post-back to the
// same address, as ASP.NET WebForms portals do), so the address alone cannot tell a navigation from a re-render.
const MARK_DOCUMENT = `() => { window.__dvcwatchDoc = 1; }`;
const SAME_DOCUMENT = `() => window.__dvcwatchDoc === 1`;
const ECHOED = String.raw`(o) => Array.from(document.querySelectorAll('input')).some((i) =>
  (i.value || '').toLocaleLowerCase('vi').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').includes(o.q))`;

/** Types "khai sinh" into the portal's search box, presses Enter, and counts result-looking items. */
export async function gatherSearch(page: Page, selector?: string): Promise<SearchFacts> {
  const query = LABELS.searchQuery[0];
  const none = { query, resultsUrl: null, resultCount: 0, evidence: null, procedureHref: null, procedure: null };
  let found = await findElement(page, [...SEARCH_INPUT_HINTS, ...LABELS.search], {
    query: INPUT_QUERY,
    selector,
    fields: inputFields,
  });
  found ??= await findElement(page, ['search'], { query: 'input[type=search]', fields: (c) => [c.type] });
  if (!found) return { inputFound: false, ...none };
  await found.locator.evaluate(`(el) => el.setAttribute('data-dvcwatch-q', '1')`).catch(() => undefined);
  const q = fold(query);
  const key = (r: ResultItem) => `${r.text}|${r.href}`;
  const before = new Set((await run<ResultItem[]>(page, SEARCH_RESULTS, { q })).map(key));
  const urlBefore = page.url();
  await run(page, MARK_DOCUMENT);
  let status: number | null = null;
  const onResponse = (r: import('playwright-core').Response) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) status = r.status();
  };
  page.on('response', onResponse);
  try {
    await found.locator.fill(query, { timeout: 2_000 });
    await found.locator.press('Enter', { timeout: 2_000 });
    await page.waitForLoadState('domcontentloaded', { timeout: 5_000 }).catch(() => undefined);
    await settle(page, 5_000);
  } finally {
    page.off('response', onResponse);
  }
  const navigated = page.url() !== urlBefore || !(await run<boolean>(page, SAME_DOCUMENT).catch(() => false));
  const resultsUrl = page.url();
  // The search could not run (its results page is an error or did not load): nothing can be said of the results.
  const broken = resultsUrl.startsWith('chrome-error:')
    ? 'trang kết quả không tải được'
    : status !== null && status >= 400
      ? `HTTP ${status}`
      : null;
  if (broken) return { inputFound: true, ...none, resultsUrl, error: broken };
  // Same document: only what appeared after searching counts (a home page may already list "Đăng ký khai sinh").
  const items = (await run<ResultItem[]>(page, SEARCH_RESULTS, { q })).filter((r) => navigated || !before.has(key(r)));
  const bodyText = await page
    .locator('body')
    .innerText({ timeout: 2_000 })
    .catch(() => '');
  const noResults = matches(bodyText, [
    'Không tìm thấy kết quả',
    'Không có kết quả',
    'Không tìm thấy thủ tục',
    'Không có dữ liệu',
  ]);
  const count = noResults && items.length <= 1 ? 0 : items.length;
  // No result, no "nothing found" message and the query not even repeated back: the search may not have run at all.
  const echoed = matches(bodyText, [query]) !== null || (await run<boolean>(page, ECHOED, { q }).catch(() => false));
  const unconfirmed = count === 0 && !noResults && !echoed;
  const best = count > 0 ? pickProcedure(items, resultsUrl) : null;
  const base = {
    inputFound: true,
    query,
    resultsUrl,
    resultCount: count,
    evidence: items[0]?.text ?? null,
    ...(unconfirmed ? { error: 'trang sau khi tìm không có kết quả, không báo "không tìm thấy" và không nhắc lại từ khoá' } : {}),
  };
  if (!best) return { ...base, procedureHref: null, procedure: null };
  if (best.href && /^https?:/i.test(best.href)) return { ...base, procedureHref: best.href, procedure: null };
  return { ...base, procedureHref: null, procedure: await openByClick(page, best) };
}

/** Clicks a result that is not a plain link (a post-back or a client route) and reads the page it opens. */
async function openByClick(page: Page, item: ResultItem): Promise<{ url: string; text: string } | null> {
  if (item.mark === null) return null;
  const target = page.locator(`[data-dvcwatch-r="${item.mark}"]`);
  if ((await target.count()) === 0) return null;
  await run(page, MARK_DOCUMENT);
  const urlBefore = page.url();
  await clickElement(target);
  await page.waitForLoadState('domcontentloaded', { timeout: 5_000 }).catch(() => undefined);
  await settle(page, 4_000);
  const moved = page.url() !== urlBefore || !(await run<boolean>(page, SAME_DOCUMENT).catch(() => false));
  if (!moved) return null;
  return { url: page.url(), text: (await collect(page, 0)).text };
}
