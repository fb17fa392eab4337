/**
 * The ministry's speed criteria, as data. Ministry of Science and Technology, criteria for agency portals and
 * websites (2025): page speed measured "with automated tools, repeatedly, in real conditions" against
 * FCP < 3 s, LCP < 4 s, Speed Index < 5.8 s and TBT < 0.6 s. These are exactly Lighthouse 12's mobile
 * score-0.5 boundaries (the `p10`/`median` control points of the audits first-contentful-paint (median 3,000),
 * largest-contentful-paint (median 4,000), speed-index (median 5,800), total-blocking-time (median 600)), so the
 * ministry very likely measures like Lighthouse on mobile; its tool, device and runs are not published.
 */
export const LAB_THRESHOLDS = {
  fcpMs: 3_000,
  lcpMs: 4_000,
  speedIndexMs: 5_800,
  tbtMs: 600,
} as const;

export type LabMetricName = keyof typeof LAB_THRESHOLDS;
export const LAB_METRICS = Object.keys(LAB_THRESHOLDS) as LabMetricName[];

/** Vietnamese labels of the four criteria, for the site and the digest. */
export const LAB_METRIC_VI: Record<LabMetricName, string> = {
  fcpMs: 'Hiển thị nội dung đầu tiên (FCP)',
  lcpMs: 'Hiển thị nội dung chính (LCP)',
  speedIndexMs: 'Chỉ số tốc độ (Speed Index)',
  tbtMs: 'Tổng thời gian chặn (TBT)',
};

/** Source line shown beside the thresholds. */
export const LAB_SOURCE = 'Bộ KH&CN (2025): FCP < 3 s, LCP < 4 s, Speed Index < 5,8 s, TBT < 0,6 s';

/** Days a metric's daily median must fail, within the last `LAB_RISK.window`, to flag the agency "at risk". */
export const LAB_RISK = { failDays: 3, window: 7 } as const;
