import { viNumber, viSeconds } from '@dvcwatch/core';

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
  /** Per point: the portal failed (down/blocked) in that round or on that day; drawn as a red band, never as a gap. */
  failed?: boolean[];
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

const f1 = (n: number) => Math.round(n * 10) / 10;

/** An SVG path for one series; null values break the line, lone points become dots. Linear in the points. */
function path(values: (number | null)[], xAt: (i: number) => number, yAt: (v: number) => number) {
  let d = '';
  const dots: [number, number][] = [];
  values.forEach((v, i) => {
    if (v == null) return;
    const prev = values[i - 1];
    const next = values[i + 1];
    const x = f1(xAt(i));
    const y = f1(yAt(v));
    d += `${prev == null ? 'M' : 'L'}${x} ${y}`;
    if (prev == null && next == null) dots.push([x, y]);
  });
  return { d, dots };
}

/** A line chart (timings in ms) as inline SVG with axes, a legend and the failed rounds marked, plus its data table. */
export function LineChart(props: { spec: ChartSpec }) {
  const spec = props.spec;
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v != null));
  const failedCount = (spec.failed ?? []).filter(Boolean).length;
  if (all.length === 0)
    return (
      <p class={failedCount ? 'chart-empty fail-note' : 'muted'}>
        {spec.title}:{' '}
        {failedCount
          ? `không có số đo — cổng không truy cập được ở ${failedCount}/${spec.x.length} ${spec.id.includes('-24-') ? 'lần đo' : 'ngày'}.`
          : 'chưa có số liệu.'}
      </p>
    );
  let max = 0;
  for (const v of all) if (v > max) max = v;
  const top = Math.max(max, spec.threshold?.value ?? 0) * 1.05;
  const stepMs = niceStep(top / 4);
  const yMax = stepMs * Math.max(1, Math.ceil(top / stepMs));
  const n = spec.x.length;
  const xAt = (i: number) => (n <= 1 ? L + (W - L - R) / 2 : L + (i * (W - L - R)) / (n - 1));
  const yAt = (v: number) => T + (H - T - B) * (1 - Math.min(v, yMax) / yMax);
  const ticks: number[] = [];
  for (let v = 0; v <= yMax; v += stepMs) ticks.push(v);
  const step = Math.max(1, Math.ceil(n / 6));
  // End labels align inwards so they are not clipped by the viewBox.
  const anchor = (i: number) => (n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle');
  const band = Math.max(3, (W - L - R) / Math.max(1, n - 1));
  const desc = [
    ...spec.series.map((s) => {
      const vs = s.values.filter((v): v is number => v != null);
      return vs.length
        ? `${s.label}: thấp nhất ${viSeconds(Math.min(...vs))}, cao nhất ${viSeconds(Math.max(...vs))}`
        : `${s.label}: không có số đo`;
    }),
    ...(failedCount ? [`cổng không truy cập được ở ${failedCount} trên ${n} điểm`] : []),
  ].join('; ');
  const th = spec.threshold ? f1(yAt(spec.threshold.value)) : null;
  return (
    <figure class="chart">
      <figcaption>{spec.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${spec.id}-t ${spec.id}-d`}>
        <title id={`${spec.id}-t`}>{`${spec.title} (giây)`}</title>
        <desc id={`${spec.id}-d`}>{desc}</desc>
        {(spec.failed ?? []).map((f, i) =>
          f ? <rect class="fail-band" x={f1(xAt(i) - band / 2)} y={T} width={f1(band)} height={H - T - B} /> : null,
        )}
        {ticks.map((v) => (
          <>
            <line class="grid" x1={L} x2={W - R} y1={f1(yAt(v))} y2={f1(yAt(v))} />
            <text x={L - 6} y={f1(yAt(v))} dy="4" text-anchor="end">
              {viNumber(v / 1000, v % 1000 === 0 ? 0 : v % 100 === 0 ? 1 : 2)}
            </text>
          </>
        ))}
        <line class="axis" x1={L} x2={L} y1={T} y2={H - B} />
        <line class="axis" x1={L} x2={W - R} y1={H - B} y2={H - B} />
        {spec.x.map((label, i) =>
          (i % step === 0 && n - 1 - i >= step / 2) || i === n - 1 ? (
            <text x={f1(xAt(i))} y={H - 10} text-anchor={anchor(i)}>
              {label}
            </text>
          ) : null,
        )}
        {th !== null ? <line class="th" x1={L} x2={W - R} y1={th} y2={th} /> : null}
        {spec.series.map((s) => {
          const p = path(s.values, xAt, yAt);
          return (
            <g class={`s-${s.kind}`}>
              <path d={p.d} />
              {p.dots.map(([cx, cy]) => (
                <circle cx={cx} cy={cy} r="2.5" />
              ))}
            </g>
          );
        })}
        <text x="4" y="12">
          giây
        </text>
      </svg>
      <p class="legend">
        {spec.series.map((s) => (
          <span class={`lg lg-${s.kind}`}>{s.label}</span>
        ))}
        {spec.threshold ? (
          <span class="lg lg-th">
            {spec.threshold.label}: {viSeconds(spec.threshold.value)}
          </span>
        ) : null}
        {failedCount ? <span class="lg lg-fail">Không truy cập được ({failedCount})</span> : null}
      </p>
      <details>
        <summary>Bảng số liệu</summary>
        <section class="table-wrap" tabindex={0} aria-label={`${spec.title}: bảng số liệu`}>
          <table>
            <thead>
              <tr>
                <th scope="col">Thời điểm</th>
                {spec.series.map((s) => (
                  <th scope="col">{s.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {spec.x.map((label, i) => (
                <tr>
                  <th scope="row">{label}</th>
                  {spec.series.map((s) => (
                    <td>{spec.failed?.[i] && s.values[i] == null ? 'không truy cập được' : viSeconds(s.values[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
