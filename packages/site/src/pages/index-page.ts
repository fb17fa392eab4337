import { esc } from '../escape.js';
import { pct, score, secs } from '../format.js';
import { gradeBadge, movement, statusLegend, statusText } from '../fragments.js';
import { KIND_LABELS } from '../labels.js';
import { page } from '../layout.js';
import { type AgencyView, ranks, type SiteModel } from '../model.js';
import { replayNotice } from '../replay.js';
import { index766Number } from './index-766-card.js';
import { index766Scatter, scatterPoints } from './index-766-scatter.js';

export type Kind = 'ministry' | 'province' | 'national';

/** File name of the overview, all agencies or one kind: filters work without JavaScript. */
export const indexPath = (kind: Kind | null): string => (kind ? `index-${kind}.html` : 'index.html');

const KINDS: Kind[] = ['ministry', 'province', 'national'];

function row(v: AgencyView, rank: number | undefined, rankThen: number | undefined, showKind: boolean): string {
  const r = v.latest;
  const kind = showKind ? `<td>${esc(KIND_LABELS[v.agency.kind].one)}</td>` : '';
  return `<tr><td class="n">${rank ?? '—'}</td><th scope="row"><a href="agency/${esc(v.agency.id)}.html">${esc(v.agency.name)}</a></th>${kind}<td class="n">${score(r?.score)}</td><td>${gradeBadge(r?.grade)}</td><td>${statusText(r)}</td><td class="n">${pct(v.availability7)}</td><td class="n">${secs(v.homeLcp7)}</td><td class="n">${secs(v.formReady7)}</td><td>${movement(rank, rankThen, r?.score ?? null, v.lastWeekScore)}</td><td class="n">${index766Number(v.index766?.score.total)}</td></tr>`;
}

/** The overview (all agencies or one kind): headline, ranking, legend. */
export function indexPage(m: SiteModel, kind: Kind | null): string {
  const views = kind ? m.ranked.filter((v) => v.agency.kind === kind) : m.ranked;
  const now = ranks(views, (v) => v.latest?.score ?? null);
  const then = ranks(views, (v) => v.lastWeekScore);
  const passing = views.filter((v) => v.allPass).length;
  const scope = kind ? ` (${KIND_LABELS[kind].many.toLocaleLowerCase('vi')})` : '';
  const tabs = [null, ...KINDS]
    .filter((k) => k === null || m.ranked.some((v) => v.agency.kind === k))
    .map(
      (k) =>
        `<li><a href="${indexPath(k)}"${k === kind ? ' aria-current="page"' : ''}>${k ? KIND_LABELS[k].many : 'Tất cả'}</a></li>`,
    )
    .join('');
  // The monitor's own network outage in the latest round: said once, above the ranking, so nobody reads it as
  // the agencies' (core/vantage-outage.ts).
  const outage = m.input.latest.filter((r) => r.reason === 'vantage-outage').length;
  const outageNote = outage
    ? `<p class="replay" role="status"><strong>Sự cố mạng phía máy đo:</strong> ở lần đo gần nhất ${outage} cổng không tới được cùng lúc vì mạng của máy đo, không phải lỗi của cơ quan; không tính cho cơ quan và không gửi thư cảnh báo. <a href="methodology.html#su-co-may-do">Tìm hiểu thêm</a>.</p>`
    : '';
  const rows = views.map((v) => row(v, now.get(v.agency.id), then.get(v.agency.id), kind === null)).join('\n');
  const body = `<h1>Tổng quan Cổng dịch vụ công${esc(scope)}</h1>${outageNote}
<p class="headline"><strong>${passing} / ${views.length}</strong> cơ quan đạt toàn bộ tiêu chí</p>
<p class="muted small">Đạt toàn bộ tiêu chí: cổng đang hoạt động, không vượt ngưỡng thời gian nào và đạt mọi tiêu chí đã đo được ở lần đo gần nhất.</p>
<nav aria-label="Lọc theo loại cơ quan"><ul class="tabs">${tabs}</ul></nav>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="rank-cap"><table>
<caption id="rank-cap">Xếp hạng theo điểm (thang 100, QĐ 473/QĐ-BTTTT)${esc(scope)}</caption>
<thead><tr><th scope="col" class="n">Hạng</th><th scope="col">Cơ quan</th>${kind === null ? '<th scope="col">Loại</th>' : ''}<th scope="col" class="n">Điểm</th><th scope="col">Xếp loại</th><th scope="col">Trạng thái hiện tại</th><th scope="col" class="n">Khả dụng 7 ngày</th><th scope="col" class="n">Trang chủ (LCP, trung vị 7 ngày)</th><th scope="col" class="n">Biểu mẫu (trung vị 7 ngày)</th><th scope="col">So với tuần trước</th><th scope="col" class="n">Chỉ số 766 (VPCP)</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<p class="muted small">Chỉ số 766: điểm của Văn phòng Chính phủ (QĐ 766/QĐ-TTg) cho cơ quan, nhập từ Cổng Dịch vụ công quốc gia; đặt cạnh, không cộng vào điểm của dvcwatch (<a href="methodology.html#chi-so-766">xem phương pháp</a>).</p>
${index766Scatter(scatterPoints(views, ''), 'Điểm dvcwatch so với Chỉ số 766')}
<h2>Chú giải trạng thái</h2>
${statusLegend()}`;
  const title = kind ? `Tổng quan — ${KIND_LABELS[kind].many}` : 'Tổng quan';
  return page(m.input, { title, root: '', nav: 'index', body, notice: replayNotice(m.replay, '') });
}

/** Every overview page: all, then each kind that has agencies. */
export function indexPages(m: SiteModel): [string, string][] {
  return [null, ...KINDS]
    .filter((k) => k === null || m.ranked.some((v) => v.agency.kind === k))
    .map((k) => [indexPath(k), indexPage(m, k)]);
}
