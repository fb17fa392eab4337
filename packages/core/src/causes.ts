import type { Facts, PageArtifacts } from './artifacts.js';
import type { ResourceFact } from './diagnosis.js';
import { errorPageSummary, isErrorPage } from './error-page.js';
import { viDateOf, viNumber } from './vi-format.js';

/** What kind of thing made a page slow or will soon break it. */
export type CauseKind =
  | 'certificate'
  | 'error-page'
  | 'slow-server'
  | 'heavy-lcp-image'
  | 'render-blocking'
  | 'long-scripts'
  | 'heavy-request'
  | 'slow-request';

/** One named cause, with its evidence in plain Vietnamese (portal-supplied URLs inside: escape before showing). */
export interface Cause {
  kind: CauseKind;
  page: 'home' | 'form' | 'site';
  /** e.g. "Ảnh chính của trang (LCP) nặng 4,2 MB, tải mất 3,8 s: /images/banner.jpg" */
  text: string;
  /** The resource named, if any. */
  url: string | null;
  /** Time the cause cost the page load, ms (0 for the certificate, which is named first whatever it costs). */
  impactMs: number;
}

/** Cut-offs above which a fact is named as a cause; each with its source. */
export const CAUSE_LIMITS = {
  // Issue 15: a certificate expiring within 14 days is a cause of its own (Let's Encrypt renews at 30 days
  // left and warns at 20 and 10: fewer than 14 left means renewal has already failed at least once).
  certificateDays: 14,
  // web.dev/ttfb: over 1.8 s is "poor"; from 0.8 s ("good" boundary) it is named when it is half the LCP.
  serverPoorMs: 1_800,
  serverGoodMs: 800,
  serverShareOfLcp: 0.5,
  // Lighthouse "Avoid enormous network payloads" flags pages over ~1.6 MB in total; one image of 1 MB, or one
  // that takes 1 s to arrive, dominates the LCP of a portal page on its own (dvcwatch's choice).
  lcpImageBytes: 1_000_000,
  lcpImageMs: 1_000,
  // A render-blocking file that takes 0.5 s or more and ends after 1 s delays first paint noticeably.
  blockingMs: 500,
  blockingEndMs: 1_000,
  // Lighthouse's "long task" is 50 ms; TBT "poor" on mobile is 0.6 s. A script holding 250 ms on an unthrottled
  // desktop is ~1 s on Lighthouse's 4× slower phone: named.
  scriptMs: 250,
  tbtMs: 600,
  // Any other single request over 2 MB, or taking 3 s or more (dvcwatch's choice).
  heavyBytes: 2_000_000,
  slowMs: 3_000,
} as const;

type Page = Pick<PageArtifacts, 'url' | 'finalUrl' | 'ttfbMs' | 'lcpMs' | 'tbtMs' | 'error' | 'diagnosis'> &
  Partial<Pick<PageArtifacts, 'httpStatus' | 'challenge' | 'title' | 'firstText'>>;

/** What `nameCauses` needs: the round's time, the pages as probed (or stored), and the certificate. */
export interface CauseInput {
  at: string;
  home: Page | null;
  form: Page | null;
  tls: Facts['tls'];
}

const num = viNumber;
/** "2,9 s" (Vietnamese decimal comma). */
export const formatSeconds = (ms: number): string => `${num(ms / 1000, 1)} s`;
/** "4,2 MB" / "850 kB". */
export const formatBytes = (b: number): string =>
  b >= 1_000_000 ? `${num(b / 1_000_000, 1)} MB` : `${num(Math.max(1, Math.round(b / 1000)), 0)} kB`;
/** "08/12/2026" in Asia/Ho_Chi_Minh. */
const vnDate = viDateOf;

/**
 * What ran a long script with no file of its own, in Vietnamese (Long Animation Frames' invoker: the browser's
 * own names such as `FrameRequestCallback` mean nothing to an agency's operator).
 */
