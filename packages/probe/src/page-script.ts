/**
 * Scripts run inside the page. Kept as plain JavaScript strings (not serialised TypeScript functions) so no
 * transpiler helper can leak into them. Everything is measured with the page's own clock (`performance`).
 */

/** Name of the binding through which documents report their time origin and form readiness. */
export const REPORT_BINDING = '__dvcwatchReport';

/** What a document reports through the binding; times are epoch ms (timeOrigin + performance.now()). */
export type PageReport = { type: 'doc'; origin: number } | { type: 'ready'; at: number; kind: 'form' | 'login' };

/**
 * Installed with `context.addInitScript` before navigation, in the top frame of every document:
 * LCP (buffered observer, last entry wins), CLS (largest session window of shifts without recent input, as
 * web-vitals computes it), long tasks (for TBT), and, on form pages, the moment the first usable field or a
 * login wall is there (MutationObserver + animation-frame poll, so it is seen within a frame).
 */
export const initScript = (form: boolean): string => `(() => {
  if (window.top !== window || !/^https?:$/.test(location.protocol)) return;
  const report = (m) => { try { const f = globalThis[${JSON.stringify(REPORT_BINDING)}]; if (f) f(m); } catch {} };
  const now = () => performance.timeOrigin + performance.now();
  report({ type: 'doc', origin: performance.timeOrigin });
  const s = { at: 0, lcp: null, lcpEl: null, cls: 0, win: 0, first: 0, last: 0, tasks: [], loaf: [] };
  const observe = (type, cb) => { try { new PerformanceObserver((l) => l.getEntries().forEach(cb)).observe({ type, buffered: true }); } catch {} };
  observe('largest-contentful-paint', (e) => {
    s.at = performance.now();
    s.lcp = e.renderTime || e.startTime;
    const el = e.element;
    s.lcpEl = { tag: el ? el.tagName.toLowerCase() : null, url: e.url || null, size: e.size || 0, text: el && !e.url ? (el.textContent || '').trim().slice(0, 80) : null };
  });
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    s.at = performance.now();
    if (s.win > 0 && e.startTime - s.last < 1000 && e.startTime - s.first < 5000) s.win += e.value;
    else { s.win = e.value; s.first = e.startTime; }
    s.last = e.startTime;
    if (s.win > s.cls) s.cls = s.win;
  });
  observe('longtask', (e) => { if (s.tasks.length < 1000) s.tasks.push([e.startTime, e.duration]); });
  // Long animation frames (Chromium 123+) attribute blocking time to scripts by URL; longtask entries cannot.
  observe('long-animation-frame', (e) => {
    for (const x of e.scripts || []) if (s.loaf.length < 200 && x.duration >= 30) s.loaf.push([x.sourceURL || '', x.invoker || '', x.duration]);
  });
  Object.defineProperty(window, '__dvcwatchMetrics', { value: () => s, enumerable: false, configurable: false, writable: false });
  if (!${form ? 'true' : 'false'}) return;
  const norm = (t) => (t || '').normalize('NFC').toLowerCase();
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    return el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true;
  };
  const FIELD = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]):not([type=search]), select, textarea';
  const loginUrl = () => location.hostname === 'xacthuc.dichvucong.gov.vn' || /\\/(auth\\/)?realms\\//.test(location.pathname);
  const check = () => {
    if (loginUrl()) return 'login';
    for (const el of document.querySelectorAll('input[type=password]')) if (shown(el)) return 'login';
    for (const el of document.querySelectorAll(FIELD)) {
      if (el.disabled || el.closest('[role=search], header, nav')) continue;
      if (shown(el)) return 'form';
    }
    if (norm(document.title).includes('đăng nhập')) return 'login';
    for (const el of document.querySelectorAll('a, button, [role=button], input[type=submit], h1, h2, h3')) {
      const t = norm(el.textContent || el.value);
      if (t.length > 200) continue;
      const wall = t.includes('vneid') || t.includes('tài khoản định danh điện tử') || (el.tagName !== 'A' && t.includes('đăng nhập'));
      if (wall && shown(el)) return 'login';
    }
    return null;
  };
  let done = false, queued = false, mo = null, timer = 0;
  const run = () => {
    queued = false;
    if (done) return;
    const kind = check();
    if (!kind) return;
    done = true;
    report({ type: 'ready', at: now(), kind });
    if (mo) mo.disconnect();
    clearInterval(timer);
  };
  const schedule = () => { if (!queued && !done) { queued = true; requestAnimationFrame(run); } };
  mo = new MutationObserver(schedule);
  mo.observe(document, { childList: true, subtree: true, attributes: true });
  timer = setInterval(run, 100);
  schedule();
})();`;

/**
 * Installed in every frame of every guarded page: `window.open` opens nothing and returns null, as Chromium's
 * own popup blocker does for an open without a user gesture; the attempts are counted. A popup storm then costs
 * nothing; popups opened another way (target=_blank) are closed by the prober as they appear.
 */
export const popupBlockScript = `(() => {
  let blocked = 0;
  try {
    Object.defineProperty(window, 'open', { value: function open() { blocked += 1; return null; }, configurable: false, writable: false });
    Object.defineProperty(window, '__dvcwatchPopups', { get: () => blocked, configurable: false });
  } catch {}
})();`;

