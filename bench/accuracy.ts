import type { PageArtifacts } from '@dvcwatch/core';
import type { Prober } from '@dvcwatch/probe';
import type { BenchPortal } from './portals.js';
import { mean, worst } from './stats.js';

export const DELAYS = [0, 200, 800, 2_000] as const;
type Metric = 'ttfb' | 'lcp' | 'ready';

/** One probe of one accuracy page: what we measured, what the page says is true, and the probe's cost. */
export interface Sample {
  metric: Metric;
  delayMs: number;
  measured: number | null;
  truth: number | null;
  /** LCP only: the image's Resource Timing responseEnd (a lower bound of the truth). */
  arrival: number | null;
  probeMs: number;
  loadMs: number | null;
}

/** Per case (metric × delay): error = measured − truth, mean and worst, in ms and % of truth. */
export interface CaseSummary {
  metric: Metric;
  delayMs: number;
  n: number;
  missing: number;
  meanTruth: number;
  meanErrMs: number;
  worstErrMs: number;
  worstErrPct: number;
  /** Allowed error: max(30 ms, 3 % of truth). */
  allowedMs: number;
  met: boolean;
}

const PATH: Record<Metric, string> = { ttfb: '/ttfb', lcp: '/lcp', ready: '/form' };

const pick = (m: Metric, a: PageArtifacts): number | null =>
  m === 'ttfb' ? a.ttfbMs : m === 'lcp' ? a.lcpMs : (a.readyMs ?? null);

/** Probes every case `reps` times (cases interleaved, so drift over time spreads over all of them). */
export async function measureAccuracy(prober: Prober, portal: BenchPortal, reps: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  let seq = 0;
  for (let rep = 0; rep < reps; rep++) {
    for (const metric of ['ttfb', 'lcp', 'ready'] as const) {
      for (const d of DELAYS) {
        const run = `r${++seq}`;
        const url = `${portal.origin}${PATH[metric]}?d=${d}&run=${run}`;
        const a = await prober.probePage(url, metric === 'ready' ? 'form' : 'home', { timeoutMs: 15_000 });
        const report = metric === 'ttfb' ? null : await portal.truth(run);
        samples.push({
          metric,
          delayMs: d,
          measured: a.error ? null : pick(metric, a),
          truth: metric === 'ttfb' ? d : (report?.v ?? null),
          arrival: report?.aux ?? null,
          probeMs: a.durationMs,
          loadMs: a.loadMs,
        });
      }
    }
  }
  return samples;
}

/** Summarises samples per case; a sample with no measurement or no truth counts as missing (and fails the case). */
export function summarise(samples: readonly Sample[]): CaseSummary[] {
  const out: CaseSummary[] = [];
  for (const metric of ['ttfb', 'lcp', 'ready'] as const) {
    for (const d of DELAYS) {
      const all = samples.filter((s) => s.metric === metric && s.delayMs === d);
      const ok = all.filter((s) => s.measured !== null && s.truth !== null);
      const errs = ok.map((s) => s.measured! - s.truth!);
      const truth = mean(ok.map((s) => s.truth!));
      const allowed = Math.max(30, 0.03 * truth);
      const w = worst(errs);
      out.push({
        metric,
        delayMs: d,
        n: ok.length,
        missing: all.length - ok.length,
        meanTruth: truth,
        meanErrMs: mean(errs),
        worstErrMs: w,
        worstErrPct: truth > 0 ? (100 * w) / truth : Number.NaN,
        allowedMs: allowed,
        met: ok.length === all.length && ok.length > 0 && Math.abs(w) <= allowed,
      });
    }
  }
  return out;
}
