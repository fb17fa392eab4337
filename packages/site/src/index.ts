export { CSS_BUDGET_BYTES, OVERVIEW_BUDGET_BYTES, PAGE_BUDGET_BYTES } from './budget.js';
export { buildSite, changedFiles, siteFiles } from './build.js';
export { csvCell, esc, safeHref, safeKey } from './escape.js';
export type { RecentResult, SiteFiles, SiteInput } from './types.js';
