import type { PageArtifacts } from './artifacts.js';
import type { Reason, Status } from './result.js';

/** How a page failed, or null when it loaded and answered normally. */
export interface Failure {
  status: Exclude<Status, 'up' | 'degraded'>;
  reason: Reason;
}

/** `host:port` of a URL as the browser sees it (default ports omitted), lower-cased; null if unparsable. */
export const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
};

const isNational = (url: string | null, nationalHosts: readonly string[]): boolean => {
  const host = hostOf(url);
  return host !== null && nationalHosts.some((h) => host === h || host.endsWith(`.${h}`));
};

/**
 * Whether a page not itself on a national host was sent to one by any hop of its redirect chain. The chain is
 * recorded on failure too (probe-page.ts), so a national portal that then times out, resets or does not resolve
 * leaves the province `consolidated`: its outage is the national portal's, not the province's.
 */
export const landsOnNational = (
  page: Pick<PageArtifacts, 'url' | 'finalUrl' | 'redirects'>,
  nationalHosts: readonly string[],
): boolean =>
  !isNational(page.url, nationalHosts) &&
  [...page.redirects.slice(1), page.finalUrl].some((url) => isNational(url ?? null, nationalHosts));

/** Classifies a browser error code into the closed set, once, for every caller. */
export function classifyError(code: string): Failure {
  if (code === 'probe' || code.startsWith('probe:')) return { status: 'error', reason: 'probe' };
  if (code.startsWith('guard:')) return { status: 'down', reason: 'guard' };
  if (code === 'timeout' || /ERR_(CONNECTION_)?TIMED_OUT/.test(code)) return { status: 'down', reason: 'timeout' };
  if (/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_ADDRESS_UNREACHABLE/.test(code))
    return { status: 'down', reason: 'dns' };
  if (/ERR_CERT_|ERR_SSL_|ERR_BAD_SSL/.test(code)) return { status: 'down', reason: 'tls' };
  if (/ERR_CONNECTION_REFUSED/.test(code)) return { status: 'down', reason: 'refused' };
  if (/ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_CONNECTION_CLOSED|ERR_INCOMPLETE_CHUNKED_ENCODING/.test(code))
    return { status: 'down', reason: 'reset' };
  if (code === 'redirect-loop' || /ERR_TOO_MANY_REDIRECTS/.test(code)) return { status: 'down', reason: 'redirect-loop' };
  if (code === 'download' || /ERR_ABORTED.*download/i.test(code)) return { status: 'down', reason: 'download' };
  if (code === 'too-large') return { status: 'down', reason: 'too-large' };
  if (code === 'popup-storm') return { status: 'down', reason: 'popup-storm' };
  // A redirect to file:, data: or another non-web scheme: refused by the browser like the guard refuses it.
  if (/ERR_UNSAFE_REDIRECT/.test(code)) return { status: 'down', reason: 'guard' };
  // The guard proxy is ours: a tunnel failure that the probe did not attribute to the guard is our fault.
  if (/ERR_TUNNEL_CONNECTION_FAILED|ERR_PROXY_/.test(code)) return { status: 'error', reason: 'probe' };
  if (code.startsWith('net::ERR_')) return { status: 'down', reason: 'network' };
  return { status: 'error', reason: 'probe' };
}

/**
 * Classifies one page load. Order matters: a redirect to the national portal is `consolidated` whatever the
 * national portal then answered; a firewall's 403/429/captcha is `blocked`, not `down` (GSA's scans found
 * thousands of sites answering 403 to scanners permanently).
 */
export function classifyPage(page: PageArtifacts, nationalHosts: readonly string[]): Failure | null {
  if (landsOnNational(page, nationalHosts)) return { status: 'consolidated', reason: 'redirect-national' };
  if (page.error) return classifyError(page.error.code);
  if (page.challenge) return { status: 'blocked', reason: 'captcha' };
  const s = page.httpStatus;
  if (s === 403) return { status: 'blocked', reason: 'http-403' };
  if (s === 429) return { status: 'blocked', reason: 'http-429' };
  if (s !== null && s >= 500) return { status: 'down', reason: 'http-5xx' };
  if (s !== null && s >= 400) return { status: 'down', reason: 'http-4xx' };
  return null;
}
