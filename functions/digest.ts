import { sendDigests } from '@dvcwatch/runner';
import type { ScheduledEvent } from 'aws-lambda';
import { withMiddleware } from './shared/middleware.js';
import { runnerDeps } from './shared/services.js';

/** Monday 08:00 Asia/Ho_Chi_Minh: each head's weekly digest. */
export const handler = withMiddleware('digest', async (event: ScheduledEvent, log) =>
  sendDigests(await runnerDeps(log), event.time),
);
