import type { Status } from './result.js';
import { THRESHOLD_SOURCES, type ThresholdName } from './thresholds.js';
import { viDuration, viTimeDate, viValue } from './vi-format.js';

/** Vietnamese names of the statuses, for emails and the site. */
export const STATUS_VI: Record<Status, string> = {
  up: 'Hoạt động tốt',
  degraded: 'Chậm hoặc không đạt ngưỡng',
  down: 'Không truy cập được',
  blocked: 'Bị chặn (tường lửa, captcha hoặc chặn theo vùng)',
  consolidated: 'Đã hợp nhất về Cổng Dịch vụ công quốc gia',
  error: 'Lỗi của hệ thống giám sát (không tính cho cơ quan)',
};

/** Vietnamese names of breachable metrics and the threshold each is measured against. */
export const METRICS_VI: Record<string, { label: string; unit: 'ms' | 'điểm' | ''; threshold: ThresholdName | null }> = {
  'home.lcpMs': { label: 'Thời gian hiển thị nội dung chính của trang chủ (LCP)', unit: 'ms', threshold: 'homeLcpMs' },
  'home.fcpMs': { label: 'Thời gian hiển thị nội dung đầu tiên của trang chủ (FCP)', unit: 'ms', threshold: 'homeFcpMs' },
  'home.ttfbMs': { label: 'Thời gian máy chủ phản hồi trang chủ (TTFB)', unit: 'ms', threshold: 'homeTtfbMs' },
  'form.readyMs': { label: 'Thời gian mở trang biểu mẫu thủ tục', unit: 'ms', threshold: 'formReadyMs' },
  'home.available': { label: 'Trang chủ không truy cập được', unit: '', threshold: null },
  'home.painted': {
    label: 'Trang chủ trả lời nhưng không hiển thị nội dung nào trong thời hạn đo (không có FCP/LCP)',
    unit: '',
    threshold: null,
  },
  'form.available': { label: 'Trang biểu mẫu không truy cập được', unit: '', threshold: null },
  score: { label: 'Điểm đánh giá theo thang 100 điểm (QĐ 473/QĐ-BTTTT)', unit: 'điểm', threshold: 'minScore' },
};

/** "4,2 giây" / "850 ms" / "72 điểm" (the one formatting module: vi-format.ts). */
export const formatValue = viValue;

/** One breach as a Vietnamese sentence: what, measured value, threshold and its source. */
export function describeBreach(b: { metric: string; value: number; limit: number }): string {
  const m = METRICS_VI[b.metric];
  if (!m) return b.metric;
  if (!m.threshold) return m.label;
  const source = THRESHOLD_SOURCES[m.threshold];
  return `${m.label}: ${formatValue(b.value, m.unit)} (ngưỡng ${formatValue(b.limit, m.unit)} — ${source.source})`;
}

/** "3 giờ", "1 ngày 6 giờ", "45 phút". */
export const formatDuration = viDuration;

/** "08:00 21/11/2026" in Asia/Ho_Chi_Minh (time first, as emails and the CLI print it). */
export const formatVnTime = viTimeDate;
