import type { Facts } from '@dvcwatch/core';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

type AxeOut = NonNullable<Facts['axe']>;

// WCAG 2.0/2.1 A and AA: Circular 22/2023/TT-BTTTT asks for at least WCAG 2.0 (secondary source, DOMAIN.md).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Injects axe-core into the page and runs the WCAG 2.x A/AA rules; keeps id, impact, help and node count. */
export async function gatherAxe(page: Page, timeoutMs = 20_000): Promise<AxeOut> {
  await page.addScriptTag({ content: axe.source });
  const script = `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
    .then((r) => ({
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact || null, help: v.help, nodes: v.nodes.length })),
      passes: r.passes.length,
    }))`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`axe-core did not finish in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([page.evaluate(script) as Promise<AxeOut>, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
