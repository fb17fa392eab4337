/**
 * Reading a search's results: result-looking items that mention the query, and which of them is a procedure.
 * Browser-side code is source text (see scripts.ts).
 */

/** One result-looking item; `mark` tags its best anchor so it can be clicked when it is not a plain link. */
export interface ResultItem {
  text: string;
  href: string | null;
  /** The anchor's address looks like a procedure page (`thu-tuc`, `tthc`, `procedure`, `chi-tiet`, …). */
  procedureLike: boolean;
  mark: string | null;
}

/**
 * Result-looking elements that mention the query. Elements in the page's header, navigation or footer and in the
 * search box's own form are skipped, but not the rest of a form: ASP.NET WebForms portals wrap the whole page,
 * results included, in one `<form id="aspnetForm">`. Inside each item, the anchor that names the query or points
 * at a procedure is preferred over the first one (a results row often opens with a field or a download link).
 */
export const SEARCH_RESULTS = String.raw`(o) => {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const fold = (s) => clean(s).toLocaleLowerCase('vi').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
  const PROC = /thu-?tuc|thutuc|tthc|procedure|chi-?tiet|chitiet|detail|ma_?thu_?tuc|matt=/i;
  const FILE = /\.(pdf|docx?|xlsx?|zip|rar)(\?|$)/i;
  const input = document.querySelector('[data-dvcwatch-q]');
  const bodyLen = clean(document.body ? document.body.innerText : '').length || 1;
  let own = input ? input.closest('form, [role=search]') : null;
  // A form holding most of the page is the page, not the search box.
  if (own && own.tagName === 'FORM' && clean(own.innerText).length > bodyLen / 2) own = null;
  const items = [];
  for (const el of document.querySelectorAll('a, tr, li, h2, h3, h4, [class*=item], [class*=result], [role=row], [role=listitem]')) {
    if (el.closest('header, nav, footer, [role=search], [role=navigation], [role=banner], [role=contentinfo]')) continue;
    if (own && own.contains(el)) continue;
    if (el.getClientRects().length === 0) continue;
    const t = clean(el.innerText);
    if (!t || t.length > 400 || !fold(t).includes(o.q)) continue;
    if (items.some((x) => x.el.contains(el) || el.contains(x.el))) continue;
    const anchors = el.matches('a, [role=link], button') ? [el] : Array.from(el.querySelectorAll('a[href], [role=link], button, [onclick]'));
    const score = (a) => {
      const raw = a.getAttribute('href') || '';
      if (FILE.test(raw)) return -1;
      return (fold(a.innerText).includes(o.q) ? 2 : 0) + (PROC.test(raw) ? 1 : 0);
    };
    let best = null;
    for (const a of anchors) if (score(a) >= 0 && (best === null || score(a) > score(best))) best = a;
    const raw = best ? best.getAttribute('href') || '' : '';
    const href = best && /^https?:|^\/|^[\w.-]+(\/|\?|$)/i.test(raw) && !/^javascript:/i.test(raw) ? best.href : null;
    let mark = null;
    if (best) {
      mark = 'r' + items.length;
      best.setAttribute('data-dvcwatch-r', mark);
    }
    items.push({ el, text: t.slice(0, 160), href, procedureLike: PROC.test(raw), mark });
  }
  return items.map((x) => ({ text: x.text, href: x.href, procedureLike: x.procedureLike, mark: x.mark }));
}`;

/**
 * The result to open as the procedure page: a same-site result whose address looks like a procedure first, then
 * any same-site link, then one reached only by clicking (a post-back); never a file download.
 */
export function pickProcedure(items: readonly ResultItem[], pageUrl: string): ResultItem | null {
  const host = new URL(pageUrl).host;
  const sameSite = (r: ResultItem) => {
    try {
      return r.href !== null && new URL(r.href).host === host;
    } catch {
      return false;
    }
  };
  return (
    items.find((r) => sameSite(r) && r.procedureLike) ??
    items.find((r) => sameSite(r)) ??
    items.find((r) => r.href === null && r.mark !== null) ??
    null
  );
}
