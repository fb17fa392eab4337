import type { CheckId, FactKey, Facts, LinkFact } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import type { GuardOptions } from '../../guard-policy.js';
import type { PageSession } from '../../session.js';
import type { SearchFacts } from '../search.js';
import type { WalkStart } from '../three-clicks.js';

type Override = { url?: string; selector?: string; skip?: boolean };

/**
 * Runs `fn` as a named gathering step (the name is in timings and in the reason of a fact left null): its value,
 * or null when it failed or the time was out before it started (the reason is recorded by the scheduler).
 */
export type Step = <T>(name: string, fn: () => Promise<T>) => Promise<T | null>;

/** What a gatherer is given: where the portal is, the checks' overrides, the page opener, the steps and the time left. */
export interface GatherContext {
  homeUrl: string;
  formUrl?: string;
  override: (id: CheckId) => Override;
  open: <T>(
    url: string,
    fn: (page: Page, response: Response | null) => Promise<T>,
    opts?: { viewport?: { width: number; height: number } },
  ) => Promise<T>;
  step: Step;
  session: PageSession;
  left: () => number;
  until: number;
  /** Extra trusted CA for the TLS gatherer (tests with a private CA). */
  tlsCa?: string | Buffer;
  /** The request guard's policy, applied to the TLS gatherer's own connection. */
  guard?: GuardOptions;
}

/**
 * What a page gatherer may start from, each read once by the scheduler and handed to every gatherer that declares
 * it in `needs` (the gatherer waits for it). `homeLinks` and `walkStart` come from the home visit: when it fails,
 * nothing that needs them starts.
 */
export interface From {
  /** Links of the home page, read by the home visit. */
  homeLinks: readonly LinkFact[];
  /** The three-clicks walk's first step, read on the home page during its visit; null when it could not be. */
  walkStart: WalkStart | null;
  /** The search page's visit: the search, and the procedure it leads to; null when it did not finish. */
  searchVisit: SearchFacts | null;
}
export type Need = keyof From;

/** A need read on the home page during its visit, as step `step`, when a wanted gatherer needs it. */
export interface HomePageRead<T> {
  where: 'home-visit';
  step: string;
  read: (page: Page, links: readonly LinkFact[], c: GatherContext) => Promise<T>;
}

/** A need with a visit of its own, made once for all the gatherers that need it (they share its pool slot). */
export interface PageRead<T> {
  where: 'own-page';
  /** Runs its own steps; null when it did not finish. */
  read: (c: GatherContext) => Promise<T | null>;
}

/** How each need but the home visit's links is read. */
export type Reads = {
  readonly [N in Exclude<Need, 'homeLinks'>]: HomePageRead<NonNullable<From[N]>> | PageRead<NonNullable<From[N]>>;
};

/** What the home visit collected, given to the gatherers that read the home page. */
export interface HomeRead {
  text: string;
  links: LinkFact[];
}

interface Declared<K extends FactKey> {
  fact: K;
  /** The check whose `url` / `selector` overrides steer it (null: the home visit's own read). */
  owner: CheckId | null;
}

/**
 * Read on the home page during its one visit, in the registry's order, as step `step` (a `url` override of its
 * owner moves it to a page of its own). `home` is what the visit collected.
 */
export interface HomeVisitGatherer<K extends FactKey> extends Declared<K> {
  where: 'home-visit';
  step: string;
  run: (page: Page, c: GatherContext, home: HomeRead) => Promise<Facts[K]>;
}

/**
 * Opens pages of its own (one pool slot), once what it `needs` is read; runs its own `steps` (through `c.step`),
 * the first of which that did not finish gives the reason of a fact left null. It does not throw: whatever may
 * fail runs in a step.
 */
export interface OwnPageGatherer<K extends FactKey, N extends Need = Need> extends Declared<K> {
  where: 'own-page';
  needs: readonly N[];
  steps: readonly string[];
  run: (c: GatherContext, from: Pick<From, N>) => Promise<Facts[K]>;
}

/** A connection of its own beside the browser (step `step`), started with the home visit. */
export interface ConnectionGatherer<K extends FactKey> extends Declared<K> {
  where: 'connection';
  step: string;
  run: (c: GatherContext) => Promise<Facts[K]>;
}

export type Gatherer<K extends FactKey = FactKey> = HomeVisitGatherer<K> | OwnPageGatherer<K> | ConnectionGatherer<K>;

/** Every fact with its gatherer: a fact without one, or with another fact's, does not compile. */
export type GathererRegistry = { readonly [K in FactKey]: Gatherer<K> };

/** Declares a home-visit gatherer (the fact's type checks `run`). */
export const homeVisit = <K extends FactKey>(g: Omit<HomeVisitGatherer<K>, 'where'>): HomeVisitGatherer<K> => ({
  where: 'home-visit',
  ...g,
});

/** Declares a gatherer with pages of its own; `run` is given exactly what `needs` names. */
export const ownPage = <K extends FactKey, N extends Need = never>(
  g: Omit<OwnPageGatherer<K, N>, 'where'>,
): OwnPageGatherer<K, N> => ({ where: 'own-page', ...g });

/** Declares a gatherer with a connection of its own. */
export const connection = <K extends FactKey>(g: Omit<ConnectionGatherer<K>, 'where'>): ConnectionGatherer<K> => ({
  where: 'connection',
  ...g,
});

/** The steps that read a fact, in order: when it stays null, the reason of the first that did not finish is its gap. */
export const stepsOf = (g: Gatherer): readonly string[] =>
  g.where === 'own-page' ? g.steps : g.where === 'home-visit' ? (g.step === 'home' ? ['home'] : ['home', g.step]) : [g.step];
