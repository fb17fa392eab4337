import type { CheckStatus, Reason, Status } from '@dvcwatch/core';

/** The status taxonomy in Vietnamese, with a short symbol so meaning never rests on colour alone. */
export const STATUS_LABELS: Record<Status, { label: string; symbol: string; help: string }> = {
  up: { label: 'Hoạt động', symbol: '●', help: 'Cổng trả lời và đạt các ngưỡng thời gian.' },
  degraded: { label: 'Chậm/không đạt', symbol: '◐', help: 'Cổng trả lời nhưng vượt ngưỡng hoặc không đạt tiêu chí.' },
  down: { label: 'Không truy cập được', symbol: '✕', help: 'Lỗi DNS, chứng chỉ, hết thời gian chờ, lỗi máy chủ.' },
  blocked: {
    label: 'Bị chặn (tường lửa)',
    symbol: '⊘',
    help: 'Tường lửa trả 403/429 hoặc captcha cho máy giám sát, hoặc cổng chỉ tới được từ một số điểm đo (chặn theo vùng).',
  },
  consolidated: {
    label: 'Đã hợp nhất về Cổng quốc gia',
    symbol: '⇢',
    help: 'Địa chỉ chuyển hướng về dichvucong.gov.vn (từ 01/7/2025).',
  },
  error: {
    label: 'Lỗi của hệ thống giám sát — không tính cho cơ quan',
    symbol: '!',
    help: 'Máy giám sát gặp sự cố; kết quả này không tính cho cơ quan.',
  },
};

/** Label for an agency with no result yet. */
export const NO_DATA = 'Chưa có dữ liệu';

export const KIND_LABELS: Record<'national' | 'ministry' | 'province', { one: string; many: string }> = {
  national: { one: 'Quốc gia', many: 'Cổng quốc gia' },
  ministry: { one: 'Bộ, ngành', many: 'Bộ, ngành' },
  province: { one: 'Tỉnh, thành phố', many: 'Tỉnh, thành phố' },
};

export const CHECK_STATUS_LABELS: Record<CheckStatus, { label: string; symbol: string }> = {
  pass: { label: 'Đạt', symbol: '✓' },
  fail: { label: 'Không đạt', symbol: '✗' },
  unknown: { label: 'Chưa đo', symbol: '?' },
};

/** QĐ 473/QĐ-BTTTT (3 April 2024) groups and their weights out of 100. */
export const GROUPS: { id: string; label: string; weight: number }[] = [
  { id: 'functions', label: 'Chức năng', weight: 50 },
  { id: 'layout', label: 'Cấu trúc, bố cục', weight: 5 },
  { id: 'performance', label: 'Hiệu năng', weight: 20 },
  { id: 'security', label: 'An toàn thông tin', weight: 15 },
  { id: 'access', label: 'Truy cập thuận tiện', weight: 5 },
  { id: 'emc', label: 'Kết nối EMC', weight: 5 },
];

export const groupLabel = (id: string): string => GROUPS.find((g) => g.id === id)?.label ?? id;

export const REASON_LABELS: Partial<Record<Reason, string>> = {
  dns: 'không phân giải được tên miền (DNS)',
  tls: 'lỗi chứng chỉ/TLS',
  timeout: 'hết thời gian chờ',
  refused: 'máy chủ từ chối kết nối',
  reset: 'kết nối bị ngắt',
  'http-5xx': 'lỗi máy chủ (HTTP 5xx)',
  'http-4xx': 'lỗi yêu cầu (HTTP 4xx)',
  'redirect-loop': 'vòng lặp chuyển hướng',
  captcha: 'captcha/thử thách của tường lửa',
  'http-403': 'bị từ chối (HTTP 403)',
  'http-429': 'quá nhiều yêu cầu (HTTP 429)',
  'redirect-national': 'chuyển hướng về Cổng quốc gia',
  download: 'trang trả về tệp tải xuống',
  'too-large': 'trang quá lớn',
  guard: 'địa chỉ bị bộ lọc an toàn chặn',
  network: 'lỗi mạng',
  probe: 'lỗi của máy giám sát',
  geo: 'điểm đo đầu tiên không tới được, điểm đo khác tới được (chặn theo vùng hoặc địa chỉ)',
  'no-paint': 'trang trả lời nhưng không hiển thị nội dung trong thời hạn đo (không có FCP/LCP)',
  'vantage-outage': 'sự cố mạng của máy đo (phần lớn các cổng cùng không tới được; không tính cho cơ quan)',
};

/** Threshold names in Vietnamese. */
export const THRESHOLD_LABELS: Record<string, string> = {
  homeLcpMs: 'Trang chủ: nội dung lớn nhất hiển thị (LCP)',
  homeFcpMs: 'Trang chủ: nội dung đầu tiên hiển thị (FCP)',
  homeTtfbMs: 'Trang chủ: byte đầu tiên (TTFB)',
  formReadyMs: 'Trang biểu mẫu: sẵn sàng nhập liệu',
  minScore: 'Điểm tối thiểu',
};

/** Breach metric names (`home.lcpMs`) in Vietnamese. */
export const BREACH_LABELS: Record<string, string> = {
  'home.lcpMs': 'LCP trang chủ vượt ngưỡng',
  'home.fcpMs': 'FCP trang chủ vượt ngưỡng',
  'home.ttfbMs': 'TTFB trang chủ vượt ngưỡng',
  'form.readyMs': 'Trang biểu mẫu chậm',
  'home.painted': 'Trang chủ không hiển thị nội dung',
  score: 'Điểm dưới mức tối thiểu',
};

export const breachLabel = (b: string): string => BREACH_LABELS[b] ?? b;

/** Measurement profiles in Vietnamese (the stored id, e.g. `desktop-1366x768-unthrottled`, is never shown raw). */
export function profileText(profile: string): string {
  const size = /(\d{3,4})x(\d{3,4})/.exec(profile);
  const device = profile.startsWith('mobile') ? 'điện thoại' : 'máy tính';
  const screen = size ? `, màn hình ${size[1]}×${size[2]}` : '';
  const limits = profile.includes('unthrottled') ? ', không giới hạn mạng hay CPU' : '';
  return /^(desktop|mobile)/.test(profile) ? `${device}${screen}${limits}` : profile;
}
