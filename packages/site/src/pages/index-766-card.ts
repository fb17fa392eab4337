import { INDEX766_GROUP_INFO, INDEX766_GROUPS, index766PeriodLabel } from '@dvcwatch/core';
import { esc } from '../escape.js';
import { num, vnTime } from '../format.js';
import type { Index766View } from '../index-766-model.js';
import type { AgencyView } from '../model.js';

/** A QĐ 766 score as the site writes it: two decimals, Vietnamese separators (`87,35`); null → `—`. */
export const index766Number = (x: number | null | undefined): string => (x == null ? '—' : num(x, 2));

/** A horizontal bar of `value` against `max`, with the figures in its accessible name. */
const bar = (value: number, max: number): string => {
  const w = Math.max(0, Math.min(1, value / max)) * 200;
  return `<svg class="bar766" viewBox="0 0 200 12" width="200" height="12" role="img" aria-label="${esc(`${index766Number(value)} trên ${num(max, 0)} điểm`)}"><rect class="max" width="200" height="12"/><rect class="val" width="${w.toFixed(1)}" height="12"/></svg>`;
};

function groupRows(v: Index766View): string {
  return INDEX766_GROUPS.map((g) => {
    const info = INDEX766_GROUP_INFO[g];
    const value = v.score.groups[g];
    const shown =
      value === null
        ? '<span class="muted">không có</span>'
        : info.max === null
          ? `<span class="muted small">thang điểm tối đa chưa xác minh</span>`
          : bar(value, info.max);
    return `<tr><th scope="row">${esc(info.label)} <code>${g}</code></th><td class="n">${index766Number(value)}${info.max === null ? '' : ` / ${num(info.max, 0)}`}</td><td>${shown}</td></tr>`;
  }).join('');
}

/**
 * The agency page's card "Chỉ số 766 (Văn phòng Chính phủ), tháng M/YYYY": the total, the groups (bars against the
 * maxima QĐ 766 states; values only where the maximum is not verified) and when it was imported. Empty for an
 * agency the registry does not map: nothing is guessed.
 */
export function index766Card(view: AgencyView): string {
  const v = view.index766;
  if (!v) return '';
  const rank = v.score.rank === null ? '' : ` · hạng ${num(v.score.rank, 0)} trong ${num(v.units, 0)} đơn vị`;
  return `<section class="card i766" aria-labelledby="i766-h">
<h2 id="i766-h">Chỉ số 766 (Văn phòng Chính phủ), ${esc(index766PeriodLabel(v.period))}</h2>
<p class="headline"><strong>${index766Number(v.score.total)}</strong> / 100${rank}</p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="i766-cap"><table><caption id="i766-cap">Điểm theo nhóm chỉ số (QĐ 766/QĐ-TTg)</caption><thead><tr><th scope="col">Nhóm</th><th scope="col" class="n">Điểm</th><th scope="col">So với tối đa</th></tr></thead><tbody>${groupRows(v)}</tbody></table></div>
<p class="muted small">Nhập lúc ${esc(vnTime(v.fetchedAt))} từ Cổng Dịch vụ công quốc gia (mã đơn vị ${esc(v.score.unitId)}, “${esc(v.score.name)}”). Chỉ số này đo kết quả xử lý hồ sơ phía sau (công khai, tiến độ, dịch vụ trực tuyến, hài lòng, số hóa); dvcwatch đo giao diện công khai mỗi giờ. Hai số được đặt cạnh nhau, không cộng vào điểm của dvcwatch. <a href="../methodology.html#chi-so-766">Nguồn và lưu ý</a>.</p>
</section>`;
}
