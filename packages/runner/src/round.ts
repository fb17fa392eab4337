import type { Agency, LabSummary, Result } from '@dvcwatch/core';
import { agencyJob } from './agency-job.js';
import { runAgencyPool, valuesOrThrow } from './agency-pool.js';
import type { RunnerDeps } from './deps.js';
import { finalizeRound, type RoundSummary } from './finalize.js';
import { recordResult } from './finish.js';
import { type LabRoundOptions, runLabPhase } from './lab-round.js';
import type { ProbeAgencyOptions } from './probe-agency.js';
import { runTimedPass } from './timed-pass.js';

/** Keeps results the store could not take, and gives them back when it returns (a local file spool). */
export interface Spool {
  save(result: Result): Promise<void>;
  load(): Promise<Result[]>;
  remove(result: Result): Promise<void>;
}

export interface RoundOptions {
  at: string;
  trigger: 'schedule' | 'manual' | 'replay';
  concurrency: number;
  probe: ProbeAgencyOptions;
  spool: Spool | null;
  now: () => string;
  /** The ministry profile (Lighthouse mobile), run before the hourly probes for due agencies; absent: not run. */
  lab?: LabRoundOptions | null;
  /**
   * Every agency's timed pages first, then the catalogues (runner/timed-pass.ts; default true). False: each agency
   * times its pages and gathers in one job (the behaviour before issue 19, kept for the benchmark's comparison).
   */
  timedFirst?: boolean;
  /** Called as each agency's measurement starts (progress line). */
  onStart?: (agencyId: string, started: number, total: number) => void;
  /** Called as each agency finishes (progress line). */
  onResult?: (r: Result, done: number, total: number) => void;
}

/** Runs one round locally: every agency through a bounded pool, each result recorded; then the round's alerts, once. */
export async function runRound(deps: RunnerDeps, o: RoundOptions): Promise<RoundSummary & { spooled: number }> {
  await drainSpool(deps, o.spool);
  const agencies = deps.registry.agencies;
  await deps.store
    .startRound({
      at: o.at,
      startedAt: o.now(),
      expected: agencies.map((a) => a.id),
      done: [],
      finishedAt: null,
      trigger: o.trigger,
    })
    .catch((e: unknown) =>
      deps.log.warn('could not record the round start; results will be spooled if the store stays away', { error: String(e) }),
    );
  const labs = o.lab ? await runLabPhase(deps, o.lab, agencies, o.at) : new Map<string, LabSummary | null>();
  let done = 0;
  let begun = 0;
  let spooled = 0;
  const begunIds = new Set<string>();
  const start = (agency: Agency) => {
    if (begunIds.has(agency.id)) return;
    begunIds.add(agency.id);
    o.onStart?.(agency.id, ++begun, agencies.length);
  };
  const timedFirst = o.timedFirst !== false;
  const timed = timedFirst ? await runTimedPass(deps, agencies, o.at, o.probe, o.concurrency, start) : undefined;
  const probe: ProbeAgencyOptions = timed ? { ...o.probe, timed } : o.probe;
  valuesOrThrow(
    await runAgencyPool(agencies, o.concurrency, async (agency) => {
      // An overlapping round for the same hour already measured this agency: its result is kept (first wins).
      // The row of a round that ran the ministry profile carries the day's lab summary (never judged hourly).
      const withLab = (r: Result): Result =>
        labs.has(agency.id) && r.lab === undefined ? { ...r, lab: labs.get(agency.id) ?? null } : r;
      start(agency);
      const job = await agencyJob(deps, agency, o.at, probe, (r) => finishSafely(deps, agency, withLab(r), o.spool), {
        measureWhenStoreUnreadable: true,
      });
      if (!job.recorded) spooled++;
      o.onResult?.(job.measured ? withLab(job.result) : job.result, ++done, agencies.length);
    }),
  );
  if (spooled > 0) {
    deps.log.warn('store unavailable: results kept in the spool', { at: o.at, spooled });
    return { at: o.at, expected: agencies.length, results: agencies.length, missing: [], counts: {}, finished: false, spooled };
  }
  return { ...(await finalizeRound(deps, o.at, o.now())), spooled };
}

async function finishSafely(deps: RunnerDeps, agency: Agency, result: Result, spool: Spool | null): Promise<boolean> {
  try {
    await recordResult(deps, agency, result);
    return true;
  } catch (e) {
    if (!spool) throw e;
    deps.log.error('could not store result, spooling it', { agencyId: agency.id, at: result.at, error: String(e) });
    await spool.save(result);
    return false;
  }
}

/** Writes spooled results (from a round during which the store was away), oldest first; keeps what still fails. */
export async function drainSpool(deps: RunnerDeps, spool: Spool | null): Promise<number> {
  if (!spool) return 0;
  const pending = (await spool.load()).sort((a, b) => a.at.localeCompare(b.at));
  let written = 0;
  for (const r of pending) {
    const agency = deps.registry.agencies.find((a) => a.id === r.agencyId);
    if (!agency) continue;
    try {
      await recordResult(deps, agency, r);
      await spool.remove(r);
      written++;
    } catch (e) {
      deps.log.warn('spool drain stopped: store still unavailable', { error: String(e) });
      break;
    }
  }
  if (written > 0) {
    // The drained results are stored; a round left unfinished here is finished by its own next finalize.
    for (const at of new Set(pending.map((r) => r.at)))
      await finalizeRound(deps, at, new Date().toISOString()).catch((e: unknown) =>
        deps.log.warn('could not finalize a round after draining the spool', { at, error: String(e) }),
      );
  }
  return written;
}
