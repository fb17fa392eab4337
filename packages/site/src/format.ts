/** Vietnamese number and time formatting. Pure: times are shifted to UTC+7 by arithmetic, never by the host's zone. */

const VN_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `1234.5` → `1.234,5` (Vietnamese separators). */
export function num(n: number, digits = 0): string {
  const [int, frac] = Math.abs(n).toFixed(digits).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '−' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** Milliseconds as seconds: `2345` → `2,3 s`; null → `—`. */
export const secs = (ms: number | null | undefined): string => (ms == null ? '—' : `${num(ms / 1000, 1)} s`);

/** A share as a percentage: `0.9954` → `99,5 %`; null → `—`. */
export const pct = (x: number | null | undefined): string => (x == null ? '—' : `${num(x * 100, 1)} %`);

/** A score out of 100 with one decimal; null → `—`. */
export const score = (x: number | null | undefined): string => (x == null ? '—' : num(x, 1));

/** ISO instant → `dd/mm/yyyy hh:mm` in Vietnam time. */
export function vnTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const d = new Date(t + VN_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** ISO instant → `hh:mm` in Vietnam time. */
export function vnClock(iso: string): string {
  const d = new Date(Date.parse(iso) + VN_MS);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`. */
export const vnDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** `YYYY-MM-DD` → `dd/mm`. */
export const vnShortDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The calendar day `n` days before `day` (`YYYY-MM-DD`). */
export const dayMinus = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** A duration in Vietnamese: `3 ngày 4 giờ`, `2 giờ 5 phút`, `12 phút`. */
export function duration(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return `${d} ngày${h ? ` ${h} giờ` : ''}`;
  if (h > 0) return `${h} giờ${min ? ` ${min} phút` : ''}`;
  return `${min} phút`;
}
