import type { EditionAgency } from './edition.js';
import type { EmailMessage } from './email-message.js';
import { escapeHtml, oneLine } from './html.js';
import type { Agency } from './registry.js';
import { formatValue } from './wording.js';

const pct = (x: number | null) => (x === null ? 'chưa đo được' : `${(x * 100).toFixed(1).replace('.', ',')} %`);
const ms = (x: number | null) => (x === null ? '—' : formatValue(x, 'ms'));
const pts = (x: number | null) => (x === null ? '—' : x.toFixed(2).replace('.', ','));

/** The monthly summary to a head who asked for it (`monthlySummary: true`): their row of the frozen edition. */
export function editionSummaryEmail(agency: Agency, month: string, row: EditionAgency, editionUrl: string | null): EmailMessage {
  const label = `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
  const subject = oneLine(`[dvcwatch] Ấn bản ${label}: ${agency.name}`);
  const lines = [
    `Cổng dịch vụ công của ${agency.name}, ${label} (số liệu đã chốt, không sửa lại):`,
    `- Tỷ lệ truy cập được: ${pct(row.availability)} (${row.rounds} lần đo)`,
    `- Trang chủ (LCP, trung vị): ${ms(row.homeLcpMedianMs)}; trang biểu mẫu (trung vị): ${ms(row.formReadyMedianMs)}`,
    `- Tỷ lệ giờ vượt ngưỡng: ${pct(row.breachShare)}`,
    `- Tiêu chí đạt ở lần đo cuối tháng: ${row.checksJudged ? `${row.checksPassed}/${row.checksJudged}` : '—'}`,
    `- Sự cố: ${row.incidents}${row.incidentMinutes ? ` (tổng ${Math.round(row.incidentMinutes / 60)} giờ)` : ''}; không truy cập được ${row.downtimeHours} giờ`,
    `- Theo tiêu chí của Bộ (Lighthouse, điện thoại): LCP trang chủ trung vị ${ms(row.labHomeLcpMs)}`,
    `- Điểm dvcwatch (trung vị): ${row.scoreMedian ?? '—'}/100`,
    `- Chỉ số 766 của Văn phòng Chính phủ: ${pts(row.index766Total)}/100 (đặt cạnh, không cộng vào điểm của dvcwatch)`,
    ...(editionUrl ? ['', `Ấn bản đầy đủ: ${editionUrl}`] : []),
  ];
  return {
    to: [agency.head.email],
    cc: agency.cc,
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;max-width:600px;padding:16px">${lines
      .map((l) => (l ? `<p style="margin:4px 0">${escapeHtml(l)}</p>` : ''))
      .join('')}</body></html>`,
  };
}
