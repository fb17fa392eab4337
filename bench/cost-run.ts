import { appendFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CATALOGUE_DEADLINE_MS } from '@dvcwatch/core';
import { Store } from '@dvcwatch/store';
import { stringify } from 'yaml';
import { runSstBuild } from '../.ci/sst-build-standin.js';
import { BuiltApp } from '../test/aws/built-app.js';
import { canLimitCpu, canPinCpus, pinCpus } from '../test/aws/cpu-limit.js';
import { REGISTRY_BUCKET, REGISTRY_KEY, startLocalCloud } from '../test/aws/local-cloud.js';
import { scheduledEvent } from '../test/integration/handlers/events.js';
import { sesEmails } from '../test/integration/handlers/local-aws.js';
import { type Fixed, monthlyBill, type PerAgencyRound, PRICES, total } from './cost-model.js';
import { PAGE_TIMES, type SlowPortal, startSlowPortals } from './cost-portals.js';
import { BENCH_EVERY_HOURS, CHECKS_EVERY_HOURS, type CostRound, costRounds, roundWeights } from './cost-rounds.js';
import { startDynamoWireMeter } from './dynamo-wire-meter.js';
import { startBenchPortal } from './portals.js';
import { sampleTree } from './proc-sampler.js';
import { tableBytes } from './table-size.js';

/**
 * `npm run bench:cost`: the built probe bundle (`sst build`, as `npm run test:aws` plays it) against portals as slow
 * as real ones (bench/cost-portals.ts), hourly rounds per variant (bench/cost-rounds.ts) — the first runs every agency's
 * check catalogue, the second is a timing round, and after's third gathers the gaps again — before (the old rule: slow pages re-probed in the round, one agency per
 * invocation) and after (confirmation over rounds, PROBE_AGENCIES_PER_INVOCATION agencies per invocation), then the
 * monthly bill per component for 100 and 1,000 agencies. Env: BENCH_COST_SCALE (time factor, default 0.5),
 * BENCH_COST_AGENCIES (slow portals, default 8), BENCH_COST_ENVS (probe environments at once, default: one per CPU
 * but the first), BENCH_COST_PIN, BENCH_COST_LOGS (a file for every function's log lines).
 */
// The bench's own clients (store, S3) talk to the local servers only.
Object.assign(process.env, {
  AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'test',
  AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
  AWS_EC2_METADATA_DISABLED: 'true',
});
const SCALE = Number(process.env.BENCH_COST_SCALE ?? 1);
const SLOW = Number(process.env.BENCH_COST_AGENCIES ?? 8);
/** The machine's CPUs, read before the bench pins itself to the first (which narrows what Node reports). */
const CPUS = availableParallelism();
/**
 * A Lambda environment has its vCPU to itself: on a machine of several cores the bench runs its own servers (portals,
 * dynalite, SQS, S3) on the first core and the probe's environments, their browsers included, on the others
 * (`taskset`), so a probe's billed time is not stretched by the bench's own work. BENCH_COST_PIN=0: no pinning.
 */
const PIN = process.env.BENCH_COST_PIN !== '0' && CPUS >= 2 && canPinCpus();
/** The probe environments' CPU capped by their memory size, as on Lambda (test/aws/cpu-limit.ts), where root may. */
const LIMIT_CPU = PIN && canLimitCpu();
/** BENCH_COST_PROBE_MB: the probe priced and played at another memory size than the template's (and its CPU). */
const PROBE_MB = process.env.BENCH_COST_PROBE_MB ? Number(process.env.BENCH_COST_PROBE_MB) : null;
/** The probe's memory size before issue 21 (1,769 MB since: core/probe-budget.ts PROBE_MEMORY_MB). */
const BEFORE_PROBE_MB = 2_048;
/** BENCH_COST_ONLY: one variant (`before` or `after`) while exploring a setting; the cost line needs both. */
const ONLY = process.env.BENCH_COST_ONLY;
if (ONLY !== undefined && ONLY !== 'before' && ONLY !== 'after')
  throw new Error(`BENCH_COST_ONLY must be "before" or "after", not "${ONLY}"`);
