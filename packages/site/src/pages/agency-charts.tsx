import { type DailyAggregate, dayMinus, viClock, viShortDay } from '@dvcwatch/core';
import { type ChartSpec, LineChart } from '../chart.js';
import { type DayStats, dayStats } from '../day-stats.js';
import type { AgencyView } from '../model.js';

type Metric = 'homeLcpMs' | 'formReadyMs';

const METRICS: { key: Metric; title: string; median: keyof DayStats; p95: keyof DayStats }[] = [
  { key: 'homeLcpMs', title: 'Trang chủ — nội dung lớn nhất hiển thị (LCP)', median: 'homeLcpMedian', p95: 'homeLcpP95' },
  { key: 'formReadyMs', title: 'Trang biểu mẫu — sẵn sàng nhập liệu', median: 'formReadyMedian', p95: 'formReadyP95' },
];

/** A round or a day in which the portal could not be used: not a gap in the chart but a failure. */
const FAILED = new Set(['down', 'blocked']);
const dayFailed = (d: DailyAggregate | null) => (d ? (d.statuses.down ?? 0) + (d.statuses.blocked ?? 0) > 0 : false);

interface WindowDay {
  day: string;
  agg: DailyAggregate | null;
  /** The day's statistics, computed once for every chart that shows the day. */
  stats: DayStats | null;
}

/** The last HISTORY days ending today, oldest first, each with its aggregate or null (gaps show as gaps). */
function window(v: AgencyView, lastDays: readonly string[]): WindowDay[] {
  const byDay = new Map(v.days.map((d) => [d.day, d]));
  return lastDays.map((day) => {
    const agg = byDay.get(day) ?? null;
    return { day, agg, stats: agg ? dayStats(agg) : null };
  });
}

/** Timing charts of one agency: 24 h from raw results, 7/30/90 days as daily median and p95; failed rounds marked. */
export function AgencyCharts(props: { v: AgencyView; lastDays: readonly string[]; generatedAt: string }) {
  const { v, lastDays, generatedAt } = props;
  const since = new Date(Date.parse(generatedAt) - 24 * 3_600_000).toISOString();
  const last24 = v.recent.filter((r) => r.at >= since && r.at <= generatedAt);
  const id = (p: string, m: string) => `ch-${p}-${m}`;
  const h24: ChartSpec[] = METRICS.map((m) => ({
    id: id('24', m.key),
    title: `${m.title}, 24 giờ qua (từng lần đo)`,
    x: last24.map((r) => viClock(r.at)),
    series: [
      {
        label: 'Từng lần đo',
        kind: 'main',
        values: last24.map((r) => (m.key === 'homeLcpMs' ? r.pages.home?.lcpMs : r.pages.form?.readyMs) ?? null),
      },
    ],
    threshold: { value: v.agency.thresholds[m.key], label: 'Ngưỡng' },
    failed: last24.map((r) => FAILED.has(r.status ?? '')),
  }));
  const all = window(v, lastDays);
  const periods: [string, number][] = [
    ['7 ngày', 7],
    ['30 ngày', 30],
    ['90 ngày', 90],
  ];
  return (
    <>
      <h3>24 giờ qua</h3>
      <div class="charts">
        {h24.map((s) => (
          <LineChart spec={s} />
        ))}
      </div>
      {periods.map(([label, n]) => {
        const w = all.slice(-n);
        return (
          <>
            <h3>{label}</h3>
            <div class="charts">
              {METRICS.map((m) => (
                <LineChart
                  spec={{
                    id: id(String(n), m.key),
                    title: `${m.title}, ${label} (theo ngày)`,
                    x: w.map((d) => viShortDay(d.day)),
                    series: [
                      { label: 'Trung vị', kind: 'main', values: w.map((d) => d.stats?.[m.median] ?? null) },
                      { label: 'P95', kind: 'alt', values: w.map((d) => d.stats?.[m.p95] ?? null) },
                    ],
                    threshold: { value: v.agency.thresholds[m.key], label: 'Ngưỡng' },
                    failed: w.map((d) => dayFailed(d.agg)),
                  }}
                />
              ))}
            </div>
          </>
        );
      })}
    </>
  );
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
