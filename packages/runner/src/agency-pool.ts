import pLimit from 'p-limit';

/**
 * The pool agency jobs of a local round run through (runner/round.ts, every agency of the registry at the round's
 * concurrency; the probe Lambda's invocation runs its batch the same way, functions/shared/middleware.ts, and takes
 * further jobs from its queue as places free up). What isolates timed loads is the process's timing lane
 * (probe/timing-lane.ts), which both share. Every job runs to its end; each outcome is reported on its own (a failed
 * job never hides the others', as SQS partial batch failures need).
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
