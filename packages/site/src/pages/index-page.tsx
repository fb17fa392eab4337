import { viPercent, viScore, viSeconds } from '@dvcwatch/core';
import { Grade, KIND_LABELS, STATUS_SHORT, StatusWithReason, StatusWord } from '@dvcwatch/present';
import { Movement, StatusLegend, TableWrap } from '../fragments.js';
import { page } from '../layout.js';
import { type AgencyView, ranks, type SiteModel } from '../model.js';
import { lastWeek, type StatusKey, statusCounts, statusKey } from '../overview-model.js';
import { ReplayNotice } from '../replay.js';
import { Sparkline } from '../sparkline.js';
import { index766Number } from './index-766-card.js';
import { Index766Scatter, scatterPoints } from './index-766-scatter.js';
import { OverviewPicture } from './overview-picture.js';

export type Kind = 'ministry' | 'province' | 'national';

/** One overview page: all agencies, one kind, or one status. Filters are pages: they work without JavaScript. */
export type Filter = { kind: Kind } | { status: StatusKey } | null;

/** File name of the overview for a filter. */
export const indexPath = (f: Filter): string =>
  f === null ? 'index.html' : 'kind' in f ? `index-${f.kind}.html` : `index-status-${f.status}.html`;

const KINDS: Kind[] = ['ministry', 'province', 'national'];

function Row(props: { m: SiteModel; v: AgencyView; rank?: number; rankThen?: number; showKind: boolean }) {
  const { v } = props;
  const r = v.latest;
  return (
    <tr class={`row-${statusKey(v)}`}>
      <td class="status">
        <StatusWithReason result={r} short />
      </td>
      <th scope="row" class="name">
        <a href={`agency/${v.agency.id}.html`}>{v.agency.name}</a>
        {props.showKind ? <span class="kind">{KIND_LABELS[v.agency.kind].one}</span> : null}
      </th>
      <td class="n">{props.rank ?? '—'}</td>
      <td class="n score">
        {viScore(r?.score)} <Grade grade={r?.grade} />
      </td>
      <td class="spark-cell">
        <Sparkline days={lastWeek(props.m, v)} />
      </td>
      <td class="n">{viPercent(v.availability7)}</td>
      <td class="n">{viSeconds(v.homeLcp7)}</td>
      <td class="n">{viSeconds(v.formReady7)}</td>
      <td class="move">
        <Movement rankNow={props.rank} rankThen={props.rankThen} now={r?.score ?? null} then={v.lastWeekScore} />
      </td>
      <td class="n">{index766Number(v.index766?.score.total)}</td>
    </tr>
  );
}

