import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  DEFAULT_PROBE,
  LAB_METRICS,
  LAB_THRESHOLDS,
  type LabMetricName,
  type LabMetrics,
  labVerdict,
  medianMetrics,
} from '@dvcwatch/core';
import { createProber } from '@dvcwatch/probe';
import { createLabRunner } from '@dvcwatch/probe/lab';
import chromium from '@sparticuz/chromium';
import { toDiagnosis } from '../packages/probe/src/diagnosis.js';
import { diagnosisExpression, type RawDiagnosis } from '../packages/probe/src/page-script.js';
import { PRICES } from './cost.js';
import { startBenchPortal } from './portals.js';
import { fmt, median, table } from './stats.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));

/** One page: the ministry profile and Lighthouse's CLI, `runs` runs each, alternating; their medians and verdicts. */
export interface LabPageBench {
  url: string;
  ours: { medians: LabMetrics | null; seconds: number[]; errors: string[] };
  cli: { medians: LabMetrics | null; seconds: number[]; errors: string[] };
}

export interface LabBench {
  runs: number;
  version: string;
  pages: LabPageBench[];
  /** Cost of the causes' diagnosis inside the hourly probe: one extra evaluation per page, and its stored size. */
  causes: { diagMs: number; baselineMs: number; extraMs: number; storedBytes: number; samples: number };
  /** Per agency per day: runs/day × 2 pages × the median seconds of one ministry-profile run. */
  agencyDay: { runsPerDay: number; pages: number; secondsPerRun: number; lambdaSeconds: number; usd: number; usdMonth52: number };
}

/** Lighthouse's CLI as anyone runs it: default (mobile) settings, performance only, the same Chromium binary. */
async function cliRun(url: string): Promise<{ metrics: LabMetrics | null; seconds: number; error: string | null }> {
  const t = performance.now();
  const flags = chromium.args.filter((a) => a !== '--single-process').join(' ');
  try {
    const { stdout } = await run(
      process.execPath,
      [
        CLI,
        url,
        '--output=json',
        '--output-path=stdout',
        '--only-categories=performance',
        '--quiet',
        `--chrome-path=${await chromium.executablePath()}`,
        `--chrome-flags=${flags}`,
      ],
      // chrome-launcher reads the binary from CHROME_PATH (the CLI's --chrome-path alone was not honoured here).
      { maxBuffer: 64 * 2 ** 20, timeout: 120_000, env: { ...process.env, CHROME_PATH: await chromium.executablePath() } },
    );
    const lhr = JSON.parse(stdout) as {
      audits: Record<string, { numericValue?: number }>;
      categories: { performance?: { score: number | null } };
    };
    const v = (id: string) => lhr.audits[id]?.numericValue ?? null;
    const score = lhr.categories.performance?.score;
    return {
      metrics: {
        fcpMs: v('first-contentful-paint'),
        lcpMs: v('largest-contentful-paint'),
        speedIndexMs: v('speed-index'),
        tbtMs: v('total-blocking-time'),
        cls: v('cumulative-layout-shift'),
        score: typeof score === 'number' ? Math.round(score * 100) : null,
      },
      seconds: (performance.now() - t) / 1000,
      error: null,
    };
  } catch (e) {
    return { metrics: null, seconds: (performance.now() - t) / 1000, error: (e as Error).message.slice(0, 120) };
  }
}

const asRuns = (ms: (LabMetrics | null)[]) =>
  ms.map((metrics) => ({ metrics }) as unknown as Parameters<typeof medianMetrics>[0][number]);

