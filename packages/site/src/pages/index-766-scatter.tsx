import { quantile, viNumber } from '@dvcwatch/core';
import type { ScatterPoint } from '../index-766-model.js';
import type { AgencyView } from '../model.js';
import { index766Number } from './index-766-card.js';

const W = 640;
const H = 420;
const L = 48;
const R = 16;
const T = 16;
const B = 40;

/** Each agency with both figures: dvcwatch's latest score (x) and the QĐ 766 total (y). */
export const scatterPoints = (views: readonly AgencyView[], root: string): ScatterPoint[] =>
  views.flatMap((v) =>
    v.index766 && v.latest?.score != null
      ? [
          {
            id: v.agency.id,
            label: v.agency.name,
            x: v.latest.score,
            y: v.index766.score.total,
            href: `${root}agency/${v.agency.id}.html`,
          },
        ]
      : [],
  );

const x = (v: number) => L + (v / 100) * (W - L - R);
const y = (v: number) => H - B - (v / 100) * (H - T - B);

/**
 * The scatter picture: one labelled dot per agency, dvcwatch's score across, the QĐ 766 total up, with each axis's
 * median drawn so a coordinator sees who is good at both, at one, or at neither. Nothing when no agency has both.
 */
export function Index766Scatter(props: {
  points: readonly ScatterPoint[];
  caption: string;
  /**
   * Where a table on the same page already lists both figures for every agency (the overview's ranking): no data
   * table repeating them (the overview's page budget carries the map as well).
   */
  figuresNearby?: boolean;
}) {
  const { points, caption } = props;
  if (points.length === 0) return null;
  const mx = quantile(
    points.map((p) => p.x),
    0.5,
  )!;
  const my = quantile(
    points.map((p) => p.y),
    0.5,
  )!;
  return (
    <figure class="chart scatter766">
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="sc766-t">
        <title id="sc766-t">{`${caption}: ${points.length} cơ quan; đường đứt nét là trung vị mỗi trục`}</title>
        {[0, 25, 50, 75, 100].map((t) => (
          <>
            <line class="grid" x1={x(t)} y1={T} x2={x(t)} y2={H - B} />
            <text x={x(t)} y={H - B + 14} text-anchor="middle">
              {t}
            </text>
            <line class="grid" x1={L} y1={y(t)} x2={W - R} y2={y(t)} />
            <text x={L - 6} y={y(t) + 4} text-anchor="end">
              {t}
            </text>
          </>
        ))}
        <line class="median" x1={x(mx)} y1={T} x2={x(mx)} y2={H - B} />
        <line class="median" x1={L} y1={y(my)} x2={W - R} y2={y(my)} />
        {/* Whole pixels and the radius in the stylesheet: a hundred dots stay within the overview's budget. */}
        {points.map((p) => (
          <a href={p.href}>
            <circle cx={Math.round(x(p.x))} cy={Math.round(y(p.y))}>
              <title>{`${p.label}: dvcwatch ${viNumber(p.x, 1)}, Chỉ số 766 ${index766Number(p.y)}`}</title>
            </circle>
            <text x={Math.round(x(p.x) + 8)} y={Math.round(y(p.y) + 4)}>
              {p.label}
            </text>
          </a>
        ))}
        <text x={(L + W - R) / 2} y={H - 6} text-anchor="middle">
          Điểm dvcwatch (QĐ 473, lần đo gần nhất)
        </text>
        <text transform={`translate(12 ${(T + H - B) / 2}) rotate(-90)`} text-anchor="middle">
          Chỉ số 766 (tổng, thang 100)
        </text>
      </svg>
      <p class="muted small">
        Góc trên bên phải: tốt ở cả hai; dưới bên trái: chưa tốt ở cả hai. Đường đứt nét: trung vị (dvcwatch {viNumber(mx, 1)},
        Chỉ số 766 {index766Number(my)}). Hai chỉ số đo những điều khác nhau và không được cộng lại.
      </p>
      {props.figuresNearby ? null : (
        <details>
          <summary>Bảng số liệu</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Cơ quan</th>
                <th scope="col" class="n">
                  dvcwatch
                </th>
                <th scope="col" class="n">
                  Chỉ số 766
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr>
                  <th scope="row">{p.label}</th>
                  <td class="n">{viNumber(p.x, 1)}</td>
                  <td class="n">{index766Number(p.y)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
