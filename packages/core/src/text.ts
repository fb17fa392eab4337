/**
 * Vietnamese text matching. Portal labels vary in Unicode form (NFC vs NFD, seen on real portals), in case and
 * in spacing, and some portals drop diacritics ("Tra cuu ho so"): match normalized first, then without marks.
 */

/** NFC, Vietnamese case folding and collapsed whitespace. */
export const normalize = (s: string): string => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/** `normalize`, then without diacritics: NFD, combining marks removed, đ → d. */
export const fold = (s: string): string =>
  normalize(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC');

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Whole words only: without diacritics "Phí" would otherwise match inside "phiếu", and "EN" inside "ENTER".
const contains = (haystack: string, needle: string): boolean =>
  needle !== '' && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u').test(haystack);

/**
 * The first label found as whole words in `haystack` (normalized), else the first found without diacritics,
 * else null. Returns the label as given in `labels`.
 */
export function matches(haystack: string | null | undefined, labels: readonly string[]): string | null {
  if (!haystack) return null;
  const n = normalize(haystack);
  for (const label of labels) if (contains(n, normalize(label))) return label;
  const f = fold(haystack);
  for (const label of labels) if (contains(f, fold(label))) return label;
  return null;
}
