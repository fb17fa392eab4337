import type { CheckResult, GroupScore } from '../result.js';
import { CHECKS } from './catalogue.js';
import { type CheckGroup, GROUP_WEIGHTS } from './types.js';

/**
 * Performance points (QĐ 473/QĐ-BTTTT group of 20) per timing threshold: dvcwatch's split, home page 13 and form
 * page 7, more for the metrics the 2025 criteria name (LCP, FCP). A breached metric earns nothing.
 */
export const PERFORMANCE_POINTS = {
  'home.lcpMs': 6,
  'home.fcpMs': 4,
  'home.ttfbMs': 3,
  'form.readyMs': 7,
} as const;

export interface PerformanceInput {
  /** Breached metric names from the evaluator, e.g. `home.lcpMs`. */
  breaches: readonly string[];
  /** Whether the home page loaded (timings exist); if not, the home metrics are not measured. */
  homeLoaded: boolean;
  /** Whether the form page loaded; null when the agency has no form page. */
  formLoaded: boolean | null;
}

/**
 * The breach of a home page that answered but never painted: its FCP and LCP earn nothing (a citizen saw nothing),
 * though they have no value to compare with a threshold.
 */
export const UNPAINTED_BREACH = 'home.painted';
const PAINT_METRICS: readonly string[] = ['home.lcpMs', 'home.fcpMs'];

/** Scores the performance group from breached metrics; pages that did not load are not measured. */
export function scorePerformance(input: PerformanceInput): GroupScore {
  let earned = 0;
  let measured = 0;
  for (const [metric, points] of Object.entries(PERFORMANCE_POINTS)) {
    const loaded = metric.startsWith('home.') ? input.homeLoaded : input.formLoaded === true;
    if (!loaded) continue;
    measured += points;
    const unpainted = PAINT_METRICS.includes(metric) && input.breaches.includes(UNPAINTED_BREACH);
    if (!input.breaches.includes(metric) && !unpainted) earned += points;
  }
  return { group: 'performance', earned, measured, weight: GROUP_WEIGHTS.performance };
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

/** QĐ 473/QĐ-BTTTT (2024): A 90–100, B 80–89, C 65–79, D 50–64, E under 50. */
export const gradeOf = (score: number): Grade =>
  score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 65 ? 'C' : score >= 50 ? 'D' : 'E';

export interface Score {
  groups: GroupScore[];
  /** 0–100 over what was measured, or null when nothing was. */
  score: number | null;
  grade: Grade | null;
}

/**
 * Group scores and the 100-point score, rescaled over what was measured: `unknown` checks and unmeasured groups
 * (EMC, performance when `perf` is null) count in neither earned nor possible points.
 */
export function scoreChecks(checks: readonly CheckResult[], perf: PerformanceInput | null): Score {
  const byGroup = new Map<CheckGroup, GroupScore>(
    (Object.keys(GROUP_WEIGHTS) as CheckGroup[]).map((g) => [g, { group: g, earned: 0, measured: 0, weight: GROUP_WEIGHTS[g] }]),
  );
  for (const result of checks) {
    const check = CHECKS.find((c) => c.id === result.id);
    const group = check && byGroup.get(check.group);
    if (!check || !group || result.status === 'unknown') continue;
    group.measured += check.weight;
    if (result.status === 'pass') group.earned += check.weight;
  }
  if (perf) byGroup.set('performance', scorePerformance(perf));
  // Within a group, points scale to the group's weight: a group's checks may not add up to it (performance, EMC).
  const groups = [...byGroup.values()];
  let earned = 0;
  let possible = 0;
  for (const g of groups) {
    if (g.measured === 0) continue;
    const total = totalOf(g.group as CheckGroup);
    earned += (g.earned / total) * g.weight;
    possible += (g.measured / total) * g.weight;
  }
  if (possible === 0) return { groups, score: null, grade: null };
  const score = Math.round((earned / possible) * 1000) / 10;
  return { groups, score, grade: gradeOf(score) };
}

/** Points a group's checks add up to when all are measured. */
function totalOf(group: CheckGroup): number {
  if (group === 'performance') return Object.values(PERFORMANCE_POINTS).reduce((a, b) => a + b, 0);
  return CHECKS.filter((c) => c.group === group).reduce((a, c) => a + c.weight, 0) || GROUP_WEIGHTS[group];
}
