import { type Facts, LABELS } from '@dvcwatch/core';
import type { Locator, Page } from 'playwright-core';
import { withTimeout } from '../limits.js';
import { clickAndSettle, findElement, run } from './dom.js';
import { STYLE_SAMPLE } from './scripts.js';

type Sample = { fontPx: number; colors: string };

/**
 * How long a toggle's new style may take to apply after its click. Portals swap a stylesheet or a class from a
 * click handler; on a loaded machine the new computed style comes well after the click (issue 19 saw colours read
 * before the new style applied and judged "did not change").
 */
export const TOGGLE_SETTLE_MS = 3_000;

/** The page could not be judged after its control was clicked: the check is `unknown`, never `fail`. */
export class ToggleUnjudgedError extends Error {
  constructor(what: string, options?: ErrorOptions) {
    super(`toggle not judged: ${what}`, options);
    this.name = 'ToggleUnjudgedError';
  }
}

/**
 * Clicks a control and waits, within `boundMs`, for the sampled computed style to change. Returns the sample after
 * the change, or the last one when nothing changed while the page kept rendering frames. Throws
 * ToggleUnjudgedError when the page stopped answering (no frame within a second), so "no change" is only claimed
 * of a page that was alive to change.
 */
export async function clickAndWatch(
  page: Page,
  locator: Locator,
  before: Sample,
  changed: (a: Sample, b: Sample) => boolean,
  boundMs = TOGGLE_SETTLE_MS,
): Promise<Sample> {
  const until = Date.now() + boundMs;
  await clickAndSettle(page, locator, 1_500);
  let after = await run<Sample>(page, STYLE_SAMPLE);
  while (!changed(before, after) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    after = await run<Sample>(page, STYLE_SAMPLE);
  }
  if (changed(before, after)) return after;
  const alive = await withTimeout(
    page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(true)))),
    1_000,
    'a frame after the click',
  ).catch((e: unknown) => {
    throw new ToggleUnjudgedError('the page rendered no frame after the click', { cause: e });
  });
  if (!alive) throw new ToggleUnjudgedError('the page rendered no frame after the click');
  return after;
}

/** Finds an "A+" / "Tăng cỡ chữ" control, clicks it, and measures body text size before and after it settles. */
export async function gatherFontSize(page: Page, selector?: string): Promise<NonNullable<Facts['fontSize']>> {
  const found = await findElement(page, LABELS.fontLarger, { selector });
  if (!found) return { control: null, beforePx: null, afterPx: null };
  const before = await run<Sample>(page, STYLE_SAMPLE);
  const after = await clickAndWatch(page, found.locator, before, (a, b) => a.fontPx !== b.fontPx);
  return { control: found.label, beforePx: before.fontPx, afterPx: after.fontPx };
}

/** Finds a "Tăng tương phản" control, clicks it, and compares text/background colours before and after it settles. */
export async function gatherContrast(page: Page, selector?: string): Promise<NonNullable<Facts['contrast']>> {
  const found = await findElement(page, LABELS.contrast, { selector });
  if (!found) return { control: null, changed: false, before: null, after: null };
  const before = await run<Sample>(page, STYLE_SAMPLE);
  const after = await clickAndWatch(page, found.locator, before, (a, b) => a.colors !== b.colors);
  return { control: found.label, changed: before.colors !== after.colors, before: before.colors, after: after.colors };
}
