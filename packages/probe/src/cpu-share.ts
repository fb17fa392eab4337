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
  return Number.isFinite(x) ? Math.min(1, Math.round(((used.user + used.system) / 1000 / wall) * 100) / 100) : 0;
}
