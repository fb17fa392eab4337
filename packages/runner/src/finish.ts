import type { Agency, Result } from '@dvcwatch/core';
import { NotFoundError } from '@dvcwatch/store';
import type { RunnerDeps } from './deps.js';

export interface RecordOutcome {
  /** False when a result for this agency and round was already stored (a retry): the stored one is kept. */
  stored: boolean;
  /** The result the round goes on with: the one stored first. */
  result: Result;
}

/**
 * Records one agency's measurement for its round: stores the result (first one wins) and marks the agency done.
 * Nothing is judged across agencies or emailed here: the round decides alerts once, when it is finalized
 * (round-alerts.ts), for the local round and the Lambda finalize alike. Safe to call again after a crash.
 */
export async function recordResult(deps: RunnerDeps, agency: Agency, result: Result): Promise<RecordOutcome> {
  const stored = await deps.store.putResult(result);
  const effective = stored ? result : ((await deps.store.getResult(result.agencyId, result.at)) ?? result);
  await deps.store.markDone(effective.at, agency.id).catch((e: unknown) => {
    // A replayed or manual result may have no round record; that is not an error.
    if (!(e instanceof NotFoundError)) throw e;
  });
  return { stored, result: effective };
}
