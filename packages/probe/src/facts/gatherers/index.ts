import { axe } from './axe.js';
import { contrast } from './contrast.js';
import { dossierLookup } from './dossier-lookup.js';
import { fontSize } from './font-size.js';
import { homeLinks, homeText } from './home.js';
import { httpRedirect } from './http-redirect.js';
import { login } from './login.js';
import { mixedContent } from './mixed-content.js';
import { mobile } from './mobile.js';
import { procedureText } from './procedure.js';
import { search, searchVisit } from './search.js';
import { threeClicks, walkStart } from './three-clicks.js';
import { tls } from './tls.js';
import type { GathererRegistry, Reads } from './types.js';

export type { From, GatherContext, Gatherer, GathererRegistry, HomeRead, Need, Step } from './types.js';
export { stepsOf } from './types.js';

/**
 * Every fact's gatherer, one file each, in the order they run: the home visit's reads (controls last: they change
 * the page), then the page gatherers (the walk first: it is the longest), then the connection. Keyed by every
 * FactKey: a fact without a gatherer, or with another fact's, does not compile.
 */
export const GATHERERS = {
  homeText,
  homeLinks,
  mixedContent,
  axe,
  fontSize,
  contrast,
  threeClicks,
  search,
  procedureText,
  login,
  dossierLookup,
  mobile,
  httpRedirect,
  tls,
} as const satisfies GathererRegistry;

/** How each need of the page gatherers is read (the home visit's links are its own). */
export const READS = { walkStart, searchVisit } as const satisfies Reads;
