import { publishEdition, sendEditionSummaries } from '@dvcwatch/runner';
import type { ScheduledEvent } from 'aws-lambda';
import { withMiddleware } from './shared/middleware.js';
import { runnerDeps } from './shared/services.js';

/** On the 1st: the past month's edition, written once (a retry finds it and writes nothing), and the heads' summaries. */
export const handler = withMiddleware('edition', async (event: ScheduledEvent, log) => {
  const deps = await runnerDeps(log);
  const { month, written, edition } = await publishEdition(deps.store, deps.registry, event.time);
  const { sent } = await sendEditionSummaries(deps, edition);
  log.info('monthly edition', { month, written, agencies: edition.agencies.length, summaries: sent });
  return { month, written, summaries: sent };
});
