import type { LinkFact } from '../artifacts.js';
import { matches } from '../text.js';

/** A link or control whose text, aria-label or title carries one of the labels. */
export function findLink(links: readonly LinkFact[], labels: readonly string[]): { label: string; link: LinkFact } | null {
  for (const pass of ['text', 'other'] as const) {
    for (const link of links) {
      const fields = pass === 'text' ? [link.text] : [link.ariaLabel, link.title];
      for (const f of fields) {
        const label = matches(f, labels);
        if (label) return { label, link };
      }
    }
  }
  return null;
}

const clip = (s: string, n = 120): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** `"Thanh toán trực tuyến" (https://…)` — what a pass shows as evidence. */
export const describeLink = (link: LinkFact): string =>
  `"${clip((link.text || link.ariaLabel || link.title || '').trim())}"${link.href ? ` (${clip(link.href, 200)})` : ''}`;

/** Short quote of a label list, for "what was looked for". */
export const lookedFor = (labels: readonly string[]): string =>
  labels
    .slice(0, 4)
    .map((l) => `"${l}"`)
    .join(', ');
