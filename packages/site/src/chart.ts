import { esc } from './escape.js';
import { num, secs } from './format.js';

export interface Series {
  label: string;
  values: (number | null)[];
  /** `main` solid, `alt` dashed: distinguishable without colour. */
  kind: 'main' | 'alt';
}

export interface ChartSpec {
  /** Unique within the page (used for element ids). */
  id: string;
  title: string;
  /** One label per point (x axis and table rows). */
  x: string[];
  series: Series[];
  threshold?: { value: number; label: string };
}

const W = 640;
const H = 220;
const L = 52;
const R = 12;
const T = 22;
const B = 30;

/** 1, 2, 2.5, 5 × 10^k at or above x: round tick steps. */
function niceStep(x: number): number {
  if (x <= 0) return 250;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** An SVG path for one series; null values break the line, lone points become dots. Linear in the points. */
function path(values: (number | null)[], xAt: (i: number) => number, yAt: (v: number) => number): { d: string; dots: string } {
  let d = '';
  let dots = '';
  values.forEach((v, i) => {
    if (v == null) return;
    const prev = values[i - 1];
    const next = values[i + 1];
    const x = f1(xAt(i));
    const y = f1(yAt(v));
    d += `${prev == null ? 'M' : 'L'}${x} ${y}`;
    if (prev == null && next == null) dots += `<circle cx="${x}" cy="${y}" r="2.5"/>`;
  });
  return { d, dots };
}

/** A line chart (timings in ms) as inline SVG with axes and a legend, plus its data as a table. */
export function lineChart(spec: ChartSpec): string {
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v != null));
  if (all.length === 0) return `<p class="muted">${esc(spec.title)}: chưa có số liệu.</p>`;
  let max = 0;
  for (const v of all) if (v > max) max = v;
  const top = Math.max(max, spec.threshold?.value ?? 0) * 1.05;
  const stepMs = niceStep(top / 4);
  const yMax = stepMs * Math.max(1, Math.ceil(top / stepMs));
  const n = spec.x.length;
  const xAt = (i: number) => (n <= 1 ? L + (W - L - R) / 2 : L + (i * (W - L - R)) / (n - 1));
  const yAt = (v: number) => T + (H - T - B) * (1 - Math.min(v, yMax) / yMax);
  let ticks = '';
  for (let v = 0; v <= yMax; v += stepMs) {
    const y = f1(yAt(v));
    const label = num(v / 1000, v % 1000 === 0 ? 0 : v % 100 === 0 ? 1 : 2);
    ticks += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y}" y2="${y}"/><text x="${L - 6}" y="${y}" dy="4" text-anchor="end">${label}</text>`;
  }
  const step = Math.max(1, Math.ceil(n / 6));
  // End labels align inwards so they are not clipped by the viewBox.
  const anchor = (i: number) => (n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle');
  const xTicks = spec.x
    .map((label, i) =>
      (i % step === 0 && n - 1 - i >= step / 2) || i === n - 1
        ? `<text x="${f1(xAt(i))}" y="${H - 10}" text-anchor="${anchor(i)}">${esc(label)}</text>`
        : '',
    )
    .join('');
  const lines = spec.series
    .map((s) => {
      const p = path(s.values, xAt, yAt);
      return `<g class="s-${s.kind}"><path d="${p.d}"/>${p.dots}</g>`;
    })
    .join('');
  const th = spec.threshold
    ? `<line class="th" x1="${L}" x2="${W - R}" y1="${f1(yAt(spec.threshold.value))}" y2="${f1(yAt(spec.threshold.value))}"/>`
    : '';
  const legend = [
    ...spec.series.map((s) => `<span class="lg lg-${s.kind}">${esc(s.label)}</span>`),
    ...(spec.threshold ? [`<span class="lg lg-th">${esc(spec.threshold.label)}: ${secs(spec.threshold.value)}</span>`] : []),
  ].join(' ');
  const desc = spec.series
    .map((s) => {
      const vs = s.values.filter((v): v is number => v != null);
      return `${s.label}: thấp nhất ${secs(Math.min(...vs))}, cao nhất ${secs(Math.max(...vs))}`;
    })
    .join('; ');
  const rows = spec.x
    .map(
      (label, i) =>
        `<tr><th scope="row">${esc(label)}</th>${spec.series.map((s) => `<td>${secs(s.values[i])}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<figure class="chart"><figcaption>${esc(spec.title)}</figcaption>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${spec.id}-t ${spec.id}-d"><title id="${spec.id}-t">${esc(spec.title)} (giây)</title><desc id="${spec.id}-d">${esc(desc)}</desc>${ticks}<line class="axis" x1="${L}" x2="${L}" y1="${T}" y2="${H - B}"/><line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"/>${xTicks}${th}${lines}<text x="4" y="12">giây</text></svg>
<p class="legend">${legend}</p>
<details><summary>Bảng số liệu</summary><div class="table-wrap" role="region" tabindex="0" aria-label="${esc(spec.title)}: bảng số liệu"><table><thead><tr><th scope="col">Thời điểm</th>${spec.series.map((s) => `<th scope="col">${esc(s.label)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div></details></figure>`;
}
