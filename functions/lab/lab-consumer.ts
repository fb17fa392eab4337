import type { LabRunner } from '@dvcwatch/probe/lab';
import { runLabPhase } from '@dvcwatch/runner';
import { withSqsBatch } from '../shared/middleware.js';
import { runnerDeps } from '../shared/services.js';
import { LabJob } from './lab-job.js';

/**
 * The lab queue's consumer: one LabJob per invocation (batch size 1, stacks/Lab.ts), Lighthouse on that agency's home
 * and form pages, each run appended to its lab day (runner/lab-round.ts). `runnerOf` gives the container's lab runner,
 * asked for only once there is an agency to measure (tests pass one that does not launch Lighthouse).
 *
 * The runner runs in `force` mode: the schedule decided once, when it queued the job, that the agency is due at `at`;
 * a job taken late (a retry, a backlog) still measures it, its runs kept under the day of `at`. A record fails only
 * when the job is malformed or the registry or store cannot be reached (runLabPhase records a failed page as a run
 * without numbers): SQS retries it, then dead-letters it (the LabDlq alarm).
 */
export function labConsumer(runnerOf: () => LabRunner) {
  return withSqsBatch(
    'lab',
    async (record, baseLog) => {
      const job = LabJob.parse(JSON.parse(record.body));
      const deps = await runnerDeps(baseLog.child({ at: job.at, agencyId: job.agencyId }));
      const agency = deps.registry.agencies.find((a) => a.id === job.agencyId);
      if (!agency) {
        // The registry changed since the job was queued: nothing to measure, and retrying will not help.
        deps.log.warn('agency not in registry; lab job dropped');
        return;
      }
      const done = await runLabPhase(deps, { runner: runnerOf(), mode: 'force' }, [agency], job.at);
      deps.log.info('lab agency done', { summary: done.get(agency.id) ?? null });
    },
    // Lighthouse's simulated throttling assumes the CPU to itself: never two runs in one environment, whatever the batch.
    () => 1,
  );
}
