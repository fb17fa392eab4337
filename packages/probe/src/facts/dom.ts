import { type LinkFact, matches } from '@dvcwatch/core';
import type { Locator, Page } from 'playwright-core';
import { networkOf } from '../network-watch.js';
import { CANDIDATES, COLLECT, MARK, TEXT_LENGTH } from './scripts.js';

/** Runs a browser-side script (see scripts.ts) with a JSON argument. */
export const run = <T>(page: Page, script: string, arg: unknown = null): Promise<T> =>
  page.evaluate(`(${script})(${JSON.stringify(arg)})`) as Promise<T>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How often the visible text is sampled while settling, and how long it must stay unchanged. */
const SAMPLE_MS = 150;
const STABLE_MS = 2 * SAMPLE_MS;

/** How long the wait for Playwright's `networkidle` lasts before the page's own requests are looked at instead. */
const NETWORK_IDLE_WAIT_MS = 2_500;

/** After that wait: how long no request the content waits for may have started or ended (`networkidle`'s 500 ms). */
const AWAITED_QUIET_MS = 500;

/**
 * Waits for client rendering to settle: the network idle, and visible text unchanged over at least `STABLE_MS`
 * (three samples or more) up to a sample taken once the network is idle; at most `maxMs`. Angular/React portals fill
 * the page after their scripts run, well after `load`. The text is sampled while the network quiets down, so a page
 * that is already rendered is done as soon as the network is idle, not `STABLE_MS` later.
 *
 * The network is idle once Playwright's `networkidle` comes. A page that keeps some connection busy (polling, a
 * beacon, a long poll) may never give it: after `NETWORK_IDLE_WAIT_MS` the page's own requests decide (network-watch.ts,
 * set on every gathering page): idle once no document, script or API call has been in flight or started for
 * `AWAITED_QUIET_MS`. So a client-side app whose API answers after 3 s is read with its content, not its loading
 * screen, which stays unchanged meanwhile.
 */
export async function settle(page: Page, maxMs = 4_000): Promise<void> {
  const until = Date.now() + maxMs;
  const net = networkOf(page);
  let networkIdle = false;
  let waited = false;
  const quiet = page.waitForLoadState('networkidle', { timeout: Math.min(NETWORK_IDLE_WAIT_MS, maxMs) }).then(
    () => {
      networkIdle = true;
    },
    () => {
      waited = true;
    },
  );
  const idle = (): boolean => networkIdle || (waited && (!net || net.awaitedQuietForMs(performance.now()) >= AWAITED_QUIET_MS));
  let last = -1;
  let samples = 0;
  let since = 0;
  while (Date.now() < until) {
    const afterIdle = idle();
    const at = Date.now();
    const len = await run<number>(page, TEXT_LENGTH).catch(() => 0);
    if (len > 0 && len === last) samples++;
    else [samples, since] = [1, at];
    last = len;
    if (afterIdle && samples >= 3 && at - since >= STABLE_MS) return;
    // Before the wait for `networkidle` ends, sample again as soon as it does (the text may already be stable).
    await (networkIdle || waited ? sleep(SAMPLE_MS) : Promise.race([sleep(SAMPLE_MS), quiet]));
  }
}

/** Visible text and links/controls of the page, bounded. */
export const collect = (page: Page, maxLinks = 400, maxText = 20_000) =>
  run<{ text: string; links: LinkFact[] }>(page, COLLECT, { maxLinks, maxText });

export interface Candidate {
  i: number;
  visible: boolean;
  text: string;
  ariaLabel: string | null;
  title: string | null;
  placeholder: string | null;
  name: string | null;
  id: string | null;
  type: string;
  tag: string;
  label: string;
  context: string;
}

export const CONTROL_QUERY =
  'a, button, [role=button], [role=switch], [role=link], [role=menuitem], input[type=button], input[type=submit], [onclick], [title], [aria-label]';
export const INPUT_QUERY = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea';

let marks = 0;

/**
 * The control or input whose own words carry one of `labels` (shortest text first, visible first), or the one
 * `selector` names (a registry override). Returns a locator and the label that matched.
 */
export async function findElement(
  page: Page,
  labels: readonly string[],
  opts: { query?: string; selector?: string; fields?: (c: Candidate) => (string | null)[] } = {},
): Promise<{ locator: Locator; label: string } | null> {
  if (opts.selector) {
    const locator = page.locator(opts.selector).first();
    if ((await locator.count()) === 0) return null;
    const text = ((await locator.textContent().catch(() => null)) ?? '').trim();
    return { locator, label: text || opts.selector };
  }
  const query = opts.query ?? CONTROL_QUERY;
  const fields = opts.fields ?? ((c: Candidate) => [c.text, c.ariaLabel, c.title]);
  const list = await run<Candidate[]>(page, CANDIDATES, { query });
  const ranked = list
    .filter((c) => c.visible)
    .sort((a, b) => a.text.length - b.text.length)
    .concat(list.filter((c) => !c.visible));
  for (const c of ranked) {
    for (const f of fields(c)) {
      const label = matches(f, labels);
      if (!label) continue;
      const mark = `m${++marks}`;
      if (!(await run<boolean>(page, MARK, { query, i: c.i, mark }))) continue;
      return { locator: page.locator(`[data-dvcwatch="${mark}"]`), label: (c.text || f || label).slice(0, 120) };
    }
  }
  return null;
}

/**
 * Clicks an element as a person would, bounded. A hidden entry (a hover dropdown's) cannot take a real click: it is
 * clicked as a script would. When the real click timed out because it already started a navigation or a post-back
 * (a busy machine), the element is gone with its document: nothing more is clicked, and nothing waits for it.
 */
export async function clickElement(locator: Locator): Promise<void> {
  try {
    await locator.click({ timeout: 2_000 });
  } catch {
    if ((await locator.count().catch(() => 0)) === 0) return;
    await locator.dispatchEvent('click', undefined, { timeout: 2_000 }).catch(() => undefined);
  }
}

/** Clicks and waits for whatever the click starts (a navigation or a re-render), bounded. */
export async function clickAndSettle(page: Page, locator: Locator, maxMs = 3_000): Promise<void> {
  await clickElement(locator);
  await page.waitForLoadState('domcontentloaded', { timeout: maxMs }).catch(() => undefined);
  await settle(page, maxMs);
}
