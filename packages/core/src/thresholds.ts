/** Default thresholds, each with where its number comes from. Every one can be overridden per registry and per agency. */
export const DEFAULT_THRESHOLDS = {
  // Ministry of Science and Technology criteria for agency websites (2025): first content under 3 s, largest
  // content under 4 s. These equal Lighthouse's mobile "poor" boundaries (web.dev/fcp, web.dev/lcp).
  homeLcpMs: 4_000,
  homeFcpMs: 3_000,
  // No official number for the form page was found: provisional, shown as such on the site.
  formReadyMs: 4_000,
  // web.dev "poor" boundary for time to first byte (1.8 s): provisional for both pages.
  homeTtfbMs: 1_800,
  // QĐ 473/QĐ-BTTTT (2024): under 50 of 100 is grade E, the lowest; alerting below it is dvcwatch's choice.
  minScore: 50,
} as const;

export type ThresholdName = keyof typeof DEFAULT_THRESHOLDS;
export type Thresholds = { [K in ThresholdName]: number };

/** Where each threshold comes from, and whether it is official or provisional; shown on the site. */
export const THRESHOLD_SOURCES: Record<ThresholdName, { source: string; official: boolean }> = {
  homeLcpMs: { source: 'Bộ KH&CN (2025): LCP dưới 4 giây', official: true },
  homeFcpMs: { source: 'Bộ KH&CN (2025): FCP dưới 3 giây', official: true },
  formReadyMs: { source: 'Tạm thời: chưa có số liệu chính thức cho trang biểu mẫu', official: false },
  homeTtfbMs: { source: 'Tạm thời: ngưỡng "kém" của web.dev cho TTFB (1,8 giây)', official: false },
  minScore: { source: 'QĐ 473/QĐ-BTTTT (2024): dưới 50 điểm là xếp loại E', official: true },
};

/** Alert policy defaults (dvcwatch's own choice, following Upptime/Checkly practice: never alert on one observation). */
export const DEFAULT_ALERTS = {
  confirmRounds: 2,
  recoverRounds: 2,
  remindEveryHours: 24,
  escalateAfterHours: 72,
} as const;

export type AlertSettings = { [K in keyof typeof DEFAULT_ALERTS]: number };
