import { type Facts, findLink, type LinkFact } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import { PageSessionError } from '../page-session.js';
import { settle } from './dom.js';
import { codeField, gatherDossierLookup, hrefOf } from './pages.js';

/** How a gatherer's page was reached: opened by address (with the answer's status), or null (clicked from home). */
export type Reached = { status: number | null } | null;

type Open = <T>(url: string, fn: (page: Page, response: Response | null) => Promise<T>) => Promise<T>;

/** Labels vaguer than "Tra cứu hồ sơ" that may still lead to the lookup ("TRA CỨU THÔNG TIN"). */
const WEAK_LOOKUP = ['Tra cứu'];

/**
 * Dossier lookup when the home page has no "Tra cứu hồ sơ" link: a lookup box on the home page itself (Liferay
 * portlets put one there), else the page behind a vaguer "Tra cứu" link, marked `weak`.
 */
export async function lookupWithoutLink(
  open: Open,
  homeUrl: string,
  links: readonly LinkFact[],
  selector?: string,
): Promise<NonNullable<Facts['dossierLookup']>> {
  const onHome = await open(homeUrl, async (page) => {
    await settle(page);
    return codeField(page, selector);
  });
  if (onHome) return { url: homeUrl, codeFieldFound: true, evidence: onHome };
  const weak = findLink(links, WEAK_LOOKUP);
  if (!weak) return { url: null, codeFieldFound: false, evidence: null };
  const url = hrefOf(weak.link);
  const via = weak.link.text || weak.label;
  try {
    const found = await open(url ?? homeUrl, (p, r) =>
      gatherDossierLookup(p, url ? { status: r?.status() ?? null } : null, selector, WEAK_LOOKUP),
    );
    return { ...found, weak: via };
  } catch (e) {
    if (!(e instanceof PageSessionError) || !url) throw e;
    return { url, codeFieldFound: false, evidence: null, error: e.pageError.code, weak: via };
  }
}