export function invokerVi(invoker: string | null | undefined): string {
  const i = invoker ?? '';
  if (/FrameRequestCallback/i.test(i)) return 'hàm vẽ khung hình (requestAnimationFrame) của tập lệnh trong trang';
  if (/TimerHandler|setTimeout|setInterval/i.test(i)) return 'hàm hẹn giờ (setTimeout/setInterval) của tập lệnh trong trang';
  if (/Promise/i.test(i)) return 'xử lý bất đồng bộ (Promise) của tập lệnh trong trang';
  if (/\.on[a-z]+$|EventListener/i.test(i)) return 'trình xử lý sự kiện của tập lệnh trong trang';
  return 'tập lệnh trong trang';
}

/** The URL as a reader recognises it: the path on the page's own origin, the whole address elsewhere. */
const shortUrl = (url: string, pageUrl: string): string => {
  try {
    const u = new URL(url);
    const own = new URL(pageUrl).origin === u.origin;
    const s = own ? `${u.pathname}${u.search}` : `${u.host}${u.pathname}${u.search}`;
    return s.length > 100 ? `${s.slice(0, 99)}…` : s;
  } catch {
    return url.slice(0, 100);
  }
};

const took = (r: ResourceFact) => Math.max(0, r.endMs - r.startMs);
const fileKind = (r: ResourceFact) =>
  /\.css(\?|$)/i.test(r.url) || r.type === 'css' || r.type === 'link' ? 'Tệp CSS' : 'Tập lệnh';

/** An error or firewall page as its own cause ("HTTP 503: Hệ thống đang bảo trì"): its timings say nothing. */
const errorPageCause = (kind: 'home' | 'form', p: Page): Cause | null => {
  const answer = { httpStatus: p.httpStatus ?? null, challenge: p.challenge ?? false };
  if (p.error || !isErrorPage(answer)) return null;
  return {
    kind: 'error-page',
    page: kind,
    text: errorPageSummary({ ...answer, title: p.title ?? null, firstText: p.firstText ?? null }),
    url: null,
    impactMs: 0,
  };
};

