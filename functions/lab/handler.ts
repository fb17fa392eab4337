import { createLabRunner, type LabRunner } from '@dvcwatch/probe/lab';
import { runLabPhase } from '@dvcwatch/runner';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { env } from '../shared/env.js';
import { withMiddleware } from '../shared/middleware.js';
import { runnerDeps } from '../shared/services.js';

/** Longest Lighthouse run of one page plus margin: an agency is started only with this much time left. */
const AGENCY_MS = 150_000;

// One Chromium (with its DevTools port) per container, reused across invocations; relaunched after a failed run.
let runner: LabRunner | null = null;

/**
 * The ministry profile, hourly in Vietnamese office hours: Lighthouse (mobile, simulated throttling) on the home and
 * form pages of every agency whose hour it is (core/lab-schedule.ts), one page at a time; each run is appended to the
 * agency's lab day. Its own function and schedule: Lighthouse needs Chrome's DevTools port and minutes, not the probe's
 * seconds, and must not share a CPU with the hourly probes.
 */
export const handler = withMiddleware('lab', async (event: ScheduledEvent, log, context: Context) => {
  const e = env();
  const deps = await runnerDeps(log);
  runner ??= createLabRunner({
    guard: { local: e.DVCWATCH_ALLOW_ORIGINS.length > 0, allowedOrigins: e.DVCWATCH_ALLOW_ORIGINS },
    timeoutMs: 60_000,
    // Lambda needs @sparticuz/chromium's --single-process; TBT and the score of these runs are withheld (see README).
    singleProcess: true,
  });
  const at = new Date(Math.floor(Date.parse(event.time) / 3_600_000) * 3_600_000).toISOString();
  const done = await runLabPhase(
    deps,
    { runner, mode: 'schedule', hasTime: () => context.getRemainingTimeInMillis() > AGENCY_MS },
    deps.registry.agencies,
    at,
  );
  log.info('lab hour done', { at, agencies: done.size });
  return { at, agencies: [...done.keys()] };
});
