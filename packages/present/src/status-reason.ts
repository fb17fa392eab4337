import { type Reason, type Result, viNumber, viSeconds } from '@dvcwatch/core';

/**
 * Why an agency has the status it has, in a few Vietnamese words a coordinator reads at a glance: "HTTP 503",
 * "chậm: LCP 7,1 s", "chặn theo vùng". The same words on the overview, the map, the agency page and in emails.
 */
const SHORT_REASONS: Record<Reason, string> = {
  dns: 'lỗi tên miền (DNS)',
  tls: 'lỗi chứng chỉ HTTPS',
  timeout: 'hết thời gian chờ',
  refused: 'máy chủ từ chối kết nối',
  reset: 'kết nối bị ngắt',
  'http-5xx': 'lỗi máy chủ',
  'http-4xx': 'lỗi yêu cầu',
  'redirect-loop': 'vòng lặp chuyển hướng',
  captcha: 'captcha của tường lửa',
  'http-403': 'tường lửa từ chối',
  'http-429': 'quá nhiều yêu cầu',
  'redirect-national': 'chuyển về Cổng quốc gia',
  download: 'trả về tệp tải xuống',
  'too-large': 'trang quá lớn',
  'popup-storm': 'mở cửa sổ bật lên liên tục',
  guard: 'địa chỉ bị bộ lọc an toàn chặn',
  network: 'lỗi mạng',
  probe: 'lỗi máy đo',
  'vantage-outage': 'sự cố mạng của máy đo',
  geo: 'chặn theo vùng',
  'no-paint': 'không hiển thị nội dung',
};

/** The slowness breaches, in the order a reader cares about, with their short names. */
const SLOW: { metric: string; label: string }[] = [
  { metric: 'home.lcpMs', label: 'LCP' },
  { metric: 'form.readyMs', label: 'biểu mẫu' },
  { metric: 'home.fcpMs', label: 'FCP' },
  { metric: 'home.ttfbMs', label: 'TTFB' },
];

/** The HTTP status of the first page that answered with an error, if any. */
export function errorHttpStatus(r: Result): number | null {
  for (const p of [r.pages.home, r.pages.form]) if (p?.httpStatus != null && p.httpStatus >= 400) return p.httpStatus;
  return null;
}

/** The one-line reason for a result's status; `null` for no result. */
export function statusReason(r: Result | null): string | null {
  if (!r) return null;
  const http = errorHttpStatus(r);
  if (r.status === 'up') {
    const failing = r.checks.filter((c) => c.status === 'fail').length;
    return failing > 0 ? `${failing} tiêu chí không đạt` : 'đạt ngưỡng thời gian';
  }
  if (r.status === 'degraded') {
    for (const s of SLOW) {
      const b = r.breachDetails.find((d) => d.metric === s.metric);
      if (b) return `chậm: ${s.label} ${viSeconds(b.value)}`;
    }
    if (http !== null) return `trang biểu mẫu: HTTP ${http}`;
    const unavailable = r.breachDetails.find((d) => d.metric.endsWith('.available'));
    if (unavailable) return unavailable.metric.startsWith('form') ? 'trang biểu mẫu không mở được' : 'trang chủ không mở được';
    const score = r.breachDetails.find((d) => d.metric === 'score');
    if (score) return `điểm thấp: ${viNumber(score.value)}/100`;
    if (r.reason) return SHORT_REASONS[r.reason] ?? r.reason;
    return 'không đạt ngưỡng';
  }
  if (http !== null && (r.reason === 'http-5xx' || r.reason === 'http-4xx' || r.reason === 'http-403' || r.reason === 'http-429'))
    return r.reason === 'http-403' ? 'HTTP 403 (tường lửa)' : `HTTP ${http}`;
  if (r.reason) return SHORT_REASONS[r.reason] ?? r.reason;
  if (http !== null) return `HTTP ${http}`;
  return null;
}