const VARIANTS = (['before', 'after'] as const).filter((v) => ONLY === undefined || v === ONLY);
const ENVS = Number(process.env.BENCH_COST_ENVS ?? (PIN ? CPUS - 1 : 2));
/** Timing fixtures (bench/portals.ts): the window each value must stay in (issue 19: TTFB +150 ms, LCP/ready +400). */
const TIMING = [
  { id: 'do-ttfb', home: '/ttfb?d=700&run=t1', form: '/form?d=500&run=t2', home_: 'ttfbMs', d: 700, w: 150, fd: 500 },
  { id: 'do-lcp', home: '/lcp?d=900&run=t3', form: '/form?d=800&run=t4', home_: 'lcpMs', d: 900, w: 400, fd: 800 },
] as const;

const root = resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s = (ms: number) => Math.round(ms * SCALE);

const registryYaml = (slow: SlowPortal[], fixtures: string, oldRule: boolean) =>
  stringify({
    version: 1,
    operators: ['vanhanh.bench@example.vn'],
    defaults: {
      probe: {
        pageTimeoutMs: s(20_000),
        confirmAttempts: 2,
        confirmDelayMs: s(3_000),
        confirmSlow: oldRule ? 'in-round' : 'rounds',
        // A day: the bench picks hours at which no agency's catalogue is due by its slot (cost-rounds.ts).
        checksEveryHours: BENCH_EVERY_HOURS,
      },
      thresholds: { homeLcpMs: s(4_000), homeFcpMs: s(3_000), homeTtfbMs: s(1_800), formReadyMs: s(4_000) },
    },
    agencies: [
      ...slow.map((p) => ({ id: p.id, home: p.home, form: p.form })),
      ...TIMING.map((t) => ({ id: t.id, home: `${fixtures}${t.home}`, form: `${fixtures}${t.form}` })),
    ].map((a) => ({
      id: a.id,
      name: `UBND ${a.id}`,
      kind: 'province',
      head: { name: 'Chủ tịch', email: `head.${a.id}@example.vn` },
      portal: { home: a.home, form: a.form },
    })),
  });

interface RoundFigures {
  agencies: number;
  probeMs: number;
  invocations: number;
  finalizeMs: number;
  dispatchMs: number;
  wru: number;
  rru: number;
  writeBytes: number;
  logBytes: number;
  s3Puts: number;
  s3Bytes: number;
  emails: number;
  wallS: number;
  timingOk: number;
  timingAll: number;
  timingNotes: string[];
  peakMb: number;
  /** The largest Max Memory Used of a probe invocation (PSS of its environment, as the stand-in kills by it). */
  maxUsedMb: number;
  /** Probe invocations that failed (killed over memory or time, or threw), with their first error. */
  failed: string[];
  cpuS: number;
  /** Share of the agencies whose stored facts have gaps after the round (their catalogue runs again sooner). */
  gapShare: number;
  kind: CostRound['kind'];
  /** Agencies whose check catalogue (whole, or its gaps) ran in the round. */
  catalogues: number;
}

