/**
 * Browser-side code, as source text: `page.evaluate` of a string survives any transpiler (tsx's keepNames
 * wraps functions in `__name(...)`, which does not exist in the page). Each script is `(arg) => value`.
 */

/** Visible text (bounded) and links/controls (bounded) of the document. */
export const COLLECT = String.raw`(o) => {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const text = clean(document.body ? document.body.innerText : '').slice(0, o.maxText);
  const els = document.querySelectorAll('a, button, [role=button], [role=link], [role=menuitem], [role=tab], input[type=button], input[type=submit], [onclick]');
  const seen = new Set();
  const links = [];
  for (const el of els) {
    if (links.length >= o.maxLinks) break;
    // A link that is only an image (a flag for English) is named by the image's alt text.
    const alt = Array.from(el.querySelectorAll('img[alt]')).map((i) => i.getAttribute('alt')).join(' ');
    const t = clean(el.innerText || el.textContent || el.value || alt || '').slice(0, 200);
    const raw = el.getAttribute('href');
    const href = raw && !/^(javascript:|#$)/i.test(raw) && typeof el.href === 'string' ? el.href : null;
    const aria = el.getAttribute('aria-label');
    const title = el.getAttribute('title');
    if (!t && !aria && !title) continue;
    const key = t + '|' + href + '|' + aria + '|' + title;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ text: t, href, ariaLabel: aria, title });
  }
  return { text, links };
}`;

/** Length of the visible text: polled until it stops changing (client-rendered pages). */
export const TEXT_LENGTH = `() => (document.body ? document.body.innerText.length : 0)`;

/** Candidate controls or inputs matching a CSS query, with every text a label could hide in. */
export const CANDIDATES = String.raw`(o) => {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const out = [];
  const els = document.querySelectorAll(o.query);
  for (let i = 0; i < els.length && out.length < 500; i++) {
    const el = els[i];
    const style = getComputedStyle(el);
    const visible = el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    const labels = el.labels ? Array.from(el.labels).map((l) => clean(l.innerText)).join(' ') : '';
    out.push({
      i,
      visible,
      text: clean(el.innerText || el.textContent || '').slice(0, 200),
      ariaLabel: el.getAttribute('aria-label'),
      title: el.getAttribute('title'),
      placeholder: el.getAttribute('placeholder'),
      name: el.getAttribute('name'),
      id: el.id || null,
      type: (el.getAttribute('type') || '').toLowerCase(),
      tag: el.tagName.toLowerCase(),
      label: labels,
      context: el.parentElement ? clean(el.parentElement.innerText).slice(0, 120) : '',
    });
  }
  return out;
}`;

/** Marks the i-th element of a query so a locator can find it. */
export const MARK = `(o) => {
  const el = document.querySelectorAll(o.query)[o.i];
  if (!el) return false;
  el.setAttribute('data-dvcwatch', o.mark);
  return true;
}`;

/** Computed font size of body text and colours of text/background, to see what a control changed. */
export const STYLE_SAMPLE = String.raw`() => {
  const pick = () => {
    for (const el of document.querySelectorAll('main p, article p, p, li, td, span, div')) {
      if (el.closest('header, nav, [role=toolbar]')) continue;
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim().length > 20);
      if (own && el.getClientRects().length > 0) return el;
    }
    return document.body;
  };
  const el = pick();
  const bgOf = (e) => {
    for (let x = e; x; x = x.parentElement) {
      const c = getComputedStyle(x).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const cs = getComputedStyle(el);
  const filter = getComputedStyle(document.documentElement).filter + ' ' + getComputedStyle(document.body).filter;
  return {
    fontPx: parseFloat(cs.fontSize),
    colors: 'chữ ' + cs.color + ', nền ' + bgOf(el) + (filter.trim() !== 'none none' ? ', lọc ' + filter.trim() : ''),
  };
}`;

/** Subresources an https page references or loaded over plain http. */
export const HTTP_SUBRESOURCES = `() => {
  if (location.protocol !== 'https:') return [];
  const urls = new Set();
  const sel = 'img[src], script[src], iframe[src], audio[src], video[src], source[src], embed[src], object[data], link[href]';
  for (const el of document.querySelectorAll(sel)) {
    if (el.tagName === 'LINK' && !/stylesheet|icon|preload|manifest/i.test(el.getAttribute('rel') || '')) continue;
    const u = el.src || el.data || el.href || '';
    if (typeof u === 'string' && u.startsWith('http:')) urls.add(u);
  }
  for (const e of performance.getEntriesByType('resource')) if (e.name.startsWith('http:')) urls.add(e.name);
  return Array.from(urls).slice(0, 50);
}`;

/** Meta viewport and horizontal overflow, for the mobile check. */
export const MOBILE = `() => {
  const meta = document.querySelector('meta[name=viewport]');
  return {
    viewport: meta ? meta.getAttribute('content') : null,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  };
}`;

/** Visible form fields that are not a search box, a login or hidden: a submission form. */
export const FORM_FIELDS = `() => {
  let n = 0;
  for (const el of document.querySelectorAll('form input, form select, form textarea, input, select, textarea')) {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (['hidden', 'search', 'submit', 'button', 'password', 'image', 'reset'].includes(type)) continue;
    if (el.closest('header, nav, [role=search]')) continue;
    if (el.getClientRects().length === 0 || el.disabled) continue;
    n++;
  }
  return n;
}`;
