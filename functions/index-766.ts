import { index766MonthOf } from '@dvcwatch/core';
import { importIndex766 } from '@dvcwatch/runner';
import type { ScheduledEvent } from 'aws-lambda';
import { withMiddleware } from './shared/middleware.js';
import { runnerDeps } from './shared/services.js';

/**
 * Once a day: the QĐ 766 index of the current month, from the national portal. A failure throws (the Errors alarm
 * tells the operators) and stores nothing, so the previous import stays what the site shows.
 */
export const handler = withMiddleware('index-766', async (event: ScheduledEvent, log) => {
  const deps = await runnerDeps(log);
  const imported = await importIndex766(deps.store, deps.registry, {
    period: index766MonthOf(event.time),
    now: () => new Date().toISOString(),
  });
  log.info('index 766 imported', {
    period: imported.period,
    rows: imported.rows.length,
    matched: Object.keys(imported.matched).length,
    unmatched: imported.unmatched,
    sha256: imported.sha256,
  });
  return { period: imported.period, rows: imported.rows.length, unmatched: imported.unmatched.length };
});
