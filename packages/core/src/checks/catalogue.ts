import type { GatheredFacts } from '../artifacts.js';
import type { CheckResult } from '../result.js';
import { accessibility } from './accessibility/index.js';
import { contact } from './contact/index.js';
import { contrastToggle } from './contrast-toggle/index.js';
import type { CheckDefinition, FactKey } from './define.js';
import { dossierLookup } from './dossier-lookup/index.js';
import { english } from './english/index.js';
import { feedback } from './feedback/index.js';
import { fontSizeControls } from './font-size-controls/index.js';
import { help } from './help/index.js';
import { https } from './https/index.js';
import { index766 } from './index-766/index.js';
import { loginVneid } from './login-vneid/index.js';
import { mobile } from './mobile/index.js';
import { noMixedContent } from './no-mixed-content/index.js';
import { onlinePayment } from './online-payment/index.js';
import { privacyPolicy } from './privacy-policy/index.js';
import { procedureInfo } from './procedure-info/index.js';
import { satisfaction } from './satisfaction/index.js';
import { search } from './search/index.js';
import { securityHeaders } from './security-headers/index.js';
import { threeClicks } from './three-clicks/index.js';
import { tlsValid } from './tls-valid/index.js';
import { type JudgeContext, notGathered, unknown } from './types.js';

/**
 * The check catalogue: one folder per check (`checks/<id>/index.ts`, a `defineCheck`), listed here in display
 * order. Points per check are dvcwatch's split of each QĐ 473/QĐ-BTTTT (2024) group (functions 50, layout 5,
 * security 15, access 5): the decision publishes group totals, not per-criterion points, so each group's total is
 * spread with more points for what the law names explicitly. Performance (20) is scored from the timing thresholds
 * (score.ts) and EMC connection (5) cannot be seen from outside.
 */
export const CHECKS = [
  // functions: 50 = 6+6+6+6+5+5+4+3+3+3+3
  search,
  procedureInfo,
  loginVneid,
  dossierLookup,
  onlinePayment,
  feedback,
  satisfaction,
  help,
  index766,
  contact,
  english,
  // layout: 5 = 3+2
  threeClicks,
  mobile,
  // security: 15 = 4+4+3+2+2
  https,
  tlsValid,
  securityHeaders,
  noMixedContent,
  privacyPolicy,
  // access: 5 = 3+1+1
  accessibility,
  fontSizeControls,
  contrastToggle,
] as const;

/** A check's stable id: the union of the catalogue's ids. */
export type CheckId = (typeof CHECKS)[number]['id'];

/** One check of the catalogue. */
export type Check = CheckDefinition<CheckId>;

/** Stable ids of the catalogue, in order. */
export const CHECK_IDS = CHECKS.map((c) => c.id) as [CheckId, ...CheckId[]];

/** Whether a string is one of the catalogue's ids. */
export const isCheckId = (id: string): id is CheckId => (CHECK_IDS as readonly string[]).includes(id);

/**
 * The page facts the catalogue needs, given the checks the registry skips: what the probe's scheduler gathers.
 * A fact no remaining check needs is not gathered at all.
 */
export function neededFacts(skipped: readonly string[] = [], checks: readonly CheckDefinition[] = CHECKS): Set<FactKey> {
  const facts = new Set<FactKey>();
  for (const c of checks) if (!skipped.includes(c.id)) for (const n of c.needs) facts.add(n.fact);
  return facts;
}

/** Why one of the facts a check needs was not gathered (its gathering step did not finish), or null. */
const gapOf = (check: CheckDefinition, facts: GatheredFacts): string | null => {
  for (const n of check.needs) if (facts[n.fact] === null && facts.gaps?.[n.fact]) return facts.gaps[n.fact] ?? null;
  return null;
};

/**
 * Judges every check; a skipped or throwing judge gives `unknown`, never `fail`. A check one of whose facts could
 * not be gathered is `unknown` with the reason, whatever else was gathered (issue 19: no judgement from a fallback).
 */
export function judgeChecks(facts: GatheredFacts, ctx: JudgeContext): CheckResult[] {
  return CHECKS.map((check) => {
    if (ctx.skipped?.includes(check.id)) return { id: check.id, ...unknown('Bỏ qua theo cấu hình của cơ quan') };
    const gap = gapOf(check, facts);
    if (gap) return { id: check.id, ...notGathered(gap) };
    try {
      return { id: check.id, ...check.judge(facts, ctx) };
    } catch (e) {
      return { id: check.id, ...unknown(`Lỗi khi đánh giá: ${e instanceof Error ? e.message : String(e)}`) };
    }
  });
}
