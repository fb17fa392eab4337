/** Page-weight budget stated on the methodology page and held by a unit test (100 agencies × 90 days). */
export const PAGE_BUDGET_BYTES = 100 * 1024;
/** The shared stylesheet's budget. */
export const CSS_BUDGET_BYTES = 10 * 1024;
/**
 * The overview's budget: the page that also carries the map of 34 provinces (about 35 kB), the ministries' tiles and
 * the dvcwatch/QĐ 766 scatter (about 15 kB with 100 mapped agencies).
 */
export const OVERVIEW_BUDGET_BYTES = 200 * 1024;
