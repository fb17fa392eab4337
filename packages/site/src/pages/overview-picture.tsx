import { type Agency, STATUSES } from '@dvcwatch/core';
import { STATUS_SHORT, StatusWithReason, StatusWord, statusReason } from '@dvcwatch/present';
import { VN_MAP } from '../geo/vn-map.js';
import type { AgencyView, SiteModel } from '../model.js';
import { bySeverity, statusKey } from '../overview-model.js';

/** A province's title on the map: name, status, reason (what a hover or a screen reader gives). */
function provinceTitle(name: string, v: AgencyView | undefined): string {
  if (!v) return `${name}: chưa giám sát`;
  const r = v.latest;
  if (!r) return `${v.agency.name}: chưa có dữ liệu`;
  const reason = statusReason(r);
  return `${v.agency.name}: ${STATUS_SHORT[r.status]}${reason ? ` — ${reason}` : ''}`;
}

/** Vietnam's 34 provinces, each coloured by its agency's latest status (grey when not monitored), both archipelagos labelled. */
export function ProvinceMap(props: { m: SiteModel }) {
  const byCode = new Map<string, AgencyView>();
  for (const v of props.m.ranked) if (v.agency.provinceCode) byCode.set(v.agency.provinceCode, v);
  const present = new Set(props.m.ranked.filter((v) => v.agency.provinceCode).map(statusKey));
  const { width, height } = VN_MAP;
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${width} ${height}`} aria-labelledby="map-t">
        <title id="map-t">Bản đồ 34 tỉnh, thành phố: trạng thái Cổng dịch vụ công ở lần đo gần nhất</title>
        {VN_MAP.provinces.map((p) => {
          const v = byCode.get(p.code);
          const title = provinceTitle(p.name, v);
          const shape = (
            <path class={`pv s-${v ? statusKey(v) : 'off'}`} d={p.d} data-code={p.code}>
              <title>{title}</title>
            </path>
          );
          return v ? (
            <a href={`agency/${v.agency.id}.html`} aria-label={title}>
              {shape}
            </a>
          ) : (
            shape
          );
        })}
        {VN_MAP.archipelagos.map((a) => {
          const [x0, y0, x1, y1] = a.box;
          const right = x1 > width - 120;
          return (
            <g class="archipelago">
              <rect x={x0 - 4} y={y0 - 4} width={x1 - x0 + 8} height={y1 - y0 + 8} rx="6" />
              <path class={`isl s-${byCode.get(a.code) ? statusKey(byCode.get(a.code) as AgencyView) : 'off'}`} d={a.d} />
              <text x={right ? x1 + 4 : (x0 + x1) / 2} y={y0 - 9} text-anchor={right ? 'end' : 'middle'}>
                {a.name}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="map-legend">
          {STATUSES.filter((s) => present.has(s)).map((s) => (
            <li>
              <span class={`sw s-${s}`} aria-hidden="true" /> <StatusWord status={s} short />
            </li>
          ))}
          {present.has('none') ? (
            <li>
              <span class="sw s-none" aria-hidden="true" /> Chưa có dữ liệu
            </li>
          ) : null}
          <li>
            <span class="sw s-off" aria-hidden="true" /> Chưa giám sát
          </li>
        </ul>
        <p class="small muted credit">
          {VN_MAP.source}. Dữ liệu: {VN_MAP.licence}.
        </p>
      </figcaption>
    </figure>
  );
}

/** Ministries and the national portal, which are not places: a grid of tiles, worst status first. */
export function AgencyTiles(props: { views: AgencyView[]; title: string }) {
  if (props.views.length === 0) return null;
  return (
    <section class="tiles" aria-labelledby="tiles-h">
      <h2 id="tiles-h">{props.title}</h2>
      <ul class="tile-grid">
        {[...props.views].sort(bySeverity).map((v) => (
          <li class={`tile t-${statusKey(v)}`}>
            <a href={`agency/${v.agency.id}.html`}>{v.agency.name}</a>
            <span class="tile-st">
              <StatusWithReason result={v.latest} short />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const notPlace = (a: Agency) => a.kind !== 'province' || !a.provinceCode;

/** The overview's picture: the map of provinces beside the tiles of everything that is not a place. */
export function OverviewPicture(props: { m: SiteModel }) {
  const others = props.m.ranked.filter((v) => notPlace(v.agency));
  return (
    <div class="picture">
      <ProvinceMap m={props.m} />
      <AgencyTiles views={others} title="Bộ, ngành và Cổng quốc gia" />
    </div>
  );
}
