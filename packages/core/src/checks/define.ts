import type { Facts } from '../artifacts.js';
import type { CheckGroup, JudgeContext, Judgement } from './types.js';

/**
 * What gathering each page fact costs, from cheapest to dearest. The probe's scheduler gathers a fact only when a
 * check that is not skipped needs it, reads every `home-visit` fact in one visit of the home page, opens one
 * browser page per `page` fact, walks for a `walk` fact first (the longest task) and opens a plain connection
 * for a `connection` fact beside the browser.
 */
export const FACT_COSTS = {
  homeText: 'home-visit',
  homeLinks: 'home-visit',
  mixedContent: 'home-visit',
  axe: 'home-visit',
  fontSize: 'home-visit',
  contrast: 'home-visit',
  search: 'page',
  procedureText: 'page',
  login: 'page',
  dossierLookup: 'page',
  mobile: 'page',
  httpRedirect: 'page',
  threeClicks: 'walk',
  tls: 'connection',
} as const satisfies Record<keyof Facts, 'home-visit' | 'page' | 'walk' | 'connection'>;

export type FactKey = keyof Facts;
export type FactCost = (typeof FACT_COSTS)[FactKey];

/** A page fact a check judges, with what gathering it costs. */
export interface Need<K extends FactKey = FactKey> {
  fact: K;
  cost: (typeof FACT_COSTS)[K];
}

/** Declares that a check judges fact `fact` (its cost is the fact's, from FACT_COSTS). */
export const need = <K extends FactKey>(fact: K): Need<K> => ({ fact, cost: FACT_COSTS[fact] });

/** Which registry overrides (`checks.<id>.url` / `.selector`) a check's gathering honours; `skip` always applies. */
export interface GatherOptions {
  overrides: readonly ('url' | 'selector')[];
}

/** One check, as its folder declares it. */
export interface CheckDefinition<Id extends string = string> {
  /** Stable id: stored in results, used in registry overrides and site addresses. */
  id: Id;
  /** Vietnamese title shown on the site and in emails. */
  title: string;
  group: CheckGroup;
  /** Points within its QĐ 473/QĐ-BTTTT group. */
  weight: number;
  /** The legal text or official criterion the check comes from. */
  legalBasis: string;
  /** The page facts the judge reads; the probe gathers only what the catalogue's checks need. */
  needs: readonly Need[];
  /** How the registry may steer the gathering of this check's facts. Default: nothing but `skip`. */
  gather?: GatherOptions;
  judge: (facts: Facts, ctx: JudgeContext) => Judgement;
  /** The portal wording the check looks for (see labels.ts), shown as what was looked for. */
  labels: Readonly<Record<string, readonly string[]>>;
}

/** Declares a check; `const` keeps its id a literal, so the catalogue's ids form a typed union. */
export const defineCheck = <const Id extends string>(definition: CheckDefinition<Id>): CheckDefinition<Id> => definition;
