/** Small statistics and formatting helpers for the benchmark tables. */

/** Mean of `xs` (NaN for an empty list). */
export const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/** Median of `xs` (NaN for an empty list). */
export const median = (xs: readonly number[]): number => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The value of largest magnitude, sign kept (the worst error). */
export const worst = (xs: readonly number[]): number => xs.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);

/** Pads or cuts `s` to `n` characters (left-aligned). */
export const pad = (s: string, n: number): string => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));

/** Right-aligns `s` in `n` characters. */
export const padL = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** A number with `d` decimals, or an em dash when it is not finite. */
export const fmt = (v: number | null | undefined, d = 0): string =>
  typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '—';

/** A plain-text table: header row, a rule, then the rows; columns sized to their widest cell. */
export const table = (head: string[], rows: string[][]): string => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? pad(c, widths[i]!) : padL(c, widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

/** `met` or `NOT MET (by …)`, for the targets table. */
export const verdict = (met: boolean, by: string): string => (met ? 'met' : `NOT MET (by ${by})`);