/** Runs the lab section: side by side on the bench portal's pages, the causes' cost, and the cost per agency-day. */
export async function measureLab(runs: number, log: (l: string) => void): Promise<LabBench> {
  const portal = await startBenchPortal();
  const o = portal.origin;
  const urls = [`${o}/ttfb?d=0`, `${o}/ttfb?d=800`, `${o}/lcp?d=800&run=lab-a`, `${o}/form?d=200&run=lab-b`];
  const lab = createLabRunner({ guard: { local: true, allowedOrigins: [o] } });
  const prober = createProber({ local: true, allowedOrigins: [o] });
  let version = 'unknown';
  try {
    const pages: LabPageBench[] = [];
    for (const url of urls) {
      const ours: (LabMetrics | null)[] = [];
      const cli: (LabMetrics | null)[] = [];
      const row: LabPageBench = {
        url,
        ours: { medians: null, seconds: [], errors: [] },
        cli: { medians: null, seconds: [], errors: [] },
      };
      for (let i = 0; i < runs; i++) {
        const r = await lab.run(url, 'home');
        version = r.version;
        ours.push(r.metrics);
        row.ours.seconds.push(r.durationMs / 1000);
        if (r.error) row.ours.errors.push(r.error);
        for (const w of r.warnings ?? []) row.ours.errors.push(w);
        const c = await cliRun(url);
        cli.push(c.metrics);
        row.cli.seconds.push(c.seconds);
        if (c.error) row.cli.errors.push(c.error);
        log(
          `  ${url.replace(o, '')} run ${i + 1}/${runs}: ours LCP ${fmt(r.metrics?.lcpMs)} ms (${fmt(r.durationMs / 1000, 1)} s), CLI LCP ${fmt(c.metrics?.lcpMs)} ms (${fmt(c.seconds, 1)} s)`,
        );
      }
      row.ours.medians = medianMetrics(asRuns(ours));
      row.cli.medians = medianMetrics(asRuns(cli));
      pages.push(row);
    }
    // The causes' extra cost in the hourly probe: the diagnosis expression timed alone against a trivial evaluation.
    const diag: number[] = [];
    const base: number[] = [];
    let storedBytes = 0;
    await prober.session.withPage(`${o}/lcp?d=0&run=lab-c`, async (page) => {
      await page.waitForTimeout(500);
      for (let i = 0; i < 30; i++) {
        let t = performance.now();
        const raw = await page.evaluate<RawDiagnosis | null>(diagnosisExpression);
        diag.push(performance.now() - t);
        storedBytes = JSON.stringify(toDiagnosis(raw)).length;
        t = performance.now();
        await page.evaluate('1');
        base.push(performance.now() - t);
      }
    });
    const perRun = median(pages.flatMap((p) => p.ours.seconds));
    const runsPerDay = DEFAULT_PROBE.labRunsPerDay;
    const lambdaSeconds = runsPerDay * 2 * perRun;
    const usd = lambdaSeconds * (PRICES.lambdaMemoryMb / 1024) * PRICES.lambdaGbSecond;
    return {
      runs,
      version,
      pages,
      causes: {
        diagMs: median(diag),
        baselineMs: median(base),
        extraMs: median(diag) - median(base),
        storedBytes,
        samples: diag.length,
      },
      agencyDay: { runsPerDay, pages: 2, secondsPerRun: perRun, lambdaSeconds, usd, usdMonth52: usd * 52 * 30 },
    };
  } finally {
    await lab.close();
    await prober.close();
    await portal.close();
  }
}

const mark = (m: LabMetrics | null, k: LabMetricName) =>
  m ? (labVerdict(m)[k] === 'pass' ? 'đạt' : labVerdict(m)[k] === 'fail' ? 'KHÔNG' : '?') : '?';

/** Plain-text tables of the lab section. */
export function renderLab(b: LabBench, origin = /^http:\/\/127\.0\.0\.1:\d+/): string {
  const rows = b.pages.flatMap((p) =>
    (['ours', 'cli'] as const).map((who) => {
      const m = p[who].medians;
      return [
        who === 'ours' ? p.url.replace(origin, '') : '',
        who === 'ours' ? 'ministry profile' : 'lighthouse CLI',
        ...LAB_METRICS.map((k) => `${fmt(m?.[k])} ${mark(m, k)}`),
        fmt(m?.score),
        fmt(median(p[who].seconds), 1),
      ];
    }),
  );
  const head = ['page', 'tool', ...LAB_METRICS.map((k) => `${k} (<${LAB_THRESHOLDS[k]})`), 'score', 's/run'];
  const a = b.agencyDay;
  const c = b.causes;
  return [
    `Ministry profile vs Lighthouse ${b.version} CLI (default mobile settings), medians of ${b.runs} runs each, same Chromium:`,
    table(head, rows),
    '',
    `Causes' diagnosis in the hourly probe: ${fmt(c.diagMs, 2)} ms per page (a trivial evaluation: ${fmt(c.baselineMs, 2)} ms; extra ${fmt(c.extraMs, 2)} ms), ${c.storedBytes} bytes stored per page (median of ${c.samples}).`,
    `Per agency-day: ${a.runsPerDay} runs × ${a.pages} pages × ${fmt(a.secondsPerRun, 1)} s = ${fmt(a.lambdaSeconds)} s of Lambda at ${PRICES.lambdaMemoryMb} MB → $${fmt(a.usd, 4)}; 52 agencies × 30 days: $${fmt(a.usdMonth52, 2)}/month.`,
  ].join('\n');
}
