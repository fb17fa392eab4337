import { findLink, type LinkFact } from '@dvcwatch/core';
import type { Page } from 'playwright-core';
import { PageSessionError } from '../page-session.js';
import type { GatherContext } from './gatherers/types.js';
import type { Reached } from './lookup.js';
import { hrefOf } from './pages.js';

/** How a function's page is read, and what is said when it has no link or will not open. */
export interface FunctionPage<T> {
  /** The check whose `url` override names the page. */
  id: 'login-vneid' | 'dossier-lookup';
  /** The home-page wording of its link. */
  labels: readonly string[];
  /** Reads the page reached (opened by address, or clicked from the home page). */
  read: (page: Page, reached: Reached) => Promise<T>;
  /** The home page has no link to it (and there is no override). */
  noLink: () => Promise<T>;
  /** Its address would not open (another host refused, a network error): unknown, with why. */
  unopened: (url: string, error: string) => T;
}

/** A function's own page: opened by its link's address, or clicked from the home page; unknown when it won't open. */
export async function functionPage<T>(c: GatherContext, links: readonly LinkFact[], f: FunctionPage<T>): Promise<T> {
  const link = findLink(links, f.labels);
  const url = c.override(f.id).url ?? hrefOf(link?.link);
  if (!url && !link) return f.noLink();
  try {
    return await c.open(url ?? c.homeUrl, (p, r) => f.read(p, url !== null ? { status: r?.status() ?? null } : null));
  } catch (e) {
    if (!(e instanceof PageSessionError) || !url) throw e;
    return f.unopened(url, e.pageError.code);
  }
}