async function runVariant(app: BuiltApp, name: 'before' | 'after'): Promise<RoundFigures[]> {
  const slow = await startSlowPortals(SLOW, SCALE, 'bench-cost');
  const fixtures = await startBenchPortal();
  const oldRule = name === 'before';
  // After: a third round, where facts with gaps are gathered again (their gaps alone: core/facts-refresh.ts).
  const rounds = costRounds([...slow.portals.map((p) => p.id), ...TIMING.map((t) => t.id)], !oldRule);
  const origins = [...slow.portals.map((p) => p.origin), fixtures.origin].join(',');
  const cloud = await startLocalCloud(app, {
    registryYaml: registryYaml(slow.portals, fixtures.origin, oldRule),
    refusedRecipient: 'nobody@example.vn',
    // SQS's seconds at the bench's time factor: a message a probe took for the rest of its invocation stays hidden
    // for that long here too (faster, one taken job's visibility ran out mid-invocation and it was measured twice).
    scaleMs: 1000 * SCALE,
    // Before: one agency per invocation, its timed loads alone, no further job taken from the queue.
    extraProbeEnv: {
      DVCWATCH_ALLOW_ORIGINS: origins,
      ...(oldRule ? { DVCWATCH_PROBE_CONCURRENCY: '1', DVCWATCH_TIMED_OVERLAP: '1', DVCWATCH_PROBE_TAKE_MORE: 'false' } : {}),
      // BENCH_COST_OVERLAP: timed loads at once per invocation, after, instead of the template's.
      ...(!oldRule && process.env.BENCH_COST_OVERLAP ? { DVCWATCH_TIMED_OVERLAP: process.env.BENCH_COST_OVERLAP } : {}),
    },
    ...(oldRule ? { batchSize: 1 } : {}),
    maxConcurrency: ENVS,
  });
  const meter = await startDynamoWireMeter(cloud.dynamo.endpoint);
  for (const f of cloud.functions.values()) f.spec.env.AWS_ENDPOINT_URL_DYNAMODB = meter.endpoint;
  const dynamo = new DynamoDBClient({ endpoint: cloud.dynamo.endpoint });
  const store = new Store(dynamo, 'dvcwatch-aws-path');
  const s3 = new S3Client({ endpoint: cloud.s3.endpoint, forcePathStyle: true });
  const probe = cloud.fn('functions/probe.handler');
  // Before: the probe's memory size of the time (2,048 MB); after: the template's, or BENCH_COST_PROBE_MB.
  if (oldRule) probe.spec.memoryMb = BEFORE_PROBE_MB;
  else if (PROBE_MB) probe.spec.memoryMb = PROBE_MB;
  if (PIN) {
    probe.spec.cpus = `1-${CPUS - 1}`;
    // As Lambda gives CPU by memory size (1 vCPU at 1,769 MB), where this machine lets a cgroup cap it.
    probe.spec.limitCpu = LIMIT_CPU;
  }
  const finalize = cloud.fn('functions/finalize.handler');
  const dispatch = cloud.fn('functions/dispatch.handler');
  const agencies = SLOW + TIMING.length;
  const out: RoundFigures[] = [];
  cloud.mapping.start();
  try {
    for (const { at, kind } of rounds) {
      meter.reset();
      const size0 = await tableBytes(dynamo, 'dvcwatch-aws-path');
      const [p0, f0, d0] = [probe.invocations.length, finalize.invocations.length, dispatch.invocations.length];
      const logs0 = [...cloud.functions.values()].reduce((n, f) => n + f.logs.length, 0);
      const mail0 = (await sesEmails(cloud.ses)).length;
      const drawn0 = { ...slow.drawn };
      const started = Date.now();
      const sampler = sampleTree(/lambda-runtime\.mjs.*probe\.mjs/);
      const dispatched = await dispatch.invoke(scheduledEvent(at, 'bench-dvcwatch-Round'));
      if (!dispatched.ok) throw new Error(`dispatch failed: ${dispatched.error}\n${dispatch.logs.slice(-5).join('\n')}`);
      for (let r = await store.getRound(at); !r?.finishedAt; r = await store.getRound(at)) {
        if (Date.now() - started > 1_800_000) throw new Error(`round ${at} did not finish: ${JSON.stringify(r)}`);
        await sleep(500);
      }
      await cloud.pendingInvocations();
      // A probe invocation may outlive the round's last result (the mapping's, not an Event invoke): it is this
      // round's bill, not the next one's.
      while (probe.inFlight > 0) await sleep(200);
      const usage = sampler.stop();
      const wallS = (Date.now() - started) / 1000;
      const since = (f: typeof probe, n: number) => f.invocations.slice(n);
      const sum = (xs: { ms: number }[]) => xs.reduce((t, x) => t + x.ms, 0);
      const logLines = [...cloud.functions.values()].flatMap((f) => f.logs).slice(logs0);
      // BENCH_COST_LOGS: a file that keeps every function's log lines of the run (why a page failed, say).
      if (process.env.BENCH_COST_LOGS) await appendFile(process.env.BENCH_COST_LOGS, `# ${name} ${at}\n${logLines.join('\n')}\n`);
      const objects = async (bucket: string) =>
        (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.filter(
          (o) => (o.LastModified?.getTime() ?? 0) >= started - 1_000,
        ) ?? [];
      const evidence = await objects(cloud.bucket('Evidence'));
      const site = await objects(cloud.bucket('SiteBucket'));
      const invocations = since(probe, p0).length + since(finalize, f0).length + since(dispatch, d0).length;
      // Timing truth: each fixture's values inside their windows.
      const notes: string[] = [];
      let ok = 0;
      for (const t of TIMING) {
        const r = await store.getResult(t.id, at);
        notes.push(`${t.id}: ${r?.status}/${r?.reason ?? '-'} home ${r?.pages.home?.error?.code ?? r?.pages.home?.httpStatus}`);
        const home = r?.pages.home?.[t.home_] ?? null;
        const ready = r?.pages.form?.readyMs ?? null;
        for (const [what, v, d, w, c] of [
          [`${t.id} home ${t.home_}`, home, t.d, t.w, r?.pages.home?.conditions],
          [`${t.id} form readyMs`, ready, t.fd, 400, r?.pages.form?.conditions],
        ] as const) {
          const inside = v !== null && v >= d - 5 && v <= d + w;
          ok += inside ? 1 : 0;
          // Outside: how the load was timed (CPU share, what the rest of its environment took, flagged or not).
          const how = c ? ` [share ${c.cpuShare}, others ${c.othersCpuMs ?? '-'} ms${c.contended ? ', contended' : ''}]` : '';
          notes.push(`${what} ${v === null ? '—' : Math.round(v)} (window ${d}–${d + w})${inside ? '' : ` OUTSIDE${how}`}`);
        }
      }
      // Timed loads of every agency, and those timed again because their busy phases met another's (timing-lane.ts).
      let loads = 0;
      let retimed = 0;
      let alone = 0;
      let laneWaitMs = 0;
      // The monitor's own failures (a page it could not open): never the portal's, and never acceptable.
      const monitorErrors: string[] = [];
      for (const id of [...slow.portals.map((p) => p.id), ...TIMING.map((t) => t.id)]) {
        const r = await store.getResult(id, at);
        const pages = [r?.pages.home, r?.pages.form, ...(r?.retries ?? [])].filter((p) => p);
        loads += pages.length;
        retimed += (r?.retries ?? []).filter((p) => p.conditions?.overlapped).length;
        // A load timed again alone drains the lane first: the others' places idle meanwhile. With this bench's
        // confirmAttempts 2, the look after two overlapped ones is alone (core/confirmation-policy.ts `alone`).
        const retries = r?.retries ?? [];
        alone += retries.filter((p, i) => p.conditions?.overlapped && retries[i + 1]?.conditions?.overlapped).length;
        laneWaitMs += pages.reduce((t, p) => t + (p?.conditions?.laneWaitMs ?? 0), 0);
        for (const p of pages) if (p?.error?.code === 'probe') monitorErrors.push(`${id}: ${p.error.message.slice(0, 160)}`);
      }
      notes.push(
        `timed loads ${loads}, ${retimed} timed again after an overlap, ${alone} of them alone; lane waits ${(laneWaitMs / 1000).toFixed(1)} s`,
      );
      notes.push(
        `monitor errors ${monitorErrors.length}${monitorErrors.length ? ` (${monitorErrors.slice(0, 2).join('; ')})` : ''}`,
      );
      let gapped = 0;
      let catalogues = 0;
      for (const id of [...slow.portals.map((p) => p.id), ...TIMING.map((t) => t.id)]) {
        const facts = await store.getFacts(id);
        if (facts?.at === at || facts?.retriedAt === at) catalogues++;
        if (facts && Object.keys(facts.facts.gaps ?? {}).length > 0 && !TIMING.some((t) => t.id === id)) gapped++;
      }
      notes.push(`${kind} round: ${catalogues} catalogues ran; ${gapped}/${slow.portals.length} slow portals' facts have gaps`);
      const units = meter.read();
      const failed = since(probe, p0).flatMap((i) => (i.outcome.ok ? [] : [i.outcome.error.slice(0, 160)]));
      out.push({
        agencies,
        probeMs: sum(since(probe, p0)),
        invocations: since(probe, p0).length,
        finalizeMs: sum(since(finalize, f0)),
        dispatchMs: sum(since(dispatch, d0)),
        wru: units.wru,
        rru: units.rru,
        // The table's growth in the round (overwritten items such as the day aggregate count by what they grew).
        writeBytes: (await tableBytes(dynamo, 'dvcwatch-aws-path')) - size0,
        // Lambda adds START, END and REPORT lines (~340 bytes) per invocation.
        logBytes: logLines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0) + 340 * invocations,
        s3Puts: evidence.length + site.length,
        s3Bytes: evidence.reduce((n, o) => n + (o.Size ?? 0), 0),
        emails: (await sesEmails(cloud.ses)).length - mail0,
        wallS,
        timingOk: ok,
        timingAll: 2 * TIMING.length,
        timingNotes: notes,
        peakMb: usage.peakMb,
        maxUsedMb: Math.max(0, ...since(probe, p0).map((i) => i.maxMemoryMb)),
        failed,
        cpuS: usage.cpuS,
        gapShare: gapped / slow.portals.length,
        kind,
        catalogues,
      });
      const f = out.at(-1)!;
      console.log(
        `[${name}] ${kind} round ${at.slice(11, 16)}: ${agencies} agencies in ${wallS.toFixed(0)} s, ${f.invocations} probe invocations, ` +
          `billed ${(f.probeMs / 1000).toFixed(1)} s (${(f.probeMs / 1000 / agencies / SCALE).toFixed(1)} s per agency-round at real time), ` +
          `peak ${f.peakMb.toFixed(0)} MB per environment (RSS summed; Max Memory Used ${f.maxUsedMb} MB of ${probe.spec.memoryMb} MB, PSS), ` +
          `${f.failed.length} failed probe invocations${f.failed.length ? ` (${f.failed[0]})` : ''}, CPU ${f.cpuS.toFixed(1)} s, ${f.wru.toFixed(0)} WRU, ${f.rru.toFixed(1)} RRU, ` +
          `fates drawn ${fates(slow.drawn, drawn0)}; timing ${ok}/${f.timingAll} inside: ${notes.join('; ')}`,
      );
    }
  } finally {
    await cloud.close();
    await meter.close();
    await slow.close();
    await fixtures.close();
    s3.destroy();
    dynamo.destroy();
  }
  console.log(`[${name}] page fates drawn: ${JSON.stringify(slow.drawn)}`);
  return out;
}

