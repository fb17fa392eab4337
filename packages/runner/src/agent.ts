import type { ProbeConfig } from '@dvcwatch/core';
import type { Prober } from '@dvcwatch/probe';
import type { VantageObservations } from '@dvcwatch/store';
import { z } from 'zod';
import type { Logger } from './log.js';
import { warnAnd } from './log.js';
import { lookFrom } from './vantages.js';

/** One confirmation job, as the probe Lambda sends it to the agent queue (runner/vantages.ts VantageJob). */
export const VantageJobSchema = z.strictObject({
  agencyId: z.string().min(1),
  at: z.iso.datetime(),
  vantageId: z.string().min(1),
  home: z.url({ protocol: /^https?$/ }),
  nationalHosts: z.array(z.string().min(1)),
  deadline: z.iso.datetime(),
});

/** What the agent did with a job; every outcome but `failed` removes the job from the queue. */
export type AgentOutcome = 'stored' | 'duplicate' | 'stale' | 'other-vantage' | 'invalid' | 'failed';

export interface AgentOptions {
  vantageId: string;
  prober: Prober;
  observations: VantageObservations;
  probe: Pick<ProbeConfig, 'pageTimeoutMs' | 'confirmAttempts' | 'confirmDelayMs'>;
  log: Logger;
  now: () => number;
}

/**
 * Handles one job of an agent vantage: looks at the portal from here and stores what it saw (first write wins).
 * A job past its round's deadline is dropped unprobed: the round has been finalized without it.
 */
export async function handleAgentJob(body: string, o: AgentOptions): Promise<AgentOutcome> {
  let job: z.infer<typeof VantageJobSchema>;
  try {
    job = VantageJobSchema.parse(JSON.parse(body));
  } catch (e) {
    o.log.warn('agent job dropped: not a vantage job', { error: e instanceof Error ? e.message.slice(0, 300) : String(e) });
    return 'invalid';
  }
  if (job.vantageId !== o.vantageId) {
    o.log.warn('agent job for another vantage dropped', { job: job.vantageId, here: o.vantageId });
    return 'other-vantage';
  }
  if (Date.parse(job.deadline) <= o.now()) return 'stale';
  try {
    const seen = await lookFrom(o.prober, job, o.probe);
    if (Date.parse(job.deadline) <= o.now()) return 'stale';
    const stored = await o.observations.put({ agencyId: job.agencyId, at: job.at, seen });
    o.log.info('vantage observation', { agencyId: job.agencyId, at: job.at, status: seen.status, stored });
    return stored ? 'stored' : 'duplicate';
  } catch (e) {
    o.log.error('agent job failed; it will be retried', { agencyId: job.agencyId, error: String(e) });
    return 'failed';
  }
}

/** A queue the agent takes jobs from (SQS in production). */
export interface AgentQueue {
  /** Up to `max` jobs (SQS: at most 10 a receive); `signal` ends a long poll at once (a job received is not lost). */
  receive(max: number, signal?: AbortSignal): Promise<{ body: string; receipt: string }[]>;
  remove(receipt: string): Promise<void>;
}

/**
 * Takes jobs until `signal` aborts (or once, with `once`): up to `concurrency` jobs at once (each its own page from
 * the shared browser), each removed from the queue unless it failed. Returns how many jobs it handled.
 */
export async function runAgent(
  queue: AgentQueue,
  o: AgentOptions & { signal?: AbortSignal; once?: boolean; retryDelayMs?: number; concurrency?: number },
): Promise<number> {
  const concurrency = Math.max(1, o.concurrency ?? 1);
  let handled = 0;
  const worker = async (): Promise<void> => {
    do {
      const messages = await queue.receive(1, o.signal).catch(async (e: unknown) => {
        // Stopped while waiting for a job (SIGTERM): nothing was taken.
        if (o.signal?.aborted) return [];
        o.log.error('agent queue unavailable; trying again shortly', { error: String(e) });
        // No busy loop while the network or SQS is away.
        if (!o.once) await new Promise((r) => setTimeout(r, o.retryDelayMs ?? 10_000));
        return [];
      });
      for (const m of messages) {
        const outcome = await handleAgentJob(m.body, o);
        handled++;
        if (outcome !== 'failed')
          // A job not removed comes back after its visibility timeout and is answered `duplicate` (first write wins).
          await queue.remove(m.receipt).catch(warnAnd(o.log, 'agent job not removed from the queue', { outcome }, undefined));
      }
    } while (!o.once && !o.signal?.aborted);
  };
  // Each worker long-polls for one job: a slow portal holds one worker, never the others.
  await Promise.all(Array.from({ length: o.once ? 1 : concurrency }, worker));
  return handled;
}
