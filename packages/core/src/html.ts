/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (s: unknown): string => String(s ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A URL safe to put in an href: only http(s), else null. */
export const safeHref = (url: string | null | undefined): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url);
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
