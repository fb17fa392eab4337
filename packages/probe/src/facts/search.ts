import { type Facts, fold, LABELS, matches, SEARCH_INPUT_HINTS } from '@dvcwatch/core';
import type { Page } from 'playwright-core';
import { type Candidate, findElement, INPUT_QUERY, run, settle } from './dom.js';

/** What the search gatherer found, plus the first result's address (a procedure page, reused for its text). */
export type SearchFacts = NonNullable<Facts['search']> & { firstResultHref: string | null };

const RESULTS = String.raw`(o) => {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const fold = (s) => clean(s).toLocaleLowerCase('vi').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  const items = [];
  for (const el of document.querySelectorAll('a, tr, li, h2, h3, h4, [class*=item], [class*=result]')) {
    if (el.closest('header, nav, footer, form, [role=search]')) continue;
    if (el.getClientRects().length === 0) continue;
    const t = clean(el.innerText);
    if (!t || t.length > 400 || !fold(t).includes(o.q)) continue;
    if (items.some((x) => x.el.contains(el) || el.contains(x.el))) continue;
    const a = el.tagName === 'A' ? el : el.querySelector('a[href]');
    items.push({ el, text: t.slice(0, 160), href: a && typeof a.href === 'string' ? a.href : null });
  }
  return items.map((x) => ({ text: x.text, href: x.href }));
}`;

const inputFields = (c: Candidate) => [c.placeholder, c.ariaLabel, c.title, c.label, c.name, c.id];

/** Types "khai sinh" into the portal's search box, presses Enter, and counts result-looking items. */
export async function gatherSearch(page: Page, selector?: string): Promise<SearchFacts> {
  const query = LABELS.searchQuery[0];
  let found = await findElement(page, [...SEARCH_INPUT_HINTS, ...LABELS.search], {
    query: INPUT_QUERY,
    selector,
    fields: inputFields,
  });
  found ??= await findElement(page, ['search'], { query: 'input[type=search]', fields: (c) => [c.type] });
  if (!found) return { inputFound: false, query, resultsUrl: null, resultCount: 0, evidence: null, firstResultHref: null };
  const q = fold(query);
  const key = (r: { text: string; href: string | null }) => `${r.text}|${r.href}`;
  const before = new Set((await run<{ text: string; href: string | null }[]>(page, RESULTS, { q })).map(key));
  const urlBefore = page.url();
  await found.locator.fill(query, { timeout: 2_000 });
  await found.locator.press('Enter', { timeout: 2_000 });
  await page.waitForLoadState('domcontentloaded', { timeout: 5_000 }).catch(() => undefined);
  await settle(page, 5_000);
  const navigated = page.url() !== urlBefore;
  // Same page: only what appeared after searching counts (a home page may already list "Đăng ký khai sinh").
  const items = (await run<{ text: string; href: string | null }[]>(page, RESULTS, { q })).filter(
    (r) => navigated || !before.has(key(r)),
  );
  const bodyText = await page
    .locator('body')
    .innerText({ timeout: 2_000 })
    .catch(() => '');
  const noResults = matches(bodyText, ['Không tìm thấy kết quả', 'Không có kết quả']);
  const count = noResults && items.length <= 1 ? 0 : items.length;
  const first = items.find((r) => r.href && new URL(r.href).host === new URL(page.url()).host) ?? null;
  return {
    inputFound: true,
    query,
    resultsUrl: page.url(),
    resultCount: count,
    evidence: items[0]?.text ?? null,
    firstResultHref: count > 0 ? (first?.href ?? null) : null,
  };
}
