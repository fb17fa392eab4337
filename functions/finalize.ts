import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { finalizeRound } from '@dvcwatch/runner';
import { env } from './shared/env.js';
import { FinalizeEvent, roundOf } from './shared/jobs.js';
import { withMiddleware } from './shared/middleware.js';
import { publishSite } from './shared/publish.js';
import { awsClients, runnerDeps } from './shared/services.js';

const cloudfront = new CloudFrontClient({});

/**
 * Ends a round — invoked by the last probe, or by the deadline schedule at minute 50 — recording agencies with
 * no result as `error`, emitting the round metrics, then publishing the site once.
 */
export const handler = withMiddleware('finalize', async (raw: unknown, log) => {
  const e = env();
  const event = FinalizeEvent.parse(raw);
  const at = 'at' in event ? event.at : roundOf(event.time);
  const deps = await runnerDeps(log.child({ at }));
  if (!(await deps.store.getRound(at))) {
    log.warn('no such round (nothing was dispatched this hour)', { at });
    return { at, finished: false };
  }
  const summary = await finalizeRound(deps, at, new Date().toISOString());
  const errors = summary.counts.error ?? 0;
  // CloudWatch Embedded Metric Format: the alarms on incomplete rounds and on the error share read these.
  console.log(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: 'dvcwatch',
            Dimensions: [['Stage']],
            Metrics: [
              { Name: 'RoundsCompleted', Unit: 'Count' },
              { Name: 'RoundIncomplete', Unit: 'Count' },
              { Name: 'ErrorShare', Unit: 'None' },
              { Name: 'MissingResults', Unit: 'Count' },
            ],
          },
        ],
      },
      Stage: e.DVCWATCH_STAGE,
      RoundsCompleted: summary.finished ? 1 : 0,
      RoundIncomplete: summary.missing.length > 0 ? 1 : 0,
      ErrorShare: summary.results ? errors / summary.results : 0,
      MissingResults: summary.missing.length,
      at,
    }),
  );
  if (summary.finished && e.DVCWATCH_SITE_BUCKET) {
    await publishSite(
      deps.store,
      deps.registry,
      at,
      e.DVCWATCH_PROBE_LOCATION,
      {
        s3: awsClients().s3,
        bucket: e.DVCWATCH_SITE_BUCKET,
        cloudfront: e.DVCWATCH_DISTRIBUTION_ID ? cloudfront : null,
        distributionId: e.DVCWATCH_DISTRIBUTION_ID ?? null,
      },
      log,
    );
  }
  return summary;
});
