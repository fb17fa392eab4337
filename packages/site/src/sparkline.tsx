import { viNumber } from '@dvcwatch/core';
import type { SparkDay } from './overview-model.js';

const BAR = 9;
const GAP = 2;
const H = 22;

/**
 * Seven bars, one per day, as tall as the day's availability; a day below 100 % red, a day without rounds a grey
 * stub. Shown only where it helps: a week with every round up reads as one word. The numbers are in the label.
 */
export function Sparkline(props: { days: SparkDay[] }) {
  const { days } = props;
  if (days.every((d) => d.availability === null)) return <span class="muted">—</span>;
  if (days.every((d) => d.availability === 1)) return <span class="muted small">đủ 7/7 ngày</span>;
  const d = { ok: '', bad: '', none: '' };
  days.forEach((day, i) => {
    const a = day.availability;
    const h = a === null ? 2 : Math.max(3, Math.round(a * (H - 2)));
    d[a === null ? 'none' : a < 1 ? 'bad' : 'ok'] += `M${i * (BAR + GAP)} ${H - h}h${BAR}v${h}h-${BAR}z`;
  });
  const label = `Khả dụng 7 ngày qua, cũ → mới: ${days.map((x) => (x.availability === null ? '—' : viNumber(x.availability * 100, 0))).join(' · ')} %`;
  return (
    <svg
      class="spark"
      viewBox={`0 0 ${days.length * (BAR + GAP)} ${H}`}
      width={days.length * (BAR + GAP)}
      height={H}
      role="img"
      aria-label={label}
    >
      {d.ok ? <path class="sk-ok" d={d.ok} /> : null}
      {d.bad ? <path class="sk-bad" d={d.bad} /> : null}
      {d.none ? <path class="sk-none" d={d.none} /> : null}
    </svg>
  );
}
