import {
  type Agency,
  type EditionAgency,
  type EmailMessage,
  oneLine,
  viMonth,
  viNumber,
  viPercent,
  viValue,
} from '@dvcwatch/core';
import { plainEmail } from './plain-email.js';

const pct = (x: number | null) => (x === null ? 'chưa đo được' : viPercent(x));
const t = (x: number | null) => (x === null ? '—' : viValue(x, 'ms'));
const pts = (x: number | null) => (x === null ? '—' : viNumber(x, 2));

/** The monthly summary to a head who asked for it (`monthlySummary: true`): their row of the frozen edition. */
export function editionSummaryEmail(agency: Agency, month: string, row: EditionAgency, editionUrl: string | null): EmailMessage {
  const label = viMonth(month);
  const subject = oneLine(`[dvcwatch] Ấn bản ${label}: ${agency.name}`);
  const lines = [
    `Cổng dịch vụ công của ${agency.name}, ${label} (số liệu đã chốt, không sửa lại):`,
    `- Tỷ lệ truy cập được: ${pct(row.availability)} (${row.rounds} lần đo)`,
    `- Trang chủ (LCP, trung vị): ${t(row.homeLcpMedianMs)}; trang biểu mẫu (trung vị): ${t(row.formReadyMedianMs)}`,
    `- Tỷ lệ giờ vượt ngưỡng: ${pct(row.breachShare)}`,
    `- Tiêu chí đạt ở lần đo cuối tháng: ${row.checksJudged ? `${row.checksPassed}/${row.checksJudged}` : '—'}`,
    `- Sự cố: ${row.incidents}${row.incidentMinutes ? ` (tổng ${Math.round(row.incidentMinutes / 60)} giờ)` : ''}; không truy cập được ${row.downtimeHours} giờ`,
    `- Theo tiêu chí của Bộ (Lighthouse, điện thoại): LCP trang chủ trung vị ${t(row.labHomeLcpMs)}`,
    `- Điểm dvcwatch (trung vị): ${row.scoreMedian ?? '—'}/100`,
    `- Chỉ số 766 của Văn phòng Chính phủ: ${pts(row.index766Total)}/100 (đặt cạnh, không cộng vào điểm của dvcwatch)`,
    ...(editionUrl ? ['', `Ấn bản đầy đủ: ${editionUrl}`] : []),
  ];
  return plainEmail([agency.head.email], subject, lines, agency.cc);
}
