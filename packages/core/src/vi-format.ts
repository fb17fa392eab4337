/**
 * The one vi-VN formatting module for the site, the emails and the CLI: numbers, durations, dates and times.
 * Every time is shown in Vietnam's zone through `Intl` (`timeZone: 'Asia/Ho_Chi_Minh'`), never by adding hours
 * by hand, and never in the host's zone. Pure: no clock. Formatters are built once (building one costs far more
 * than using it).
 */

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const numberFormats = new Map<number, Intl.NumberFormat>();
const numberFormat = (digits: number): Intl.NumberFormat => {
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  return f;
};

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock parts of an instant in Vietnam (weekday 0 = Sunday), or null for an unparseable one. */
export interface VnParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  weekday: number;
}

/**
 * Wall-clock parts by UTC minute: a site build or a replayed history asks for the same few thousand minutes
 * hundreds of thousands of times, and `formatToParts` costs microseconds. Bounded: cleared when full.
 */
const byMinute = new Map<string, VnParts>();
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function vnParts(iso: string): VnParts | null {
  const key = CANONICAL.test(iso) ? iso.slice(0, 16) : null;
  const hit = key === null ? undefined : byMinute.get(key);
  if (hit) return hit;
  const parts = computeParts(iso);
  if (parts && key !== null) {
    if (byMinute.size >= 50_000) byMinute.clear();
    byMinute.set(key, parts);
  }
  return parts;
}

function computeParts(iso: string): VnParts | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const p: Record<string, string> = {};
  for (const part of PARTS.formatToParts(t)) p[part.type] = part.value;
  return {
    year: p.year ?? '',
    month: p.month ?? '',
    day: p.day ?? '',
    hour: p.hour ?? '',
    minute: p.minute ?? '',
    weekday: WEEKDAYS[p.weekday ?? ''] ?? 0,
  };
}

/** `1234.5` → `1.234,5` (vi-VN separators), with `digits` decimals. */
export const viNumber = (n: number, digits = 0): string => numberFormat(digits).format(n);

/** Milliseconds as seconds: `2345` → `2,3 s`; null → `—`. */
export const viSeconds = (ms: number | null | undefined): string => (ms == null ? '—' : `${viNumber(ms / 1000, 1)} s`);

/** A share as a percentage: `0.9954` → `99,5 %`; null → `—`. */
export const viPercent = (x: number | null | undefined): string => (x == null ? '—' : `${viNumber(x * 100, 1)} %`);

/** A score out of 100 with one decimal; null → `—`. */
export const viScore = (x: number | null | undefined): string => (x == null ? '—' : viNumber(x, 1));

/** "4,2 giây" / "850 ms" / "72 điểm": a measured value in an email's sentence. */
export function viValue(value: number, unit: 'ms' | 'điểm' | ''): string {
  if (unit === 'ms') return value >= 1000 ? `${viNumber(value / 1000, 1)} giây` : `${viNumber(Math.round(value))} ms`;
  if (unit === 'điểm') return `${viNumber(Math.round(value))} điểm`;
  return String(value);
}

/** ISO instant → `dd/mm/yyyy hh:mm` in Vietnam time (the site's form); `—` when unparseable. */
export function viDateTime(iso: string): string {
  const p = vnParts(iso);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : '—';
}

/** ISO instant → `hh:mm dd/mm/yyyy` in Vietnam time (the emails' and CLI's form: time first); `—` when unparseable. */
export function viTimeDate(iso: string): string {
  const p = vnParts(iso);
  return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}` : '—';
}

/** ISO instant → `hh:mm` in Vietnam time. */
export function viClock(iso: string): string {
  const p = vnParts(iso);
  return p ? `${p.hour}:${p.minute}` : '—';
}

/** ISO instant → `dd/mm/yyyy` in Vietnam time. */
export function viDateOf(iso: string): string {
  const p = vnParts(iso);
  return p ? `${p.day}/${p.month}/${p.year}` : '—';
}

/** The Vietnamese calendar day (`YYYY-MM-DD`) of an ISO instant. */
export function vnDay(iso: string): string {
  const p = vnParts(iso);
  if (!p) throw new RangeError(`not an ISO instant: ${iso}`);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A calendar day `YYYY-MM-DD` → `dd/mm/yyyy` (no zone: it is already a Vietnamese day). */
export const viDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A calendar day `YYYY-MM-DD` → `dd/mm`. */
export const viShortDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** The calendar day `n` days before `day` (`YYYY-MM-DD`; calendar arithmetic, no zone). */
export const dayMinus = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** "tháng 3/2026" from a month key "2026-03" (editions, monthly emails). */
export const viMonth = (month: string): string => `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

/** The instant a Vietnamese calendar day starts (Vietnam has kept UTC+7 all year since 1975: no daylight saving). */
export function vnDayStart(day: string): string {
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  const p = vnParts(new Date(noonUtc).toISOString());
  const offsetMin = p ? (Number(p.hour) - 12) * 60 + Number(p.minute) : 0;
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMin * 60_000).toISOString();
}

/** A duration in Vietnamese: `3 ngày 4 giờ`, `2 giờ 5 phút`, `12 phút`. */
export function viDuration(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return `${d} ngày${h ? ` ${h} giờ` : ''}`;
  if (h > 0) return `${h} giờ${min ? ` ${min} phút` : ''}`;
  return `${min} phút`;
}