function StatusFilters(props: { m: SiteModel; filter: Filter }) {
  const current = props.filter && 'status' in props.filter ? props.filter.status : null;
  return (
    <nav aria-label="Lọc theo trạng thái">
      <ul class="counts">
        <li>
          <a href="index.html" class="count" aria-current={props.filter === null ? 'page' : undefined}>
            <strong>{props.m.ranked.length}</strong> Tất cả
          </a>
        </li>
        {statusCounts(props.m.ranked).map((c) => (
          <li>
            <a
              href={indexPath({ status: c.key })}
              class={`count c-${c.key}`}
              aria-current={current === c.key ? 'page' : undefined}
            >
              <strong>{c.count}</strong> {c.key === 'none' ? <StatusWord status={null} /> : <StatusWord status={c.key} short />}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const scopeOf = (f: Filter): string =>
  f === null
    ? ''
    : 'kind' in f
      ? ` (${KIND_LABELS[f.kind].many.toLocaleLowerCase('vi')})`
      : ` (${f.status === 'none' ? 'chưa có dữ liệu' : STATUS_SHORT[f.status].toLocaleLowerCase('vi')})`;

/** The overview: status counts (each a filter), the map and the ministries' tiles, then the ranking. */
export function indexPage(m: SiteModel, filter: Filter): string {
  const views = m.ranked.filter((v) =>
    filter === null ? true : 'kind' in filter ? v.agency.kind === filter.kind : statusKey(v) === filter.status,
  );
  // Ranks among the agencies of the same kind on a kind's page, among all of them elsewhere.
  const ranked = filter && 'kind' in filter ? views : m.ranked;
  const now = ranks(ranked, (v) => v.latest?.score ?? null);
  const then = ranks(ranked, (v) => v.lastWeekScore);
  const passing = views.filter((v) => v.allPass).length;
  const scope = scopeOf(filter);
  const kindTabs = [null, ...KINDS].filter((k) => k === null || m.ranked.some((v) => v.agency.kind === k));
  // The monitor's own network outage in the latest round: said once, above the ranking, so nobody reads it as
  // the agencies' (core/vantage-outage.ts).
  const outage = m.input.latest.filter((r) => r.reason === 'vantage-outage').length;
  const body = (
    <>
      <h1>Tổng quan Cổng dịch vụ công{scope}</h1>
      {outage ? (
        <p class="replay" role="status">
          <strong>Sự cố mạng phía máy đo:</strong> ở lần đo gần nhất {outage} cổng không tới được cùng lúc vì mạng của máy đo,
          không phải lỗi của cơ quan; không tính cho cơ quan và không gửi thư cảnh báo.{' '}
          <a href="methodology.html#su-co-may-do">Tìm hiểu thêm</a>.
        </p>
      ) : null}
      <StatusFilters m={m} filter={filter} />
      <p class="headline">
        <strong>
          {passing} / {views.length}
        </strong>{' '}
        cơ quan đạt toàn bộ tiêu chí
        <span class="muted small">
          {' '}
          (đang hoạt động, không vượt ngưỡng thời gian nào và đạt mọi tiêu chí đo được ở lần đo gần nhất)
        </span>
      </p>
      {filter === null ? <OverviewPicture m={m} /> : null}
      <nav aria-label="Lọc theo loại cơ quan">
        <ul class="tabs">
          {kindTabs.map((k) => (
            <li>
              <a
                href={indexPath(k ? { kind: k } : null)}
                aria-current={
                  (k === null && filter === null) || (k && filter && 'kind' in filter && filter.kind === k) ? 'page' : undefined
                }
              >
                {k ? KIND_LABELS[k].many : 'Tất cả'}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <TableWrap labelledBy="rank-cap" class="rank-wrap">
        <table class="rank">
          <caption id="rank-cap">Xếp hạng theo điểm (thang 100, QĐ 473/QĐ-BTTTT){scope}. Thời gian: trung vị 7 ngày.</caption>
          <thead>
            <tr>
              <th scope="col">Trạng thái và lý do</th>
              <th scope="col">Cơ quan</th>
              <th scope="col" class="n">
                Hạng
              </th>
              <th scope="col" class="n">
                Điểm
              </th>
              <th scope="col">7 ngày</th>
              <th scope="col" class="n">
                Khả dụng
              </th>
              <th scope="col" class="n">
                LCP trang chủ
              </th>
              <th scope="col" class="n">
                Biểu mẫu
              </th>
              <th scope="col">So với tuần trước</th>
              <th scope="col" class="n">
                Chỉ số 766 (VPCP)
              </th>
            </tr>
          </thead>
          <tbody>
            {views.map((v) => (
              <Row
                m={m}
                v={v}
                rank={now.get(v.agency.id)}
                rankThen={then.get(v.agency.id)}
                showKind={filter === null || !('kind' in filter)}
              />
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p class="muted small">
        Chỉ số 766: điểm của Văn phòng Chính phủ (QĐ 766/QĐ-TTg) cho cơ quan, nhập từ Cổng Dịch vụ công quốc gia; đặt cạnh, không
        cộng vào điểm của dvcwatch (<a href="methodology.html#chi-so-766">xem phương pháp</a>).
      </p>
      <Index766Scatter points={scatterPoints(views, '')} caption="Điểm dvcwatch so với Chỉ số 766" figuresNearby />
      <h2>Chú giải trạng thái</h2>
      <StatusLegend />
    </>
  );
  const title = filter === null ? 'Tổng quan' : `Tổng quan${scope}`;
  return page(m.input, { title, root: '', nav: 'index', notice: <ReplayNotice span={m.replay} root="" /> }, body);
}

/** Every overview page: all, each kind that has agencies, each status that some agency has. */
export function indexPages(m: SiteModel): [string, string][] {
  const filters: Filter[] = [
    null,
    ...KINDS.filter((k) => m.ranked.some((v) => v.agency.kind === k)).map((kind) => ({ kind })),
    ...statusCounts(m.ranked).map((c) => ({ status: c.key })),
  ];
  return filters.map((f) => [indexPath(f), indexPage(m, f)]);
}
