import { availability, type DailyAggregate, quantile } from './aggregate.js';
import type { EmailMessage } from './email-alert.js';
import { escapeHtml, oneLine } from './html.js';
import type { Agency } from './registry.js';
import { formatValue } from './wording.js';

/** One agency's week, computed from its daily aggregates. */
export interface WeekSummary {
  availability: number | null;
  homeLcpMedianMs: number | null;
  homeLcpP95Ms: number | null;
  formReadyMedianMs: number | null;
  formReadyP95Ms: number | null;
  /** Checks failing in the last day of the week, with how many days of the week they failed. */
  failingChecks: { id: string; days: number }[];
  score: number | null;
  /** The week's most frequent causes of slowness (at most 3), with how many rounds named them. */
  causes?: { text: string; rounds: number }[];
  /** Ministry-profile risk: the speed criteria a day's median failed on 3 or more of the last 7 days. */
  labRisk?: string[];
  grade: string | null;
  /** Rank among agencies of the same kind (1 = best score), and how many there are. */
  rank: number | null;
  of: number;
}

/** Summarises a week of daily aggregates (pure). */
export function summariseWeek(days: readonly DailyAggregate[]): Omit<WeekSummary, 'rank' | 'of' | 'grade'> {
  const statuses: Record<string, number> = {};
  for (const d of days) for (const [s, n] of Object.entries(d.statuses)) statuses[s] = (statuses[s] ?? 0) + (n ?? 0);
  const lcp = days.flatMap((d) => d.homeLcpMs);
  const ready = days.flatMap((d) => d.formReadyMs);
  const scores = days.flatMap((d) => d.scores);
  const last = days.at(-1);
  const failing = Object.keys(last?.failedChecks ?? {}).map((id) => ({
    id,
    days: days.filter((d) => (d.failedChecks[id] ?? 0) > 0).length,
  }));
  return {
    availability: availability(statuses),
    homeLcpMedianMs: quantile(lcp, 0.5),
    homeLcpP95Ms: quantile(lcp, 0.95),
    formReadyMedianMs: quantile(ready, 0.5),
    formReadyP95Ms: quantile(ready, 0.95),
    failingChecks: failing,
    causes: weekCauses(days),
    score: scores.length ? Math.round(quantile(scores, 0.5) ?? 0) : null,
  };
}

/** The week's causes, most rounds first; the wording of the latest day that named each. */
function weekCauses(days: readonly DailyAggregate[]): { text: string; rounds: number }[] {
  const m = new Map<string, { text: string; rounds: number }>();
  for (const d of days)
    for (const [k, c] of Object.entries(d.causes ?? {})) m.set(k, { text: c.text, rounds: (m.get(k)?.rounds ?? 0) + c.rounds });
  return [...m.values()].sort((a, b) => b.rounds - a.rounds).slice(0, 3);
}

const pct = (x: number | null) => (x === null ? 'chưa đo được' : `${(x * 100).toFixed(1).replace('.', ',')} %`);
const t = (x: number | null) => (x === null ? '—' : formatValue(x, 'ms'));

/** The Monday digest to a head: their portal's week, short and in Vietnamese. */
export function digestEmail(
  agency: Agency,
  week: WeekSummary,
  weekLabel: string,
  trendUrl: string | null,
  titles: Record<string, string>,
): EmailMessage {
  const subject = oneLine(
    `[dvcwatch] Tổng hợp tuần ${weekLabel}: ${agency.name} — ${week.grade ? `xếp loại ${week.grade}` : 'chưa xếp loại'}`,
  );
  const lines = [
    `Cổng dịch vụ công của ${agency.name}, tuần ${weekLabel}:`,
    `- Tỷ lệ truy cập được: ${pct(week.availability)}`,
    `- Trang chủ (LCP): trung vị ${t(week.homeLcpMedianMs)}, p95 ${t(week.homeLcpP95Ms)}`,
    `- Trang biểu mẫu: trung vị ${t(week.formReadyMedianMs)}, p95 ${t(week.formReadyP95Ms)}`,
    `- Điểm: ${week.score ?? '—'}/100${week.grade ? `, xếp loại ${week.grade}` : ''}${week.rank ? `; xếp hạng ${week.rank}/${week.of} trong các cơ quan cùng loại` : ''}`,
    week.failingChecks.length
      ? `- Tiêu chí chưa đạt: ${week.failingChecks.map((c) => `${titles[c.id] ?? c.id} (${c.days}/7 ngày)`).join('; ')}`
      : '- Mọi tiêu chí đo được đều đạt.',
    ...(week.causes?.length
      ? [
          '',
          'Nguyên nhân cần khắc phục (số lượt đo ghi nhận trong tuần):',
          ...week.causes.map((c) => `- ${c.text} (${c.rounds} lượt)`),
        ]
      : []),
    ...(week.labRisk?.length
      ? [
          '',
          `Có nguy cơ không đạt khi Bộ đánh giá (đo như Lighthouse trên điện thoại): ${week.labRisk.join('; ')} không đạt ngưỡng ở ít nhất 3 trong 7 ngày qua.`,
        ]
      : []),
    ...(trendUrl ? ['', `Chi tiết: ${trendUrl}`] : []),
  ];
  return {
    to: [agency.head.email],
    cc: agency.cc,
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;max-width:600px;padding:16px">${lines
      .map((l) => (l ? `<p style="margin:4px 0">${escapeHtml(l)}</p>` : ''))
      .join('')}</body></html>`,
  };
}
