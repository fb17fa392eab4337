import { publishEdition } from '@dvcwatch/runner';
import type { ScheduledEvent } from 'aws-lambda';
import { withMiddleware } from './shared/middleware.js';
import { runnerDeps } from './shared/services.js';

/** On the 1st: the past month's edition, written once (a retry finds it and writes nothing). */
export const handler = withMiddleware('edition', async (event: ScheduledEvent, log) => {
  const deps = await runnerDeps(log);
  const { month, written, edition } = await publishEdition(deps.store, deps.registry, event.time);
  log.info('monthly edition', { month, written, agencies: edition.agencies.length });
  return { month, written };
});
