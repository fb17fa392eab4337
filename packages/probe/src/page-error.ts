import type { PageError } from '@dvcwatch/core';
import type { GuardEvent } from './guard.js';
import { hostPortOfUrl } from './guard-policy.js';
import { DeadlineError } from './limits.js';

/** Builds a PageError. */
export const pageError = (code: string, message: string): PageError => ({ code, message: message.slice(0, 500) });

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The raw code of a navigation failure, verbatim from the browser (`net::ERR_*`), or `timeout`, `download`,
 * `probe` (our own fault). When the browser only saw the proxy fail (`ERR_TUNNEL_CONNECTION_FAILED`, or any
 * failure of a URL the guard logged), the guard's record for that host says why: `guard:*`, `too-large`, or the
 * upstream `net::ERR_*` the browser would have seen without a proxy.
 */
export const navigationError = (e: unknown, failedUrl: string | null, events: readonly GuardEvent[]): PageError => {
  const text = message(e);
  const hostPort = failedUrl ? hostPortOfUrl(failedUrl) : null;
  const logged = [...events].reverse().find((ev) => ev.hostPort === hostPort || ev.code === 'too-large');
  const net = /net::ERR_[A-Z0-9_]+/.exec(text)?.[0];
  if (logged && (net === undefined || /TUNNEL|PROXY|EMPTY_RESPONSE|CONNECTION_(CLOSED|RESET)/.test(net))) {
    return pageError(logged.code, logged.message);
  }
  if (net) return pageError(net, text.split('\n')[0] ?? text);
  if (/download is starting/i.test(text)) return pageError('download', 'the page is a file download');
  if (e instanceof DeadlineError || (e instanceof Error && e.name === 'TimeoutError')) {
    return pageError('timeout', text.split('\n')[0] ?? text);
  }
  return pageError('probe', text.split('\n')[0] ?? text);
};
