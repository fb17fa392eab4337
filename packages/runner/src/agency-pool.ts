import pLimit from 'p-limit';

/**
 * The one pool agency jobs run through, wherever they run: the local round (runner/round.ts, every agency of the
 * registry at the round's concurrency) and the probe Lambda (functions/probe.ts, the agencies of one SQS batch at
 * the function's concurrency), so whatever the probe path adds around a job (timing isolation, contention signals)
 * applies to both alike. Every job runs to its end; each outcome is reported on its own (a failed job never hides
 * the others', as SQS partial batch failures need).
 */
export async function runAgencyPool<T, R>(
  jobs: readonly T[],
  concurrency: number,
  run: (job: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const limit = pLimit(Math.max(1, Math.floor(concurrency)));
  return Promise.allSettled(jobs.map((job, i) => limit(() => run(job, i))));
}

/** The values of settled jobs, or the first failure thrown (the local round stops on a job that threw). */
export const valuesOrThrow = <R>(settled: readonly PromiseSettledResult<R>[]): R[] =>
  settled.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
