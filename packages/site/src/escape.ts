/**
 * Escaping for every string that reaches a page. Portal-supplied text (titles, evidence, URLs) is hostile until
 * proven otherwise: one function escapes for both text and quoted attribute contexts (OWASP XSS cheat sheet,
 * rule #1 and #2), and URLs reach an href only when their scheme is http(s).
 */
import { escapeHtml, safeHref as httpHref } from '@dvcwatch/core';

/** Escapes text for HTML element content and quoted attribute values (core's one escaper). */
export const esc: (s: string | number | null | undefined) => string = escapeHtml;

/** The URL if it is an absolute http(s) URL; otherwise null (render it as text). Escaping is the renderer's. */
export const safeHref = (url: string | null | undefined): string | null => httpHref(url);

/**
 * A site-relative asset key (e.g. a screenshot `evidence/<agency>/<file>.jpg`) if it is a plain relative path:
 * no scheme, no `..`, no leading slash, only safe characters. Otherwise null.
 */
export function safeKey(key: string | null | undefined): string | null {
  if (!key || !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key)) return null;
  return key.split('/').some((p) => p === '..' || p === '.' || p === '') ? null : key;
}

/** Cuts long portal text so one page stays within its weight budget. */
export const clip = (s: string, max = 300): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A CSV cell (RFC 4180 quoting); text cells starting with = + - @ are prefixed with ' against formula injection (OWASP). */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v == null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
