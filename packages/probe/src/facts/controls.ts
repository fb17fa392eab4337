import { type Facts, LABELS } from '@dvcwatch/core';
import type { Page } from 'playwright-core';
import { clickAndSettle, findElement, run } from './dom.js';
import { STYLE_SAMPLE } from './scripts.js';

type Sample = { fontPx: number; colors: string };

/** Finds an "A+" / "Tăng cỡ chữ" control, clicks it, and measures body text size before and after. */
export async function gatherFontSize(page: Page, selector?: string): Promise<NonNullable<Facts['fontSize']>> {
  const found = await findElement(page, LABELS.fontLarger, { selector });
  if (!found) return { control: null, beforePx: null, afterPx: null };
  const before = await run<Sample>(page, STYLE_SAMPLE);
  await clickAndSettle(page, found.locator, 1_500);
  const after = await run<Sample>(page, STYLE_SAMPLE);
  return { control: found.label, beforePx: before.fontPx, afterPx: after.fontPx };
}

/** Finds a "Tăng tương phản" control, clicks it, and compares text/background colours before and after. */
export async function gatherContrast(page: Page, selector?: string): Promise<NonNullable<Facts['contrast']>> {
  const found = await findElement(page, LABELS.contrast, { selector });
  if (!found) return { control: null, changed: false, before: null, after: null };
  const before = await run<Sample>(page, STYLE_SAMPLE);
  await clickAndSettle(page, found.locator, 1_500);
  const after = await run<Sample>(page, STYLE_SAMPLE);
  return { control: found.label, changed: before.colors !== after.colors, before: before.colors, after: after.colors };
}