/** Raw numbers read from the page after it settled; null where the browser had no entry. */
export interface PageReading {
  ttfb: number | null;
  dcl: number | null;
  load: number | null;
  fcp: number | null;
  lcp: number | null;
  cls: number | null;
  tasks: [number, number][] | null;
  title: string;
  /** The start of the visible text (whitespace collapsed), kept only for error pages. */
  firstText: string;
  challenge: boolean;
  /** `window.open` calls refused by popupBlockScript. */
  blockedPopups: number;
  /** What made the page slow, read cheaply from the same page (no extra request); null if unreadable. */
  diag: RawDiagnosis | null;
}

/** A Resource Timing entry as the read script returns it: [url, initiatorType, bytes, startMs, endMs, blocking]. */
export type RawResource = [string, string, number, number, number, boolean];

/** Raw diagnosis: the LCP element, resources (bounded), and long-animation-frame scripts [url, invoker, ms]. */
export interface RawDiagnosis {
  lcpEl: { tag: string | null; url: string | null; size: number; text: string | null } | null;
  resources: RawResource[];
  resourceCount: number;
  totalBytes: number;
  loaf: [string, string, number][];
}

/**
 * What made the page slow, from the browser's own entries (no request): the LCP element, the largest, slowest and
 * render-blocking resources (top few), and long-animation-frame scripts. Its own expression so the benchmark can
 * time it alone (bench/lab-bench.ts).
 */
export const diagnosisExpression = `(() => {
  try {
    const m = typeof window.__dvcwatchMetrics === 'function' ? window.__dvcwatchMetrics() : null;
    const all = performance.getEntriesByType('resource');
    const row = (e) => [e.name.slice(0, 300), e.initiatorType, e.encodedBodySize || e.transferSize || 0, Math.round(e.startTime), Math.round(e.responseEnd || e.startTime + e.duration), e.renderBlockingStatus === 'blocking'];
    const lcpUrl = m && m.lcpEl ? m.lcpEl.url : null;
    const bySize = all.slice().sort((a, b) => (b.encodedBodySize || b.transferSize) - (a.encodedBodySize || a.transferSize)).slice(0, 3);
    const bySlow = all.slice().sort((a, b) => b.duration - a.duration).slice(0, 3);
    const keep = new Set([...bySize, ...bySlow, ...all.filter((e) => e.renderBlockingStatus === 'blocking').slice(0, 10), ...all.filter((e) => e.name === lcpUrl).slice(0, 1)]);
    let total = 0;
    for (const e of all) total += e.encodedBodySize || e.transferSize || 0;
    return { lcpEl: m ? m.lcpEl : null, resources: [...keep].map(row), resourceCount: all.length, totalBytes: total, loaf: m ? m.loaf.slice() : [] };
  } catch { return null; }
})()`;

/**
 * True once the page has emitted both its first contentful paint and a largest-contentful-paint entry: the probe
 * waits for it (within the page's limit) instead of reading whatever was there at a fixed moment (issue 19).
 */
export const paintedExpression = `(() => {
  const m = typeof window.__dvcwatchMetrics === 'function' ? window.__dvcwatchMetrics() : null;
  return !!(m && m.lcp !== null && performance.getEntriesByName('first-contentful-paint').length > 0);
})()`;

/** Milliseconds since the page's last LCP candidate or layout shift (since its time origin if none). */
export const sinceEntryExpression = `(() => {
  const m = typeof window.__dvcwatchMetrics === 'function' ? window.__dvcwatchMetrics() : null;
  return performance.now() - (m ? m.at : 0);
})()`;

/**
 * Evaluated after settling: Navigation Timing, paint timing, the init script's observations, the title, and
 * captcha/WAF markers. Text markers count only on short pages: many portals show a captcha on
 * an ordinary feedback form, which is not a challenge.
 */
export const readScript = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const m = typeof window.__dvcwatchMetrics === 'function' ? window.__dvcwatchMetrics() : null;
  const pos = (v) => (typeof v === 'number' && v > 0 ? v : null);
  const marker = document.querySelector('iframe[src*="recaptcha"], iframe[src*="hcaptcha"], iframe[src*="challenges.cloudflare.com"], iframe[src*="turnstile"], .g-recaptcha, .h-captcha, .cf-turnstile, #challenge-form, #cf-challenge-running, #cf-wrapper');
  const text = (document.body ? document.body.innerText || '' : '').slice(0, 20000);
  const words = /captcha|access denied|request rejected|the requested url was rejected|attention required|just a moment|checking your browser|truy cập bị từ chối/i;
  return {
    ttfb: n ? pos(n.responseStart) : null,
    dcl: n ? pos(n.domContentLoadedEventEnd) : null,
    load: n ? pos(n.loadEventEnd) || pos(n.loadEventStart) : null,
    fcp: fcp ? fcp.startTime : null,
    lcp: m ? m.lcp : null,
    cls: m ? m.cls : null,
    tasks: m ? m.tasks.slice() : null,
    title: document.title,
    firstText: text.replace(/\\s+/g, ' ').trim().slice(0, 200),
    blockedPopups: typeof window.__dvcwatchPopups === 'number' ? window.__dvcwatchPopups : 0,
    challenge: !!marker || (text.length < 3000 && words.test(text)),
    diag: ${diagnosisExpression},
  };
})()`;
