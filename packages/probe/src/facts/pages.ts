import { type Facts, LABELS, type LinkFact, matches } from '@dvcwatch/core';
import type { Page } from 'playwright-core';
import { type Candidate, collect, findElement, INPUT_QUERY, run, settle } from './dom.js';
import { CANDIDATES } from './scripts.js';

/** Where a home-page link leads: its href when it is a plain http(s) link, else null (a script-driven button). */
export const hrefOf = (link: LinkFact | undefined): string | null =>
  link?.href && /^https?:/i.test(link.href) ? link.href : null;

/**
 * Reaches the page behind a control: `onTarget` when the session already opened it by address, else clicks the
 * control carrying `labels` on the current (home) page. False when there is no such control.
 */
async function reach(page: Page, onTarget: boolean, labels: readonly string[]): Promise<boolean> {
  if (!onTarget) {
    await settle(page, 2_000);
    const found = await findElement(page, labels);
    if (!found) return false;
    await found.locator.click({ timeout: 2_000 });
    await page.waitForLoadState('domcontentloaded', { timeout: 5_000 }).catch(() => undefined);
  }
  await settle(page, 3_000);
  return true;
}

/** Records the login page's text and links (VNeID), reached without submitting anything. */
export async function gatherLogin(page: Page, onTarget: boolean): Promise<NonNullable<Facts['login']>> {
  if (!(await reach(page, onTarget, LABELS.login))) return { url: null, text: null, links: [] };
  const { text, links } = await collect(page, 200, 5_000);
  return { url: page.url(), text, links };
}

const codeFields = (c: Candidate) => [c.placeholder, c.ariaLabel, c.label, c.title, c.name, c.id, c.context];

/** On the dossier lookup page, looks for a dossier-code field ("Mã hồ sơ", "Số biên nhận"). */
export async function gatherDossierLookup(
  page: Page,
  onTarget: boolean,
  selector?: string,
): Promise<NonNullable<Facts['dossierLookup']>> {
  if (!(await reach(page, onTarget, LABELS.dossierLookup))) return { url: null, codeFieldFound: false, evidence: null };
  const evidence = await codeField(page, selector);
  return { url: page.url(), codeFieldFound: evidence !== null, evidence };
}

async function codeField(page: Page, selector?: string): Promise<string | null> {
  if (selector) return (await page.locator(selector).count()) > 0 ? selector : null;
  const list = await run<Candidate[]>(page, CANDIDATES, { query: INPUT_QUERY });
  for (const c of list.filter((x) => x.visible)) {
    for (const f of codeFields(c)) {
      const label = matches(f, LABELS.dossierCode);
      if (label) return label;
    }
  }
  return null;
}
