/** The last calibration: when it ended (performance.now() time) and what it read. */
let last: { at: number; share: number } | null = null;

/**
 * How much of one CPU this process gets right now: the process's CPU time over the wall time of a short busy loop.
 * Near 1 on an idle core; well below when other processes (the browser's other pages, other programs) compete for
 * it. A self-normalising cousin of Lighthouse's `benchmarkIndex`: no reference machine is needed, and 50 ms costs
 * little beside a page load. Several threads of the process may add up above 1: capped.
 */
export function cpuShare(ms = 50): number {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let x = 0;
  while (performance.now() - t0 < ms) x += Math.sqrt(x + 1);
  const used = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  // `x` is read so the loop is not optimised away.
  const share = Number.isFinite(x) ? Math.min(1, Math.round(((used.user + used.system) / 1000 / wall) * 100) / 100) : 0;
  last = { at: performance.now(), share };
  return share;
}

/**
 * The CPU share, from a calibration that ended at most `maxAgeMs` ago, or a new one. One timed load's calibration
 * after it and the next one's before it are taken at the same moment when the timing lane hands over at once: the
 * same reading serves both (50 ms of each load's time, with nothing learnt by the second).
 */
export function recentCpuShare(maxAgeMs: number, now = performance.now()): number {
  return last && now - last.at >= 0 && now - last.at <= maxAgeMs ? last.share : cpuShare();
}

/** The last calibration, or null before the first (tests, logs). */
export const lastCpuShare = (): { at: number; share: number } | null => (last ? { ...last } : null);
