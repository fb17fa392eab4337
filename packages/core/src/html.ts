const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escapes text for HTML element content and quoted attribute values (OWASP XSS cheat sheet, rules 1 and 2): the
 * one escaper of the site, the emails and the demo portals.
 */
export const escapeHtml = (s: unknown): string => (s == null ? '' : String(s).replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c));

/** A URL safe to put in an href: an absolute http(s) URL (normalised), else null. Escape it for the attribute. */
export const safeHref = (url: string | null | undefined): string | null => {
  const trimmed = url?.trim();
  if (!trimmed || !/^https?:\/\//i.test(trimmed)) return null;
  try {
    const u = new URL(trimmed);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
};

/** One line, for mail headers and log lines: control characters (CR, LF, …) become spaces. */
export const oneLine = (s: string, max = 200): string => {
  const flat = s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
