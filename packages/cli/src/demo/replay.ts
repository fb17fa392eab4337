import {
  combineVantages,
  evaluate,
  initialState,
  inMaintenance,
  oneLine,
  type ProbeArtifacts,
  type Result,
  type VantageSeen,
  vnDay,
} from '@dvcwatch/core';
import { type MailSender, type RunnerDeps, recordResult, settleResult } from '@dvcwatch/runner';
import { ConflictError, type Sends } from '@dvcwatch/store';
import pLimit from 'p-limit';
import { deriveHour } from './replay-scenario.js';

const HOUR = 3_600_000;

/** The hour an instant falls in (ISO, on the hour). */
export const floorHour = (iso: string): string => new Date(Math.floor(Date.parse(iso) / HOUR) * HOUR).toISOString();

/** Which hours a replay would write. */
export interface ReplayPlan {
  /** First and last replayed hour (ISO); null when there is nothing to replay. */
  from: string | null;
  last: string | null;
  /** Hours still missing a result for at least one agency, oldest first. */
  hours: string[];
  /** When live (measured) rounds begin, if they begin before the requested end: the replay stops short of them. */
  liveFrom: string | null;
  /** Round times already counted per agency, left alone by the replay (absent: every planned hour is replayed). */
  counted?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Plans a replay of `days` days of hourly rounds ending before `until` (exclusive, floored to the hour). Replayed
 * history is only ever written before the first live round: it never fills gaps in, or follows, measured history.
 * Hours whose every agency already has a counted result are left out, so a second run (or a resumed one) only
 * does what is missing.
 */
export async function planReplay(deps: RunnerDeps, o: { days: number; until: string }): Promise<ReplayPlan> {
  let end = Date.parse(floorHour(o.until));
  const live = (await deps.store.rounds(1_000_000, new Date(end).toISOString()))
    .filter((r) => r.trigger !== 'replay')
    .map((r) => r.at)
    .sort();
  const liveFrom = live[0] && Date.parse(live[0]) < end ? live[0] : null;
  if (liveFrom) end = Math.min(end, Date.parse(floorHour(liveFrom)));
  const start = end - o.days * 24 * HOUR;
  const all: string[] = [];
  for (let t = start; t < end; t += HOUR) all.push(new Date(t).toISOString());
  if (all.length === 0) return { from: null, last: null, hours: [], liveFrom };
  const firstDay = vnDay(all[0]!);
  const lastDay = vnDay(all.at(-1)!);
  const counted = new Map(
    await Promise.all(
      deps.registry.agencies.map(
        async (a) => [a.id, new Set((await deps.store.days(a.id, firstDay, lastDay)).flatMap((d) => d.ats))] as const,
      ),
    ),
  );
  const hours = all.filter((at) => [...counted.values()].some((ats) => !ats.has(at)));
  return { from: all[0]!, last: all.at(-1)!, hours, liveFrom, counted };
}

export interface ReplayOptions {
  plan: ReplayPlan;
  /** One real probe per agency id (real Chromium); agencies without one are left out of the replay. */
  recording: ReadonlyMap<string, ProbeArtifacts>;
  /** When the recording was taken. */
  recordedAt: string;
  /**
   * What the other vantages saw when the recording's first vantage saw `down` (runner/vantages.ts), per agency
   * id: a replayed `down` of that agency is combined with it as a live round would (a `geo` portal stays `geo`).
   */
  vantages?: ReadonlyMap<string, readonly VantageSeen[]>;
  /** Agencies replayed at once within an hour (hours themselves run in order: alert state is ordered). */
  concurrency: number;
  seed?: number;
  /** Called after each replayed hour. */
  onHour?: (at: string, done: number, total: number) => void;
}

export interface ReplaySummary {
  hours: number;
  /** Results stored by this run (a result already there is kept and not counted). */
  stored: number;
  /** Incidents opened in the replayed history. */
  incidents: number;
  /** Emails the alert policy decided and the replay recorded as suppressed instead of sending. */
  suppressed: number;
  /** Agencies of the registry with no recording, so no replayed history. */
  skipped: string[];
}

/**
 * The mail stand-in for replayed history. A replayed hour never happened live: telling an agency head that their
 * portal "has been down since 08:00 on 3 September" about a derived hour would be false, and demo registries name
 * real-looking addresses. So every email the alert policy decides is recorded in Sends as `suppressed` (shown by
 * `dvcwatch alerts`; the key can never be claimed for a real send later) and nothing reaches SES. Incidents still
 * open, remind and resolve, so the site's timeline shows them.
 */
export function suppressingMailer(sends: Sends, now: () => number = Date.now): MailSender & { count(): number } {
  let n = 0;
  return {
    send: async (key, message) => {
      await sends.suppress(
        { ...key, to: message.to, subject: oneLine(message.subject, 250) },
        now(),
        'lịch sử phát lại: không gửi (replayed history: never sent)',
      );
      n++;
      return 'suppressed';
    },
    count: () => n,
  };
}

/**
 * Replays hourly history for the registry's agencies: each planned hour, each agency's artifacts are derived from
 * its recording (replay-scenario.ts), judged by `evaluate`, recorded and settled (`recordResult`, `settleResult`: stored first-wins, day
 * aggregate, round record, alert state, incidents), exactly as a live result is; rounds are recorded with trigger
 * `replay`. Every result carries `replay` (recording time, scenario, events); emails go to `suppressingMailer`.
 *
 * Order: each agency's hours run oldest first, one at a time (its alert state is ordered); agencies run side by
 * side, each at its own pace, since no agency's state depends on another's. A round is marked finished when its
 * last agency is done. The finalizer's other duties do not apply: every expected agency gets its row here, and a
 * derived result is never a monitor error.
 *
 * Idempotent: results are first-wins, aggregates count a round time once, and the alert state ignores rounds at
 * or before the last one it applied; `planReplay` leaves out hours already counted.
 */
export async function replayHistory(deps: RunnerDeps, o: ReplayOptions): Promise<ReplaySummary> {
  const mailer = suppressingMailer(deps.sends);
  const quiet: RunnerDeps = { ...deps, mailer };
  const agencies = deps.registry.agencies.filter((a) => o.recording.has(a.id));
  const skipped = deps.registry.agencies.filter((a) => !o.recording.has(a.id)).map((a) => a.id);
  const last = o.plan.last;
  const seed = o.seed ?? 1;
  const summary = { hours: o.plan.hours.length, stored: 0, incidents: 0, suppressed: 0, skipped };
  if (!last || agencies.length === 0) return { ...summary, hours: 0 };
  const expected = agencies.map((a) => a.id);
  const todo = (agencyId: string, at: string) => !o.plan.counted?.get(agencyId)?.has(at);
  // Per hour: the round record's start (shared by its agencies) and what is left before it is finished.
  const rounds = new Map<string, { started: Promise<unknown>; left: number; slowestMs: number }>();
  let hoursDone = 0;
  const round = (at: string) => {
    let r = rounds.get(at);
    if (!r) {
      const started = deps.store.startRound({ at, startedAt: at, expected, done: [], finishedAt: null, trigger: 'replay' });
      r = { started, left: agencies.filter((a) => todo(a.id, at)).length, slowestMs: 0 };
      rounds.set(at, r);
    }
    return r;
  };
  const replayAgency = async (agency: (typeof agencies)[number]) => {
    const recording = o.recording.get(agency.id)!;
    for (const at of o.plan.hours) {
      if (!todo(agency.id, at)) continue;
      const r = round(at);
      await r.started;
      const derived = deriveHour({ agency, registry: deps.registry, recording, at, last, seed });
      const ctx = { at, nationalHosts: deps.registry.nationalHosts, maintenance: inMaintenance(agency.maintenance, at) };
      const judged = evaluate(agency, derived.artifacts, ctx);
      const seen = o.vantages?.get(agency.id);
      const result: Result = {
        ...(seen
          ? combineVantages(
              judged,
              deps.registry.vantages,
              seen.map((v) => ({ ...v, at: v.at && at })),
            )
          : judged),
        replay: { recordedAt: o.recordedAt, scenario: derived.scenario, events: derived.events },
      };
      // A derived hour is final as recorded: no outage guard (nothing was measured), so it is settled at once.
      const recorded = await recordResult(quiet, agency, result);
      const outcome = await settleResult(quiet, agency, recorded.result);
      if (recorded.stored) summary.stored++;
      summary.incidents += outcome.transitions.filter((t) => t.kind === 'open').length;
      r.slowestMs = Math.max(r.slowestMs, result.probeMs);
      if (--r.left === 0) {
        rounds.delete(at);
        // The round finished when its slowest probe would have: its own time, not the time of the replay.
        await deps.store.finishRound(at, new Date(Date.parse(at) + r.slowestMs).toISOString());
        o.onHour?.(at, ++hoursDone, o.plan.hours.length);
      }
    }
  };
  const limit = pLimit(Math.max(1, o.concurrency));
  await Promise.all(agencies.map((a) => limit(() => replayAgency(a))));
  for (const a of agencies) await leaveReplayedState(deps, a.id, last);
  return { ...summary, suppressed: mailer.count() };
}

/**
 * Live alerting starts from what live rounds see. A streak or an open incident of replayed history carried into
 * live rounds would email a head about a past that was derived, not measured ("down since 24 August"), so once a
 * replay is complete the agency's alert state is cleared, keeping only the last round it applied. A replayed
 * incident still open keeps its record (the site shows it as open when the replayed history ended); if the portal
 * is still failing, live rounds open their own incident after `confirmRounds` live observations. A state advanced
 * by live rounds (a replay written before existing live history) is left alone.
 */
async function leaveReplayedState(deps: RunnerDeps, agencyId: string, last: string): Promise<void> {
  const state = await deps.store.getAlertState(agencyId);
  if (!state?.lastAt || state.lastAt > last) return;
  if (!state.incident && state.breachedRounds === 0 && state.cleanRounds === 0 && state.pending.length === 0) return;
  await deps.store
    .putAlertState({ ...initialState(agencyId), lastAt: state.lastAt, version: state.version + 1 }, state.version)
    .catch((e: unknown) => {
      // A live round advanced it meanwhile: then it is live state, and stays.
      if (!(e instanceof ConflictError)) throw e;
    });
}
