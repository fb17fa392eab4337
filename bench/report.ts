import type { CaseSummary, Sample } from './accuracy.js';
import type { MonthlyCost, PRICES } from './cost.js';
import { agreement, type SideBySide } from './lighthouse.js';
import type { RoundRun } from './speed.js';
import { fmt, mean, median, table, verdict } from './stats.js';

/** Everything the benchmark measured; also written to bench/results.json. */
export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; memGb: number; node: string };
  accuracy: { samples: Sample[]; cases: CaseSummary[] };
  timingsProbe: { meanProbeMs: number; meanOverheadMs: number; settleMs: number };
  speed: RoundRun[];
  auditAblation: { on: RoundRun; off: RoundRun };
  schedule: { first: RoundRun; hourly: RoundRun[] };
  lighthouse: SideBySide[];
  site: { agencies: number; days: number; buildS: number[]; files: number; bytes: number };
  writesPerAgency: { calls: number; bytes: number; wru: number; fromRound: string };
  cost: { probeMs: number; fullProbeMs: number; every: number; rows: MonthlyCost[]; prices: typeof PRICES };
  targets: { name: string; value: string; target: string; verdict: string }[];
  totalS: number;
}

const usd = (v: number) => `$${v.toFixed(2)}`;

/** The plain-text report printed by `npm run bench`. */
export function render(r: BenchResults): string {
  const out: string[] = [];
  out.push(`dvcwatch benchmark — ${r.startedAt} — ${r.machine.cpus} CPUs, ${r.machine.memGb} GB, Node ${r.machine.node}`);
  out.push('All servers on 127.0.0.1; Chromium = @sparticuz/chromium; profile desktop 1366×768, unthrottled.', '');

  out.push('1. ACCURACY (error = measured − truth; reps per case shown as n; allowed = max(30 ms, 3 %))');
  out.push(
    table(
      ['metric', 'delay ms', 'n', 'truth ms', 'mean err ms', 'worst err ms', 'worst err %', 'allowed ms', 'verdict'],
      r.accuracy.cases.map((c) => [
        c.metric,
        String(c.delayMs),
        `${c.n}${c.missing ? ` (+${c.missing} missing)` : ''}`,
        fmt(c.meanTruth),
        fmt(c.meanErrMs, 1),
        fmt(c.worstErrMs, 1),
        fmt(c.worstErrPct, 1),
        fmt(c.allowedMs),
        c.met ? 'met' : `NOT MET (by ${fmt(Math.abs(c.worstErrMs) - c.allowedMs, 1)} ms)`,
      ]),
    ),
  );
  out.push(
    'Truth: TTFB = injected server delay; LCP = first animation frame after the hero PNG loaded and decoded (page-recorded);',
    'readyMs = performance.now() when the page inserted the field (page-recorded). All on the page clock, from navigation start.',
    '',
  );

  out.push(
    '2. SPEED, whole catalogue for every agency (a first round: timings + checks + axe audit + screenshots; real dynalite + SES emulator; good demo portal copies)',
  );
  out.push(
    table(
      ['agencies', 'concurrency', 'wall s', 's/agency', 'statuses', 'peak RSS MB', 'peak PSS MB', 'how'],
      r.speed.map((s) => [
        String(s.agencies),
        String(s.concurrency),
        fmt(s.wallS, 1),
        fmt(s.wallS / s.agencies, 2),
        s.extrapolated
          ? '—'
          : Object.entries(s.counts)
              .map(([k, v]) => `${k}:${v}`)
              .join(' '),
        fmt(s.peak?.rssMb),
        fmt(s.peak?.pssMb),
        s.extrapolated ? 'extrapolated' : 'measured',
      ]),
    ),
  );
  const { on, off } = r.auditAblation;
  out.push(
    'Peak memory = this Node process + all Chromium children (RSS sum overcounts shared pages; PSS splits them).',
    '',
    "Per-page overhead = probe wall time − the page's own loadEventEnd, per page:",
    table(
      ['mode', 'mean probe ms', 'overhead ms/page'],
      [
        ['timings only (probePage)', fmt(r.timingsProbe.meanProbeMs), fmt(r.timingsProbe.meanOverheadMs)],
        [`checks, audit off (${off.agencies} ag., c=${off.concurrency})`, fmt(off.meanProbeMs), fmt(off.overheadPerPageMs)],
        [`checks + audit on (${on.agencies} ag., c=${on.concurrency})`, fmt(on.meanProbeMs), fmt(on.overheadPerPageMs)],
      ],
    ),
    `(timings-only overhead includes the probe's deliberate ${r.timingsProbe.settleMs} ms settle after load.)`,
    `Seconds per agency, whole catalogue, concurrency ${on.concurrency}: ${fmt(on.meanProbeMs / 1000, 2)} with the axe audit, ${fmt(off.meanProbeMs / 1000, 2)} without.`,
    '',
  );
  const s = r.schedule;
  const c1Lcp = r.speed.find((x) => x.concurrency === 1 && !x.extrapolated)?.homeLcpMedianMs;
  out.push(
    `2b. THE HOURLY SCHEDULE (${s.first.agencies} agencies; each agency's catalogue runs every checksEveryHours at its own hour, or at once when its home page's functions change; timings every round)`,
  );
  out.push(
    table(
      [
        'round',
        'concurrency',
        'wall s',
        's/agency',
        'catalogue runs',
        'statuses',
        'home LCP p50 ms',
        'TTFB p50 ms',
        'peak RSS MB',
      ],
      [s.first, ...s.hourly].map((x, i) => [
        i === 0 ? 'first' : `hour ${i}`,
        String(x.concurrency),
        fmt(x.wallS, 1),
        fmt(x.wallS / x.agencies, 2),
        String(x.catalogueRuns),
        Object.entries(x.counts)
          .map(([k, v]) => `${k}:${v}`)
          .join(' '),
        fmt(x.homeLcpMedianMs),
        fmt(x.homeTtfbMedianMs),
        fmt(x.peak?.rssMb),
      ]),
    ),
    `Home LCP p50 in a concurrency-1 round: ${fmt(c1Lcp)} ms — the difference is what contention for 2 cores adds to what is measured locally (on AWS every probe has its own Lambda).`,
    '',
  );

  out.push(
    '3. SIDE BY SIDE WITH LIGHTHOUSE 12.8.2 (same Chromium binary, same run; desktop, throttlingMethod=provided, 1366×768, performance only)',
  );
  out.push(
    table(
      ['page', 'runs', 'LH s/page', 'ours s/page', 'ratio', 'LCP LH', 'LCP ours', 'Δ LCP', 'FCP LH', 'FCP ours', 'Δ FCP'],
      r.lighthouse.map((p) => [
        new URL(p.url).pathname + new URL(p.url).search.replace(/&run=[^&]*/, ''),
        String(p.lhS.length),
        fmt(mean(p.lhS), 2),
        fmt(mean(p.oursS), 2),
        `${fmt(mean(p.lhS) / mean(p.oursS), 1)}×`,
        fmt(median(p.lhLcp)),
        fmt(median(p.oursLcp)),
        fmt(agreement(p.oursLcp, p.lhLcp)),
        fmt(median(p.lhFcp)),
        fmt(median(p.oursFcp)),
        fmt(agreement(p.oursFcp, p.lhFcp)),
      ]),
    ),
    'Ratio = Lighthouse s/page ÷ dvcwatch timings-probe s/page; Δ = median(ours) − median(Lighthouse), ms.',
    '',
  );

  const w = r.writesPerAgency;
  out.push('4. SCALE AND COST');
  out.push(
    `Site build, ${r.site.agencies} agencies × ${r.site.days} days synthetic: ${r.site.buildS.map((s) => s.toFixed(2)).join(' / ')} s (${r.site.files} files, ${(r.site.bytes / 1e6).toFixed(1)} MB)`,
    `DynamoDB writes per agency per round (${w.fromRound}): ${fmt(w.calls, 2)} write calls, ${fmt(w.bytes)} request bytes, ≈${fmt(w.wru, 2)} WRU (ceil(body/1 KB) per call: an upper bound)`,
    `Lambda model: ${fmt(r.cost.probeMs)} ms mean probe per agency per round = full catalogue ${fmt(r.cost.fullProbeMs)} ms ÷ ${r.cost.every} + two timing probes ${fmt(2 * r.timingsProbe.meanProbeMs)} ms × ${r.cost.every - 1}/${r.cost.every} (measured here at concurrency 1; Lambda CPU differs) × ${r.cost.prices.lambdaMemoryMb} MB × ${r.cost.prices.roundsPerMonth} rounds/month`,
    table(
      ['agencies', 'Lambda GB-s', 'Lambda requests', 'DynamoDB writes', 'total / month'],
      r.cost.rows.map((c) => [String(c.agencies), usd(c.lambdaUsd), usd(c.requestsUsd), usd(c.dynamoUsd), usd(c.totalUsd)]),
    ),
    `Prices (ASSUMPTIONS): $${r.cost.prices.lambdaGbSecond}/GB-s, $${r.cost.prices.lambdaPerMillionRequests}/1M requests (x86), $${r.cost.prices.dynamoPerMillionWru}/1M WRU on-demand; ${r.cost.prices.source}.`,
    'Not included: SQS, S3/CloudFront, CloudWatch Logs, data transfer, the publish function.',
    '',
  );

  out.push('TARGETS');
  out.push(
    table(
      ['target', 'measured', 'goal', 'verdict'],
      r.targets.map((t) => [t.name, t.value, t.target, t.verdict]),
    ),
  );
  out.push('', `Total bench time: ${fmt(r.totalS)} s`);
  return out.join('\n');
}

export { verdict };
