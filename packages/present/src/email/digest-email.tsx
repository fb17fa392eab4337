import { type Agency, type EmailMessage, oneLine, viPercent, viValue, type WeekSummary } from '@dvcwatch/core';
import { plainEmail } from './plain-email.js';

const pct = (x: number | null) => (x === null ? 'chưa đo được' : viPercent(x));
const t = (x: number | null) => (x === null ? '—' : viValue(x, 'ms'));

/** The Monday digest to a head: their portal's week, short and in Vietnamese. */
export function digestEmail(
  agency: Agency,
  week: WeekSummary,
  weekLabel: string,
  trendUrl: string | null,
  titles: Record<string, string>,
): EmailMessage {
  const subject = oneLine(
    `[dvcwatch] Tổng hợp tuần ${weekLabel}: ${agency.name} — ${week.grade ? `xếp loại ${week.grade}` : 'chưa xếp loại'}`,
  );
  const lines = [
    `Cổng dịch vụ công của ${agency.name}, tuần ${weekLabel}:`,
    `- Tỷ lệ truy cập được: ${pct(week.availability)}`,
    `- Trang chủ (LCP): trung vị ${t(week.homeLcpMedianMs)}, p95 ${t(week.homeLcpP95Ms)}`,
    `- Trang biểu mẫu: trung vị ${t(week.formReadyMedianMs)}, p95 ${t(week.formReadyP95Ms)}`,
    `- Điểm: ${week.score ?? '—'}/100${week.grade ? `, xếp loại ${week.grade}` : ''}${week.rank ? `; xếp hạng ${week.rank}/${week.of} trong các cơ quan cùng loại` : ''}`,
    week.failingChecks.length
      ? `- Tiêu chí chưa đạt: ${week.failingChecks.map((c) => `${titles[c.id] ?? c.id} (${c.days}/7 ngày)`).join('; ')}`
      : '- Mọi tiêu chí đo được đều đạt.',
    ...(week.causes?.length
      ? [
          '',
          'Nguyên nhân cần khắc phục (số lượt đo ghi nhận trong tuần):',
          ...week.causes.map((c) => `- ${c.text} (${c.rounds} lượt)`),
        ]
      : []),
    ...(week.labRisk?.length
      ? [
          '',
          `Có nguy cơ không đạt khi Bộ đánh giá (đo như Lighthouse trên điện thoại): ${week.labRisk.join('; ')} không đạt ngưỡng ở ít nhất 3 trong 7 ngày qua.`,
        ]
      : []),
    ...(trendUrl ? ['', `Chi tiết: ${trendUrl}`] : []),
  ];
  return plainEmail([agency.head.email], subject, lines, agency.cc);
}
