import type { PageArtifacts } from '../artifacts.js';
import type { CheckStatus } from '../result.js';

/** Groups of QĐ 473/QĐ-BTTTT (3 April 2024), each with its share of the 100 points. */
export const GROUP_WEIGHTS = {
  functions: 50,
  layout: 5,
  performance: 20,
  security: 15,
  access: 5,
  // Connection to EMC (the national monitoring system) is only visible to the ministry: never measured here.
  emc: 5,
} as const;

export type CheckGroup = keyof typeof GROUP_WEIGHTS;

/** What a judge sees beside the facts: the home page as loaded (its URL, final URL, headers). */
export interface JudgeContext {
  home: Pick<PageArtifacts, 'url' | 'finalUrl' | 'headers' | 'error'> | null;
  /** Check ids the registry skips for this agency (`checks.<id>.skip`): judged `unknown`. */
  skipped?: readonly string[];
}

export interface Judgement {
  status: CheckStatus;
  /** What was found (matched text and URL), or what was looked for. Vietnamese, portal text unescaped. */
  evidence: string;
}

export const pass = (evidence: string): Judgement => ({ status: 'pass', evidence });
export const fail = (evidence: string): Judgement => ({ status: 'fail', evidence });
export const unknown = (evidence: string): Judgement => ({ status: 'unknown', evidence });

/** Unknown because the facts were not gathered (page down, gatherer failed or timed out). */
export const notGathered = (what: string): Judgement => unknown(`Không thu thập được dữ liệu: ${what}`);

/** Whether the home page ended on https (null when it did not load or failed). */
export const homeIsHttps = (ctx: JudgeContext): boolean | null => {
  const u = ctx.home?.error ? null : (ctx.home?.finalUrl ?? null);
  return u === null ? null : u.startsWith('https:');
};
