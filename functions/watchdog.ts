import { watchdog } from '@dvcwatch/runner';
import type { ScheduledEvent } from 'aws-lambda';
import { withMiddleware } from './shared/middleware.js';
import { runnerDeps } from './shared/services.js';

/** Every 30 minutes: the dead man's switch (no finished round for two hours → the operators). */
export const handler = withMiddleware('watchdog', async (event: ScheduledEvent, log) =>
  watchdog(await runnerDeps(log), event.time),
);
