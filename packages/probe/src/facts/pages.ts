import { type Facts, LABELS, type LinkFact, matches } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import { type Candidate, clickElement, collect, findElement, INPUT_QUERY, run, settle } from './dom.js';
import { CANDIDATES } from './scripts.js';

/** Where a home-page link leads: its href when it is a plain http(s) link, else null (a script-driven button). */
export const hrefOf = (link: LinkFact | undefined): string | null =>
  link?.href && /^https?:/i.test(link.href) ? link.href : null;

/** Why the page reached is not the function's page: an error answer or nothing loaded; null when it loaded. */
export function loadError(page: Page, status: number | null): string | null {
  if (page.url().startsWith('chrome-error:')) return 'trang không tải được';
  if (status !== null && status >= 400) return `HTTP ${status}`;
  return null;
}

/**
 * Reaches the page behind a control: `onTarget` when the session already opened it by address, else clicks the
 * control carrying `labels` on the current (home) page. Returns the status of the page reached, or false when
 * there is no such control.
 */
async function reach(
  page: Page,
  onTarget: { status: number | null } | null,
  labels: readonly string[],
): Promise<{ status: number | null } | false> {
  if (onTarget) {
    await settle(page, 3_000);
    return onTarget;
  }
  await settle(page, 2_000);
  const found = await findElement(page, labels);
  if (!found) return false;
  let status: number | null = null;
  const onResponse = (r: Response) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) status = r.status();
  };
  page.on('response', onResponse);
  try {
    // A hover dropdown's entry is hidden until hovered: click it as a script would.
    await clickElement(found.locator);
    await page.waitForLoadState('domcontentloaded', { timeout: 5_000 }).catch(() => undefined);
    await settle(page, 3_000);
  } finally {
    page.off('response', onResponse);
  }
  return { status };
}

/** Records the login page's text and links (VNeID), reached without submitting anything. */
export async function gatherLogin(page: Page, onTarget: { status: number | null } | null): Promise<NonNullable<Facts['login']>> {
  const reached = await reach(page, onTarget, LABELS.login);
  if (!reached) return { url: null, text: null, links: [] };
  const error = loadError(page, reached.status);
  if (error) return { url: page.url(), text: null, links: [], error };
  const { text, links } = await collect(page, 200, 5_000);
  return { url: page.url(), text, links };
}

const codeFields = (c: Candidate) => [c.placeholder, c.ariaLabel, c.label, c.title, c.name, c.id, c.context];
// Field names portals give the dossier code (Liferay `…_mahoso`, `soBienNhan`, `ma_ho_so`, iGate `dossierCode`).
const CODE_NAME = /ma_?ho_?so|mahs\b|so_?bien_?nhan|ma_?bien_?nhan|dossier_?code|dossierno|receipt/i;

/** On the dossier lookup page, looks for a dossier-code field ("Mã hồ sơ", "Số biên nhận"). */
export async function gatherDossierLookup(
  page: Page,
  onTarget: { status: number | null } | null,
  selector?: string,
  labels: readonly string[] = LABELS.dossierLookup,
): Promise<NonNullable<Facts['dossierLookup']>> {
  const reached = await reach(page, onTarget, labels);
  if (!reached) return { url: null, codeFieldFound: false, evidence: null };
  const error = loadError(page, reached.status);
  if (error) return { url: page.url(), codeFieldFound: false, evidence: null, error };
  const evidence = await codeField(page, selector);
  return { url: page.url(), codeFieldFound: evidence !== null, evidence };
}

/** A visible dossier-code field on the page (by its label, placeholder, name or surrounding text), or null. */
export async function codeField(page: Page, selector?: string): Promise<string | null> {
  if (selector) return (await page.locator(selector).count()) > 0 ? selector : null;
  const list = await run<Candidate[]>(page, CANDIDATES, { query: INPUT_QUERY });
  for (const c of list.filter((x) => x.visible && x.type !== 'password')) {
    for (const f of codeFields(c)) {
      const label = matches(f, LABELS.dossierCode);
      if (label) return label;
    }
    const named = [c.name, c.id].find((f) => f && CODE_NAME.test(f));
    if (named) return named;
  }
  return null;
}
