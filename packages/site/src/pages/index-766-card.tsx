import { INDEX766_GROUP_INFO, INDEX766_GROUPS, index766PeriodLabel, viDateTime, viNumber } from '@dvcwatch/core';
import { DataTable } from '../fragments.js';
import type { Index766View } from '../index-766-model.js';
import type { AgencyView } from '../model.js';

/** A QĐ 766 score as the site writes it: two decimals, Vietnamese separators (`87,35`); null → `—`. */
export const index766Number = (x: number | null | undefined): string => (x == null ? '—' : viNumber(x, 2));

/** A horizontal bar of `value` against `max`, with the figures in its accessible name. */
function Bar(props: { value: number; max: number }) {
  const w = Math.max(0, Math.min(1, props.value / props.max)) * 200;
  return (
    <svg
      class="bar766"
      viewBox="0 0 200 12"
      width="200"
      height="12"
      role="img"
      aria-label={`${index766Number(props.value)} trên ${viNumber(props.max, 0)} điểm`}
    >
      <rect class="max" width="200" height="12" />
      <rect class="val" width={w.toFixed(1)} height="12" />
    </svg>
  );
}

function GroupRows(props: { v: Index766View }) {
  return (
    <>
      {INDEX766_GROUPS.map((g) => {
        const info = INDEX766_GROUP_INFO[g];
        const value = props.v.score.groups[g];
        return (
          <tr>
            <th scope="row">
              {info.label} <code>{g}</code>
            </th>
            <td class="n">
              {index766Number(value)}
              {info.max === null ? '' : ` / ${viNumber(info.max, 0)}`}
            </td>
            <td>
              {value === null ? (
                <span class="muted">không có</span>
              ) : info.max === null ? (
                <span class="muted small">thang điểm tối đa chưa xác minh</span>
              ) : (
                <Bar value={value} max={info.max} />
              )}
            </td>
          </tr>
        );
      })}
    </>
  );
}

/**
 * The agency page's card "Chỉ số 766 (Văn phòng Chính phủ), tháng M/YYYY": the total, the groups (bars against the
 * maxima QĐ 766 states; values only where the maximum is not verified) and when it was imported. Nothing for an
 * agency the registry does not map: nothing is guessed.
 */
export function Index766Card(props: { view: AgencyView }) {
  const v = props.view.index766;
  if (!v) return null;
  const rank = v.score.rank === null ? '' : ` · hạng ${viNumber(v.score.rank, 0)} trong ${viNumber(v.units, 0)} đơn vị`;
  return (
    <section class="card i766" aria-labelledby="i766-h">
      <h2 id="i766-h">Chỉ số 766 (Văn phòng Chính phủ), {index766PeriodLabel(v.period)}</h2>
      <p class="headline">
        <strong>{index766Number(v.score.total)}</strong> / 100{rank}
      </p>
      <DataTable
        id="i766-cap"
        caption="Điểm theo nhóm chỉ số (QĐ 766/QĐ-TTg)"
        head={['Nhóm', { label: 'Điểm', n: true }, 'So với tối đa']}
      >
        <GroupRows v={v} />
      </DataTable>
      <p class="muted small">
        Nhập lúc {viDateTime(v.fetchedAt)} từ Cổng Dịch vụ công quốc gia (mã đơn vị {v.score.unitId}, “{v.score.name}”). Chỉ số
        này đo kết quả xử lý hồ sơ phía sau (công khai, tiến độ, dịch vụ trực tuyến, hài lòng, số hóa); dvcwatch đo giao diện công
        khai mỗi giờ. Hai số được đặt cạnh nhau, không cộng vào điểm của dvcwatch.{' '}
        <a href="../methodology.html#chi-so-766">Nguồn và lưu ý</a>.
      </p>
    </section>
  );
}