/**
 * Per agency-round: each kind of round weighted by how often it comes at the product's cadence (cost-rounds.ts
 * `roundWeights`): before, the catalogue once in CHECKS_EVERY_HOURS and timing the rest; after, the retry round of
 * the gaps once more.
 */
function perAgencyRound(rounds: RoundFigures[], memory: Record<string, number>): PerAgencyRound {
  const weights = roundWeights(rounds.map((r) => r.kind));
  const timing = rounds.find((r) => r.kind === 'timing')!;
  const w = (pick: (r: RoundFigures) => number) =>
    rounds.reduce((t, r, i) => t + (weights[i] ?? 0) * pick(r), 0) / timing.agencies;
  return {
    // Billed time is divided by the time factor: the fixed CPU work (Chromium's launch, rendering) is scaled up too,
    // so this over-states the real-time bill a little.
    probeSeconds: w((r) => r.probeMs) / 1000 / SCALE,
    probeInvocations: w((r) => r.invocations),
    probeMemoryMb: PROBE_MB ?? memory['functions/probe.handler'] ?? 2048,
    wru: w((r) => r.wru),
    rru: w((r) => r.rru),
    // Table growth in steady state: the second round's (the first also creates what later rounds only update).
    writeBytes: timing.writeBytes / timing.agencies,
    finalizeSeconds: w((r) => r.finalizeMs) / 1000,
    finalizeMemoryMb: memory['functions/finalize.handler'] ?? 1769,
    dispatchSeconds: w((r) => r.dispatchMs) / 1000,
    dispatchMemoryMb: memory['functions/dispatch.handler'] ?? 1024,
    logBytes: w((r) => r.logBytes),
    s3Puts: w((r) => r.s3Puts),
    s3Bytes: w((r) => r.s3Bytes),
    emails: w((r) => r.emails),
    // SendMessageBatch per 10, then per invocation one receive and one delete batch.
    sqsRequests: 0.1 + 2 * w((r) => r.invocations),
  };
}

