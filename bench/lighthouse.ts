import type { Prober } from '@dvcwatch/probe';
import { launchLabChrome } from '@dvcwatch/probe/lab';
import lighthouse from 'lighthouse';
import { median } from './stats.js';

/** One page measured by Lighthouse and by dvcwatch's probe, `runs` times each, in the same run. */
export interface SideBySide {
  url: string;
  lhS: number[];
  oursS: number[];
  lhLcp: number[];
  oursLcp: number[];
  lhFcp: number[];
  oursFcp: number[];
}

/**
 * Lighthouse settings made comparable with dvcwatch's profile (desktop 1366×768, unthrottled): the desktop form
 * factor, `throttlingMethod: 'provided'` (no simulated or applied network/CPU throttling) and a 1366×768 screen.
 * Only the performance category runs: the most favourable setting for Lighthouse's speed.
 */
const LH_CONFIG = {
  extends: 'lighthouse:default',
  settings: {
    formFactor: 'desktop' as const,
    throttlingMethod: 'provided' as const,
    screenEmulation: { mobile: false, width: 1366, height: 768, deviceScaleFactor: 1, disabled: false },
    emulatedUserAgent: false,
    onlyCategories: ['performance'],
  },
};

/** Runs Lighthouse and our probe on each URL, alternating, `runs` times. */
export async function sideBySide(prober: Prober, urls: readonly string[], runs: number): Promise<SideBySide[]> {
  // The lab runner's own launcher: the same binary, a DevTools port, not single-process (Lighthouse opens tabs).
  const browser = await launchLabChrome({});
  try {
    const out: SideBySide[] = urls.map((url) => ({ url, lhS: [], oursS: [], lhLcp: [], oursLcp: [], lhFcp: [], oursFcp: [] }));
    for (let run = 0; run < runs; run++) {
      for (const row of out) {
        let t = performance.now();
        const lh = await lighthouse(row.url, { port: browser.port, output: 'json', logLevel: 'error' }, LH_CONFIG);
        row.lhS.push((performance.now() - t) / 1000);
        const audits = lh?.lhr.audits;
        const lcp = audits?.['largest-contentful-paint']?.numericValue;
        const fcp = audits?.['first-contentful-paint']?.numericValue;
        if (typeof lcp === 'number') row.lhLcp.push(lcp);
        if (typeof fcp === 'number') row.lhFcp.push(fcp);
        t = performance.now();
        const ours = await prober.probePage(row.url, 'home', { timeoutMs: 15_000 });
        row.oursS.push((performance.now() - t) / 1000);
        if (ours.lcpMs !== null) row.oursLcp.push(ours.lcpMs);
        if (ours.fcpMs !== null) row.oursFcp.push(ours.fcpMs);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** Median difference (ours − Lighthouse) of a metric on one page, ms. */
export const agreement = (ours: number[], lh: number[]): number => median(ours) - median(lh);
