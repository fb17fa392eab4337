/**
 * Phone numbers and emails as Vietnamese portals write them. Phones: landlines with or without brackets around
 * the area code ("(0222) 3 822 533", "024.3823.1234"), mobiles, +84, and the toll-free and premium hotlines
 * 1800/1900 that many agencies publish as their only number ("Tổng đài hỗ trợ: 18001096").
 * Emails: plain, in `mailto:` links, or hidden from spam robots as "vanphong(at)bacninh.gov.vn", "[at]", " @ ".
 */

const LANDLINE_OR_MOBILE = /(?:\(\s*(?:\+?84|0)\d{1,3}\s*\)|(?:\+84[\s.-]?|\b0)\d{1,3})(?:[\s.-]*\d){6,8}(?!\d)/;
// 1800/1900 followed by 4 or 6 digits, in groups or not ("1800 1096", "1900.561.563", "18001096").
const HOTLINE = /\b1[89]00(?:[\s.-]?\d){4}(?:(?:[\s.-]?\d){2})?(?!\d)/;
const tel = /tel:\s*(\+?[\d\s.-]{8,})/i;

// Replayed history judges the same recorded home text thousands of times: remember the last answers (bounded).
const memo = <T>(f: (s: string) => T, max = 256): ((s: string) => T) => {
  const cache = new Map<string, T>();
  return (s) => {
    if (cache.has(s)) return cache.get(s) as T;
    if (cache.size >= max) cache.clear();
    const v = f(s);
    cache.set(s, v);
    return v;
  };
};

/** The first phone number in `text`, or null. */
export const findPhone = memo((text: string): string | null => {
  const m = text.match(LANDLINE_OR_MOBILE) ?? text.match(HOTLINE) ?? text.match(tel);
  return m ? (m[1] ?? m[0]).trim() : null;
});

const AT = String.raw`\s*(?:@|[([{]\s*(?:at|a còng|@)\s*[)\]}])\s*`;
const DOT = String.raw`\s*(?:\.|[([{]\s*(?:dot|chấm)\s*[)\]}])\s*`;
const EMAIL = new RegExp(
  String.raw`[\w.+-]+${AT}[\w-]+(?:${DOT}[\w-]+)*${DOT}(?:vn|com|net|org|gov|edu|info|[a-z]{2,6})\b`,
  'iu',
);

/** The first email address in `text` (obfuscated forms written back as `a@b.c`), or null. */
export const findEmail = memo((text: string): string | null => {
  const m = text.match(EMAIL);
  if (!m) return null;
  return m[0].replace(new RegExp(AT, 'iu'), '@').replace(new RegExp(DOT, 'giu'), '.').trim();
});