/** The document fates the slow portals drew since `from` (bench/page-fate.ts), so a run shows what it exercised. */
const fates = (now: Record<string, number>, from: Record<string, number>): string =>
  Object.keys(now)
    .map((k) => `${k} ${(now[k] ?? 0) - (from[k] ?? 0)}`)
    .join(', ');

const money = (v: number) => `$${v < 10 ? v.toFixed(2) : v.toFixed(0)}`;

async function main(): Promise<void> {
  console.log(
    `bench:cost — page times: ${PAGE_TIMES.timeoutShare * 100} % time out (held past the 20 s limit), ${PAGE_TIMES.failShare * 100} % answer 503, ` +
      `the rest after a delay uniform in ${PAGE_TIMES.minMs / 1000}–${PAGE_TIMES.maxMs / 1000} s; times × ${SCALE} (billed time ÷ ${SCALE}); ` +
      `${SLOW} slow portals + ${TIMING.length} timing fixtures; ${ENVS} probe environments at once${PIN ? ` on their own CPUs (the bench on CPU 0)${LIMIT_CPU ? ", capped at their memory size's vCPUs" : ''}` : ''}; catalogue every ${CHECKS_EVERY_HOURS} h ` +
      `(deadline ${CATALOGUE_DEADLINE_MS / 1000} s, not scaled). Shared 2-core machine: figures are noisy.`,
  );
  // BENCH_COST_OUT: the cloud assembly of an earlier `sst build` of this bench, reused as it is.
  const reuse = process.env.BENCH_COST_OUT;
  const build = reuse
    ? { status: 0, output: '', outDir: reuse, cleanup: async () => {} }
    : await runSstBuild(root, 'costbench', {
        DVCWATCH_REGISTRY_URI: `s3://${REGISTRY_BUCKET}/${REGISTRY_KEY}`,
        DVCWATCH_OPERATORS: 'vanhanh.bench@example.vn',
        // SQS's floor for an event source mapping is 2: the bench plays it with ENVS (startLocalCloud's maxConcurrency).
        DVCWATCH_PROBE_MAX_CONCURRENCY: String(Math.max(2, ENVS)),
      });
  if (build.status !== 0) throw new Error(`sst build failed:\n${build.output.slice(-3000)}`);
  // The bench's own servers on the first core, the probe's environments on the others (PIN).
  if (PIN) pinCpus(process.pid, '0');
  try {
    const app = new BuiltApp(build.outDir);
    const memory = Object.fromEntries(
      app
        .resources('AWS::Lambda::Function')
        .map((r) => [String(r.resource.Properties?.Handler ?? r.id), Number(r.resource.Properties?.MemorySize ?? 1024)] as const),
    );
    const alarms = app.resources('AWS::CloudWatch::Alarm').length;
    const fixed: Fixed = {
      alarms,
      retentionDays: 400,
      logRetentionDays: 365,
      labRunsPerDay: 3,
      // bench/results-lab.json: ≈ 11 s per Lighthouse mobile run on fast fixture pages, plus the 6.5 s mean page time.
      labSecondsPerRun: 18,
      labMemoryMb: 2048,
    };
    const bills: Record<
      string,
      { m: PerAgencyRound; b100: ReturnType<typeof monthlyBill>; b1000: ReturnType<typeof monthlyBill> }
    > = {};
    for (const v of VARIANTS) {
      const rounds = await runVariant(app, v);
      const m = perAgencyRound(rounds, memory);
      if (v === 'before') m.probeMemoryMb = BEFORE_PROBE_MB;
      bills[v] = { m, b100: monthlyBill(100, m, fixed), b1000: monthlyBill(1000, m, fixed) };
    }
    console.log(`\nprices: ${PRICES.source}, read ${PRICES.date}; ${alarms} alarms in the built templates`);
    for (const v of VARIANTS) {
      const { m, b100, b1000 } = bills[v]!;
      console.log(
        `\n${v}: billed probe ${m.probeSeconds.toFixed(1)} s per agency-round at ${m.probeMemoryMb} MB ` +
          `(${m.probeInvocations.toFixed(2)} invocations), ${m.wru.toFixed(1)} WRU + ${m.rru.toFixed(1)} RRU per agency-round`,
      );
      console.log('  component            100 agencies   1,000 agencies');
      for (const k of Object.keys(b100))
        console.log(`  ${k.padEnd(20)} ${money(b100[k]!).padStart(12)} ${money(b1000[k]!).padStart(16)}`);
      console.log(`  ${'total'.padEnd(20)} ${money(total(b100)).padStart(12)} ${money(total(b1000)).padStart(16)}`);
    }
    const [b, a] = [bills.before, bills.after];
    if (!a || !b) {
      console.log(`cost: not printed, only ${ONLY} was run (BENCH_COST_ONLY)`);
      return;
    }
    console.log(
      `cost: 100 agencies $${total(a.b100).toFixed(0)}/month, 1,000 agencies $${total(a.b1000).toFixed(0)}/month ` +
        `(before: $${total(b.b100).toFixed(0)}, $${total(b.b1000).toFixed(0)})`,
    );
  } finally {
    await build.cleanup();
  }
}

await main();
process.exit(0);
