import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prober } from '@dvcwatch/probe';
import chromium from '@sparticuz/chromium';
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

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Launches the same @sparticuz/chromium binary with a DevTools port (not single-process: Lighthouse opens tabs). */
async function launchForLighthouse(): Promise<{ port: number; close(): Promise<void> }> {
  const exe = await chromium.executablePath();
  const port = await freePort();
  const profile = await mkdtemp(join(tmpdir(), 'dvcwatch-lh-'));
  const args = [
    ...chromium.args.filter((a) => a !== '--single-process'),
    `--remote-debugging-port=${port}`,
    '--remote-debugging-address=127.0.0.1',
    `--user-data-dir=${profile}`,
    '--window-size=1366,768',
    'about:blank',
  ];
  const child: ChildProcess = spawn(exe, args, { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/json/version`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 100) throw new Error('Chromium for Lighthouse did not open its DevTools port');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    close: async () => {
      child.kill('SIGKILL');
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Runs Lighthouse and our probe on each URL, alternating, `runs` times. */
export async function sideBySide(prober: Prober, urls: readonly string[], runs: number): Promise<SideBySide[]> {
  const browser = await launchForLighthouse();
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
