import type { DispatchJobs } from '@dvcwatch/store';
import type { RunnerDeps } from './deps.js';

/** One probe job: measure one agency for one round. */
export interface Job {
  agencyId: string;
  at: string;
}

/** The probe queue (SQS on AWS): sends up to 10 jobs, says which it accepted and which it refused. */
export interface JobQueue {
  send(
    jobs: Job[],
  ): Promise<{ queued: { agencyId: string; messageId: string }[]; failed: { agencyId: string; reason: string }[] }>;
}

export interface DispatchOptions {
  at: string;
  /** Who is dispatching (the Lambda request id): a claim is held by its owner until its lease runs out. */
  owner: string;
  /** At least the dispatch function's timeout: a crashed dispatch's claims lapse before its retry. */
  leaseMs: number;
  now: () => number;
}

/** SQS's SendMessageBatch limit. */
const BATCH = 10;

/**
 * Starts a round (the round record, kept if it exists) and queues one job per expected agency — resumably. Each
 * job is claimed (a conditional write), sent, then marked queued, so a second delivery of the same event, or a
 * retry after a crash half-way, sends exactly the jobs not yet queued and nothing twice, and a crash never loses a
 * job: a claim whose dispatch died lapses after `leaseMs`, and a claim the queue refused is released at once.
 *
 * Residual window: a crash after SQS accepted a batch but before its `queued` markers were written makes the retry
 * send those jobs (at most one batch) again. That duplicate is harmless: the probe keeps the result already stored
 * for the agency and round (runner/agency-job.ts), and every email is keyed (notify/mailer.ts).
 */
export async function dispatchRound(
  deps: RunnerDeps,
  jobs: DispatchJobs,
  queue: JobQueue,
  o: DispatchOptions,
): Promise<{ at: string; queued: number; skipped: number }> {
  const fresh = await deps.store.startRound({
    at: o.at,
    startedAt: new Date(o.now()).toISOString(),
    expected: deps.registry.agencies.map((a) => a.id),
    done: [],
    finishedAt: null,
    trigger: 'schedule',
  });
  // A resumed round keeps the agencies it was started with, even if the registry changed since.
  const expected = fresh ? deps.registry.agencies.map((a) => a.id) : ((await deps.store.getRound(o.at))?.expected ?? []);
  let queued = 0;
  let skipped = 0;
  for (let i = 0; i < expected.length; i += BATCH) {
    const batch = expected.slice(i, i + BATCH);
    const claims = await Promise.all(batch.map((id) => jobs.claim(o.at, id, o.owner, o.now(), o.leaseMs)));
    const mine = batch.filter((_, j) => claims[j]);
    skipped += batch.length - mine.length;
    if (mine.length === 0) continue;
    const out = await queue.send(mine.map((agencyId) => ({ agencyId, at: o.at })));
    await Promise.all(out.queued.map((q) => jobs.queued(o.at, q.agencyId, q.messageId)));
    queued += out.queued.length;
    if (out.failed.length > 0) {
      await Promise.all(out.failed.map((f) => jobs.release(o.at, f.agencyId, o.owner)));
      throw new Error(
        `the queue refused ${out.failed.length} jobs: ${out.failed.map((f) => `${f.agencyId} (${f.reason})`).join('; ')}`,
      );
    }
  }
  deps.log.info('round dispatched', { at: o.at, queued, skipped, fresh });
  return { at: o.at, queued, skipped };
}
