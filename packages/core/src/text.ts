/**
 * Vietnamese text matching. Portal labels vary in Unicode form (NFC vs NFD, seen on real portals), in case and
 * in spacing, and some portals drop diacritics ("Tra cuu ho so"): match normalized first, then without marks.
 */

/**
 * A bounded memo of a pure string function. Judging one result matches every check's labels against the same
 * home-page text and links, and replayed history judges the same recorded facts thousands of times: normalising
 * once per distinct string makes judging several times cheaper. Emptied when full, so memory stays bounded.
 */
const memo = (f: (s: string) => string, max = 2_048): ((s: string) => string) => {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = f(s);
      cache.set(s, v);
    }
    return v;
  };
};

/** NFC, Vietnamese case folding and collapsed whitespace. */
export const normalize = memo((s: string): string => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim());

/** `normalize`, then without diacritics: NFD, combining marks removed, đ → d. */
export const fold = memo((s: string): string =>
  normalize(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC'),
);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Whole words only: without diacritics "Phí" would otherwise match inside "phiếu", and "EN" inside "ENTER".
// Needles are the catalogue's labels, a small fixed set: each pattern is compiled once.
const patterns = new Map<string, RegExp>();
const contains = (haystack: string, needle: string): boolean => {
  if (needle === '') return false;
  let re = patterns.get(needle);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u');
    if (patterns.size < 4_096) patterns.set(needle, re);
  }
  return re.test(haystack);
};

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
