import { availability, type DailyAggregate, STATUSES } from '@dvcwatch/core';
import { dayStats } from '../day-stats.js';
import { csvCell } from '../escape.js';
import type { AgencyView, SiteModel } from '../model.js';
import { type Column, dataPage } from './data-page.js';
import { INDEX766_LATEST_COLUMNS, index766DataFiles } from './index-766-data.js';

const r4 = (x: number | null) => (x == null ? null : Math.round(x * 10_000) / 10_000);
const pairs = (m: Record<string, number>) =>
  Object.entries(m)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}:${n}`);

const LATEST: Column<AgencyView>[] = [
  {
    name: 'agencyId',
    type: 'chuỗi',
    desc: 'Mã cơ quan (ổn định, dùng trong địa chỉ trang agency/<mã>.html).',
    get: (v) => v.agency.id,
  },
  { name: 'name', type: 'chuỗi', desc: 'Tên cơ quan.', get: (v) => v.agency.name },
  {
    name: 'kind',
    type: 'chuỗi',
    desc: 'Loại: national (quốc gia), ministry (bộ, ngành), province (tỉnh, thành phố).',
    get: (v) => v.agency.kind,
  },
  { name: 'homeUrl', type: 'chuỗi', desc: 'Địa chỉ trang chủ được đo.', get: (v) => v.agency.portal.home },
  {
    name: 'at',
    type: 'ISO-8601 UTC',
    desc: 'Thời điểm của lần đo gần nhất; rỗng nếu chưa có.',
    get: (v) => v.latest?.at ?? null,
  },
  {
    name: 'status',
    type: 'chuỗi',
    desc: `Trạng thái: ${STATUSES.join(', ')} (xem phương pháp).`,
    get: (v) => v.latest?.status ?? null,
  },
  {
    name: 'reason',
    type: 'chuỗi',
    desc: 'Lý do khi không hoạt động bình thường (dns, tls, timeout, http-5xx, …).',
    get: (v) => v.latest?.reason ?? null,
  },
  {
    name: 'vantages',
    type: 'chuỗi',
    desc: 'Khi điểm đo đầu tiên không tới được: điều mỗi điểm đo thấy, dạng “mã:trạng thái” cách nhau bởi dấu chấm phẩy (“none” nếu không trả lời kịp); rỗng nếu không cần đo lại.',
    get: (v) => v.latest?.vantages?.map((s) => `${s.id}:${s.status ?? 'none'}`).join(';') ?? null,
  },
  {
    name: 'maintenance',
    type: 'true/false',
    desc: 'Đang trong khung giờ bảo trì đã đăng ký.',
    get: (v) => v.latest?.maintenance ?? null,
  },
  {
    name: 'score',
    type: 'số (0–100)',
    desc: 'Điểm, quy đổi theo phần đã đo (QĐ 473/QĐ-BTTTT).',
    get: (v) => v.latest?.score ?? null,
  },
  { name: 'grade', type: 'A–E', desc: 'Xếp loại theo điểm.', get: (v) => v.latest?.grade ?? null },
  { name: 'allPass', type: 'true/false', desc: 'Hoạt động, không vượt ngưỡng và đạt mọi tiêu chí đã đo.', get: (v) => v.allPass },
  {
    name: 'homeTtfbMs',
    type: 'ms',
    desc: 'Trang chủ: thời gian đến byte đầu tiên.',
    get: (v) => v.latest?.pages.home?.ttfbMs ?? null,
  },
  {
    name: 'homeFcpMs',
    type: 'ms',
    desc: 'Trang chủ: nội dung đầu tiên hiển thị (FCP).',
    get: (v) => v.latest?.pages.home?.fcpMs ?? null,
  },
  {
    name: 'homeLcpMs',
    type: 'ms',
    desc: 'Trang chủ: nội dung lớn nhất hiển thị (LCP).',
    get: (v) => v.latest?.pages.home?.lcpMs ?? null,
  },
  { name: 'homeLoadMs', type: 'ms', desc: 'Trang chủ: sự kiện load.', get: (v) => v.latest?.pages.home?.loadMs ?? null },
  {
    name: 'formReadyMs',
    type: 'ms',
    desc: 'Trang biểu mẫu: sẵn sàng nhập liệu hoặc đến màn hình đăng nhập.',
    get: (v) => v.latest?.pages.form?.readyMs ?? null,
  },
  {
    name: 'formReadyKind',
    type: 'chuỗi',
    desc: 'form (ô nhập) hoặc login (màn hình đăng nhập).',
    get: (v) => v.latest?.pages.form?.readyKind ?? null,
  },
  {
    name: 'breaches',
    type: 'danh sách',
    desc: 'Ngưỡng bị vượt (CSV: phân cách bằng dấu chấm phẩy).',
    get: (v) => v.latest?.breaches ?? [],
  },
  {
    name: 'failedChecks',
    type: 'danh sách',
    desc: 'Mã các tiêu chí không đạt.',
    get: (v) => (v.latest?.checks ?? []).filter((c) => c.status === 'fail').map((c) => c.id),
  },
  {
    name: 'unknownChecks',
    type: 'danh sách',
    desc: 'Mã các tiêu chí chưa đo được.',
    get: (v) => (v.latest?.checks ?? []).filter((c) => c.status === 'unknown').map((c) => c.id),
  },
  {
    name: 'availability7d',
    type: 'tỉ lệ 0–1',
    desc: 'Khả dụng 7 ngày: (hoạt động + chậm) / (hoạt động + chậm + không truy cập được).',
    get: (v) => r4(v.availability7),
  },
  { name: 'homeLcpMedian7dMs', type: 'ms', desc: 'Trung vị LCP trang chủ 7 ngày.', get: (v) => v.homeLcp7 },
  {
    name: 'formReadyMedian7dMs',
    type: 'ms',
    desc: 'Trung vị thời gian sẵn sàng của trang biểu mẫu 7 ngày.',
    get: (v) => v.formReady7,
  },
  { name: 'profile', type: 'chuỗi', desc: 'Hồ sơ đo (thiết bị, giới hạn băng thông).', get: (v) => v.latest?.profile ?? null },
  {
    name: 'replayed',
    type: 'true/false',
    desc: 'Lần đo gần nhất là dữ liệu phát lại (suy ra từ bản ghi mô phỏng, không đo thật).',
    get: (v) => (v.latest ? v.latest.replay !== undefined : null),
  },
  ...INDEX766_LATEST_COLUMNS,
];

const DAILY: Column<DailyAggregate>[] = [
  { name: 'agencyId', type: 'chuỗi', desc: 'Mã cơ quan.', get: (d) => d.agencyId },
  { name: 'day', type: 'YYYY-MM-DD', desc: 'Ngày theo giờ Việt Nam (múi giờ Asia/Ho_Chi_Minh).', get: (d) => d.day },
  { name: 'rounds', type: 'số', desc: 'Số lần đo trong ngày.', get: (d) => d.rounds },
  ...STATUSES.map(
    (s): Column<DailyAggregate> => ({
      name: s,
      type: 'số',
      desc: `Số lần đo có trạng thái ${s}.`,
      get: (d) => d.statuses[s] ?? 0,
    }),
  ),
  {
    name: 'availability',
    type: 'tỉ lệ 0–1',
    desc: 'Khả dụng trong ngày (như availability7d).',
    get: (d) => r4(availability(d.statuses)),
  },
  { name: 'homeLcpMedianMs', type: 'ms', desc: 'Trung vị LCP trang chủ.', get: (d) => dayStats(d).homeLcpMedian },
  { name: 'homeLcpP95Ms', type: 'ms', desc: 'Phân vị 95 LCP trang chủ.', get: (d) => dayStats(d).homeLcpP95 },
  {
    name: 'homeLoadMedianMs',
    type: 'ms',
    desc: 'Trung vị thời gian tải xong trang chủ.',
    get: (d) => dayStats(d).homeLoadMedian,
  },
  {
    name: 'formReadyMedianMs',
    type: 'ms',
    desc: 'Trung vị thời gian sẵn sàng trang biểu mẫu.',
    get: (d) => dayStats(d).formReadyMedian,
  },
  {
    name: 'formReadyP95Ms',
    type: 'ms',
    desc: 'Phân vị 95 thời gian sẵn sàng trang biểu mẫu.',
    get: (d) => dayStats(d).formReadyP95,
  },
  { name: 'scoreMedian', type: 'số (0–100)', desc: 'Trung vị điểm trong ngày.', get: (d) => dayStats(d).scoreMedian },
  { name: 'failedChecks', type: 'danh sách', desc: 'Tiêu chí không đạt, dạng mã:số lần đo.', get: (d) => pairs(d.failedChecks) },
  { name: 'breaches', type: 'danh sách', desc: 'Ngưỡng bị vượt, dạng tên:số lần đo.', get: (d) => pairs(d.breaches) },
  {
    name: 'replayedRounds',
    type: 'số',
    desc: 'Số lần đo trong ngày là dữ liệu phát lại (suy ra từ bản ghi mô phỏng, không đo thật).',
    get: (d) => d.replayed ?? 0,
  },
];

const toJsonRow = <T>(cols: Column<T>[], row: T) => Object.fromEntries(cols.map((c) => [c.name, c.get(row)]));

function toCsv<T>(cols: Column<T>[], rows: readonly T[]): string {
  const lines = [cols.map((c) => c.name).join(',')];
  for (const r of rows)
    lines.push(
      cols
        .map((c) => {
          const v = c.get(r);
          return csvCell(Array.isArray(v) ? v.join(';') : v);
        })
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** The open-data files (JSON, CSV) and their documentation page. */
export function dataFiles(m: SiteModel): [string, string][] {
  const meta = { generatedAt: m.input.generatedAt, probeLocation: m.input.probeLocation, profile: m.input.profile };
  const views = m.ranked;
  const daily = [...m.input.daily].sort((a, b) =>
    a.agencyId === b.agencyId ? (a.day < b.day ? -1 : 1) : a.agencyId < b.agencyId ? -1 : 1,
  );
  return [
    ['data/latest.json', JSON.stringify({ ...meta, agencies: views.map((v) => toJsonRow(LATEST, v)) })],
    ['data/latest.csv', toCsv(LATEST, views)],
    ['data/daily.json', JSON.stringify({ ...meta, days: daily.map((d) => toJsonRow(DAILY, d)) })],
    ['data/daily.csv', toCsv(DAILY, daily)],
    ...index766DataFiles(m),
    ['data/index.html', dataPage(m, LATEST, DAILY)],
  ];
}