/** Causes found on one loaded page, unordered; URLs are not repeated. */
function pageCauses(kind: 'home' | 'form', p: Page): Cause[] {
  if (p.error || isErrorPage({ httpStatus: p.httpStatus ?? null, challenge: p.challenge ?? false })) return [];
  const L = CAUSE_LIMITS;
  const d = p.diagnosis;
  const base = p.finalUrl ?? p.url;
  const short = (u: string) => shortUrl(u, base);
  const out: Cause[] = [];
  const named = new Set<string>();
  const add = (c: Omit<Cause, 'page'>) => {
    if (c.url && named.has(c.url)) return;
    if (c.url) named.add(c.url);
    out.push({ ...c, page: kind });
  };
  const ttfb = p.ttfbMs;
  if (ttfb !== null && (ttfb > L.serverPoorMs || (ttfb >= L.serverGoodMs && p.lcpMs && ttfb / p.lcpMs >= L.serverShareOfLcp))) {
    const share = p.lcpMs ? ` (${num(Math.min(100, (ttfb / p.lcpMs) * 100), 0)} % thời gian đến khi hiện nội dung chính)` : '';
    add({
      kind: 'slow-server',
      text: `Máy chủ trả lời chậm: ${formatSeconds(ttfb)} chờ phản hồi đầu tiên${share}`,
      url: null,
      impactMs: ttfb,
    });
  }
  if (!d) return out;
  const img = d.lcpResource;
  if (img && (img.bytes >= L.lcpImageBytes || took(img) >= L.lcpImageMs)) {
    const size = img.bytes > 0 ? ` nặng ${formatBytes(img.bytes)},` : '';
    add({
      kind: 'heavy-lcp-image',
      text: `Ảnh chính của trang (LCP)${size} tải mất ${formatSeconds(took(img))}: ${short(img.url)}`,
      url: img.url,
      impactMs: took(img),
    });
  }
  const blocking = d.renderBlocking.filter((r) => took(r) >= L.blockingMs && r.endMs >= L.blockingEndMs);
  const worst = blocking[0];
  if (worst) {
    const more = blocking.length > 1 ? ` (và ${blocking.length - 1} tệp chặn khác)` : '';
    add({
      kind: 'render-blocking',
      text: `${fileKind(worst)} chặn hiển thị: trang chờ ${formatSeconds(took(worst))} để tải ${short(worst.url)} trước khi hiện nội dung${more}`,
      url: worst.url,
      impactMs: took(worst),
    });
  }
  const script = d.longScripts[0];
  if (script && script.ms >= L.scriptMs) {
    const who = script.url ? short(script.url) : invokerVi(script.invoker);
    add({
      kind: 'long-scripts',
      text: `Tập lệnh chiếm luồng xử lý ${formatSeconds(script.ms)}, trang không phản hồi trong lúc đó: ${who}`,
      url: script.url || null,
      impactMs: script.ms,
    });
  } else if (p.tbtMs !== null && p.tbtMs >= L.tbtMs) {
    add({
      kind: 'long-scripts',
      text: `Các tập lệnh chặn tương tác tổng cộng ${formatSeconds(p.tbtMs)} (TBT)`,
      url: null,
      impactMs: p.tbtMs,
    });
  }
  const heavy = d.largest.find((r) => r.bytes >= L.heavyBytes && !named.has(r.url));
  if (heavy)
    add({
      kind: 'heavy-request',
      text: `Tệp nặng ${formatBytes(heavy.bytes)}, tải mất ${formatSeconds(took(heavy))}: ${short(heavy.url)}`,
      url: heavy.url,
      impactMs: took(heavy),
    });
  const slow = d.slowest.find((r) => took(r) >= L.slowMs && !named.has(r.url));
  if (slow)
    add({
      kind: 'slow-request',
      text: `Yêu cầu chậm: ${short(slow.url)} mất ${formatSeconds(took(slow))}`,
      url: slow.url,
      impactMs: took(slow),
    });
  return out;
}

/** The certificate as a cause when it expires within `CAUSE_LIMITS.certificateDays` of `at` (or has expired). */
function certificateCause(at: string, tls: Facts['tls']): Cause | null {
  if (!tls?.validTo) return null;
  const days = Math.floor((Date.parse(tls.validTo) - Date.parse(at)) / 86_400_000);
  if (!Number.isFinite(days) || days >= CAUSE_LIMITS.certificateDays) return null;
  const text =
    days < 0
      ? `Chứng chỉ HTTPS đã hết hạn ngày ${vnDate(tls.validTo)}: trình duyệt chặn truy cập cổng`
      : `Chứng chỉ HTTPS hết hạn sau ${days} ngày (${vnDate(tls.validTo)}): cần gia hạn ngay, nếu không trình duyệt sẽ chặn truy cập cổng`;
  return { kind: 'certificate', page: 'site', text, url: null, impactMs: 0 };
}

/**
 * At most three causes of slowness (or of an imminent outage), most costly first, each with its evidence. A
 * certificate expiring within 14 days always comes first, then an error page (HTTP ≥ 400, firewall), which is
 * named instead of its timings. Form-page causes say so. Pure.
 */
export function nameCauses(input: CauseInput): Cause[] {
  const errorPages = [input.home && errorPageCause('home', input.home), input.form && errorPageCause('form', input.form)]
    .filter((c): c is Cause => !!c)
    .map((c) => (c.page === 'form' ? { ...c, text: `Trang biểu mẫu: ${c.text}` } : c));
  const cert = certificateCause(input.at, input.tls);
  const pages = [
    ...(input.home ? pageCauses('home', input.home) : []),
    ...(input.form ? pageCauses('form', input.form).map((c) => ({ ...c, text: `Trang biểu mẫu: ${c.text}` })) : []),
  ].sort((a, b) => b.impactMs - a.impactMs);
  return [...(cert ? [cert] : []), ...errorPages, ...pages].slice(0, 3);
}
