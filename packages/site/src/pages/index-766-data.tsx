import { INDEX766_GROUPS, type Index766Score } from '@dvcwatch/core';
import { csvCell } from '../escape.js';
import type { AgencyView, SiteModel } from '../model.js';

/** The columns `latest` gains: the agency's QĐ 766 figures beside dvcwatch's, never blended into them. */
export const INDEX766_LATEST_COLUMNS: {
  name: string;
  type: string;
  desc: string;
  get: (v: AgencyView) => string | number | null;
}[] = [
  {
    name: 'index766Total',
    type: 'số (0–100)',
    desc: 'Chỉ số 766 của Văn phòng Chính phủ (QĐ 766/QĐ-TTg), tổng điểm ở lần nhập gần nhất; rỗng nếu cơ quan chưa được ghép (index766Id). Không cộng vào điểm của dvcwatch.',
    get: (v) => v.index766?.score.total ?? null,
  },
  {
    name: 'index766Period',
    type: 'YYYY, YYYY-MM hoặc YYYY-Qn',
    desc: 'Kỳ của Chỉ số 766 đó.',
    get: (v) => v.index766?.period ?? null,
  },
];

const COLUMNS = ['unitId', 'agencyId', 'name', 'total', 'rank', ...INDEX766_GROUPS] as const;

/** `data/index-766.json` / `.csv`: every row of the latest import, matched or not (unmatched rows have no agencyId). */
export function index766DataFiles(m: SiteModel): [string, string][] {
  const imported = m.input.index766;
  if (!imported) return [];
  const agencyOf = new Map(Object.entries(imported.matched).map(([agency, unit]) => [unit, agency]));
  const row = (r: Index766Score) => ({
    unitId: r.unitId,
    agencyId: agencyOf.get(r.unitId) ?? null,
    name: r.name,
    total: r.total,
    rank: r.rank,
    ...r.groups,
  });
  const rows = imported.rows.map(row);
  const meta = {
    source: imported.endpoint,
    period: imported.period,
    fetchedAt: imported.fetchedAt,
    params: imported.params,
    sha256: imported.sha256,
  };
  const csv = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n');
  return [
    ['data/index-766.json', JSON.stringify({ ...meta, rows })],
    ['data/index-766.csv', `${csv}\r\n`],
  ];
}

/** The data page's lines about them (the index's file, the monthly editions). */
export function Index766DataDoc() {
  return (
    <>
      <li>
        <a href="index-766.json">index-766.json</a>, <a href="index-766.csv">index-766.csv</a>: mọi dòng của lần nhập Chỉ số 766
        gần nhất (QĐ 766/QĐ-TTg, từ Cổng Dịch vụ công quốc gia; nguồn không có tài liệu công khai, xem phương pháp):{' '}
        <code>unitId</code> (mã đơn vị của cổng), <code>agencyId</code> (rỗng nếu chưa ghép), <code>total</code>,{' '}
        <code>rank</code>, các nhóm{' '}
        {INDEX766_GROUPS.map((g, i) => (
          <>
            {i ? ', ' : ''}
            <code>{g}</code>
          </>
        ))}
        ; JSON kèm kỳ, thời điểm nhập, tham số và SHA-256 của câu trả lời gốc. Có khi đã nhập ít nhất một lần.
      </li>
      <li>
        <a href="../editions/index.html">Ấn bản tháng</a>: mỗi ấn bản có JSON và CSV riêng, không sửa sau khi chốt.
      </li>
    </>
  );
}
