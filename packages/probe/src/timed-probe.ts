import { CONTENDED_CPU_SHARE, isErrorPage, type PageArtifacts, type TimingConditions } from '@dvcwatch/core';
import { cpuShare, recentCpuShare } from './cpu-share.js';
import type { PageDeps } from './guarded-page.js';
import { HOLD_MAX_MS, type ProbePageOptions, probePageNow } from './probe-page.js';
import { PROCESS_TIMING_LANE } from './timing-lane.js';

/** A calibration that ended this recently serves as the next load's first (cpu-share.ts `recentCpuShare`). */
export const CALIBRATION_REUSE_MS = 100;

/** Longest wait for the timing lane: past it the load runs anyway, counted as contended. */
export const LANE_MAX_WAIT_MS = 60_000;

/**
 * Probes one page in the process's timing lane (timing-lane.ts): alone, with no gathering page open. Records the CPU
 * share around it and whether it ran alone; never throws for the portal's fault (see probe-page.ts `probePageNow`).
 */
export const probePage = async (
  deps: PageDeps,
  url: string,
  kind: 'home' | 'form',
  opts: ProbePageOptions = {},
): Promise<PageArtifacts> => {
  const lane = deps.lane ?? PROCESS_TIMING_LANE;
  const {
    value,
    waitedMs,
    alone,
    overlapped: overlappedRaw,
    othersCpuMs,
  } = await lane.timed(
    async (marks) => {
      // The calibrations and the browser's launch and close use the CPU: busy phases (timing-lane.ts).
      await marks.hold(HOLD_MAX_MS);
      marks.begin();
      const before = recentCpuShare(CALIBRATION_REUSE_MS);
      marks.end();
      marks.release();
      // Let the I/O that arrived during the calibration (a browser that died, a page event) be handled first.
      await new Promise<void>((r) => setImmediate(r));
      const page = await probePageNow(deps, url, kind, opts, marks);
      await marks.hold(HOLD_MAX_MS);
      marks.begin();
      const after = cpuShare();
      marks.end();
      return { page, share: Math.min(before, after) };
    },
    LANE_MAX_WAIT_MS,
    opts.exclusive === true,
  );
  // A page with no numbers (it failed, or answered an error page) has none another load could have bent.
  const overlapped = overlappedRaw && value.page.error === null && !isErrorPage(value.page);
  const conditions: TimingConditions = {
    cpuShare: value.share,
    ...(othersCpuMs === null ? {} : { othersCpuMs }),
    laneWaitMs: waitedMs,
    alone: alone && !overlapped,
    ...(overlapped ? { overlapped } : {}),
    contended: !alone || overlapped || value.share < CONTENDED_CPU_SHARE,
  };
  return { ...value.page, conditions };
};
