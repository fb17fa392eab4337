import type { DailyAggregate } from '@dvcwatch/core';
import { type ChartSpec, lineChart } from '../chart.js';
import { type DayStats, dayStats } from '../day-stats.js';
import { dayMinus, vnClock, vnShortDate } from '../format.js';
import type { AgencyView } from '../model.js';

type Metric = 'homeLcpMs' | 'formReadyMs';

const METRICS: { key: Metric; title: string; median: keyof DayStats; p95: keyof DayStats; thLabel: string }[] = [
  {
    key: 'homeLcpMs',
    title: 'Trang chủ — nội dung lớn nhất hiển thị (LCP)',
    median: 'homeLcpMedian',
    p95: 'homeLcpP95',
    thLabel: 'Ngưỡng',
  },
  {
    key: 'formReadyMs',
    title: 'Trang biểu mẫu — sẵn sàng nhập liệu',
    median: 'formReadyMedian',
    p95: 'formReadyP95',
    thLabel: 'Ngưỡng',
  },
];

/** The last `n` days ending today, oldest first, each with its aggregate or null (gaps show as gaps). */
function window(v: AgencyView, lastDays: readonly string[], n: number): { day: string; agg: DailyAggregate | null }[] {
  const byDay = new Map(v.days.map((d) => [d.day, d]));
  return lastDays.slice(-n).map((day) => ({ day, agg: byDay.get(day) ?? null }));
}

/** Timing charts of one agency: 24 h from raw results, 7/30/90 days as daily median and p95. */
export function agencyCharts(v: AgencyView, lastDays: readonly string[], generatedAt: string): string {
  const since = new Date(Date.parse(generatedAt) - 24 * 3_600_000).toISOString();
  const last24 = v.recent.filter((r) => r.at >= since && r.at <= generatedAt);
  const sections: string[] = [];
  const periods: [string, number][] = [
    ['7 ngày', 7],
    ['30 ngày', 30],
    ['90 ngày', 90],
  ];
  const id = (p: string, m: string) => `ch-${p}-${m}`;
  const h24 = METRICS.map((m) => {
    const spec: ChartSpec = {
      id: id('24', m.key),
      title: `${m.title}, 24 giờ qua (từng lần đo)`,
      x: last24.map((r) => vnClock(r.at)),
      series: [
        {
          label: 'Từng lần đo',
          kind: 'main',
          values: last24.map((r) => (m.key === 'homeLcpMs' ? r.pages.home?.lcpMs : r.pages.form?.readyMs) ?? null),
        },
      ],
      threshold: { value: v.agency.thresholds[m.key], label: m.thLabel },
    };
    return lineChart(spec);
  }).join('');
  sections.push(`<h3>24 giờ qua</h3><div class="charts">${h24}</div>`);
  for (const [label, n] of periods) {
    const w = window(v, lastDays, n);
    const charts = METRICS.map((m) =>
      lineChart({
        id: id(String(n), m.key),
        title: `${m.title}, ${label} (theo ngày)`,
        x: w.map((d) => vnShortDate(d.day)),
        series: [
          { label: 'Trung vị', kind: 'main', values: w.map((d) => (d.agg ? dayStats(d.agg)[m.median] : null)) },
          { label: 'P95', kind: 'alt', values: w.map((d) => (d.agg ? dayStats(d.agg)[m.p95] : null)) },
        ],
        threshold: { value: v.agency.thresholds[m.key], label: m.thLabel },
      }),
    ).join('');
    sections.push(`<h3>${label}</h3><div class="charts">${charts}</div>`);
  }
  return sections.join('\n');
}

/** Availability over the last `n` days (up + degraded over judged rounds). */
export function availabilityOver(v: AgencyView, today: string, n: number): Record<string, number> {
  const from = dayMinus(today, n - 1);
  const statuses: Record<string, number> = {};
  for (const d of v.days) {
    if (d.day < from || d.day > today) continue;
    for (const [s, c] of Object.entries(d.statuses)) statuses[s] = (statuses[s] ?? 0) + (c ?? 0);
  }
  return statuses;
}
