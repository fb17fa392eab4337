import type { PageArtifacts } from './artifacts.js';

/** What decides whether a page is an error page. */
type Answer = Pick<PageArtifacts, 'httpStatus' | 'challenge'>;

/**
 * Whether a page answered with an error (HTTP ≥ 400) or a firewall/captcha page. How fast such a page painted is
 * not the portal's speed (issue 19): its timings are never stored or shown, only its status, title and first text.
 */
export const isErrorPage = (p: Answer): boolean => (p.httpStatus ?? 0) >= 400 || p.challenge === true;

/** The timing fields of a page: none of them is kept for an error page. */
const TIMINGS = ['ttfbMs', 'fcpMs', 'lcpMs', 'domContentLoadedMs', 'loadMs', 'tbtMs', 'cls'] as const;

type Timed = Answer & Pick<PageArtifacts, (typeof TIMINGS)[number] | 'readyMs' | 'readyKind' | 'diagnosis'>;

/**
 * The page as it may be stored and shown: unchanged when it is not an error page, else without its timings,
 * readiness and slowness diagnosis (status, title, first text and redirects stay, for the diagnosis). Rows
 * stored before the rule are read through it too, so an old 503 never shows an LCP. Pure.
 */
export function untimedIfError<T extends Timed>(page: T): T {
  if (!isErrorPage(page)) return page;
  const out: T = { ...page };
  for (const k of TIMINGS) (out as Record<string, unknown>)[k] = null;
  if (page.readyMs !== undefined) out.readyMs = null;
  if (page.readyKind !== undefined) out.readyKind = null;
  if (page.diagnosis !== undefined) out.diagnosis = null;
  return out;
}

/** "HTTP 503: Hệ thống đang bảo trì" — how an error page is named in causes and on the site. */
export function errorPageSummary(p: Answer & Pick<PageArtifacts, 'title' | 'firstText'>): string {
  const said = (p.firstText || p.title || '').replace(/\s+/g, ' ').trim().slice(0, 120);
  const what = p.challenge && (p.httpStatus ?? 0) < 400 ? 'Trang tường lửa/captcha' : `HTTP ${p.httpStatus}`;
  return said ? `${what}: ${said}` : what;
}
